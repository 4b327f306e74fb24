# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Readiness scoring, free of Odoo: answers -> dimension points -> index 0-100 -> groups.

Models read the scoring table and the survey answers, turn them into the plain values
below, call these functions and store what comes out. Keeping the arithmetic here makes
it testable without a database and keeps the rules in one readable place.

Formula (see readme/USAGE.md, "How the score is computed"):

* every scoring rule gives ``points`` to one dimension when it matches an answer: either a
  given choice was picked (``match="answer"``) or the question got any non-empty answer
  (``match="filled"``); an unanswered question gives 0 points;
* a dimension's raw points are rescaled to 0-100 between the lowest and the highest total
  the rules allow (``dimension_ranges``);
* an *inverse* dimension (apprehension) counts as ``100 - score`` in the index;
* the readiness index is the weighted mean of the dimensions that can vary, 0-100.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

MATCH_ANSWER = "answer"
MATCH_FILLED = "filled"

BAND_LOW = "low"
BAND_MEDIUM = "medium"
BAND_HIGH = "high"
BANDS = (BAND_LOW, BAND_MEDIUM, BAND_HIGH)
# Index below 50: needs support; 50 to 75: getting ready; 75 and above: ready.
BAND_THRESHOLDS = (50.0, 75.0)


@dataclass(frozen=True)
class Rule:
    """One line of the scoring table."""

    question: Hashable
    dimension: str
    points: float
    match: str = MATCH_ANSWER
    answer: Hashable | None = None


@dataclass(frozen=True)
class Dimension:
    """A readiness dimension; ``inverse`` ones lower the index when they score high."""

    code: str
    weight: float = 1.0
    inverse: bool = False


@dataclass(frozen=True)
class Answer:
    """What a respondent gave to one question: the choices picked, or any text/value."""

    choices: frozenset = frozenset()
    filled: bool = False

    @property
    def answered(self):
        return self.filled or bool(self.choices)


@dataclass(frozen=True)
class Score:
    """Per-dimension scores (0-100, ``None`` when the rules cannot vary) and the index."""

    dimensions: Mapping[str, float | None]
    index: float | None
    band: str | None


@dataclass(frozen=True)
class Respondent:
    """One scored respondent as seen by the aggregation: group keys and scores only."""

    team: Hashable | None
    showroom: Hashable | None
    index: float
    dimensions: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupResult:
    """Aggregate over one group of respondents.

    ``merged`` is set when the group pools several smaller groups to reach the minimum
    size; ``team``/``showroom`` are then ``None`` where the pooled groups differ.
    """

    team: Hashable | None
    showroom: Hashable | None
    merged: bool
    count: int
    index: float
    dimensions: Mapping[str, float | None]
    bands: Mapping[str, int]

    @property
    def key(self):
        return (self.team, self.showroom, self.merged)


def _question_ranges(rules, multi_questions):
    """Yield (dimension, low, high) contributed by each question of ``rules``."""
    by_question = defaultdict(list)
    for rule in rules:
        by_question[(rule.question, rule.dimension)].append(rule)
    for (question, dimension), question_rules in by_question.items():
        low = high = 0.0
        choice_points = [r.points for r in question_rules if r.match == MATCH_ANSWER]
        if choice_points:
            if question in multi_questions:
                low += sum(p for p in choice_points if p < 0)
                high += sum(p for p in choice_points if p > 0)
            else:
                # One choice at most, or none when the question is skipped.
                low += min(0.0, *choice_points)
                high += max(0.0, *choice_points)
        for rule in question_rules:
            if rule.match == MATCH_FILLED:
                low += min(0.0, rule.points)
                high += max(0.0, rule.points)
        yield dimension, low, high


def dimension_ranges(rules: Iterable[Rule], multi_questions=frozenset()):
    """Lowest and highest raw points each dimension can reach under ``rules``.

    :param multi_questions: questions where several choices can be picked at once.
    :return: ``{dimension: (low, high)}``
    """
    ranges = {}
    for dimension, low, high in _question_ranges(list(rules), set(multi_questions)):
        old_low, old_high = ranges.get(dimension, (0.0, 0.0))
        ranges[dimension] = (old_low + low, old_high + high)
    return ranges


def rule_matches(rule: Rule, answer: Answer | None):
    """Whether ``rule`` applies to what was answered to its question."""
    if answer is None:
        return False
    if rule.match == MATCH_FILLED:
        return answer.answered
    return rule.answer in answer.choices


