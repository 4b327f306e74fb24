"""The generated dataset: determinism, realism rules, valid identifiers, dirty records, totals.

Most checks run on the benchmark sizes (20,000 contacts, 15,000 articles, 50,000 orders).
"""

import json
import re
import time
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import phonenumbers
import pytest
from stdnum import ean
from stdnum.be import vat as be_vat
from stdnum.fr import tva as fr_vat

from simulators.silicon_master import generate, order_totals
from simulators.silicon_master.gen_orders import ORDER_STATUSES

BENCH = {"contacts": 20_000, "articles": 15_000, "orders": 50_000}
LOCATIONS = {"LIE", "BRU", "NAM", "GAN", "PAR", "WH-ANS", "WH-PAR"}


@pytest.fixture(scope="module")
def big():
    started = time.perf_counter()
    dataset = generate(seed=42, **BENCH)
    elapsed = time.perf_counter() - started
    print(f"\ngenerated {BENCH} in {elapsed:.2f} s")
    return dataset


def vat_is_valid(vat: str) -> bool:
    return (fr_vat if vat.upper().startswith("FR") else be_vat).is_valid(vat)


def phone_is_valid(number: str, contact: dict) -> bool:
    region = "FR" if len(contact["zip"]) == 5 else "BE"
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    except phonenumbers.NumberParseException:
        return False


def test_bench_sizes_are_generated(big):
    assert (len(big.contacts), len(big.articles), len(big.orders)) == tuple(BENCH.values())
    lines = sum(len(order["lines"]) for order in big.orders)
    assert 2.7 <= lines / len(big.orders) <= 3.2


def test_same_seed_same_data_other_seed_other_data():
    one = generate(contacts=400, articles=300, orders=500, seed=7)
    two = generate(contacts=400, articles=300, orders=500, seed=7)
    other = generate(contacts=400, articles=300, orders=500, seed=8)
    assert (one.contacts, one.articles, one.orders, one.dirty) == (
        two.contacts,
        two.articles,
        two.orders,
        two.dirty,
    )
    assert one.contacts != other.contacts and one.orders != other.orders
    more_orders = generate(contacts=400, articles=300, orders=900, seed=7)
    assert more_orders.contacts == one.contacts and more_orders.articles == one.articles


def test_ids_are_unique_and_well_formed(big):
    for records, pattern in (
        (big.contacts, r"C\d{7}"),
        (big.orders, r"SO26-\d{6}"),
        (big.articles, r"[A-Z]{3}-[A-Z]+-[A-Z0-9]+-[A-Z]{3}(-\d{2})?"),
    ):
        ids = [rec["id"] for rec in records]
        assert len(set(ids)) == len(ids)
        assert all(re.fullmatch(pattern, rid) for rid in ids), pattern
    assert all(art["id"] == art["code"] for art in big.articles)


def test_everything_is_cp1252_safe(big):
    for records in (big.contacts, big.articles, big.orders):
        json.dumps(records, ensure_ascii=False).encode("cp1252")
    assert "é" in json.dumps(big.articles[:50], ensure_ascii=False)


# --- contacts ----------------------------------------------------------------------------


def test_contact_mix(big):
    contacts = big.contacts
    by_id = {rec["id"]: rec for rec in contacts}
    companies = [rec for rec in contacts if rec["is_company"]]
    assert 0.12 <= len(companies) / len(contacts) <= 0.18
    kinds = Counter(rec["kind"] for rec in contacts)
    assert kinds["supplier"] > 0 and kinds["both"] > 0 and kinds["customer"] > 0.9 * len(contacts)
    for rec in contacts:
        assert rec["lang"] in ("fr", "nl", "en")
        assert rec["segment"] == ("B2B" if rec["is_company"] or rec["company_id"] else "B2C")
        assert rec["showroom"] in {"LIE", "BRU", "NAM", "GAN", "PAR", "WEB"}
        if rec["company_id"]:
            assert by_id[rec["company_id"]]["is_company"]
        if rec["showroom"] == "WEB":
            assert rec["segment"] == "B2C"
        assert rec["country"] in ("BE", "FR", None)
    employees = sum(1 for rec in contacts if rec["company_id"])
    assert employees > 0.05 * len(contacts)


