# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA deadlines on working hours: add N working minutes to a moment, count working minutes.

Pure Python (zoneinfo). The team's working hours come in as weekly slots in the team's
time zone (``Slot(weekday=0, start=9.0, end=12.5)``: Monday 09:00-12:30, as
``resource.calendar.attendance`` stores them) and closures (public holidays, the
calendar's global leaves) as UTC intervals. Datetimes in and out are naive UTC, like Odoo's.
Daylight saving time is handled by converting each local slot of each day to UTC.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = timezone.utc
MAX_DAYS = 800  # a target that needs more than two years of working time is a mistake
# the last moment a deadline may be: later ones (a caller's year 9999) are clamped to it
LATEST = datetime(9999, 12, 30)


@dataclass(frozen=True)
class Slot:
    """One weekly working slot, in local time: weekday 0 = Monday, hours as floats."""

    weekday: int
    start: float
    end: float


def _zone(tz):
    try:
        return ZoneInfo(tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _local_time(hours):
    minutes = round(hours * 60)
    return minutes // 60, minutes % 60


def _to_utc(day, hours, zone):
    hh, mm = _local_time(hours)
    extra = timedelta(0)
    if hh >= 24:  # 24:00 is the end of the day
        hh, extra = hh - 24, timedelta(days=1)
    local = datetime.combine(day + extra, time(hh, mm), tzinfo=zone)
    return local.astimezone(UTC).replace(tzinfo=None)


def normalize_slots(slots):
    """Weekday -> sorted, merged ``[(start, end)]`` hours; invalid slots dropped."""
    by_day = {}
    for slot in slots:
        if not 0 <= slot.weekday <= 6:
            continue
        start, end = max(0.0, float(slot.start)), min(24.0, float(slot.end))
        if end > start:
            by_day.setdefault(slot.weekday, []).append((start, end))
    merged = {}
    for weekday, spans in by_day.items():
        spans.sort()
        out = [list(spans[0])]
        for start, end in spans[1:]:
            if start <= out[-1][1]:
                out[-1][1] = max(out[-1][1], end)
            else:
                out.append([start, end])
        merged[weekday] = [tuple(span) for span in out]
    return merged


def _subtract(window, leaves):
    """Parts of ``window`` (start, end) outside every leave interval."""
    parts = [window]
    for leave_start, leave_end in leaves:
        nxt = []
        for start, end in parts:
            if leave_end <= start or leave_start >= end:
                nxt.append((start, end))
                continue
            if leave_start > start:
                nxt.append((start, leave_start))
            if leave_end < end:
                nxt.append((leave_end, end))
        parts = nxt
    return parts


def windows(day, by_day, zone, leaves=()):
    """Working windows of local date ``day`` as naive UTC ``(start, end)`` pairs, in order."""
    out = []
    for start, end in by_day.get(day.weekday(), ()):
        window = (_to_utc(day, start, zone), _to_utc(day, end, zone))
        if window[1] > window[0]:
            out.extend(_subtract(window, leaves))
    return sorted(out)


def _iter_windows(start, slots, tz, leaves):
    zone = _zone(tz)
    by_day = normalize_slots(slots)
    if not by_day:
        raise ValueError("no working hours")
    leaves = sorted((a, b) for a, b in leaves if b > a)
    first_day = start.replace(tzinfo=UTC).astimezone(zone).date() - timedelta(days=1)
    for offset in range(MAX_DAYS):
        day = first_day + timedelta(days=offset)
        for window in windows(day, by_day, zone, leaves):
            if window[1] > start:
                yield max(window[0], start), window[1]
    raise ValueError("no working time within two years")


def add_clock_minutes(start, minutes):
    """``start`` plus ``minutes`` of clock time, at most :data:`LATEST` (no overflow)."""
    if start >= LATEST:
        return start
    minutes = max(0.0, float(minutes or 0))
    if minutes >= (LATEST - start).total_seconds() / 60.0:
        return LATEST
    return start + timedelta(minutes=minutes)


def add_working_minutes(start, minutes, slots, tz="UTC", leaves=()):
    """The moment ``minutes`` working minutes after ``start`` (naive UTC), at most
    :data:`LATEST`: the calendar ends in year 9999."""
    remaining = timedelta(minutes=max(0.0, float(minutes or 0)))
    if not remaining:
        return start
    try:
        for window_start, window_end in _iter_windows(start, slots, tz, leaves):
            span = window_end - window_start
            if span >= remaining:
                return min(window_start + remaining, LATEST)
            remaining -= span
    except OverflowError:
        return max(start, LATEST)
    raise ValueError("no working time")  # pragma: no cover (the iterator raises first)


def working_minutes_between(start, end, slots, tz="UTC", leaves=()):
    """Working minutes in ``[start, end)`` (0 when end <= start)."""
    if end <= start:
        return 0.0
    total = timedelta(0)
    windows = _iter_windows(start, slots, tz, leaves)
    while True:
        try:
            window_start, window_end = next(windows)
        except (StopIteration, OverflowError):  # OverflowError: the calendar ends in year 9999
            break
        if window_start >= end:
            break
        total += min(window_end, end) - window_start
    return total.total_seconds() / 60.0


def is_working_time(moment, slots, tz="UTC", leaves=()):
    """True when ``moment`` (naive UTC) falls inside a working window."""
    zone = _zone(tz)
    by_day = normalize_slots(slots)
    try:
        local_day = moment.replace(tzinfo=UTC).astimezone(zone).date()
        for day in (local_day - timedelta(days=1), local_day):
            for window_start, window_end in windows(day, by_day, zone, leaves):
                if window_start <= moment < window_end:
                    return True
    except OverflowError:
        return False  # the calendar ends in year 9999
    return False


def next_working_moment(moment, slots, tz="UTC", leaves=()):
    """``moment`` itself when it is working time, else the start of the next working window
    (naive UTC); ``moment`` when the calendar has no working time at all."""
    try:
        return next(_iter_windows(moment, slots, tz, leaves))[0]
    except (ValueError, OverflowError, StopIteration):
        return moment


def slots_from_attendances(rows):
    """Slots from ``resource.calendar.attendance``-like dicts (dayofweek str, hour_from,
    hour_to, day_period); lunch breaks and sections are skipped."""
    out = []
    for row in rows:
        if row.get("display_type") or row.get("day_period") == "lunch":
            continue
        out.append(Slot(int(row["dayofweek"]), float(row["hour_from"]), float(row["hour_to"])))
    return out
