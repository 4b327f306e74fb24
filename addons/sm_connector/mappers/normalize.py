# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Normalising what people typed in SM: phones (the suite's normaliser), VAT, EAN, e-mails.

Checks come from maintained libraries (phonenumbers, python-stdnum, email-validator), not
from regular expressions of our own.

A dirty value is never dropped: callers keep it as received and record the issue.
"""

import re

from email_validator import EmailNotValidError, validate_email
from stdnum import ean
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError

from odoo.addons.suite_phone.tools.phone_number import DEFAULT_REGION, normalize_phone

DEFAULT_COUNTRY = DEFAULT_REGION


def check_phone(raw, country_code=None):
    """Return (number as stored, issue or None) for a phone typed in any format.

    The suite's one normaliser reads it (see ``suite_phone``): ``+3225112233`` or, with an
    extension, ``+3225112233 ext. 204``; a number outside the known ranges is kept
    normalised and flagged; an unreadable one gives (None, issue).
    """
    if not raw:
        return None, None
    number = normalize_phone(str(raw), (country_code or DEFAULT_COUNTRY).upper())
    if not number.e164:
        return None, f"phone {raw!r} not recognised ({number.reason_text})"
    if number.flagged:
        return number.as_text(), f"phone {raw!r} to check ({number.reason_text})"
    return number.as_text(), None


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
