# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ISO 8601 timestamps from outside (3CX reports, iAdvize events) -> naive UTC datetimes."""

import re
from datetime import datetime, timezone

MAX_LENGTH = 64
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LONG_FRACTION = re.compile(r"(\.[0-9]{6})[0-9]+")


def parse_iso_utc(value):
    """Naive UTC datetime (seconds) from ISO 8601 text; an offset is converted, a naive time
    is taken as UTC, ``Z`` and a space instead of ``T`` are accepted, and so are .NET's seven
    fractional digits.

    Returns None for empty values and for .NET's ``DateTime.MinValue`` (year 1), which is what
    3CX prints for a time that never happened. Raises ValueError for anything else it cannot
    read (not a string, too long, control characters, out of range once in UTC).
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not a string")
    text = value.strip()
    if not text:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    if len(text) > MAX_LENGTH or _CONTROL.search(text):
        raise ValueError("not a date-time")
    text = _LONG_FRACTION.sub(r"\1", text)
    moment = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    if moment.year <= 1:  # checked before the offset: year 1 minus an offset overflows
        return None
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        except OverflowError as exc:  # 9999-12-31T23:59:59-14:00 is after year 9999 in UTC
            raise ValueError("out of the representable range once converted to UTC") from exc
        if moment.year <= 1:
            return None
    return moment.replace(microsecond=0)


def parse_iso_utc_or_none(value):
    """:func:`parse_iso_utc`, None instead of ValueError (optional fields of a payload)."""
    try:
        return parse_iso_utc(value)
    except ValueError:
        return None
