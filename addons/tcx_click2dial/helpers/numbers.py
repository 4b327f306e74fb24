# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the PBX dials, and keys for numbers nobody can read. Pure Python.

Reading typed numbers (to E.164 + extension) is not done here: the suite has one phone
normaliser, :mod:`odoo.addons.suite_phone.tools.phone_number`; this file only turns its
E.164 into the dial string a 3CX PBX expects.
"""

import re

import phonenumbers

from odoo.addons.suite_phone.tools.phone_number import (
    DEFAULT_REGION,
    MAX_INPUT_LENGTH,
    parse_e164,
    region_of,
)

DIAL_FORMATS = ("e164", "national")
_JUNK = re.compile(r"[^\d+]")


def dial_string(e164, dial_format="e164", home_region=DEFAULT_REGION, outside_prefix=""):
    """What the PBX must dial for ``e164``.

    ``e164``: ``+32475123456`` as is. ``national``: as dialled from a desk phone in
    ``home_region``: outside-line prefix + national number for a domestic number
    (``0475123456``), outside-line prefix + international prefix + country code + number for
    a foreign one (``0033612345678`` from Belgium). A number outside the known ranges but of
    a possible length is dialled too (a newly assigned block). Raises ValueError otherwise.
    """
    number = parse_e164(e164)
    if number is None:
        raise ValueError(f"not a valid E.164 number: {e164!r}")
    if dial_format not in DIAL_FORMATS:
        raise ValueError(f"unknown dial format {dial_format!r}")
    if dial_format == "e164":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    prefix = _JUNK.sub("", outside_prefix or "")
    home_region = (home_region or DEFAULT_REGION).upper()
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(home_region)
    if region_of(e164) == home_region:
        if not phonenumbers.is_valid_number(number):  # no format known: trunk prefix + digits
            trunk = (metadata.national_prefix if metadata else None) or ""
            return prefix + trunk + phonenumbers.national_significant_number(number)
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return prefix + _JUNK.sub("", national)
    international = (metadata.international_prefix if metadata else None) or "00"
    if not international.isdigit():  # a pattern such as 0(?:0|1[0-9]): use the usual one
        international = "00"
    national = phonenumbers.national_significant_number(number)
    return f"{prefix}{international}{number.country_code}{national}"


def digits_key(raw):
    """Digits of an unparseable number, to de-duplicate reports of e.g. hidden numbers."""
    return _JUNK.sub("", raw or "")[:MAX_INPUT_LENGTH]
