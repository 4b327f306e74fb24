"""What the PBX dials for a stored E.164 number (reading typed numbers: tests/suite_phone)."""

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from odoo.addons.suite_phone.tools.phone_number import to_e164
from odoo.addons.tcx_click2dial.helpers.numbers import dial_string, digits_key

DIGITS = "0123456789"


def _number(prefix, length):
    return st.text(DIGITS, min_size=length, max_size=length).map(lambda rest: prefix + rest)


NUMBERS = st.one_of(
    _number("+324", 8),  # Belgian mobiles and Liège
    _number("+322", 7),  # Bruxelles
    _number("+336", 8),  # French mobiles
    _number("+331", 8),  # Paris
)


@given(NUMBERS)
def test_dial_string_round_trip(e164):
    assume(phonenumbers.is_valid_number(phonenumbers.parse(e164, None)))
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
    with pytest.raises(ValueError):
        dial_string("0475123456", "e164")


def test_a_number_outside_the_known_ranges_is_dialled_too():
    """A caller from a newly assigned block is recognised; calling back must work too."""
    assert dial_string("+32400123456", "e164") == "+32400123456"
    assert dial_string("+32400123456", "national", "BE") == "0400123456"
    assert dial_string("+32400123456", "national", "FR") == "0032400123456"


def test_digits_key():
    assert digits_key("+32 (0)4 12") == "+320412"
    assert digits_key("anonymous 12") == "12"
    assert digits_key(None) == ""
