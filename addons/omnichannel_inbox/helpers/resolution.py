# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The resolution clock of a ticket: a target in working minutes that runs while the team
works on the ticket and pauses while the ticket waits for the customer. Pure Python.

The clock is three numbers kept on the ticket: the target, the working minutes already used
before the current run, and when the current run started (``None`` while paused or stopped).
The team's calendar comes in as two functions: ``between(start, end)`` → working minutes,
``add(start, minutes)`` → the moment (naive UTC), see :mod:`.working_hours`.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from . import sla as sla_rules

PAUSED = "paused"


@dataclass(frozen=True)
class Clock:
    target: float  # working minutes
    consumed: float = 0.0  # working minutes used before ``running_since``
    running_since: datetime | None = None


def used(clock, now, between):
    """Working minutes used by ``now``."""
    if clock.running_since is None:
        return clock.consumed
    return clock.consumed + between(clock.running_since, now)


def pause(clock, now, between):
    """Stop the run at ``now``, keeping the minutes used (idempotent)."""
    if clock.running_since is None:
        return clock
    return replace(clock, consumed=used(clock, now, between), running_since=None)


def resume(clock, now):
    """Run again from ``now`` (idempotent)."""
    if clock.running_since is not None:
        return clock
    return replace(clock, running_since=now)


def deadlines(clock, add, at_risk_ratio=sla_rules.DEFAULT_AT_RISK_RATIO):
    """``(deadline, at_risk_date)`` of a running clock; ``(None, None)`` while paused."""
    if clock.running_since is None:
        return None, None
    left = max(0.0, clock.target - clock.consumed)
    risk_left = max(0.0, sla_rules.at_risk_minutes(clock.target, at_risk_ratio) - clock.consumed)
    return add(clock.running_since, left), add(clock.running_since, risk_left)


def status(clock, now, deadline, at_risk_date, between):
    """``breached`` once the minutes used reach the target (also while paused), else
    ``paused`` while paused, else the first-response rule (running / at risk / breached)."""
    if clock.running_since is None:
        return sla_rules.BREACHED if clock.consumed >= clock.target else PAUSED
    return sla_rules.sla_status(now, deadline, at_risk_date, None)


def final_status(clock, now, between):
    """Status once resolved at ``now``: met within the target, else breached."""
    return sla_rules.MET if used(clock, now, between) <= clock.target else sla_rules.BREACHED
