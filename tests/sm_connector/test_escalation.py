"""Escalation ladder: when a follow-up step is due (pure function)."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sm_connector.mappers.escalation import LadderFacts, Step, step_due

NOW = datetime(2026, 12, 10, 9, 0)
REMIND = Step("pickup_reminder", "days_after", 5)
SLIP = Step("delay_slip", "date_slips", 7)


def test_reminder_due_after_the_days_and_not_before():
    sent = NOW - timedelta(days=5)
    assert step_due("ready_for_pickup", REMIND, LadderFacts("ready_for_pickup", sent), NOW)
    early = LadderFacts("ready_for_pickup", sent + timedelta(seconds=1))
    assert not step_due("ready_for_pickup", REMIND, early, NOW)


def test_no_step_once_the_order_moved_on_or_without_a_sent_message():
    sent = NOW - timedelta(days=30)
    assert not step_due("ready_for_pickup", REMIND, LadderFacts("delivered", sent), NOW)
    assert not step_due("ready_for_pickup", REMIND, LadderFacts("ready_for_pickup", None), NOW)


def test_slip_counts_from_the_first_date_announced():
    sent = NOW - timedelta(days=1)
    slipped = LadderFacts("awaiting_stock", sent, "2026-12-01", "2026-12-09")
    assert step_due("delay", SLIP, slipped, NOW)
    exactly = LadderFacts("awaiting_stock", sent, "2026-12-01", "2026-12-08")
    assert not step_due("delay", SLIP, exactly, NOW)
    assert not step_due("delay", SLIP, LadderFacts("awaiting_stock", sent, "2026-12-01"), NOW)


def test_unknown_trigger_is_refused():
    with pytest.raises(ValueError):
        step_due("delay", Step("x", "weekly", 1), LadderFacts("confirmed", NOW), NOW)


@given(days=st.integers(0, 60), waited=st.integers(0, 90))
def test_days_after_is_monotonic(days, waited):
    facts = LadderFacts("ready_for_pickup", NOW - timedelta(days=waited))
    assert step_due("ready_for_pickup", Step("k", "days_after", days), facts, NOW) == (
        waited >= days
    )
