"""The suite's one phone normaliser: every typed form of the table, every spelling, never raises."""

import phonenumbers
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from odoo.addons.suite_phone.tests.phone_forms import PHONE_FORMS
from odoo.addons.suite_phone.tools.phone_number import (
    MAX_INPUT_LENGTH,
    REASONS,
    NormalizedPhone,
    is_mobile,
    normalize_phone,
    parse_e164,
    pretty,
    region_of,
    search_digits,
    to_e164,
)

DIGITS = "0123456789"


@pytest.mark.parametrize("form", PHONE_FORMS, ids=[f"{f.country}:{f.typed}" for f in PHONE_FORMS])
def test_typed_forms(form):
    number = normalize_phone(form.typed, form.country)
    assert number.e164 == form.e164
    assert number.extension == (form.extension if form.e164 else None)
    if form.e164 is None:
        assert number.reason in REASONS and not number.valid and not number.possible
    else:
        assert number.valid is form.valid and number.possible
        assert number.flagged is form.flagged
        assert (number.reason == "outside_known_ranges") is (not form.valid)
        if form.valid:
            assert number.reason == form.reason


def test_the_table_covers_what_the_issue_asks():
    assert len(PHONE_FORMS) >= 40
    assert {"BE", "FR", "NL", "LU"} <= {region_of(f.e164) for f in PHONE_FORMS if f.e164}
    assert any(f.typed.startswith("tel:") for f in PHONE_FORMS)
    assert sum(1 for f in PHONE_FORMS if f.e164 is None) >= 5
    assert sum(1 for f in PHONE_FORMS if f.extension) >= 10


def test_issue_examples():
    assert normalize_phone("02/511.22.33 ext. 204") == NormalizedPhone(
        e164="+3225112233", extension="204", valid=True, possible=True, region="BE"
    )
    number = normalize_phone("02 511 22 44 poste 117")
    assert (number.e164, number.extension) == ("+3225112244", "117")


@pytest.mark.parametrize(
    "suffix",
    [
        " ext. 204",
        " ext 204",
        " Ext.204",
        " extn 204",
        " extension 204",
        " x204",
        " x 204",
        "x204",
        " #204",
        ";ext=204",
        " poste 204",
        " Poste: 204",
        " p. 204",
        ", p.204",
        " (poste 204)",
        " toestel 204",
        " Tst. 204",
        " post 204",
        " toestelnr. 204",
        " - ext. 204",
        " / poste 204",
    ],
)
def test_extension_words(suffix):
    for base, region in (
        ("02 511 22 33", "BE"),
        ("+32 2 511 22 33", "FR"),
        ("0032 2 511 22 33", "BE"),
    ):
        number = normalize_phone(base + suffix, region)
        assert (number.e164, number.extension) == ("+3225112233", "204"), base + suffix


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        (None, "empty"),
        ("", "empty"),
        ("   ", "empty"),
        (42, "not_text"),
        ("1" * (MAX_INPUT_LENGTH + 1), "too_long_input"),
        ("voir GSM", "letters"),
        ("047x 12 34 56", "letters"),
        ("02 511 22 33 poste abc", "letters"),
        ("tel:+3225112233;ext=abc", "bad_extension"),
        ("04 12", "too_short"),
        ("04 75 12 34 56 3456", "too_long"),
        ("+999 12345", "invalid_country_code"),
    ],
)
def test_garbage_gives_none_with_a_reason(typed, reason):
    number = normalize_phone(typed)
    assert number.e164 is None and number.extension is None
    assert number.reason == reason
    assert number.reason_text == REASONS[reason]
    assert number.as_text() == ""


def test_vanity_letters_are_never_read_as_digits():
    # phonenumbers alone would read "poste" as 76783 and "GSM" as 476
    assert to_e164("02 511 22 44 poste") is None
    assert to_e164("0475 GSM") is None


def test_possible_number_outside_known_ranges_is_kept_and_flagged():
    number = normalize_phone("+32 400 12 34 56")
    assert number.e164 == "+32400123456"
    assert number.flagged and not number.valid and number.possible
    assert number.reason == "outside_known_ranges" and number.region == "BE"
    # without the trunk prefix a national number is too doubtful to keep
    assert normalize_phone("400 12 34 56").e164 is None


def test_plus_decoded_as_space_in_a_query_string():
    assert to_e164(" 32475123456") == "+32475123456"
    assert to_e164(" 33612345678", "BE") == "+33612345678"


def test_uris():
    assert to_e164("callto:+32475123456") == "+32475123456"
    assert to_e164("sip:+32475123456@pbx.example.com;user=phone") == "+32475123456"
    assert to_e164("tel:+32%20475%2012%2034%2056") == "+32475123456"
    assert to_e164("TEL: +32 475 12 34 56") == "+32475123456"


def test_unicode_separators_and_digits():
    assert to_e164("0475\u00a012\u00a034\u00a056") == "+32475123456"  # no-break spaces
    assert to_e164("\uff10\uff14\uff17\uff15 12 34 56") == "+32475123456"  # full-width digits


