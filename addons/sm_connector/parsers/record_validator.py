# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Check one SM record against the exchange contract and bring it to canonical form.

Both transports end here: REST JSON records as received, export rows once
`export_parser` has turned them into the same JSON shape. The canonical form (plain
JSON types, normalised decimals and dates) is what the payload hash is computed on,
so the same data gives the same hash whichever way it came.
"""

from ..entities import ENTITY_NAMES
from .values import clean_text, parse_bool, parse_date, parse_decimal, parse_timestamp

ENTITIES = ENTITY_NAMES
LANGS = ("fr", "nl", "en")
LOCATIONS = ("LIE", "BRU", "NAM", "GAN", "PAR", "WEB", "WH-ANS", "WH-PAR")
ORDER_STATUSES = (
    "quotation",
    "confirmed",
    "awaiting_stock",
    "ready_for_pickup",
    "out_for_delivery",
    "delivered",
    "cancelled",
)


class SmRecordError(ValueError):
    """A record that breaks the contract; the message says which field and why."""


def _dec(value, field):
    try:
        number = parse_decimal(value)
    except ValueError as exc:
        raise SmRecordError(f"{field}: {exc}") from None
    return None if number is None else format(number.normalize(), "f")


def _date(value, field):
    try:
        day = parse_date(value)
    except ValueError as exc:
        raise SmRecordError(f"{field}: {exc}") from None
    return day.isoformat() if day else None


def _bool(value, field, default=None):
    try:
        flag = parse_bool(value)
    except ValueError as exc:
        raise SmRecordError(f"{field}: {exc}") from None
    return default if flag is None else flag


def _enum(value, field, allowed, required=False):
    text = clean_text(value)
    if text is None:
        if required:
            raise SmRecordError(f"{field}: missing")
        return None
    if text not in allowed:
        raise SmRecordError(f"{field}: {text!r} is not one of {', '.join(allowed)}")
    return text


def _required_text(record, field):
    text = clean_text(record.get(field))
    if text is None:
        raise SmRecordError(f"{field}: missing")
    return text


def _per_lang(value, field):
    if value in (None, ""):
        return {}
    if isinstance(value, str):
        return {"fr": clean_text(value)}
    if not isinstance(value, dict):
        raise SmRecordError(f"{field}: expected an object per language")
    return {lang: clean_text(value[lang]) for lang in LANGS if clean_text(value.get(lang))}


def _head(record):
    """Fields every record has: id, updated_at, deleted."""
    if not isinstance(record, dict):
        raise SmRecordError(f"record: expected an object, got {type(record).__name__}")
    sm_id = _required_text(record, "id")
    try:
        updated_at = parse_timestamp(record.get("updated_at"))
    except ValueError as exc:
        raise SmRecordError(f"updated_at: {exc}") from None
    return {
        "id": sm_id,
        "updated_at": updated_at.isoformat() + "Z",
        "deleted": _bool(record.get("deleted"), "deleted", False),
    }


def validate_contact(record):
    """A Contact → canonical dict (see the OpenAPI file)."""
    out = _head(record)
    if out["deleted"]:
        return out
    is_company = _bool(record.get("is_company"), "is_company", False)
    out.update(
        kind=_enum(record.get("kind"), "kind", ("customer", "supplier", "both"), required=True),
        is_company=is_company,
        company_id=None if is_company else clean_text(record.get("company_id")),
        name=_required_text(record, "name"),
        vat=clean_text(record.get("vat")),
        street=clean_text(record.get("street")),
        street2=clean_text(record.get("street2")),
        zip=clean_text(record.get("zip")),
        city=clean_text(record.get("city")),
        country=(clean_text(record.get("country")) or "").upper() or None,
        email=(clean_text(record.get("email")) or "").lower() or None,
        phone=clean_text(record.get("phone")),
        mobile=clean_text(record.get("mobile")),
        lang=_enum(record.get("lang"), "lang", LANGS),
        segment=_enum(record.get("segment"), "segment", ("B2B", "B2C")),
        showroom=_enum(record.get("showroom"), "showroom", LOCATIONS),
    )
    if out["country"] and len(out["country"]) != 2:
        raise SmRecordError(f"country: {out['country']!r} is not an ISO alpha-2 code")
    return out


def _stock(value):
    lines = []
    for item in value or []:
        location = _enum(item.get("location"), "stock.location", LOCATIONS, required=True)
        lines.append({"location": location, "qty": _dec(item.get("qty"), "stock.qty") or "0"})
    return sorted(lines, key=lambda line: line["location"])


def _components(value):
    lines = []
    for item in value or []:
        code = clean_text(item.get("code"))
        if not code:
            raise SmRecordError("components.code: missing")
        lines.append({"code": code, "qty": _dec(item.get("qty"), "components.qty") or "1"})
    return lines


def validate_article(record):
    """An Article → canonical dict."""
    out = _head(record)
    if out["deleted"]:
        return out
    names = _per_lang(record.get("name"), "name")
    if not names:
        raise SmRecordError("name: missing in every language")
    category = record.get("category") or []
    if isinstance(category, str):
        category = category.split(" > ")
    out.update(
        code=clean_text(record.get("code")) or out["id"],
        ean13=clean_text(record.get("ean13")),
        name=names,
        description=_per_lang(record.get("description"), "description"),
        category=[part for part in (clean_text(c) for c in category) if part],
        collection=clean_text(record.get("collection")),
        brand=clean_text(record.get("brand")),
        price_incl_vat=_dec(record.get("price_incl_vat"), "price_incl_vat") or "0",
        vat_rate=_dec(record.get("vat_rate"), "vat_rate") or "21",
        cost=_dec(record.get("cost"), "cost"),
        weight_kg=_dec(record.get("weight_kg"), "weight_kg"),
        width_cm=_dec(record.get("width_cm"), "width_cm"),
        depth_cm=_dec(record.get("depth_cm"), "depth_cm"),
        height_cm=_dec(record.get("height_cm"), "height_cm"),
        stock=_stock(record.get("stock")),
        incoming_qty=_dec(record.get("incoming_qty"), "incoming_qty") or "0",
        next_restock_date=_date(record.get("next_restock_date"), "next_restock_date"),
        components=_components(record.get("components")),
        active=_bool(record.get("active"), "active", True),
    )
    if float(out["price_incl_vat"]) < 0:
        raise SmRecordError("price_incl_vat: negative")
    return out


def _order_line(item):
    if not isinstance(item, dict):
        raise SmRecordError("lines: expected objects")
    try:
        line_no = int(item.get("line_no"))
    except (TypeError, ValueError):
        raise SmRecordError(f"lines.line_no: {item.get('line_no')!r} is not an integer") from None
    return {
        "line_no": line_no,
        "article_code": _required_text(item, "article_code"),
        "description": clean_text(item.get("description")),
        "qty": _dec(item.get("qty"), "lines.qty") or "0",
        "unit_price_incl_vat": _dec(item.get("unit_price_incl_vat"), "lines.unit_price_incl_vat")
        or "0",
        "discount_pct": _dec(item.get("discount_pct"), "lines.discount_pct") or "0",
        "vat_rate": _dec(item.get("vat_rate"), "lines.vat_rate") or "21",
        "available": _bool(item.get("available"), "lines.available", True),
        "expected_date": _date(item.get("expected_date"), "lines.expected_date"),
    }


def validate_order(record):
    """An Order → canonical dict."""
    out = _head(record)
    if out["deleted"]:
        return out
    lines = [_order_line(item) for item in record.get("lines") or []]
    out.update(
        date=_date(record.get("date"), "date"),
        customer_id=_required_text(record, "customer_id"),
        channel=_enum(record.get("channel"), "channel", ("web", "showroom")) or "web",
        showroom=_enum(record.get("showroom"), "showroom", LOCATIONS),
        status=_enum(record.get("status"), "status", ORDER_STATUSES, required=True),
        delivery_mode=_enum(record.get("delivery_mode"), "delivery_mode", ("pickup", "delivery"))
        or "delivery",
        promised_date=_date(record.get("promised_date"), "promised_date"),
        payment_status=_enum(
            record.get("payment_status"), "payment_status", ("unpaid", "partial", "paid")
        ),
        currency=(clean_text(record.get("currency")) or "EUR").upper(),
        lines=sorted(lines, key=lambda line: line["line_no"]),
        total_excl_vat=_dec(record.get("total_excl_vat"), "total_excl_vat"),
        total_vat=_dec(record.get("total_vat"), "total_vat"),
        total_incl_vat=_dec(record.get("total_incl_vat"), "total_incl_vat"),
    )
    if not out["date"]:
        raise SmRecordError("date: missing")
    return out


VALIDATORS = {"contacts": validate_contact, "articles": validate_article, "orders": validate_order}


def validate(entity, record):
    """Validate a record of `entity`; raises SmRecordError with the reason."""
    return VALIDATORS[entity](record)
