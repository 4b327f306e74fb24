# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Canonical SM article → `product.template` values (+ translations, stock, kit lines)."""

from dataclasses import dataclass, field
from decimal import Decimal

from .normalize import check_ean13

# SM language → Odoo languages that receive that translation when installed.
TRANSLATION_LANGS = {"fr": ("fr_BE", "fr_FR"), "nl": ("nl_BE", "nl_NL"), "en": ("en_GB",)}
SHOWROOMS = ("LIE", "BRU", "NAM", "GAN", "PAR")


@dataclass
class ArticleLookups:
    """What the mapper needs from Odoo, fetched once per chunk by the importer."""

    category_ids: dict = field(default_factory=dict)  # ("Salon", "Canapés") → product.category id
    tax_ids: dict = field(default_factory=dict)  # "21" → account.tax id (price included)
    showroom_ids: dict = field(default_factory=dict)  # "LIE" → sm.showroom id
    active_langs: frozenset = frozenset({"en_US"})


def source_name(names):
    """The name stored as Odoo's source term (en_US): English, else French, else Dutch."""
    return names.get("en") or names.get("fr") or names.get("nl")


def translations(record, active_langs):
    """{"fr_BE": {"name": …, "description_sale": …}, …} for the installed languages."""
    out = {}
    for sm_lang, odoo_langs in TRANSLATION_LANGS.items():
        name = record["name"].get(sm_lang)
        description = record.get("description", {}).get(sm_lang)
        for code in odoo_langs:
            if code in active_langs and (name or description):
                out[code] = {"name": name, "description_sale": description}
    return out


def stock_summary(stock):
    """`LIE 3 · BRU 0 · WH-ANS 12`: what an agent reads in a list or a search result."""
    return " · ".join(f"{line['location']} {Decimal(line['qty']):f}" for line in stock) or False


def _float(value):
    return float(value) if value not in (None, "") else 0.0


def map_article(record, lookups):
    """Return (vals, issues) for a live canonical article."""
    issues = []
    barcode, issue = check_ean13(record.get("ean13"))
    if issue:
        issues.append(issue)
    width, depth, height = (_float(record.get(k)) for k in ("width_cm", "depth_cm", "height_cm"))
    stock = record.get("stock") or []
    category = tuple(record.get("category") or ())
    tax_id = lookups.tax_ids.get(record["vat_rate"])
    if not tax_id:
        issues.append(f"no sales tax for VAT rate {record['vat_rate']}%")
    vals = {
        "name": source_name(record["name"]),
        "default_code": record["code"],
        "barcode": barcode or False,
        "description_sale": source_name(record.get("description") or {}) or False,
        "list_price": _float(record["price_incl_vat"]),
        "standard_price": _float(record.get("cost")),
        "categ_id": lookups.category_ids.get(category) or False,
        "type": "consu",
        "sale_ok": True,
        "purchase_ok": True,
        "taxes_id": [(6, 0, [tax_id] if tax_id else [])],
        "weight": _float(record.get("weight_kg")),
        "volume": round(width * depth * height / 1_000_000, 4),
        "sm_width_cm": width,
        "sm_depth_cm": depth,
        "sm_height_cm": height,
        "sm_collection": record.get("collection") or False,
        "sm_brand": record.get("brand") or False,
        "sm_incoming_qty": _float(record.get("incoming_qty")),
        "sm_next_restock_date": record.get("next_restock_date") or False,
        "sm_stock_qty": sum(_float(line["qty"]) for line in stock),
        "sm_showroom_stock_qty": sum(
            _float(line["qty"]) for line in stock if line["location"] in SHOWROOMS
        ),
        "sm_stock_summary": stock_summary(stock),
        "sm_stock_level_ids": [(5, 0, 0)]
        + [(0, 0, level) for level in stock_levels(record, lookups.showroom_ids)],
        "sm_kit_line_ids": [(5, 0, 0)]
        + [
            (0, 0, {"component_code": comp["code"], "qty": _float(comp["qty"])})
            for comp in record.get("components") or []
        ],
        "sm_data_issues": "\n".join(issues) or False,
        "active": bool(record.get("active", True)),
    }
    return vals, issues


def stock_levels(record, showroom_ids):
    """The article's stock per SM location: [{location_code, showroom_id (id or False), qty
    (float, the article's unit)}], one per line of SM's ``stock`` list."""
    return [
        {
            "location_code": line["location"],
            "showroom_id": showroom_ids.get(line["location"]) or False,
            "qty": _float(line["qty"]),
        }
        for line in record.get("stock") or []
    ]


def category_path(record):
    """The category path an article needs (created first by the importer)."""
    return tuple(record.get("category") or ())
