# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Value parsers for both transports: REST JSON (ISO, dot decimals) and SM exports
(decimal comma, dd/mm/yyyy dates). Every parser raises ValueError with a readable reason."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_ISO_TS = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_SM_TS = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_timestamp(value):
    """ISO-8601 or SM `dd/mm/yyyy HH:MM:SS` (UTC) → naive UTC datetime (Odoo's convention)."""
    if isinstance(value, dt.datetime):
        stamp = value
    else:
        text = str(value or "").strip()
        match = _SM_TS.match(text)
        if match:
            day, month, year, hour, minute, second = match.groups()
            try:
                stamp = dt.datetime(
                    int(year),
                    int(month),
                    int(day),
                    int(hour or 0),
                    int(minute or 0),
                    int(second or 0),
                )
            except ValueError as exc:
                raise ValueError(f"not a timestamp: {text!r} ({exc})") from None
        elif _ISO_TS.match(text):
            try:
                stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError as exc:
                raise ValueError(f"not a timestamp: {text!r} ({exc})") from None
        else:
            raise ValueError(f"not a timestamp: {text!r}")
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return stamp.replace(microsecond=0)


def parse_date(value):
    """`YYYY-MM-DD` or SM `dd/mm/yyyy` → date; empty → None."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _SM_TS.match(text)
    # a date exported as a timestamp at midnight is still that date
    if match and (match.group(4) is None or not any(int(p or 0) for p in match.groups()[3:])):
        day, month, year = (int(part) for part in match.groups()[:3])
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"not a date: {text!r} ({exc})") from None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {text!r}") from None


def parse_decimal(value, decimal_comma=False):
    """A decimal string (`1299.00`, or `1 299,00` with decimal_comma) → Decimal; empty → None."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if decimal_comma:
        # SM writes thousands with '.' and decimals with ',': 1.299,50
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not number.is_finite() or abs(number.adjusted()) > 15:
        raise ValueError(f"not a plausible number: {value!r}")
    return number


def parse_bool(value):
    """JSON booleans and SM's 1/0 (also O/N, true/false) → bool; empty → None."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "o", "oui", "y", "yes", "j", "ja"):
        return True
    if text in ("0", "false", "n", "non", "no", "nee"):
        return False
    raise ValueError(f"not a boolean: {value!r}")


def clean_text(value):
    """Strip and collapse blanks; empty → None."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