def raw_points(answers: Mapping[Hashable, Answer], rules: Iterable[Rule]):
    """Sum of the points of the matching rules, per dimension."""
    points = defaultdict(float)
    for rule in rules:
        if rule_matches(rule, answers.get(rule.question)):
            points[rule.dimension] += rule.points
    return dict(points)


def band(index: float | None):
    """Readiness band of an index: low (< 50), medium (< 75) or high."""
    if index is None:
        return None
    low, high = BAND_THRESHOLDS
    if index < low:
        return BAND_LOW
    if index < high:
        return BAND_MEDIUM
    return BAND_HIGH


def _clamp(value):
    return max(0.0, min(100.0, value))


def index_from_dimensions(dimension_scores: Mapping[str, float | None], dimensions):
    """Weighted mean of the dimension scores, inverse dimensions counted as 100 - score."""
    total = weights = 0.0
    for dimension in dimensions:
        score = dimension_scores.get(dimension.code)
        if score is None or dimension.weight <= 0:
            continue
        total += dimension.weight * (100.0 - score if dimension.inverse else score)
        weights += dimension.weight
    if not weights:
        return None
    return round(_clamp(total / weights), 2)


def score(
    answers: Mapping[Hashable, Answer],
    rules: Iterable[Rule],
    dimensions: Iterable[Dimension],
    multi_questions=frozenset(),
):
    """Score one respondent.

    :param answers: ``{question: Answer}`` for the questions the respondent answered.
    :param rules: the scoring table.
    :param dimensions: dimensions with their weight and direction.
    :param multi_questions: questions allowing several choices.
    :return: :class:`Score`
    """
    rules = list(rules)
    dimensions = list(dimensions)
    ranges = dimension_ranges(rules, multi_questions)
    points = raw_points(answers, rules)
    scores = {}
    for dimension in dimensions:
        low, high = ranges.get(dimension.code, (0.0, 0.0))
        if high <= low:
            scores[dimension.code] = None
            continue
        raw = points.get(dimension.code, 0.0)
        scores[dimension.code] = round(_clamp(100.0 * (raw - low) / (high - low)), 2)
    index = index_from_dimensions(scores, dimensions)
    return Score(dimensions=scores, index=index, band=band(index))


