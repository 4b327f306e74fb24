# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Phone numbers as the retailer's staff and customers type them → E.164 + extension.

The one phone normaliser of the suite (see ``ARCHITECTURE.md``): the SM contact sync, the
stored partner columns (``phone_e164``/``mobile_e164`` and their extensions), the 3CX
caller-ID lookup and the inbox's identification all call :func:`normalize_phone`.
Pure Python (``phonenumbers`` only): no Odoo environment, never raises.

Sources:

- ITU-T Recommendation E.164: the international number is ``+``, a country code and the
  national significant number, 15 digits at most; that form is what is stored and compared.
- RFC 3966 (the ``tel`` URI): ``tel:+32-2-511-22-33;ext=204``, visual separators
  ``- . ( )``, the ``ext`` and ``phone-context`` parameters.
- The numbering plans shipped with ``phonenumbers`` (Google's libphonenumber metadata):
  which ranges are assigned (*valid*) and which lengths a country uses (*possible*).

Accepted, for one Belgian number read with the contact's country (else Belgium):

- national: ``02 511 22 33``, ``02/511.22.33``, ``02-511-22-33``, ``(02) 511 22 33``;
- international: ``+32 2 511 22 33``, ``+32 (0)2 511 22 33`` (the bracketed trunk zero),
  ``0032 2 511 22 33``, ``3225112233`` (country code without prefix, as 3CX sends it with
  ``Prefix="Off"``), `` 3225112233`` (a ``+`` decoded as a space from a query string);
- URIs: ``tel:+3225112233``, ``tel:025112233;phone-context=+32``, ``callto:``, ``sip:…@host``;
- extensions, kept in :attr:`NormalizedPhone.extension`, never dropped: English ``ext. 204``,
  ``ext 204``, ``extn 204``, ``extension 204``, ``x204``, ``#204``, RFC 3966 ``;ext=204``;
  French ``poste 117``, ``p. 117``; Dutch ``toestel 12``, ``tst. 12``, ``post 12``.

A number without international prefix is read in the contact's region, then, for a contact
of a fallback region, in the other fallback regions (the retailer's customers are Belgian
or French: a Belgian contact may give a French number), then as a country code typed
without ``+``. A number read in another region than the contact's is a guess: it is
normalised (its caller is found) but flagged with the reason ``read_as_<region>``, except a
mobile of that region (``06 12 34 56 78`` on a Belgian contact is a French mobile: no
Belgian number has ten digits outside 04, so it is no mistyped Belgian number in practice),
while ``02 54 01 22 33`` on a Belgian contact is more likely a mistyped Brussels number than
a French landline. A number of a possible length that is outside the ranges the library knows
(a newly assigned block) is still normalised, with ``valid=False`` and a reason, so that
its caller is still found; anything else gives ``e164=None`` and a reason.
"""

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType, ValidationResult

DEFAULT_REGION = "BE"
FALLBACK_REGIONS = ("BE", "FR")
# Longest text worth reading: a number with a spelt-out extension fits easily.
MAX_INPUT_LENGTH = 64
MAX_EXTENSION_DIGITS = 6  # also in _EXTENSION
MIN_SEARCH_DIGITS = 3

# Reason codes → what they mean (English; the Odoo side translates them for people).
REASONS = {
    "empty": "no number",
    "not_text": "not text",
    "too_long_input": "too long to be a phone number",
    "letters": "letters or signs that are not part of a phone number",
    "bad_extension": "the extension is not a number",
    "too_short": "too few digits",
    "too_long": "too many digits",
    "invalid_country_code": "unknown country code",
    "invalid": "not a phone number of its country",
    "outside_known_ranges": "a possible number outside the ranges known for its country",
    "read_as_FR": "read as a French number: check it",
    "read_as_BE": "read as a Belgian number: check it",
    "read_as_other_region": "read as a number of another country: check it",
}

_SCHEME = re.compile(r"^\s*(tel|callto|sips?)\s*:\s*", re.IGNORECASE)
# "(0)" after the country code: the trunk prefix people keep in international numbers.
_TRUNK_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")
# An extension at the end: the number, a keyword in English, French or Dutch, the digits.
_EXTENSION = re.compile(
    r"""^(?P<number>.*[0-9][\s).]*?)
        [\s,;(\[/\-]*
        (?:ext(?:ension|n)?|poste|post|toestel(?:nummer|nr)?|tst|p|x|\#)
        \s*[.:=]?\s*
        (?P<extension>[0-9]{1,6})
        \s*[)\]]?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# What may remain of a number once scheme and extension are gone: digits and separators.
_NUMBER_CHARS = re.compile(r"^\+?[0-9\s.\-/()]+$")
_NON_DIGITS = re.compile(r"[^0-9]")
_POSSIBLE_REASONS = {
    ValidationResult.INVALID_COUNTRY_CODE: "invalid_country_code",
    ValidationResult.TOO_SHORT: "too_short",
    ValidationResult.INVALID_LENGTH: "too_short",
    ValidationResult.TOO_LONG: "too_long",
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "too_short",
}

_PARSE_ERRORS = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "invalid_country_code",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too_short",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too_short",
    phonenumbers.NumberParseException.TOO_LONG: "too_long",
}


