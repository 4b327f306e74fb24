# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pulse cadence and reminder days, free of Odoo (dates in, dates or day numbers out)."""

import datetime


def parse_days(text):
    """Day numbers of a comma-separated text such as ``"3, 5"``, sorted, unique, positive.

    :raise ValueError: on anything but positive integers.
    """
    days = set()
    for raw in (text or "").split(","):
        part = raw.strip()
        if not part:
            continue
        day = int(part)
        if day <= 0:
            raise ValueError(part)
        days.add(day)
    return tuple(sorted(days))


def due_reminder_day(days, days_open, last_done):
    """The reminder day to send now, or ``None``.

    :param days: reminder days counted from the wave's start (e.g. ``(3, 5)``).
    :param days_open: whole days since the wave started (0 on the first day).
    :param last_done: the last reminder day already sent (0 when none).
    :return: the latest due day not sent yet: days missed while the cron did not run are
        not sent one after the other, one reminder covers them.
    """
    due = [day for day in days if last_done < day <= days_open]
    return max(due) if due else None


def next_run(next_date: datetime.date, today: datetime.date, interval_days: int):
    """The first date after ``today`` on the cadence that started at ``next_date``.

    Periods missed (cron stopped) are skipped rather than creating a backlog of waves.
    """
    if interval_days <= 0:
        raise ValueError(interval_days)
    step = datetime.timedelta(days=interval_days)
    while next_date <= today:
        next_date += step
    return next_date