def test_country_fallbacks_only_between_belgium_and_france():
    assert to_e164("06 12 34 56 78", "BE") == "+33612345678"
    assert to_e164("081 22 33 44", "FR") == "+3281223344"
    assert normalize_phone("081 22 33 44", "FR").reason == "read_as_BE"
    number = normalize_phone("06 70 12 34 56", "NL")
    assert (number.e164, number.valid) == ("+31670123456", False)
    assert to_e164("06 12 34 56 78", "LU") is None  # never read as a Luxembourg number
    assert to_e164("0475 12 34 56", None) == "+32475123456"
    assert to_e164("0475 12 34 56", 12) == "+32475123456"


def test_number_read_through_a_fallback_region_is_flagged():
    """The breaker's example: invalid in Belgium, valid in France, on a Belgian contact."""
    number = normalize_phone("02 54 01 22 33", "BE")
    assert (number.e164, number.valid, number.region) == ("+33254012233", True, "FR")
    assert number.flagged and number.reason == "read_as_FR"
    assert number.reason_text == "read as a French number: check it"
    # a French mobile is the common real case: read, not flagged
    mobile = normalize_phone("06 12 34 56 78 poste 3", "BE")
    assert (mobile.e164, mobile.extension, mobile.flagged) == ("+33612345678", "3", False)
    # the contact's own region, or an international form, is never a guess
    for typed, region in (("02 54 01 22 33", "FR"), ("+33 2 54 01 22 33", "BE")):
        assert not normalize_phone(typed, region).flagged, typed
    assert set(REASONS) >= {"read_as_FR", "read_as_BE", "read_as_other_region"}


@given(
    st.builds(
        lambda d, rest: f"+33{d}{rest}",
        st.sampled_from("12345"),
        st.text(DIGITS, min_size=8, max_size=8),
    )
)
def test_french_landlines_on_a_belgian_contact_are_flagged(e164):
    number = phonenumbers.parse(e164)
    assume(phonenumbers.is_valid_number(number))
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    read = normalize_phone(national, "BE")
    if read.e164 == e164:  # a number valid in Belgium too is read as Belgian, not a guess
        assert read.flagged and read.reason == "read_as_FR"
    assert normalize_phone(national, "FR") == normalize_phone(e164, "FR")


# --- every spelling of random numbers ---------------------------------------------------


def _number(prefix, length):
    return st.text(DIGITS, min_size=length, max_size=length).map(lambda rest: prefix + rest)


BE_NUMBERS = st.one_of(
    st.sampled_from(["+3246", "+3247", "+3248", "+3249"]).flatmap(lambda p: _number(p, 7)),
    _number("+324", 7),  # Liège
    _number("+322", 7),  # Bruxelles
    _number("+329", 7),  # Gent
    _number("+3281", 6),  # Namur
)
FR_NUMBERS = st.one_of(_number("+336", 8), _number("+337", 8), _number("+331", 8))
EXTENSIONS = st.sampled_from(
    ["", " ext. {}", " x{}", " poste {}", " p. {}", " toestel {}", " tst. {}", " #{}"]
)


def valid(e164):
    number = phonenumbers.parse(e164, None)
    assume(phonenumbers.is_valid_number(number))
    return number


def spellings(e164):
    """How people type one number (national forms need the contact's country)."""
    number = phonenumbers.parse(e164, None)
    cc, nsn = str(number.country_code), phonenumbers.national_significant_number(number)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    digits_national = "0" + nsn
    return {
        "international": [
            e164,
            intl,
            f"+{cc} (0){nsn}",
            f"+{cc} (0) {nsn[:3]} {nsn[3:]}",
            f"00{cc}{nsn}",
            f"00{cc} {nsn}",
            f"{cc}{nsn}",
            f" {cc}{nsn}",
            f"tel:{e164}",
            intl.replace(" ", "-"),
        ],
        "national": [
            national,
            digits_national,
            national.replace(" ", "."),
            national.replace(" ", "/", 1),
            national.replace(" ", "-"),
            f"{digits_national[:4]}/{digits_national[4:]}",
        ],
    }


@settings(deadline=None)  # a loaded CI machine must not fail a correct parse
@given(BE_NUMBERS, EXTENSIONS, st.integers(1, 99999))
def test_belgian_spellings(e164, extension, ext_digits):
    valid(e164)
    forms = spellings(e164)
    suffix = extension.format(ext_digits)
    for text in forms["international"] + forms["national"]:
        number = normalize_phone(text + suffix, "BE")
        assert number.e164 == e164, text + suffix
        assert number.extension == (str(ext_digits) if suffix else None), text + suffix
    for text in forms["international"]:
        assert to_e164(text, "FR") == e164, text  # the contact's country does not matter


