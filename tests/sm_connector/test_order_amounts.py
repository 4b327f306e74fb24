"""SM's amounts per line and per order (pure functions the sale.order computes use)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sm_connector.mappers.order_mapper import line_amounts, order_amounts

cents = st.decimals(min_value=Decimal("-9999.99"), max_value=Decimal("99999.99"), places=2)
rates = st.sampled_from(["21", "12", "6", "0"])


def test_line_vat_extracted_half_up():
    # 0.14 at 12 %: VAT 0.015 → 0.02, base 0.12 (SM's line stays 0.14)
    assert line_amounts(Decimal("0.14"), "12") == (
        Decimal("0.12"),
        Decimal("0.02"),
        Decimal("0.14"),
    )
    assert line_amounts(Decimal("121.00"), "21") == (
        Decimal("100.00"),
        Decimal("21.00"),
        Decimal("121.00"),
    )


def test_order_vat_once_per_rate_not_per_line():
    # three lines of 0.14 at 12 %: per line 3 × 0.02 = 0.06; on the summed 0.42 SM says 0.05
    excl, vat, incl = order_amounts([(Decimal("0.14"), "12")] * 3)
    assert (excl, vat, incl) == (Decimal("0.37"), Decimal("0.05"), Decimal("0.42"))


@given(st.lists(st.tuples(cents, rates), max_size=8))
def test_order_amounts_add_up(lines):
    excl, vat, incl = order_amounts(lines)
    assert incl == sum((amount for amount, _rate in lines), Decimal(0))
    assert excl + vat == incl
    assert vat == vat.quantize(Decimal("0.01"))


@given(cents, rates)
def test_one_line_order_is_the_line(amount, rate):
    assert order_amounts([(amount, rate)]) == line_amounts(amount, rate)