@dataclass(frozen=True)
class NormalizedPhone:
    """What a typed phone number is.

    ``e164``: ``+3225112233`` or None; ``extension``: ``204`` or None; ``valid``: in a range
    its country assigned; ``possible``: of a length its country uses (true when valid);
    ``reason``: a key of :data:`REASONS`, why ``e164`` is None or why the number is flagged
    (``outside_known_ranges``, or ``read_as_<region>`` for a national number read in a
    fallback region, not the contact's);
    ``region``: ISO 3166 code of the number's country.
    """

    e164: str | None = None
    extension: str | None = None
    valid: bool = False
    possible: bool = False
    reason: str | None = None
    region: str | None = None

    @property
    def flagged(self):
        """A number kept although outside the known ranges, or read as another country's
        than the contact's: someone should check it."""
        return bool(self.e164) and (not self.valid or bool(self.reason))

    @property
    def reason_text(self):
        """The reason in English words (empty when there is none)."""
        return REASONS.get(self.reason, "") if self.reason else ""

    def as_text(self):
        """The number as stored in a phone field: ``+3225112233`` or ``+3225112233 ext. 204``.

        Read back by :func:`normalize_phone`, it gives the same E.164 and extension.
        """
        if not self.e164:
            return ""
        return f"{self.e164} ext. {self.extension}" if self.extension else self.e164


def _failure(reason):
    return NormalizedPhone(reason=reason)


def _parse(text, region):
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def _region(number):
    region = phonenumbers.region_code_for_number(number) or (
        phonenumbers.region_code_for_country_code(number.country_code)
    )
    return None if region == phonenumbers.UNKNOWN_REGION else region


def _result(number, extension, valid, reason=None):
    return NormalizedPhone(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        extension=extension,
        valid=valid,
        possible=True,
        reason=reason or (None if valid else "outside_known_ranges"),
        region=_region(number),
    )


def _fallback_reason(number, region):
    """Flag of a national number read in ``region``, a fallback (not the contact's) region:
    ``read_as_<region>``, or None for a mobile of that region (not a mistyped home number)."""
    if phonenumbers.number_type(number) == PhoneNumberType.MOBILE:
        return None
    reason = f"read_as_{region}"
    return reason if reason in REASONS else "read_as_other_region"


def _impossible_reason(number, text=None, region=None):
    if number is None:
        try:
            phonenumbers.parse(text or "", region)
        except phonenumbers.NumberParseException as exc:
            return _PARSE_ERRORS.get(exc.error_type, "invalid")
        return "invalid"
    result = phonenumbers.is_possible_number_with_reason(number)
    return _POSSIBLE_REASONS.get(result, "invalid")


def _split_uri(text):
    """``(number, extension or None, region from phone-context or None)`` of a URI."""
    match = _SCHEME.match(text)
    if not match:
        return text, None, None
    body = unquote(text[match.end() :])
    if match.group(1).lower().startswith("sip"):
        body = body.split("@", 1)[0]  # the user part is the number
    number, *params = body.split(";")
    extension = region = None
    for param in params:
        name, _sep, value = param.partition("=")
        name, value = name.strip().lower(), value.strip()
        if name == "ext":
            extension = value
        elif name == "phone-context" and value.startswith("+"):
            code = _NON_DIGITS.sub("", value)
            if code and len(code) <= 3:
                region = phonenumbers.region_code_for_country_code(int(code))
                region = None if region == phonenumbers.UNKNOWN_REGION else region
    return number, extension, region


