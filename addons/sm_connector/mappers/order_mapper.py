# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Canonical SM order → `sale.order` values, and the totals SM computed."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

CONFIRMED = ("confirmed", "awaiting_stock", "ready_for_pickup", "out_for_delivery", "delivered")
ODOO_STATE = {"quotation": "draft", "cancelled": "cancel", **dict.fromkeys(CONFIRMED, "sale")}
CENT = Decimal("0.01")


class ExistingLine(NamedTuple):
    """A line of an order already in Odoo, found by its SM line number."""

    line_id: int
    product_id: int


@dataclass
class OrderLookups:
    """Odoo ids the mapper needs, resolved once per chunk (dependencies imported first)."""

    partner_ids: dict = field(default_factory=dict)  # SM contact id → res.partner id
    product_ids: dict = field(default_factory=dict)  # SM article code → product.product id
    product_uom_ids: dict = field(default_factory=dict)  # product.product id → uom id
    tax_ids: dict = field(default_factory=dict)  # "21" → account.tax id (price included)
    showroom_ids: dict = field(default_factory=dict)  # "LIE" → sm.showroom id
    existing_lines: dict = field(default_factory=dict)  # order SM id → {line_no: ExistingLine}
    foreign_lines: dict = field(default_factory=dict)  # order SM id → [ids of lines SM lacks]
    unavailable_customers: dict = field(default_factory=dict)  # SM id → why it is missing
    unavailable_articles: dict = field(default_factory=dict)  # code → why it is missing


class MissingDependency(ValueError):
    """A customer or article the order needs is not in Odoo (and SM could not provide it)."""


def line_incl(qty, unit_price_incl_vat, discount_pct):
    """What SM charges for a line: round(qty × price incl. VAT × (1 − discount / 100)), half-up
    to the cent, on exact decimals."""
    gross = Decimal(qty) * Decimal(unit_price_incl_vat)
    return (gross * (1 - Decimal(discount_pct) / 100)).quantize(CENT, ROUND_HALF_UP)


def sm_totals(lines):
    """SM's totals formula (Decimal, half-up to the cent), used to check Odoo's amounts.

    Per line incl = round(qty × price incl. VAT × (1 − discount)); VAT per rate =
    round(Σ incl of the rate × rate / (100 + rate)); excl = incl − VAT. Prices include VAT, so
    VAT is extracted once per rate on the order: Odoo's "round globally" does the same once its
    tax engine is given each line's rounded amount (sale_order_line.py).
    """
    excl, vat, incl = order_amounts(
        (
            line_incl(line["qty"], line["unit_price_incl_vat"], line["discount_pct"]),
            line["vat_rate"],
        )
        for line in lines
    )
    return {"total_incl_vat": incl, "total_excl_vat": excl, "total_vat": vat}


def line_amounts(incl, vat_rate):
    """(excl, vat, incl) of one SM line, Decimals to the cent, from what SM charges for it.

    ``incl``: the line's amount incl. VAT (:func:`line_incl`); ``vat_rate``: percent (21, 12,
    6, 0). The line's VAT is extracted half-up, as SM does per rate on the order."""
    incl = Decimal(incl)
    rate = Decimal(vat_rate)
    vat = (incl * rate / (100 + rate)).quantize(CENT, ROUND_HALF_UP)
    return incl - vat, vat, incl


def order_amounts(lines):
    """(excl, vat, incl) of an order from its lines' ``(incl, vat_rate)`` pairs: SM's formula
    (VAT extracted once per rate on the summed incl amounts, half-up to the cent)."""
    incl = Decimal(0)
    by_rate = {}
    for amount, rate in lines:
        incl += amount
        by_rate[Decimal(rate)] = by_rate.get(Decimal(rate), Decimal(0)) + amount
    vat = sum(
        ((amount * r / (100 + r)).quantize(CENT, ROUND_HALF_UP) for r, amount in by_rate.items()),
        Decimal(0),
    )
    return incl - vat, vat, incl


def dependencies(record):
    """(customer SM id, article codes) an order needs in Odoo before it can be imported."""
    if record.get("deleted"):
        return None, set()
    return record["customer_id"], {line["article_code"] for line in record["lines"]}


def _line_vals(line, lookups):
    product_id = lookups.product_ids.get(line["article_code"])
    if not product_id:
        why = lookups.unavailable_articles.get(line["article_code"], "not in Odoo")
        raise MissingDependency(f"article {line['article_code']} {why}")
    tax_id = lookups.tax_ids.get(line["vat_rate"])
    return {
        "product_id": product_id,
        "name": line.get("description") or line["article_code"],
        "product_uom_qty": float(line["qty"]),
        "price_unit": float(line["unit_price_incl_vat"]),
        "discount": float(line["discount_pct"]),
        "tax_ids": [(6, 0, [tax_id] if tax_id else [])],
        # given rather than computed line by line by Odoo (unit, lead time, analytics, pricelist)
        "product_uom_id": lookups.product_uom_ids.get(product_id) or False,
        "customer_lead": 0.0,
        "analytic_distribution": False,
        "pricelist_item_id": False,
        "sm_line_no": line["line_no"],
        "sm_available": line["available"],
        "sm_expected_date": line.get("expected_date") or False,
    }


def map_order(record, lookups):
    """Return (vals, issues) for a live canonical order; raise MissingDependency if needed."""
    partner_id = lookups.partner_ids.get(record["customer_id"])
    if not partner_id:
        why = lookups.unavailable_customers.get(record["customer_id"], "not in Odoo")
        raise MissingDependency(f"customer {record['customer_id']} {why}")
    existing = lookups.existing_lines.get(record["id"], {})
    commands = []
    seen = set()
    for line in record["lines"]:
        vals = _line_vals(line, lookups)
        current = existing.get(line["line_no"])
        if current and current.product_id == vals["product_id"]:
            commands.append((1, current.line_id, vals))
            seen.add(line["line_no"])
        else:
            commands.append((0, 0, vals))
    # lines gone from SM, or whose article changed (a confirmed line's product can't change)
    commands += [
        (2, line.line_id)
        for no, line in sorted(existing.items(), key=lambda item: (item[0] is None, item[0] or 0))
        if no not in seen
    ]
    # lines SM never sent (no SM line number): SM is master, its order has only its lines
    commands += [(2, line_id) for line_id in sorted(lookups.foreign_lines.get(record["id"], ()))]
    totals = sm_totals(record["lines"])
    issues = []
    for key, value in totals.items():
        sent = record.get(key)
        if sent is not None and Decimal(sent) != value:
            issues.append(f"{key}: SM says {sent}, its lines add up to {value}")
    vals = {
        "name": record["id"],
        "partner_id": partner_id,
        "user_id": False,  # SM orders have no Odoo salesperson: every sales agent sees them
        "date_order": f"{record['date']} 00:00:00",
        "state": ODOO_STATE[record["status"]],
        "order_line": commands,
        "sm_status": record["status"],
        "sm_channel": record["channel"],
        "sm_showroom_id": lookups.showroom_ids.get(record.get("showroom")) or False,
        "sm_delivery_mode": record["delivery_mode"],
        "sm_promised_date": record.get("promised_date") or False,
        "sm_payment_status": record.get("payment_status") or False,
        "sm_total_incl_vat": float(
            Decimal(record.get("total_incl_vat") or totals["total_incl_vat"])
        ),
        "sm_total_excl_vat": float(
            Decimal(record.get("total_excl_vat") or totals["total_excl_vat"])
        ),
        "sm_data_issues": "\n".join(issues) or False,
    }
    return vals, issues
