"""Value parsers shared by the REST and file transports (hypothesis where a property fits)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sm_connector.parsers.export_parser import iter_records, row_to_dict
from odoo.addons.sm_connector.parsers.record_validator import SmRecordError
from odoo.addons.sm_connector.parsers.values import (
    DECIMAL_COMMA,
    DOT_DECIMAL,
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


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4),
    st.sampled_from((None, *DECIMAL_COMMA.groupings)),
)
def test_declared_export_format_round_trip(number, grouping):
    """Any Decimal written as the export declares (any of its groupings, or none) reads back."""
    assert parse_decimal(DECIMAL_COMMA.render(number, grouping), number_format=DECIMAL_COMMA) == (
        number
    )


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3))
def test_rest_dot_decimal_round_trip(number):
    assert parse_decimal(DOT_DECIMAL.render(number)) == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.299", Decimal(1299)),  # thousands dot, no decimals: not 1.299
        ("1.250", Decimal(1250)),
        ("12.345.678", Decimal(12345678)),
        ("1.299,50", Decimal("1299.50")),
        ("1 299,50", Decimal("1299.50")),
        ("1\u00a0299,50", Decimal("1299.50")),
        ("1\u202f299,50", Decimal("1299.50")),
        ("1299,5", Decimal("1299.5")),
        ("-0,75", Decimal("-0.75")),
        ("21", Decimal(21)),
    ],
)
def test_decimal_comma_export_numbers(text, expected):
    assert parse_decimal(text, decimal_comma=True) == expected


@pytest.mark.parametrize(
    "text", ["1299.5", "12.50", "1.2345", "1,299.00", "1.299.5", "1 29,5", "1.299 000", "1e3"]
)
def test_cells_fitting_no_declared_format_are_refused(text):
    with pytest.raises(ValueError, match="declared format"):
        parse_decimal(text, decimal_comma=True)


def test_export_row_with_thousands_dot_reads_the_right_price():
    row = row_to_dict(["price_incl_vat", "incoming_qty"], ["1.299", "1.250"])
    assert row == {"price_incl_vat": "1299", "incoming_qty": "1250"}


def test_export_cell_fitting_no_format_is_a_row_error_naming_the_column():
    header = ["code", "price_incl_vat", "stock"]
    rows = [(2, ["A1", "1299.5", ""]), (3, ["A2", "10", "LIE:1.5"]), (4, ["A3", "10", ""])]
    results = list(iter_records("articles", header + _other_article_columns(header), rows))
    assert isinstance(results[0][2], SmRecordError) and "price_incl_vat" in str(results[0][2])
    assert isinstance(results[1][2], SmRecordError) and "LIE" in str(results[1][2])
    assert results[0][1]["price_incl_vat"] == "1299.5", "the row is kept for the error log"
    assert results[2][2]["price_incl_vat"] == "10"


def _other_article_columns(header):
    from odoo.addons.sm_connector.parsers.export_parser import COLUMNS

    return [column for column in COLUMNS["articles"] if column not in header]


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


@pytest.mark.parametrize("bad", ["12,3,4x", "NaN", "abc", "1e999999", "١٢٣"])
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


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=3))
def test_native_xlsx_numbers_read_by_the_same_declared_format(number):
    """XLSX cells hold native numbers: written as the CSV would, they read back unchanged."""
    from odoo.addons.sm_connector.parsers.export_parser import _cell_text

    cell = _cell_text(float(number))
    assert Decimal(row_to_dict(["price_incl_vat"], [cell])["price_incl_vat"]) == Decimal(
        str(float(number))
    )
