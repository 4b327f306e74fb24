"""What happens to one record when SM lives: each function returns the changed copy, or
``None`` when nothing applies. Records are copied, never modified in place.

Contacts: a new phone or mobile, a new email, or a move (new street/zip/city).
Articles: a price change, stock moves at a few locations, a restock announced, slipped or
received. Kits only change price (their stock is their components').
Orders: the status moves forward along quotation -> confirmed -> [awaiting_stock when a
line is missing] -> ready_for_pickup (pickup) | out_for_delivery (delivery) -> delivered;
the promised date slips later; a line goes out of stock with a new expected date; rarely a
cancellation; sometimes a "flapping" promised date (later, then back the same day: the
revert is scheduled by :class:`simulators.silicon_master.mutations.Mutator`).
Dirty fields stay dirty: a malformed phone, a shared email or a missing country is kept.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from . import refdata_people as ref
from .gen_articles import charm_price
from .gen_common import rand_int, weighted

_ZIP_INFO = {loc[0]: loc for loc in ref.LOCALITIES}
_CONTACT_CHANGES = (("phone", 40), ("email", 30), ("move", 30))
_ARTICLE_CHANGES = (("price", 30), ("stock", 45), ("restock", 25))
_ORDER_CHANGES = (("forward", 55), ("slip", 15), ("shortage", 13), ("flap", 10), ("cancel", 7))
FINAL_STATUSES = ("delivered", "cancelled")


def region_of(contact: dict) -> tuple[str, str]:
    """(region, landline zone) of a contact, from its zip."""
    info = _ZIP_INFO.get(contact.get("zip") or "")
    if info is not None:
        return info[2], info[4]
    return ("FR", "01") if len(contact.get("zip") or "") == 5 else ("BRU", "02")


def change_contact(rec: dict, rng: random.Random, factory, dirty: dict) -> dict:
    """A contact changes phone, email or address."""
    new = dict(rec)
    region, zone = region_of(rec)
    country = rec["country"] or ("FR" if region == "FR" else "BE")
    what = weighted(rng, _CONTACT_CHANGES)
    if what == "email" and (rec["id"] in dirty["duplicate_email_ids"] or not rec["email"]):
        what = "move"
    if what == "phone":
        field = "mobile" if rec["id"] in dirty["malformed_phone"] or rng.random() < 0.6 else "phone"
        new[field] = factory.phone(country, zone, field == "mobile")
    elif what == "email":
        local = rec["email"].split("@", 1)[0]
        new["email"] = factory.unique_email(local, rng.choice(ref.PERSON_EMAIL_DOMAINS[region]))
    else:
        addr = factory.address(region)
        new.update({key: addr[key] for key in ("street", "street2", "zip", "city")})
        new["country"] = None if rec["id"] in dirty["missing_country"] else addr["country"]
    return new


def change_article(rec: dict, rng: random.Random, today: date) -> dict:
    """An article changes price, stock or restock information."""
    new = dict(rec)
    what = "price" if rec["components"] else weighted(rng, _ARTICLE_CHANGES)
    if what == "price":
        factor = Decimal(100 + rng.choice((-12, -8, -5, 4, 6, 8, 10, 15))) / 100
        new["price_incl_vat"] = str(charm_price(rng, int(Decimal(rec["price_incl_vat"]) * factor)))
    elif what == "stock":
        stock = [dict(level) for level in rec["stock"]]
        for level in rng.sample(stock, rand_int(rng, 1, min(3, len(stock)))):
            delta = (
                rand_int(rng, -4, 8)
                if level["location"].startswith("WH-")
                else rand_int(rng, -2, 2)
            )
            level["qty"] = str(max(0, int(level["qty"]) + delta))
        new["stock"] = stock
    elif int(rec["incoming_qty"]) > 0 and rng.random() < 0.5:
        stock = [dict(level) for level in rec["stock"]]
        for level in stock:  # the delivery is received in the central warehouse
            if level["location"] == "WH-ANS":
                level["qty"] = str(int(level["qty"]) + int(rec["incoming_qty"]))
        new.update(stock=stock, incoming_qty="0", next_restock_date=None)
    else:
        current = (
            date.fromisoformat(rec["next_restock_date"]) if rec["next_restock_date"] else today
        )
        new["incoming_qty"] = str(max(int(rec["incoming_qty"]), rand_int(rng, 2, 40)))
        new["next_restock_date"] = (
            max(current, today) + timedelta(days=rand_int(rng, 3, 30))
        ).isoformat()
    return new


def _ready_status(order: dict) -> str:
    return "ready_for_pickup" if order["delivery_mode"] == "pickup" else "out_for_delivery"


def _forward(new: dict, rng: random.Random, today: date) -> None:
    """Next status along the order's path, payment following."""
    status = new["status"]
    missing = any(not line["available"] for line in new["lines"])
    if status == "quotation":
        new["status"] = "awaiting_stock" if missing else "confirmed"
        new["payment_status"] = "partial" if rng.random() < 0.7 else "paid"
        if new["promised_date"] is None:
            new["promised_date"] = (today + timedelta(days=rand_int(rng, 7, 30))).isoformat()
    elif status == "confirmed":
        new["status"] = "awaiting_stock" if missing else _ready_status(new)
    elif status == "awaiting_stock":
        new["lines"] = [{**line, "available": True, "expected_date": None} for line in new["lines"]]
        new["status"] = _ready_status(new)
    else:  # ready_for_pickup / out_for_delivery: collected or delivered, and paid
        new["status"], new["payment_status"] = "delivered", "paid"


def _later(promised: str | None, today: date, rng: random.Random, low: int, high: int) -> str:
    base = date.fromisoformat(promised) if promised else today
    return (max(base, today) + timedelta(days=rand_int(rng, low, high))).isoformat()


def change_order(rec: dict, rng: random.Random, moment: datetime) -> tuple[dict | None, str]:
    """An open order moves on; returns ``(new record or None, what happened)``."""
    if rec["status"] in FINAL_STATUSES:
        return None, "none"
    new = dict(rec)
    today = moment.date()
    what = weighted(rng, _ORDER_CHANGES)
    early = rec["status"] in ("quotation", "confirmed", "awaiting_stock")
    available = [line for line in rec["lines"] if line["available"]]
    if what == "shortage" and not (early and available):
        what = "slip"
    if what == "cancel" and not early:
        what = "forward"
    if what == "flap" and not rec["promised_date"]:
        what = "slip"
    if what == "forward":
        _forward(new, rng, today)
    elif what in ("slip", "flap"):
        new["promised_date"] = _later(rec["promised_date"], today, rng, 2, 10)
    elif what == "shortage":
        victim = rng.choice(available)["line_no"]
        expected = (today + timedelta(days=rand_int(rng, 5, 40))).isoformat()
        new["lines"] = [
            {**line, "available": False, "expected_date": expected}
            if line["line_no"] == victim
            else line
            for line in rec["lines"]
        ]
        new["promised_date"] = max(rec["promised_date"] or "", _later(expected, today, rng, 2, 5))
        if new["status"] == "confirmed":
            new["status"] = "awaiting_stock"
    else:
        new["status"] = "cancelled"
    return new, what
