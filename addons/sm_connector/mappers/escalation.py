# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""When a follow-up step of an order's escalation ladder is due (pure: no Odoo environment).

A ladder follows one kind of customer message (ready for pickup, delay…): each step fires once
per order (its `key` is the order event's key), when its trigger holds and the order is still
where the message left it (an order that moved on needs no follow-up).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

# SM statuses in which the message a ladder follows still stands
STILL_OPEN = {
    "ready_for_pickup": frozenset({"ready_for_pickup"}),
    "delay": frozenset({"confirmed", "awaiting_stock"}),
    "line_unavailable": frozenset({"confirmed", "awaiting_stock"}),
    "procedure": frozenset({"confirmed", "awaiting_stock"}),
}
TRIGGERS = ("days_after", "date_slips")


@dataclass(frozen=True)
class Step:
    """One rung: `days_after` (N days after the message) or `date_slips` (the promised date
    moved again, more than N days past the first date announced)."""

    key: str
    trigger: str
    days: int


@dataclass(frozen=True)
class LadderFacts:
    """What one order's ladder looks at.

    status: the order's SM status now; sent_at: when the followed message was sent (naive UTC
    datetime, None if never); first_announced: the first new date that message announced
    (ISO date string or None); promised: the order's promised date now (ISO date or None).
    """

    status: str | None
    sent_at: datetime | None
    first_announced: str | None = None
    promised: str | None = None


def step_due(ladder, step, facts, now):
    """Whether ``step`` of the ladder following ``ladder`` messages is due at ``now``.

    :param ladder: event type code the ladder follows (``ready_for_pickup``, ``delay``…)
    :param step: :class:`Step`; :param facts: :class:`LadderFacts`; :param now: naive UTC
    :raises ValueError: unknown trigger
    """
    if step.trigger not in TRIGGERS:
        raise ValueError(f"unknown escalation trigger {step.trigger!r}")
    if facts.sent_at is None or facts.status not in STILL_OPEN.get(ladder, ()):
        return False
    if step.trigger == "days_after":
        return facts.sent_at + timedelta(days=step.days) <= now
    if not (facts.first_announced and facts.promised):
        return False
    slipped = date.fromisoformat(facts.promised) - date.fromisoformat(facts.first_announced)
    return slipped.days > step.days
