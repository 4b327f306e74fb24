"""Order totals, computed exactly as Silicon Master does (the connector mirrors this)."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round_money(value: Decimal) -> Decimal:
    """Round to the cent, halves away from zero (``ROUND_HALF_UP``)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_incl(qty, unit_price_incl_vat, discount_pct) -> Decimal:
    """``round(qty * unit_price_incl_vat * (1 - discount_pct / 100), 2)``: what the line costs."""
    return round_money(
        Decimal(qty) * Decimal(unit_price_incl_vat) * (1 - Decimal(discount_pct) / HUNDRED)
    )


def order_totals(lines) -> dict[str, str]:
    """Totals of an order from its lines (dicts shaped like the contract's ``OrderLine``).

    Every rounding is to the cent with ``ROUND_HALF_UP``, on exact ``decimal.Decimal`` values::

        per line:  line_incl = round(qty * unit_price_incl_vat * (1 - discount_pct / 100), 2)
        per rate:  vat[rate] = round(sum(line_incl of that rate) * rate / (100 + rate), 2)
        order:     total_incl_vat = sum(line_incl)
                   total_vat      = sum(vat[rate])
                   total_excl_vat = total_incl_vat - total_vat

    Prices include VAT, so VAT is extracted from the amounts paid, once per rate on the order
    (as a Belgian invoice shows it). Missing ``discount_pct`` counts as 0, ``vat_rate`` as 21.
    Returns ``{"total_excl_vat", "total_vat", "total_incl_vat"}`` as decimal strings.
    """
    total_incl = Decimal("0.00")
    per_rate: dict[Decimal, Decimal] = {}
    for line in lines:
        amount = line_incl(
            line["qty"], line["unit_price_incl_vat"], line.get("discount_pct") or "0"
        )
        rate = Decimal(line.get("vat_rate") or "21")
        total_incl += amount
        per_rate[rate] = per_rate.get(rate, Decimal(0)) + amount
    total_vat = sum(
        (round_money(amount * rate / (HUNDRED + rate)) for rate, amount in per_rate.items()),
        Decimal("0.00"),
    )
    return {
        "total_excl_vat": str(total_incl - total_vat),
        "total_vat": str(total_vat),
        "total_incl_vat": str(total_incl),
    }