@settings(deadline=None)  # a loaded CI machine must not fail a correct parse
@given(FR_NUMBERS)
def test_french_spellings(e164):
    valid(e164)
    forms = spellings(e164)
    for text in forms["international"] + forms["national"]:
        assert to_e164(text, "FR") == e164, text
    for text in forms["international"]:
        assert to_e164(text, "BE") == e164, text


@given(FR_NUMBERS.filter(lambda n: n.startswith(("+336", "+337"))))
def test_french_mobile_typed_without_country(e164):
    """06/07 numbers are not Belgian: a contact without country still gets them right."""
    valid(e164)
    national = phonenumbers.format_number(
        phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.NATIONAL
    )
    assert to_e164(national, "BE") == e164


@settings(deadline=None)  # a loaded CI machine must not fail a correct parse
@given(BE_NUMBERS | FR_NUMBERS, st.one_of(st.none(), st.integers(1, 999999)))
def test_stored_text_reads_back_the_same(e164, ext):
    valid(e164)
    number = normalize_phone(e164 + (f" ext. {ext}" if ext else ""))
    again = normalize_phone(number.as_text(), "NL")
    assert (again.e164, again.extension) == (e164, str(ext) if ext else None)


@settings(deadline=None)  # a loaded CI machine must not fail a correct parse
@given(st.text(max_size=80), st.sampled_from(["BE", "FR", "NL", "LU", "", "ZZ", "xx"]))
def test_never_raises(text, region):
    number = normalize_phone(text, region)
    assert isinstance(number, NormalizedPhone)
    if number.e164 is None:
        assert number.reason in REASONS and number.extension is None
    else:
        assert number.e164.startswith("+") and number.e164[1:].isdigit()
        assert len(number.e164) <= 16  # E.164: 15 digits at most
        assert number.extension is None or number.extension.isdigit()


@given(
    st.text(alphabet=DIGITS + " +-./()#;=:extpoX", max_size=40),
    st.sampled_from(["BE", "FR", "NL", "LU"]),
)
def test_never_raises_on_phone_like_text(text, region):
    number = normalize_phone(text, region)
    assert number.e164 is None or number.e164[1:].isdigit()


@given(st.one_of(st.none(), st.integers(), st.binary(max_size=10), st.lists(st.text())))
def test_non_text_is_no_number(value):
    assert normalize_phone(value).e164 is None


def test_small_helpers():
    assert is_mobile("+32475123456") and not is_mobile("+3242234567")
    assert not is_mobile("garbage") and not is_mobile(None)
    assert pretty("+32475123456") == "+32 475 12 34 56"
    assert pretty("garbage") == "garbage" and pretty(None) == ""
    assert region_of("+33612345678") == "FR" and region_of("+32400123456") == "BE"
    assert region_of("0475") is None
    assert parse_e164("+3247") is None and parse_e164(None) is None


def test_translations_are_complete():
    """Every term of the module is translated in French and Dutch (an empty translation
    only where the word is the same in that language: OCA's po check refuses a msgstr equal
    to its msgid, and Odoo then shows the source)."""
    from pathlib import Path

    import polib

    i18n = Path(__file__).resolve().parents[2] / "addons" / "suite_phone" / "i18n"
    template = {entry.msgid for entry in polib.pofile(str(i18n / "suite_phone.pot"))}
    for lang in ("fr", "nl"):
        catalog = polib.pofile(str(i18n / f"{lang}.po"))
        assert {e.msgid for e in catalog} == template, lang
        same_word = {"Contact", "ID", "Mobile (E.164)"}
        assert {e.msgid for e in catalog if not e.msgstr} <= same_word, lang


# ------------------------------------------------------------------------ search_digits
@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("0475 12", "47512"),
        ("+32 475", "32475"),
        ("0032 2 511", "322511"),
        ("+32 (0)2 511", "322511"),
        ("06 87 65 43 21", "687654321"),
        ("02/511.22.33", "25112233"),
        ("3225112233", "3225112233"),
        ("04", ""),  # too few digits to look up
        ("Lejeune", ""),
        ("ext. 204", ""),
        ("tel:+3225112233", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_search_digits(typed, digits):
    assert search_digits(typed) == digits


@pytest.mark.parametrize("form", PHONE_FORMS, ids=[f"{f.country}:{f.typed}" for f in PHONE_FORMS])
def test_search_digits_of_a_typed_number_are_in_its_e164(form):
    digits = search_digits(form.typed)
    if form.e164 and digits:
        assert digits in form.e164


@given(
    national=st.sampled_from(["0475123456", "025112233", "0687654321", "081223344"]),
    cut=st.integers(min_value=4, max_value=10),
    separator=st.sampled_from(["", " ", ".", "/", "-"]),
)
@settings(max_examples=200)
def test_any_start_of_a_national_spelling_is_found_in_the_e164(national, cut, separator):
    typed = separator.join(national[:cut])
    region = "FR" if national.startswith("06") else "BE"
    e164 = to_e164(national, region)
    assert e164 and search_digits(typed) in e164