def _mean(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return round(sum(values) / len(values), 2)


def summarise(team, showroom, members, merged=False):
    """Aggregate a list of :class:`Respondent` into a :class:`GroupResult`."""
    codes = sorted({code for member in members for code in member.dimensions})
    bands = dict.fromkeys(BANDS, 0)
    for member in members:
        bands[band(member.index)] += 1
    return GroupResult(
        team=team,
        showroom=showroom,
        merged=merged,
        count=len(members),
        index=_mean(m.index for m in members),
        dimensions={code: _mean(m.dimensions.get(code) for m in members) for code in codes},
        bands=bands,
    )


def _sort_key(value):
    # Group keys may mix None and ints/strings: order None last, then by text.
    return (value is None, str(value))


def group_respondents(respondents: Iterable[Respondent], min_size: int = 1):
    """Aggregate respondents by (team, showroom), never below ``min_size`` people.

    With ``min_size <= 1`` every (team, showroom) group is returned as is. Otherwise
    groups smaller than ``min_size`` are pooled, so that each returned group counts at
    least ``min_size`` respondents and every respondent is counted exactly once:

    1. inside a team, small showroom groups are pooled into one "other showrooms" group;
       if that pool is still too small it absorbs the team's smallest large group;
    2. a team with fewer than ``min_size`` respondents in total joins a pool across teams,
       which absorbs the smallest returned group when it is still too small;
    3. nothing is returned when fewer than ``min_size`` people answered at all.

    :return: list of :class:`GroupResult`, sorted by team then showroom.
    """
    respondents = list(respondents)
    cells = defaultdict(list)
    for respondent in respondents:
        cells[(respondent.team, respondent.showroom)].append(respondent)
    if min_size <= 1:
        return [
            summarise(team, showroom, members)
            for (team, showroom), members in sorted(
                cells.items(), key=lambda item: tuple(map(_sort_key, item[0]))
            )
        ]
    if len(respondents) < min_size:
        return []

    teams = defaultdict(list)
    for (team, showroom), members in cells.items():
        teams[team].append((showroom, members))
    rows = []  # (team, showroom, merged, members)
    leftovers = []
    for team in sorted(teams, key=_sort_key):
        team_rows, team_leftovers = _pool_team(team, teams[team], min_size)
        rows += team_rows
        leftovers += team_leftovers
    if leftovers:
        if len(leftovers) < min_size:
            smallest = min(rows, key=lambda row: len(row[3]))
            rows.remove(smallest)
            leftovers += smallest[3]
        rows.append((None, None, True, leftovers))
    rows.sort(key=lambda row: (_sort_key(row[0]), _sort_key(row[1]), row[2]))
    return [summarise(team, showroom, members, merged) for team, showroom, merged, members in rows]


def _pool_team(team, team_cells, min_size):
    """Rows of one team with small showroom groups pooled; members left over when the
    whole team is smaller than ``min_size``."""
    team_cells = sorted(team_cells, key=lambda cell: _sort_key(cell[0]))
    large = [(team, showroom, False, m) for showroom, m in team_cells if len(m) >= min_size]
    pool = [member for _showroom, m in team_cells if len(m) < min_size for member in m]
    if pool and len(pool) < min_size:
        if not large:
            return [], pool
        smallest = min(large, key=lambda row: len(row[3]))
        large.remove(smallest)
        pool += smallest[3]
    if pool:
        large.append((team, None, True, pool))
    return large, []


def overall_index(groups: Iterable[GroupResult]):
    """Mean index over all respondents of ``groups`` (groups weighted by their size)."""
    groups = [g for g in groups if g.count and g.index is not None]
    count = sum(g.count for g in groups)
    if not count:
        return None
    return round(sum(g.index * g.count for g in groups) / count, 2)


def compare_groups(previous: Iterable[GroupResult], current: Iterable[GroupResult]):
    """Index change per group between two waves, for groups present in both.

    :return: ``{(team, showroom, merged): current.index - previous.index}``
    """
    before = {group.key: group for group in previous}
    deltas = {}
    for group in current:
        old = before.get(group.key)
        if old is not None and old.index is not None and group.index is not None:
            deltas[group.key] = round(group.index - old.index, 2)
    return deltas


def least_ready(
    items: Iterable[tuple[Hashable, float]], threshold: float, limit: int | None = None
):
    """Keys of the respondents whose index is below ``threshold``, least ready first.

    :param items: ``(key, index)`` pairs.
    """
    ranked = sorted(
        ((key, index) for key, index in items if index is not None and index < threshold),
        key=lambda item: (item[1], _sort_key(item[0])),
    )
    keys = [key for key, _index in ranked]
    return keys if limit is None else keys[:limit]


def readiness_of(score_value: float | None, inverse: bool):
    """How ready a dimension score says someone is: ``100 - score`` for inverse ones."""
    if score_value is None:
        return None
    return 100.0 - score_value if inverse else score_value


def barrier(
    dimension_scores: Mapping[str, float | None],
    dimensions: Iterable[Dimension],
    threshold: float,
):
    """The *barrier point* (ADKAR): the first dimension, in the given order, under ``threshold``.

    Dimensions the rules cannot measure (score ``None``) are skipped, inverse ones are read
    as ``100 - score``; a dimension exactly at the threshold is not a barrier.

    :param dimension_scores: ``{code: score 0-100 or None}`` of a respondent or a group.
    :param dimensions: dimensions in their model order (e.g. Awareness before Desire).
    :return: the code of the barrier dimension, or ``None`` when every one is at or above.
    """
    for dimension in dimensions:
        ready = readiness_of(dimension_scores.get(dimension.code), dimension.inverse)
        if ready is not None and ready < threshold:
            return dimension.code
    return None


def compare_dimensions(previous: Iterable[GroupResult], current: Iterable[GroupResult]):
    """Change of each dimension score per group between two waves.

    :return: ``{((team, showroom, merged), code): current - previous}``, for the groups and
        dimensions measured in both waves.
    """
    before = {group.key: group for group in previous}
    deltas = {}
    for group in current:
        old = before.get(group.key)
        if old is None:
            continue
        for code, value in group.dimensions.items():
            old_value = old.dimensions.get(code)
            if value is not None and old_value is not None:
                deltas[(group.key, code)] = round(value - old_value, 2)
    return deltas


def group_of(team, showroom, shown_keys):
    """The shown group a person of ``(team, showroom)`` falls in, or ``None``.

    Mirrors the pooling of :func:`group_respondents`: their own (team, showroom) group when
    it is shown, else their team's pool of small showrooms, else the pool across teams.

    :param shown_keys: the ``(team, showroom, merged)`` keys of the published groups.
    """
    for key in ((team, showroom, False), (team, None, True), (None, None, True)):
        if key in shown_keys:
            return key
    return None