def test_language_follows_region(big):
    flemish = [rec for rec in big.contacts if rec["zip"].startswith(("8", "9"))]
    french = [rec for rec in big.contacts if len(rec["zip"]) == 5]
    assert Counter(rec["lang"] for rec in flemish).most_common(1)[0][0] == "nl"
    assert sum(rec["lang"] == "fr" for rec in french) > 0.95 * len(french)
    assert all(rec["country"] in ("FR", None) for rec in french)


def test_vat_numbers_valid_unless_listed_dirty(big):
    invalid = set(big.dirty["contacts"]["invalid_vat"])
    with_vat = [rec for rec in big.contacts if rec["vat"]]
    assert {rec["id"] for rec in with_vat if not vat_is_valid(rec["vat"])} == invalid
    assert 0.02 <= len(invalid) / len(with_vat) <= 0.04
    assert any(rec["vat"].startswith("FR") for rec in with_vat)
    assert any(rec["vat"].startswith("BE ") for rec in with_vat)  # typed with spaces/dots


def test_phones_valid_unless_listed_malformed(big):
    malformed = set(big.dirty["contacts"]["malformed_phone"])
    formats = Counter()
    for rec in big.contacts:
        if rec["mobile"]:
            assert phone_is_valid(rec["mobile"], rec), rec
        if rec["phone"]:
            assert phone_is_valid(rec["phone"], rec) == (rec["id"] not in malformed), rec
            formats[re.sub(r"\d", "9", rec["phone"])] += 1
    assert all(big_id in {r["id"] for r in big.contacts} for big_id in malformed)
    assert 0.015 <= len(malformed) / len(big.contacts) <= 0.025
    typed = {re.sub(r"\d", "9", rec["mobile"] or "") for rec in big.contacts}
    for shape in (
        "9999 99 99 99",
        "+99 999 99 99 99",
        "9999999999999",
        "99 99 99 99 99",
        "+99 9 99 99 99 99",
    ):
        assert shape in typed, shape
    assert "99/999.99.99" in formats


def test_duplicate_emails_are_exactly_the_listed_pairs(big):
    counts = Counter(rec["email"] for rec in big.contacts if rec["email"])
    shared = {email for email, count in counts.items() if count > 1}
    by_email = {}
    for rec in big.contacts:
        if rec["email"] in shared:
            by_email.setdefault(rec["email"], []).append(rec["id"])
    assert (
        sorted(sorted(ids) for ids in by_email.values()) == big.dirty["contacts"]["duplicate_email"]
    )
    assert len(shared) == len(big.contacts) // 200


def test_missing_country_is_exactly_the_listed_ones(big):
    missing = [rec["id"] for rec in big.contacts if rec["country"] is None]
    assert missing == big.dirty["contacts"]["missing_country"]
    assert all(rec["zip"] and rec["city"] for rec in big.contacts)


# --- articles ----------------------------------------------------------------------------


def test_ean13_valid_unless_listed_dirty(big):
    invalid = set(big.dirty["articles"]["invalid_ean"])
    codes = [art["ean13"] for art in big.articles if art["ean13"]]
    assert len(set(codes)) == len(codes)
    assert all(code.startswith("54") and len(code) == 13 for code in codes)
    assert {
        art["id"] for art in big.articles if art["ean13"] and not ean.is_valid(art["ean13"])
    } == invalid
    assert invalid


def test_articles_shape_kits_and_stock(big):
    by_code = {art["code"]: art for art in big.articles}
    kits = [art for art in big.articles if art["components"]]
    inactive = [art for art in big.articles if not art["active"]]
    assert 0.025 <= len(kits) / len(big.articles) <= 0.035
    assert 0.015 <= len(inactive) / len(big.articles) <= 0.025
    for kit in kits:
        assert kit["stock"] == [] and kit["active"]
        for comp in kit["components"]:
            part = by_code[comp["code"]]
            assert not part["components"] and part["active"] and int(comp["qty"]) >= 1
    categories = {tuple(art["category"]) for art in big.articles}
    assert ("Salon", "Canapés", "3 places") in categories
    assert ("Salle à manger", "Tables", "Tables extensibles") in categories
    assert all(len(path) == 3 for path in categories)
    for art in big.articles:
        assert set(art["name"]) == {"fr", "nl", "en"} == set(art["description"])
        assert art["vat_rate"] == "21.00"
        assert re.fullmatch(r"\d+\.\d\d", art["price_incl_vat"])
        assert Decimal(art["price_incl_vat"]) > 0
        if not art["components"]:
            assert {level["location"] for level in art["stock"]} == LOCATIONS
        assert (int(art["incoming_qty"]) > 0) == (art["next_restock_date"] is not None)
        if not art["active"]:
            assert all(level["qty"] == "0" for level in art["stock"])


