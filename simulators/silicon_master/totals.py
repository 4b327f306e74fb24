"""Order totals, computed exactly as Silicon Master does (the connector mirrors this)."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round_money(value: Decimal) -> Decimal:
    """Round to the cent, halves away from zero (``ROUND_HALF_UP``)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amounts(qty, unit_price_incl_vat, discount_pct, vat_rate) -> tuple[Decimal, Decimal]:
    """``(line_incl, line_excl)`` of one order line (arguments: decimal strings or Decimals).

    ``line_incl = round(qty * unit_price_incl_vat * (1 - discount_pct / 100), 2)``
    ``line_excl = round(line_incl / (1 + vat_rate / 100), 2)``
    """
    line_incl = round_money(
        Decimal(qty) * Decimal(unit_price_incl_vat) * (1 - Decimal(discount_pct) / HUNDRED)
    )
    line_excl = round_money(line_incl / (1 + Decimal(vat_rate) / HUNDRED))
    return line_incl, line_excl


def order_totals(lines) -> dict[str, str]:
    """Totals of an order from its lines (dicts shaped like the contract's ``OrderLine``).

    Every rounding is to the cent with ``ROUND_HALF_UP``, on exact ``decimal.Decimal`` values::

        per line:  line_incl = round(qty * unit_price_incl_vat * (1 - discount_pct / 100), 2)
                   line_excl = round(line_incl / (1 + vat_rate / 100), 2)
        order:     total_incl_vat = sum(line_incl)
                   total_excl_vat = sum(line_excl)
                   total_vat      = total_incl_vat - total_excl_vat

    VAT is therefore derived per line from the VAT-inclusive amount, never recomputed on the
    order total. Missing ``discount_pct`` counts as 0, missing ``vat_rate`` as 21.
    Returns ``{"total_excl_vat", "total_vat", "total_incl_vat"}`` as decimal strings.
    """
    total_incl = total_excl = Decimal("0.00")
    for line in lines:
        line_incl, line_excl = line_amounts(
            line["qty"],
            line["unit_price_incl_vat"],
            line.get("discount_pct") or "0",
            line.get("vat_rate") or "21",
        )
        total_incl += line_incl
        total_excl += line_excl
    return {
        "total_excl_vat": str(total_excl),
        "total_vat": str(total_incl - total_excl),
        "total_incl_vat": str(total_incl),
    }