def _has_trunk_prefix(digits, region):
    """National input written with the region's trunk prefix (without one, if it has none)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata else None
    return digits.startswith(prefix) if prefix else not digits.startswith("0")


def _read_international(text, extension):
    number = _parse(text, None)
    if number is not None and phonenumbers.is_valid_number(number):
        return _result(number, extension, True)
    if number is not None and phonenumbers.is_possible_number(number):
        return _result(number, extension, False)
    return _failure(_impossible_reason(number, text))


def _read_national(text, region, fallback_regions, extension):
    # a Belgian contact may have a French number and vice versa, not a Dutch one a French one
    fallbacks = fallback_regions if region in (fallback_regions or ()) else ()
    for candidate in dict.fromkeys((region, *fallbacks)):
        number = _parse(text, candidate)
        if number is not None and phonenumbers.is_valid_number(number):
            reason = _fallback_reason(number, candidate) if candidate != region else None
            return _result(number, extension, True, reason)
    digits = _NON_DIGITS.sub("", text)
    if digits and not digits.startswith("0"):
        # a country code typed (or sent by 3CX) without "+" or "00"
        number = _parse("+" + digits, None)
        if number is not None and phonenumbers.is_valid_number(number):
            return _result(number, extension, True)
    number = _parse(text, region)
    if (
        number is not None
        and phonenumbers.is_possible_number(number)
        and _has_trunk_prefix(digits, region)
    ):
        return _result(number, extension, False)
    return _failure(_impossible_reason(number, text, region))


def normalize_phone(raw, region=DEFAULT_REGION, fallback_regions=FALLBACK_REGIONS):
    """Read ``raw`` as typed by a person or sent by a system; never raises.

    ``region`` (ISO 3166 alpha-2, the contact's country) reads national numbers; an
    international form (``+``, ``00``, a ``tel:`` URI with a global number) wins whatever
    the region. Returns a :class:`NormalizedPhone`; ``e164`` is None (with a reason) for
    text that is no phone number.
    """
    if raw is None or raw is False:
        return _failure("empty")
    if not isinstance(raw, str):
        return _failure("not_text")
    if len(raw) > MAX_INPUT_LENGTH:
        return _failure("too_long_input")
    text = unicodedata.normalize("NFKC", raw)
    if not text.strip():
        return _failure("empty")
    plus_as_space = text[:1].isspace()
    text, uri_extension, uri_region = _split_uri(text.strip())
    region = (uri_region or (region if isinstance(region, str) else "") or DEFAULT_REGION).upper()
    extension = None
    match = _EXTENSION.match(text)
    if match:
        text, extension = match.group("number"), match.group("extension")
    if uri_extension is not None:
        uri_extension = re.sub(r"[\s.\-()]", "", uri_extension)
        if not uri_extension.isdigit() or len(uri_extension) > MAX_EXTENSION_DIGITS:
            return _failure("bad_extension")
        extension = extension or uri_extension
    text = _TRUNK_IN_BRACKETS.sub(" ", text).strip()
    if not _NUMBER_CHARS.match(text):
        return _failure("letters")
    digits = _NON_DIGITS.sub("", text)
    if not digits:
        return _failure("letters")
    if text.startswith("00"):
        return _read_international("+" + text[2:], extension)
    if text.startswith("+"):
        return _read_international(text, extension)
    if plus_as_space and digits[0] != "0":
        # "+32475…" in a query string arrives as " 32475…": the plus became a space
        number = _parse("+" + digits, None)
        if number is not None and phonenumbers.is_valid_number(number):
            return _result(number, extension, True)
    return _read_national(text, region, fallback_regions, extension)


def to_e164(raw, region=DEFAULT_REGION, fallback_regions=FALLBACK_REGIONS):
    """``+32475123456`` for any accepted spelling of that number, else None."""
    return normalize_phone(raw, region, fallback_regions).e164


def search_digits(text):
    """The digits a typed (part of a) number has inside the stored E.164 numbers, for a
    substring search: ``"0475 12"`` → ``"47512"``, ``"+32 475"`` → ``"32475"``,
    ``"0032 2 511"`` → ``"322511"``, ``"+32 (0)2 511"`` → ``"322511"``. The international
    prefix (``+``, ``00``) and the national trunk ``0`` (Belgium, France: not part of E.164)
    are dropped. ``""`` when ``text`` is not made of number characters or leaves fewer than
    :data:`MIN_SEARCH_DIGITS` digits (three: what a trigram index can look up)."""
    if not isinstance(text, str) or len(text) > MAX_INPUT_LENGTH:
        return ""
    text = _TRUNK_IN_BRACKETS.sub("", text.strip())
    if not _NUMBER_CHARS.match(text):
        return ""
    digits = _NON_DIGITS.sub("", text)
    if not text.startswith("+"):
        digits = digits[2:] if digits.startswith("00") else digits.removeprefix("0")
    return digits if len(digits) >= MIN_SEARCH_DIGITS else ""


def parse_e164(e164):
    """The ``phonenumbers.PhoneNumber`` of a stored E.164 string, or None."""
    if not isinstance(e164, str) or not e164.startswith("+"):
        return None
    number = _parse(e164, None)
    return number if number is not None and phonenumbers.is_possible_number(number) else None


def is_mobile(e164):
    """True when the number is a mobile one (or could be, for fixed-or-mobile plans)."""
    number = parse_e164(e164)
    if number is None:
        return False
    return phonenumbers.number_type(number) in (
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def region_of(e164):
    """ISO country code of an E.164 number (``BE``), or None."""
    number = parse_e164(e164)
    return _region(number) if number is not None else None


def pretty(e164):
    """International display form (``+32 475 12 34 56``), or the input unchanged."""
    number = parse_e164(e164)
    if number is None:
        return e164 or ""
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
