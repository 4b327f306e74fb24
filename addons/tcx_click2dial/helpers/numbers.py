# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Phone numbers as people type them, to E.164 and back to what the PBX dials.

Pure Python (phonenumbers only): the same functions compute the stored E.164 columns of
partners, normalise what 3CX sends to the lookup, and format the number to dial.

Accepted inputs, for a Belgian or French number: ``0475 12 34 56``, ``0475/12.34.56``,
``04/223.45.67``, ``+32 475 12 34 56``, ``+32 (0)475 12 34 56``, ``0032475123456``,
``32475123456`` (3CX with ``Prefix="Off"``), `` 32475123456`` (a ``+`` decoded as a space
from a query string), ``tel:+32475123456``, ``06 12 34 56 78`` (French contact),
``+33 (0)6 12 34 56 78``, ``0033612345678``...
"""

import re

import phonenumbers

DEFAULT_REGION = "BE"
# Tried, in order, when a number without international prefix is not valid in its own region:
# the retailer's customers are Belgian or French.
FALLBACK_REGIONS = ("BE", "FR")
MAX_INPUT_LENGTH = 64

DIAL_FORMATS = ("e164", "national")
_JUNK = re.compile(r"[^\d+]")
_TEL_SCHEME = re.compile(r"^\s*(tel|callto|sip):", re.IGNORECASE)


def _parse(text, region):
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _clean(raw):
    """The text worth parsing, or None."""
    if not isinstance(raw, str):
        return None
    text = _TEL_SCHEME.sub("", raw).strip()
    if not text or len(text) > MAX_INPUT_LENGTH or not any(ch.isdigit() for ch in text):
        return None
    return text


def _parse_national(text, region, fallback_regions):
    """A number without international prefix: its region, the fallbacks, then as ``+digits``."""
    for candidate in (region, *(r for r in fallback_regions or () if r != region)):
        number = _parse(text, candidate)
        if number:
            return number
    # 3CX with Prefix="Off" sends the country code without + or 00
    digits = _JUNK.sub("", text)
    return _parse("+" + digits, region) if digits and not digits.startswith("0") else None


def parse_number(raw, region=DEFAULT_REGION, fallback_regions=FALLBACK_REGIONS):
    """The valid ``phonenumbers.PhoneNumber`` for ``raw``, or None. Never raises.

    ``region`` (ISO 3166 alpha-2) reads national formats (``0475…``); an international form
    (``+``, ``00``, or country code without prefix) wins whatever the region.
    """
    text = _clean(raw)
    if text is None:
        return None
    region = (region or DEFAULT_REGION).upper()
    if raw.startswith(" ") and text[0] in "123456789":
        # `+32475…` in a query string arrives as ` 32475…`: the plus became a space
        number = _parse("+" + text, region)
        if number:
            return number
    if text.startswith(("+", "00")):
        return _parse(text, region)
    return _parse_national(text, region, fallback_regions)


def to_e164(raw, region=DEFAULT_REGION, fallback_regions=FALLBACK_REGIONS):
    """``+32475123456`` for any accepted spelling of that number, else None."""
    number = parse_number(raw, region, fallback_regions)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164):
    """True when the number is a mobile one (or could be, for fixed-or-mobile plans)."""
    number = _parse(e164 or "", None)
    if number is None:
        return False
    kind = phonenumbers.number_type(number)
    return kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def region_of(e164):
    """ISO country code of an E.164 number (``BE``), or None."""
    number = _parse(e164 or "", None)
    return phonenumbers.region_code_for_number(number) if number else None


def pretty(e164):
    """International display form (``+32 475 12 34 56``), or the input unchanged."""
    number = _parse(e164 or "", None)
    if number is None:
        return e164 or ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def dial_string(e164, dial_format="e164", home_region=DEFAULT_REGION, outside_prefix=""):
    """What the PBX must dial for ``e164``.

    ``e164``: ``+32475123456`` as is. ``national``: as dialled from a desk phone in
    ``home_region``: outside-line prefix + national number for a domestic number
    (``0475123456``), outside-line prefix + international prefix + country code + number for
    a foreign one (``0033612345678`` from Belgium). Raises ValueError for an invalid number.
    """
    number = _parse(e164 or "", None)
    if number is None:
        raise ValueError(f"not a valid E.164 number: {e164!r}")
    if dial_format not in DIAL_FORMATS:
        raise ValueError(f"unknown dial format {dial_format!r}")
    if dial_format == "e164":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    prefix = _JUNK.sub("", outside_prefix or "")
    home_region = (home_region or DEFAULT_REGION).upper()
    if phonenumbers.region_code_for_number(number) == home_region:
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return prefix + _JUNK.sub("", national)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(home_region)
    international = (metadata.international_prefix if metadata else None) or "00"
    if not international.isdigit():  # a pattern such as 0(?:0|1[0-9]): use the usual one
        international = "00"
    national = phonenumbers.national_significant_number(number)
    return f"{prefix}{international}{number.country_code}{national}"


def digits_key(raw):
    """Digits of an unparseable number, to de-duplicate reports of e.g. hidden numbers."""
    return _JUNK.sub("", raw or "")[:MAX_INPUT_LENGTH]
