# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The resolution clock (helpers/resolution.py) on real working hours (helpers/working_hours)."""

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers import resolution as clock
from odoo.addons.omnichannel_inbox.helpers.working_hours import (
    Slot,
    add_working_minutes,
    working_minutes_between,
)

# Monday-Friday 09:00-17:00 in Brussels
SLOTS = [Slot(day, 9.0, 17.0) for day in range(5)]
TZ = "Europe/Brussels"


def add(moment, minutes):
    return add_working_minutes(moment, minutes, SLOTS, TZ)


def between(start, end):
    return working_minutes_between(start, end, SLOTS, TZ)


def test_paused_over_the_weekend_resumed_on_monday():
    # 16 working hours; starts Thursday 26 Nov 2026 10:00 Brussels (09:00 UTC)
    c = clock.resume(clock.Clock(target=16 * 60), datetime(2026, 11, 26, 9, 0))
    deadline, _risk = clock.deadlines(c, add)
    assert deadline == datetime(2026, 11, 30, 9, 0)  # Thu 7 h + Fri 8 h + Mon 1 h
    # waiting for the customer from Friday 12:00 (local): 7 + 3 hours used
    c = clock.pause(c, datetime(2026, 11, 27, 11, 0), between)
    assert c.consumed == 10 * 60 and c.running_since is None
    assert clock.deadlines(c, add) == (None, None)
    assert clock.status(c, datetime(2026, 11, 28, 12, 0), None, None, between) == clock.PAUSED
    # the customer answers Sunday night: the clock runs again from Monday 09:00
    c = clock.resume(c, datetime(2026, 11, 29, 21, 0))
    deadline, _risk = clock.deadlines(c, add)
    assert deadline == datetime(2026, 11, 30, 14, 0)  # 6 hours left: Monday 15:00 local
    assert clock.used(c, datetime(2026, 11, 30, 10, 0), between) == 10 * 60 + 120


def test_breached_stays_breached_while_paused():
    c = clock.Clock(target=60, consumed=90)
    assert clock.status(c, datetime(2026, 11, 30), None, None, between) == "breached"
    assert clock.final_status(c, datetime(2026, 11, 30), between) == "breached"


@given(
    st.integers(min_value=1, max_value=5000),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1)),
    st.integers(min_value=0, max_value=20000),
)
def test_pause_then_resume_at_once_keeps_the_deadline(target, start, minutes):
    """Pausing and resuming at the same moment moves nothing."""
    c = clock.resume(clock.Clock(target=target), start)
    later = add(start, min(minutes, target))
    same = clock.resume(clock.pause(c, later, between), later)
    assert abs(clock.deadlines(same, add)[0] - clock.deadlines(c, add)[0]).total_seconds() < 1
