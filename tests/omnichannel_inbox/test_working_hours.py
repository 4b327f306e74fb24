"""SLA deadlines on working hours (pure helper)."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.working_hours import (
    Slot,
    add_working_minutes,
    is_working_time,
    normalize_slots,
    slots_from_attendances,
    working_minutes_between,
)

# Mon-Fri 09:00-12:30 and 13:00-17:00, Brussels
OFFICE = [Slot(d, 9.0, 12.5) for d in range(5)] + [Slot(d, 13.0, 17.0) for d in range(5)]
TZ = "Europe/Brussels"


def utc(*args):
    return datetime(*args)


def test_inside_the_same_morning():
    # Monday 2026-11-23 10:00 Brussels = 09:00 UTC
    assert add_working_minutes(utc(2026, 11, 23, 9), 60, OFFICE, TZ) == utc(2026, 11, 23, 10)


def test_lunch_break_is_skipped():
    # 12:00 local + 60 working minutes: 30 before lunch, 30 after -> 13:30 local
    assert add_working_minutes(utc(2026, 11, 23, 11), 60, OFFICE, TZ) == utc(2026, 11, 23, 12, 30)


def test_friday_evening_goes_to_monday():
    # Friday 2026-11-27 16:30 local + 60 min -> Monday 09:30 local (08:30 UTC)
    assert add_working_minutes(utc(2026, 11, 27, 15, 30), 60, OFFICE, TZ) == utc(
        2026, 11, 30, 8, 30
    )


def test_weekend_start_counts_from_monday_morning():
    assert add_working_minutes(utc(2026, 11, 28, 12), 30, OFFICE, TZ) == utc(2026, 11, 30, 8, 30)


def test_one_business_day():
    # Monday 09:00 local + 7.5 h -> Monday 17:00 local
    assert add_working_minutes(utc(2026, 11, 23, 8), 450, OFFICE, TZ) == utc(2026, 11, 23, 16)


def test_public_holiday_is_skipped():
    holiday = (utc(2026, 11, 23, 0), utc(2026, 11, 24, 0))  # whole Monday (UTC bounds)
    deadline = add_working_minutes(utc(2026, 11, 23, 8), 60, OFFICE, TZ, leaves=[holiday])
    assert deadline == utc(2026, 11, 24, 9)


def test_daylight_saving_time_switch():
    # Sunday 2026-03-29 Europe switches to summer time: Monday 09:00 local = 07:00 UTC
    assert add_working_minutes(utc(2026, 3, 27, 15, 30), 60, OFFICE, TZ) == utc(2026, 3, 30, 7, 30)


def test_zero_and_no_hours():
    start = utc(2026, 11, 23, 9)
    assert add_working_minutes(start, 0, OFFICE, TZ) == start
    with pytest.raises(ValueError):
        add_working_minutes(start, 10, [], TZ)


def test_working_minutes_between_and_is_working_time():
    assert working_minutes_between(utc(2026, 11, 23, 8), utc(2026, 11, 24, 8), OFFICE, TZ) == 450
    assert working_minutes_between(utc(2026, 11, 24, 8), utc(2026, 11, 23, 8), OFFICE, TZ) == 0
    assert is_working_time(utc(2026, 11, 23, 9), OFFICE, TZ)
    assert not is_working_time(utc(2026, 11, 23, 11, 45), OFFICE, TZ)  # lunch
    assert not is_working_time(utc(2026, 11, 28, 10), OFFICE, TZ)  # Saturday


def test_slots_from_attendances_and_merging():
    rows = [
        {"dayofweek": "0", "hour_from": 9, "hour_to": 12, "day_period": "morning"},
        {"dayofweek": "0", "hour_from": 12, "hour_to": 13, "day_period": "lunch"},
        {"dayofweek": "0", "hour_from": 11, "hour_to": 17, "day_period": "afternoon"},
        {"dayofweek": "1", "hour_from": 9, "hour_to": 9, "day_period": "morning"},
    ]
    assert normalize_slots(slots_from_attendances(rows)) == {0: [(9.0, 17.0)]}


def test_unknown_time_zone_falls_back_to_utc():
    assert add_working_minutes(utc(2026, 11, 23, 9), 60, OFFICE, "Mars/Olympus") == utc(
        2026, 11, 23, 10
    )


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31))


@settings(max_examples=150, deadline=None)
@given(start=moments, minutes=st.floats(min_value=1, max_value=6000))
def test_deadline_holds_exactly_the_working_minutes(start, minutes):
    deadline = add_working_minutes(start, minutes, OFFICE, TZ)
    assert deadline > start
    assert working_minutes_between(start, deadline, OFFICE, TZ) == pytest.approx(minutes, abs=1e-3)


@settings(max_examples=100, deadline=None)
@given(
    start=moments,
    first=st.floats(min_value=0, max_value=3000),
    second=st.floats(min_value=0, max_value=3000),
)
def test_adding_in_two_steps_is_adding_once(start, first, second):
    once = add_working_minutes(start, first + second, OFFICE, TZ)
    twice = add_working_minutes(add_working_minutes(start, first, OFFICE, TZ), second, OFFICE, TZ)
    assert abs((once - twice).total_seconds()) < 1e-3


@settings(max_examples=100, deadline=None)
@given(start=moments, minutes=st.floats(min_value=0.5, max_value=3000))
def test_deadline_is_within_working_time_or_at_its_end(start, minutes):
    deadline = add_working_minutes(start, minutes, OFFICE, TZ)
    assert is_working_time(deadline - timedelta(seconds=1), OFFICE, TZ)
