"""Value parsers shared by the REST and file transports (hypothesis where a property fits)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sm_connector.parsers.values import (
    parse_bool,
    parse_date,
    parse_decimal,
    parse_timestamp,
)

money = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2)


@given(money)
def test_decimal_comma_round_trip(amount):
    """SM writes 1.299,50: thousands with '.', decimals with ','."""
    integer, _, cents = f"{abs(amount):.2f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", ".")
    text = f"{'-' if amount < 0 else ''}{grouped},{cents}"
    assert parse_decimal(text, decimal_comma=True) == amount


@given(money)
def test_dot_decimal_round_trip(amount):
    assert parse_decimal(str(amount)) == amount


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_sm_and_iso_timestamps_agree(stamp):
    stamp = stamp.replace(microsecond=0)
    sm_form = stamp.strftime("%d/%m/%Y %H:%M:%S")
    iso_form = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert parse_timestamp(sm_form) == parse_timestamp(iso_form) == stamp


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)))
def test_sm_dates(day):
    assert parse_date(day.strftime("%d/%m/%Y")) == day == parse_date(day.isoformat())


def test_timezone_is_converted_to_utc():
    assert parse_timestamp("2026-11-20T10:00:00+01:00") == dt.datetime(2026, 11, 20, 9, 0)


@pytest.mark.parametrize("bad", ["12/13/2026", "2026-02-30", "yesterday"])
def test_bad_dates_say_why(bad):
    with pytest.raises(ValueError, match="not a date"):
        parse_date(bad)


@pytest.mark.parametrize("bad", ["12,3,4x", "NaN", "abc", "1e999999"])
def test_bad_numbers_say_why(bad):
    with pytest.raises(ValueError):
        parse_decimal(bad, decimal_comma=True)


@pytest.mark.parametrize(
    ("text", "expected"), [("1", True), ("0", False), ("O", True), ("N", False), ("", None)]
)
def test_sm_booleans(text, expected):
    assert parse_bool(text) is expected


@given(st.text())
def test_parsers_never_raise_anything_but_value_error(text):
    for parser in (parse_date, parse_timestamp, parse_bool, lambda t: parse_decimal(t, True)):
        try:
            parser(text)
        except ValueError:
            pass
