# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a cockpit figure is, and the small sums behind the figures (no Odoo environment)."""

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Figure:
    """One cockpit figure: the list behind it and, optionally, a value read from that list.

    ``model`` and ``domain`` are the records the figure counts and opens (the same domain
    for both, so the figure always equals the list); ``value`` is a display value computed
    over those same records when the count alone says too little (a rate, an average, a
    date); ``view_mode`` is the action's ``view_mode`` ("list,form" unless the list is a
    report)."""

    model: str
    domain: list = field(default_factory=list)
    value: str | None = None
    view_mode: str = "list,form"


def percent(part, whole):
    """``part`` of ``whole`` in percent (float), or ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return 100.0 * part / whole


def week_start(day):
    """The Monday of ``day``'s ISO week (PostgreSQL's ``date_trunc('week', …)``)."""
    if not isinstance(day, date):
        raise TypeError("week_start() needs a date")
    return day - timedelta(days=day.weekday())


def weeks_back(today, weeks):
    """The Monday ``weeks`` full weeks before ``today``'s week (0: this week's Monday)."""
    if weeks < 0:
        raise ValueError("weeks must be 0 or more")
    return week_start(today) - timedelta(weeks=weeks)
