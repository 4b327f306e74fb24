# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Value parsers for both transports: REST JSON (ISO, dot decimals) and SM exports
(decimal comma, dd/mm/yyyy dates). Every parser raises ValueError with a readable reason."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

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


@dataclass(frozen=True)
class NumberFormat:
    """How a source writes numbers: its decimal separator and the thousands groupings it may use.

    A text is read only by its declared format: `1.299` in a decimal-comma export is 1299, and a
    text fitting no declared grouping (`1299.5`, `12.50`, `1,299.00` there) is refused, never
    guessed.
    """

    decimal: str = "."
    groupings: tuple = ()

    @cached_property
    def pattern(self):
        """The regular expression a number written in this format matches."""
        integer = ["[0-9]+"] + [
            f"[0-9]{{1,3}}(?:{re.escape(sep)}[0-9]{{3}})+" for sep in self.groupings
        ]
        return re.compile(f"^([+-]?)({'|'.join(integer)})(?:{re.escape(self.decimal)}([0-9]+))?$")

    def render(self, number, grouping=None):
        """A Decimal written the way this format does (parse_decimal reads it back)."""
        sign = "-" if number < 0 else ""
        integer, _, fraction = format(abs(number), "f").partition(".")
        if grouping:
            integer = f"{int(integer):,}".replace(",", grouping)
        return sign + integer + (self.decimal + fraction if fraction else "")


# REST JSON: a plain dot decimal. SM exports (the contract's x-file-exports): decimal comma,
# thousands grouped by '.', a space, a no-break space or a narrow no-break space.
DOT_DECIMAL = NumberFormat(".", ())
DECIMAL_COMMA = NumberFormat(",", (".", " ", "\u00a0", "\u202f"))


def parse_decimal(value, decimal_comma=False, number_format=None):
    """A number written in `number_format` → Decimal; empty → None; else ValueError.

    Default format: the REST dot decimal; `decimal_comma=True`: SM's export format.
    """
    if value in (None, ""):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        number_format = number_format or (DECIMAL_COMMA if decimal_comma else DOT_DECIMAL)
        text = str(value).strip()
        match = number_format.pattern.match(text)
        if not match:
            raise ValueError(f"not a number in the declared format: {value!r}")
        sign, integer, fraction = match.groups()
        digits = "".join(char for char in integer if char.isdigit())
        number = Decimal(f"{sign}{digits}.{fraction}" if fraction else f"{sign}{digits}")
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
