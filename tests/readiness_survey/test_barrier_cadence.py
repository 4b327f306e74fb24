"""Plain unit tests of the barrier point, heatmap deltas, group membership and pulse cadence."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.readiness_survey import cadence, scoring
from odoo.addons.readiness_survey.scoring import Dimension, GroupResult

ADKAR = [
    Dimension("awareness"),
    Dimension("desire"),
    Dimension("knowledge"),
    Dimension("ability"),
    Dimension("reinforcement"),
]


def test_barrier_is_the_first_dimension_under_the_threshold_in_model_order():
    scores = {"awareness": 80, "desire": 40, "knowledge": 10, "ability": 90}
    # Knowledge is lower, but Desire comes first in ADKAR: that is where change stops.
    assert scoring.barrier(scores, ADKAR, 50) == "desire"


def test_no_barrier_when_every_dimension_is_at_or_above_the_threshold():
    scores = {"awareness": 50, "desire": 60, "knowledge": 70, "ability": 99}
    assert scoring.barrier(scores, ADKAR, 50) is None


def test_unmeasured_dimensions_are_skipped():
    scores = {"awareness": None, "desire": 70, "knowledge": 30, "reinforcement": None}
    assert scoring.barrier(scores, ADKAR, 50) == "knowledge"


def test_inverse_dimensions_are_read_in_the_ready_direction():
    dims = [Dimension("understanding"), Dimension("apprehension", inverse=True)]
    assert scoring.barrier({"understanding": 90, "apprehension": 80}, dims, 50) == "apprehension"
    assert scoring.barrier({"understanding": 90, "apprehension": 20}, dims, 50) is None


@given(st.lists(st.one_of(st.none(), st.floats(0, 100)), min_size=5, max_size=5), st.floats(0, 100))
def test_barrier_property(values, threshold):
    scores = {dim.code: value for dim, value in zip(ADKAR, values, strict=True)}
    found = scoring.barrier(scores, ADKAR, threshold)
    under = [d.code for d in ADKAR if scores[d.code] is not None and scores[d.code] < threshold]
    assert found == (under[0] if under else None)


def _group(team, showroom, dims, merged=False):
    return GroupResult(team, showroom, merged, 3, 50.0, dims, {})


def test_dimension_deltas_only_for_groups_and_dimensions_in_both_waves():
    before = [
        _group(1, 10, {"awareness": 40.0, "desire": 20.0}),
        _group(2, None, {"awareness": 1.0}),
    ]
    after = [
        _group(1, 10, {"awareness": 70.0, "desire": None}),
        _group(3, None, {"awareness": 9.0}),
    ]
    assert scoring.compare_dimensions(before, after) == {((1, 10, False), "awareness"): 30.0}


def test_group_of_follows_the_pooling():
    shown = {(1, 10, False), (1, None, True), (None, None, True)}
    assert scoring.group_of(1, 10, shown) == (1, 10, False)
    assert scoring.group_of(1, 11, shown) == (1, None, True)
    assert scoring.group_of(2, None, shown) == (None, None, True)
    assert scoring.group_of(2, None, {(1, 10, False)}) is None


def test_parse_days():
    assert cadence.parse_days(" 5,3, 3 ") == (3, 5)
    assert cadence.parse_days("") == ()
    assert cadence.parse_days(False) == ()
    for bad in ("0", "-1", "three", "3;5"):
        with pytest.raises(ValueError):
            cadence.parse_days(bad)


@pytest.mark.parametrize(
    ("days_open", "last_done", "expected"),
    [(0, 0, None), (2, 0, None), (3, 0, 3), (4, 3, None), (5, 3, 5), (9, 5, None), (6, 0, 5)],
)
def test_due_reminder_day(days_open, last_done, expected):
    assert cadence.due_reminder_day((3, 5), days_open, last_done) == expected


def test_next_run_skips_missed_periods():
    start = datetime.date(2026, 1, 5)
    assert cadence.next_run(start, datetime.date(2026, 1, 5), 14) == datetime.date(2026, 1, 19)
    assert cadence.next_run(start, datetime.date(2026, 2, 20), 14) == datetime.date(2026, 3, 2)
    assert cadence.next_run(start, datetime.date(2026, 1, 1), 14) == start
    with pytest.raises(ValueError):
        cadence.next_run(start, start, 0)
