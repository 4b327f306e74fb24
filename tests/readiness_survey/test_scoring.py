"""Plain unit tests of readiness_survey's pure scoring (no database).

They pin the formula documented in addons/readiness_survey/readme/USAGE.md: rule points
per dimension, rescaled to 0-100 between the lowest and highest reachable totals, inverse
dimensions flipped, weighted mean; and the minimum-group-size rule of the aggregation.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.readiness_survey import scoring
from odoo.addons.readiness_survey.scoring import (
    MATCH_FILLED,
    Answer,
    Dimension,
    Respondent,
    Rule,
)

# A reduced copy of the shipped table: Q1 yes/partly/no, Q1b text, Q4 goals (multi),
# Q8 apprehension yes/no.
RULES = [
    Rule("q1", "understanding", 2, answer="q1_yes"),
    Rule("q1", "understanding", 1, answer="q1_partly"),
    Rule("q1", "understanding", 0, answer="q1_no"),
    Rule("q1b", "understanding", 1, match=MATCH_FILLED),
    Rule("q4", "benefits", 1, answer="g1"),
    Rule("q4", "benefits", 1, answer="g2"),
    Rule("q4", "benefits", 1, answer="g3"),
    Rule("q4", "benefits", 1, answer="g4"),
    Rule("q8", "apprehension", 3, answer="q8_yes"),
    Rule("q8", "apprehension", 0, answer="q8_no"),
]
MULTI = {"q4"}
DIMENSIONS = [
    Dimension("understanding", weight=40),
    Dimension("benefits", weight=20),
    Dimension("apprehension", weight=40, inverse=True),
]


def answers(**kwargs):
    result = {}
    for question, value in kwargs.items():
        if isinstance(value, str):
            result[question] = (
                Answer(filled=True) if value == "text" else Answer(frozenset([value]))
            )
        else:
            result[question] = Answer(frozenset(value))
    return result


def test_dimension_ranges_single_multi_and_filled():
    ranges = scoring.dimension_ranges(RULES, MULTI)
    assert ranges == {
        "understanding": (0.0, 3.0),  # best choice 2 + text 1
        "benefits": (0.0, 4.0),  # all four goals add up
        "apprehension": (0.0, 3.0),
    }


def test_negative_points_widen_the_range():
    rules = [Rule("q", "d", -2, answer="a"), Rule("q", "d", 1, answer="b")]
    assert scoring.dimension_ranges(rules) == {"d": (-2.0, 1.0)}
    result = scoring.score(answers(q="a"), rules, [Dimension("d")])
    assert result.dimensions["d"] == 0.0
    result = scoring.score({}, rules, [Dimension("d")])
    assert result.dimensions["d"] == pytest.approx(66.67)


def test_confident_respondent_scores_100():
    result = scoring.score(
        answers(q1="q1_yes", q1b="text", q4=["g1", "g2", "g3", "g4"], q8="q8_no"),
        RULES,
        DIMENSIONS,
        MULTI,
    )
    assert result.dimensions == {"understanding": 100.0, "benefits": 100.0, "apprehension": 0.0}
    assert result.index == 100.0
    assert result.band == scoring.BAND_HIGH


def test_apprehensive_respondent_known_values():
    # "No" to Q1, no definition, one goal, apprehensive: understanding 0, benefits 25,
    # apprehension 100 -> index = (40*0 + 20*25 + 40*(100-100)) / 100 = 5.
    result = scoring.score(answers(q1="q1_no", q4=["g4"], q8="q8_yes"), RULES, DIMENSIONS, MULTI)
    assert result.dimensions == {"understanding": 0.0, "benefits": 25.0, "apprehension": 100.0}
    assert result.index == 5.0
    assert result.band == scoring.BAND_LOW


def test_partial_answers_known_values():
    # "More or less" + a definition: understanding 2/3; goals 2/4; no apprehension.
    result = scoring.score(
        answers(q1="q1_partly", q1b="text", q4=["g2", "g4"], q8="q8_no"), RULES, DIMENSIONS, MULTI
    )
    assert result.dimensions["understanding"] == pytest.approx(66.67)
    assert result.index == pytest.approx((40 * 66.67 + 20 * 50 + 40 * 100) / 100, abs=0.01)
    assert result.band == scoring.BAND_HIGH


def test_skipped_question_counts_as_zero_points():
    result = scoring.score({}, RULES, DIMENSIONS, MULTI)
    assert result.dimensions["understanding"] == 0.0
    assert result.dimensions["apprehension"] == 0.0  # no apprehension expressed
    assert result.index == 40.0


def test_dimension_without_range_is_left_out_of_the_index():
    dims = [*DIMENSIONS, Dimension("experience", weight=100)]
    result = scoring.score(answers(q1="q1_yes"), RULES, dims, MULTI)
    assert result.dimensions["experience"] is None
    no_experience = scoring.score(answers(q1="q1_yes"), RULES, DIMENSIONS, MULTI)
    assert result.index == no_experience.index


def test_zero_weights_give_no_index():
    dims = [Dimension(d.code, weight=0, inverse=d.inverse) for d in DIMENSIONS]
    result = scoring.score(answers(q1="q1_yes"), RULES, dims, MULTI)
    assert result.index is None
    assert result.band is None


def test_weight_changes_the_index():
    heavy_understanding = [
        Dimension("understanding", weight=100),
        Dimension("apprehension", weight=1, inverse=True),
    ]
    result = scoring.score(answers(q1="q1_no", q8="q8_no"), RULES, heavy_understanding, MULTI)
    assert result.index == pytest.approx(100 / 101, abs=0.01)


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, "low"), (49.99, "low"), (50, "medium"), (74.99, "medium"), (75, "high"), (100, "high")],
)
def test_bands(index, expected):
    assert scoring.band(index) == expected


def _respondent(team, showroom, index):
    return Respondent(team, showroom, index, {"understanding": index})


def test_grouping_without_minimum_keeps_every_group():
    people = [
        _respondent("web", None, 80),
        _respondent("shops", "liege", 66),
        _respondent("shops", "liege", 4),
        _respondent("shops", "paris", 73),
    ]
    groups = scoring.group_respondents(people, min_size=1)
    assert [(g.team, g.showroom, g.count, g.index) for g in groups] == [
        ("shops", "liege", 2, 35.0),
        ("shops", "paris", 1, 73.0),
        ("web", None, 1, 80.0),
    ]
    assert groups[0].bands == {"low": 1, "medium": 1, "high": 0}


def test_small_showrooms_are_pooled_per_team():
    people = [_respondent("shops", "brussels", 90) for _i in range(3)]
    people += [_respondent("shops", "liege", 30), _respondent("shops", "namur", 60)]
    people += [_respondent("shops", "paris", 50)]
    groups = scoring.group_respondents(people, min_size=3)
    assert [(g.team, g.showroom, g.merged, g.count) for g in groups] == [
        ("shops", "brussels", False, 3),
        ("shops", None, True, 3),
    ]
    assert groups[1].index == pytest.approx(46.67)


def test_too_small_pool_absorbs_the_smallest_large_group():
    people = [_respondent("shops", "brussels", 90) for _i in range(3)]
    people += [_respondent("shops", "ghent", 80) for _i in range(4)]
    people += [_respondent("shops", "liege", 10)]
    groups = scoring.group_respondents(people, min_size=3)
    # Liège alone would expose one person: it is pooled with Brussels (the smallest).
    assert [(g.showroom, g.merged, g.count) for g in groups] == [
        ("ghent", False, 4),
        (None, True, 4),
    ]


def test_small_teams_are_pooled_across_teams():
    people = [_respondent("shops", "brussels", 90) for _i in range(3)]
    people += [_respondent("web", None, 80), _respondent("web", None, 70)]
    groups = scoring.group_respondents(people, min_size=3)
    # The two WEB answers cannot stand alone nor form a pool: they join Brussels.
    assert [(g.team, g.showroom, g.merged, g.count) for g in groups] == [(None, None, True, 5)]


def test_nothing_is_shown_below_the_minimum():
    people = [_respondent("web", None, 80), _respondent("shops", "liege", 30)]
    assert scoring.group_respondents(people, min_size=3) == []


def test_overall_index_is_weighted_by_group_size():
    people = [_respondent("shops", "a", 100)] * 3 + [_respondent("web", None, 40)]
    groups = scoring.group_respondents(people)
    assert scoring.overall_index(groups) == 85.0
    assert scoring.overall_index([]) is None


def test_compare_groups_only_matching_groups():
    before = scoring.group_respondents(
        [_respondent("shops", "liege", 20), _respondent("web", None, 80)]
    )
    after = scoring.group_respondents(
        [_respondent("shops", "liege", 55), _respondent("shops", "paris", 70)]
    )
    assert scoring.compare_groups(before, after) == {("shops", "liege", False): 35.0}


def test_least_ready():
    items = [("a", 80), ("b", 3), ("c", 49.9), ("d", None), ("e", 20)]
    assert scoring.least_ready(items, threshold=50) == ["b", "e", "c"]
    assert scoring.least_ready(items, threshold=50, limit=2) == ["b", "e"]


# --- properties -------------------------------------------------------------------------

questions = st.sampled_from(["q1", "q2", "q3", "q4"])
choice_keys = st.sampled_from(["a", "b", "c", "d"])
rule_strategy = st.builds(
    Rule,
    question=questions,
    dimension=st.sampled_from(["understanding", "benefits", "apprehension"]),
    points=st.floats(min_value=-5, max_value=5, allow_nan=False),
    match=st.sampled_from(["answer", "filled"]),
    answer=choice_keys,
)
answer_strategy = st.dictionaries(
    questions,
    st.builds(Answer, choices=st.frozensets(choice_keys, max_size=4), filled=st.booleans()),
)
dimension_strategy = st.lists(
    st.builds(
        Dimension,
        code=st.sampled_from(["understanding", "benefits", "apprehension"]),
        weight=st.floats(min_value=0, max_value=100, allow_nan=False),
        inverse=st.booleans(),
    ),
    max_size=3,
    unique_by=lambda d: d.code,
)


@settings(max_examples=300, deadline=None)
@given(
    rules=st.lists(rule_strategy, max_size=12),
    given_answers=answer_strategy,
    dims=dimension_strategy,
)
def test_index_and_dimensions_always_within_0_100(rules, given_answers, dims):
    # Every question is treated as multiple choice so any set of choices is legal.
    result = scoring.score(given_answers, rules, dims, multi_questions={"q1", "q2", "q3", "q4"})
    for value in result.dimensions.values():
        assert value is None or 0 <= value <= 100
    assert result.index is None or 0 <= result.index <= 100


@settings(max_examples=300, deadline=None)
@given(
    rules=st.lists(rule_strategy, max_size=12),
    given_answers=answer_strategy,
    dims=dimension_strategy,
    points=st.floats(min_value=0.5, max_value=5, allow_nan=False),
    inverse=st.booleans(),
)
def test_filling_a_positive_question_moves_the_index_one_way(
    rules, given_answers, dims, points, inverse
):
    """Answering a question worth positive points never lowers the index of a normal
    dimension, and never raises it for an inverse (apprehension) dimension."""
    rules = [*rules, Rule("q_new", "extra", points, match=MATCH_FILLED)]
    dims = [*dims, Dimension("extra", weight=10, inverse=inverse)]
    multi = {"q1", "q2", "q3", "q4"}
    before = scoring.score(given_answers, rules, dims, multi)
    after = scoring.score({**given_answers, "q_new": Answer(filled=True)}, rules, dims, multi)
    if inverse:
        assert after.index <= before.index + 1e-9
    else:
        assert after.index >= before.index - 1e-9


team_strategy = st.sampled_from(["web", "shops", None])
showroom_strategy = st.sampled_from(["liege", "brussels", "namur", "ghent", "paris", None])
respondent_strategy = st.builds(
    Respondent,
    team=team_strategy,
    showroom=showroom_strategy,
    index=st.floats(min_value=0, max_value=100, allow_nan=False),
)


@settings(max_examples=300, deadline=None)
@given(people=st.lists(respondent_strategy, max_size=40), min_size=st.integers(1, 8))
def test_groups_respect_minimum_size_and_count_everyone(people, min_size):
    groups = scoring.group_respondents(people, min_size=min_size)
    if len(people) < min_size:
        assert groups == []
        return
    assert all(group.count >= min_size for group in groups)
    assert sum(group.count for group in groups) == len(people)
    assert sum(sum(group.bands.values()) for group in groups) == len(people)
    mean = sum(p.index for p in people) / len(people) if people else None
    if people:
        assert scoring.overall_index(groups) == pytest.approx(mean, abs=0.01 * len(groups) + 0.01)
