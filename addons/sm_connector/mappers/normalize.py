# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Normalising what people typed in SM: phones to E.164, VAT and EAN checks, e-mails.

Checks come from maintained libraries (phonenumbers, python-stdnum, email-validator), not
from regular expressions of our own.

A dirty value is never dropped: callers keep it as received and record the issue.
"""

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import ean
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError

DEFAULT_COUNTRY = "BE"
# "+32 (0)4 223 45 67": the trunk zero in brackets must go before parsing.
_TRUNK_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")


def phone_e164(raw, country_code=None):
    """Return (E.164 number or None, issue or None) for a number typed in any format."""
    if not raw:
        return None, None
    text = _TRUNK_IN_BRACKETS.sub("", str(raw)).strip()
    if text.startswith("00"):  # international prefix typed instead of '+'
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, (country_code or DEFAULT_COUNTRY).upper())
    except phonenumbers.NumberParseException as exc:
        return None, f"phone {raw!r} not recognised ({exc._msg})"
    if not phonenumbers.is_valid_number(number):
        return None, f"phone {raw!r} is not a valid number"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def check_vat(raw, country_code=None):
    """Return (compact VAT, issue or None); a number without prefix gets the address's country."""
    if not raw:
        return None, None
    compact = re.sub(r"[\s.\-/]", "", str(raw)).upper()
    if compact[:2].isdigit() and country_code:
        compact = country_code.upper() + compact
    try:
        return eu_vat.validate(compact), None
    except ValidationError:
        return compact, f"VAT {raw!r} is not valid"


def check_ean13(raw):
    """Return (EAN, issue or None)."""
    if not raw:
        return None, None
    try:
        return ean.validate(str(raw)), None
    except ValidationError:
        return str(raw), f"EAN {raw!r} is not a valid EAN-13"


def check_email(raw):
    """Return (e-mail, issue or None); an unusable address is kept and flagged.

    Checked by `email-validator` (syntax, a real domain such as `name@example.be`, not
    `name@example`), without any DNS lookup: SM's data is checked, not the Internet.
    """
    if not raw:
        return None, None
    try:
        checked = validate_email(str(raw).strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        return raw, f"e-mail {raw!r} is not valid ({exc})"
    return checked.normalized.lower(), None
