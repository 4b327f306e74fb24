"""SM order numbers in free text (pure helper)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.order_numbers import (
    DEFAULT_PATTERN,
    compile_pattern,
    extract_order_numbers,
)


@pytest.mark.parametrize(
    "text",
    [
        "SO26-000123",
        "so26-000123",
        "Ma commande SO 26-000123 est en retard",
        "bestelling SO26 000123?",
        "SO26/000123",
        "(SO26000123)",
        "Re: [HT00012] SO26-000123.",
    ],
)
def test_spellings_give_the_canonical_number(text):
    assert extract_order_numbers(text) == ["SO26-000123"]


def test_several_numbers_unique_in_order():
    text = "SO26-000456 et SO26-000123, encore SO26-000456"
    assert extract_order_numbers(text) == ["SO26-000456", "SO26-000123"]


@pytest.mark.parametrize(
    "text",
    ["ISO26-000123", "SO26-0001234", "SO2-000123", "XSO26-000123", "phone 0475 26 000123", ""],
)
def test_not_an_order_number(text):
    assert extract_order_numbers(text) == []


def test_configurable_pattern_and_format():
    assert extract_order_numbers("order W-2026-77", r"W-(\d{4})-(\d+)", "WEB{0}/{1}") == [
        "WEB2026/77"
    ]
    assert extract_order_numbers("ref ab12", r"ab\d\d", "") == ["AB12"]


def test_invalid_pattern_is_reported():
    with pytest.raises(ValueError):
        compile_pattern("SO(")
    with pytest.raises(ValueError):
        compile_pattern("")


def test_limit():
    text = " ".join(f"SO26-{i:06d}" for i in range(50))
    assert len(extract_order_numbers(text)) == 20


@given(
    year=st.integers(0, 99),
    serial=st.integers(0, 999_999),
    before=st.text(alphabet=" .,;:!?()[]\n\tabcdefgh", max_size=20),
    after=st.text(alphabet=" .,;:!?()[]\n\tabcdefgh", max_size=20),
    sep=st.sampled_from(["-", " ", "/", ".", ""]),
    lower=st.booleans(),
)
def test_any_number_in_any_context_is_found(year, serial, before, after, sep, lower):
    number = f"SO{year:02d}{sep}{serial:06d}"
    if lower:
        number = number.lower()
    prefix = before if not before or not before[-1].isalnum() else before + " "
    suffix = after if not after or not after[0].isalnum() else " " + after
    assert extract_order_numbers(prefix + number + suffix) == [f"SO{year:02d}-{serial:06d}"]


@given(st.text(max_size=300))
def test_never_raises_and_always_canonical(text):
    for number in extract_order_numbers(text, DEFAULT_PATTERN):
        assert number.startswith("SO") and len(number) == 11 and number[4] == "-"