# --- orders ------------------------------------------------------------------------------


def expected_totals(lines):
    """The documented formula, written again independently of the simulator."""
    cent = Decimal("0.01")
    incl = Decimal(0)
    by_rate = {}
    for line in lines:
        gross = Decimal(line["qty"]) * Decimal(line["unit_price_incl_vat"])
        line_incl = (gross * (1 - Decimal(line["discount_pct"]) / 100)).quantize(
            cent, ROUND_HALF_UP
        )
        incl += line_incl
        rate = Decimal(line["vat_rate"])
        by_rate[rate] = by_rate.get(rate, Decimal(0)) + line_incl
    vat = sum(
        (amount * r / (100 + r)).quantize(cent, ROUND_HALF_UP) for r, amount in by_rate.items()
    )
    return {
        "total_excl_vat": f"{incl - vat:.2f}",
        "total_vat": f"{vat:.2f}",
        "total_incl_vat": f"{incl:.2f}",
    }


def test_totals_follow_the_formula_on_every_order(big):
    for order in big.orders:
        totals = {key: order[key] for key in ("total_excl_vat", "total_vat", "total_incl_vat")}
        assert totals == expected_totals(order["lines"]) == order_totals(order["lines"]), order[
            "id"
        ]


def test_totals_rounding_examples():
    line = {"qty": "1", "unit_price_incl_vat": "0.05", "discount_pct": "10.00", "vat_rate": "21.00"}
    # 0.045 -> 0.05 (half up), 0.05 / 1.21 = 0.0413 -> 0.04
    assert order_totals([line]) == {
        "total_excl_vat": "0.04",
        "total_vat": "0.01",
        "total_incl_vat": "0.05",
    }
    assert order_totals([]) == {
        "total_excl_vat": "0.00",
        "total_vat": "0.00",
        "total_incl_vat": "0.00",
    }


def test_orders_are_consistent(big):
    customers = {rec["id"] for rec in big.contacts if rec["kind"] in ("customer", "both")}
    active = {art["code"] for art in big.articles if art["active"]}
    statuses = Counter()
    for order in big.orders:
        statuses[order["status"]] += 1
        assert order["customer_id"] in customers
        assert order["status"] in ORDER_STATUSES
        assert order["payment_status"] in ("unpaid", "partial", "paid")
        assert order["currency"] == "EUR" and order["date"].startswith("2026-")
        assert order["updated_at"] >= order["date"] and order["updated_at"] < "2026-11-01T08:00:00Z"
        assert 1 <= len(order["lines"]) <= 5
        assert order["channel"] in ("web", "showroom")
        if order["delivery_mode"] == "pickup" or order["channel"] == "showroom":
            assert order["showroom"] in {"LIE", "BRU", "NAM", "GAN", "PAR"}
        else:
            assert order["showroom"] is None
        assert [line["line_no"] for line in order["lines"]] == list(
            range(1, len(order["lines"]) + 1)
        )
        codes = [line["article_code"] for line in order["lines"]]
        assert len(set(codes)) == len(codes) and set(codes) <= active
        for line in order["lines"]:
            assert line["discount_pct"] in ("0.00", "5.00", "10.00", "15.00")
            assert line["vat_rate"] in ("21.00", "20.00")
            assert (line["expected_date"] is None) == line["available"]
            if not line["available"]:
                assert (
                    order["promised_date"] is None
                    or order["promised_date"] >= line["expected_date"]
                )
        missing = [line for line in order["lines"] if not line["available"]]
        if order["status"] == "awaiting_stock":
            assert missing
        if order["status"] in ("confirmed", "ready_for_pickup", "out_for_delivery", "delivered"):
            assert not missing
        if order["status"] == "ready_for_pickup":
            assert order["delivery_mode"] == "pickup"
        if order["status"] == "out_for_delivery":
            assert order["delivery_mode"] == "delivery"
    assert set(statuses) == set(ORDER_STATUSES)
    french = [o for o in big.orders if o["showroom"] == "PAR"]
    assert all(line["vat_rate"] == "20.00" for o in french for line in o["lines"])
