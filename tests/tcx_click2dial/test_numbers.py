"""Phone number normalisation: every spelling of a BE/FR number gives the same E.164."""

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from odoo.addons.tcx_click2dial.helpers.numbers import (
    dial_string,
    digits_key,
    is_mobile,
    parse_number,
    pretty,
    to_e164,
)

DIGITS = "0123456789"


def _number(prefix, length):
    return st.text(DIGITS, min_size=length, max_size=length).map(lambda rest: prefix + rest)


BE_NUMBERS = st.one_of(
    st.sampled_from(["+3246", "+3247", "+3248", "+3249"]).flatmap(
        lambda p: _number(p, 7)
    ),  # mobiles
    _number("+324", 7),  # Liège
    _number("+322", 7),  # Bruxelles
    _number("+329", 7),  # Gent
    _number("+3281", 6),  # Namur
)
FR_NUMBERS = st.one_of(_number("+336", 8), _number("+337", 8), _number("+331", 8))


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


@given(BE_NUMBERS)
def test_belgian_spellings(e164):
    valid(e164)
    forms = spellings(e164)
    for text in forms["international"] + forms["national"]:
        assert to_e164(text, "BE") == e164, text
    for text in forms["international"]:
        assert to_e164(text, "FR") == e164, text  # the contact's country does not matter


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


@given(st.text(max_size=80))
def test_never_raises(text):
    result = to_e164(text)
    assert result is None or (result.startswith("+") and result[1:].isdigit())


@given(st.one_of(st.none(), st.integers(), st.binary(max_size=10)))
def test_non_text_is_no_number(value):
    assert parse_number(value) is None


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "voir GSM",
        "n/a",
        "04 12",
        "0475 12",
        "047x 12 34 56",
        "+32 475 12 34 56 78 90",
        "1" * 70,
    ],
)
def test_junk(junk):
    assert to_e164(junk) is None


@given(BE_NUMBERS | FR_NUMBERS)
def test_dial_string_round_trip(e164):
    valid(e164)
    assert dial_string(e164, "e164") == e164
    national = dial_string(e164, "national", "BE")
    assert national.isdigit()
    assert to_e164(national, "BE") == e164
    assert dial_string(e164, "national", "BE", "0") == "0" + national


def test_dial_string_examples():
    assert dial_string("+32475123456", "national", "BE") == "0475123456"
    assert dial_string("+33612345678", "national", "BE") == "0033612345678"
    assert dial_string("+32475123456", "national", "FR", "9") == "90032475123456"
    with pytest.raises(ValueError):
        dial_string("+3247", "e164")
    with pytest.raises(ValueError):
        dial_string("+32475123456", "pigeon")


def test_small_helpers():
    assert is_mobile("+32475123456") and not is_mobile("+3242234567")
    assert pretty("+32475123456") == "+32 475 12 34 56"
    assert pretty("garbage") == "garbage"
    assert digits_key("+32 (0)4 12") == "+320412"
    assert digits_key("anonymous 12") == "12"
