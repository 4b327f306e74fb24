"""Mapping canonical SM records to Odoo values: normalised, flagged, never dropped."""

import pytest

from odoo.addons.sm_connector.mappers.article_mapper import (
    ArticleLookups,
    map_article,
    translations,
)
from odoo.addons.sm_connector.mappers.contact_mapper import ContactLookups, map_contact, odoo_lang
from odoo.addons.sm_connector.mappers.duplicates import duplicate_keys, likely_duplicates
from odoo.addons.sm_connector.mappers.normalize import check_email, check_phone, check_vat
from odoo.addons.sm_connector.parsers.record_validator import validate

from .test_record_validator import ARTICLE, CONTACT

LOOKUPS = ContactLookups(
    country_ids={"BE": 20, "FR": 75},
    active_langs=frozenset({"en_US", "fr_BE", "nl_BE"}),
    segment_tag_ids={"B2B": 1, "B2C": 2},
    showroom_ids={"LIE": 7},
    showroom_tag_ids={"LIE": 3, "BRU": 4},
    company_partner_ids={"C0000001": 99},
)


@pytest.mark.parametrize(
    ("typed", "country"),
    [
        ("0475 12 34 56", "BE"),
        ("+32 475 12 34 56", "BE"),
        ("0032475123456", "BE"),
        ("+32 (0)475 12 34 56", "BE"),
        ("0475/12.34.56", "BE"),
        ("+32475123456", "FR"),
    ],
)
def test_belgian_mobile_in_every_format(typed, country):
    assert check_phone(typed, country) == ("+32475123456", None)


def test_french_numbers():
    assert check_phone("06 12 34 56 78", "FR")[0] == "+33612345678"
    assert check_phone("0033 6 12 34 56 78", "BE")[0] == "+33612345678"


def test_malformed_phone_is_reported_not_normalised():
    number, issue = check_phone("04 12", "BE")
    assert number is None
    assert "04 12" in issue and "too few digits" in issue


def test_extension_is_kept_not_dropped():
    """Issue 11 item 12: the switchboard number and the extension, both kept."""
    assert check_phone("02/511.22.33 ext. 204", "BE") == ("+3225112233 ext. 204", None)
    assert check_phone("02 511 22 44 poste 117", "BE") == ("+3225112244 ext. 117", None)
    assert check_phone("09 223 45 67 toestel 12", "BE") == ("+3292234567 ext. 12", None)


def test_number_outside_known_ranges_is_kept_normalised_and_flagged():
    number, issue = check_phone("0400 12 34 56", "BE")
    assert number == "+32400123456"
    assert "0400 12 34 56" in issue and "to check" in issue


def test_vat():
    assert check_vat("BE 0477.472.701") == ("BE0477472701", None)
    assert check_vat("0477472701", "BE") == ("BE0477472701", None)
    vat, issue = check_vat("BE0477472702")
    assert vat == "BE0477472702"
    assert "not valid" in issue


def test_contact_mapping():
    vals, issues = map_contact(validate("contacts", {**CONTACT, "company_id": "C0000001"}), LOOKUPS)
    assert issues == []
    assert vals["phone"] == "+3242234567"
    assert vals["mobile"] == "+32475123456"
    assert vals["email"] == "marie.dupont@example.be"
    assert vals["parent_id"] == 99
    assert vals["country_id"] == 20
    assert vals["lang"] == "fr_BE"
    assert vals["sm_showroom_id"] == 7
    assert vals["customer_rank"] == 1 and vals["supplier_rank"] == 0
    # SM tags: B2C and Liège linked, the other SM tags removed, user tags untouched
    assert sorted(vals["category_id"]) == [(3, 1), (3, 4), (4, 2), (4, 3)]


def test_dirty_contact_keeps_values_and_flags_them():
    dirty = {**CONTACT, "vat": "BE0477472702", "phone": "04 12", "email": "marie@", "country": None}
    vals, issues = map_contact(validate("contacts", dirty), LOOKUPS)
    assert vals["vat"] == "BE0477472702"
    assert vals["phone"] == "04 12"
    assert vals["email"] == "marie@"
    assert len(issues) == 4
    assert vals["sm_data_issues"].count("\n") == 3


def test_lang_falls_back_to_installed_languages():
    assert odoo_lang("nl", "BE", frozenset({"nl_BE"})) == "nl_BE"
    assert odoo_lang("fr", "FR", frozenset({"fr_BE"})) == "fr_BE"
    assert odoo_lang("fr", "FR", frozenset({"en_US"})) is None


def test_article_mapping():
    lookups = ArticleLookups(
        category_ids={("Salon", "Canapés", "3 places"): 12},
        tax_ids={"21": 5},
        showroom_ids={"LIE": 7, "BRU": 8},
        active_langs=frozenset({"en_US", "fr_BE", "nl_BE"}),
    )
    record = validate("articles", ARTICLE)
    vals, issues = map_article(record, lookups)
    assert issues == []
    assert vals["name"] == "Alba 3-seat sofa"
    assert vals["list_price"] == 1299.0
    assert vals["categ_id"] == 12
    assert vals["taxes_id"] == [(6, 0, [5])]
    assert vals["sm_stock_qty"] == 3.0
    assert vals["sm_stock_summary"] == "BRU 0 · LIE 3"
    assert vals["sm_next_restock_date"] == "2026-12-05"
    assert vals["sm_stock_level_ids"][1:] == [
        (0, 0, {"location_code": "BRU", "showroom_id": 8, "qty": 0.0}),
        (0, 0, {"location_code": "LIE", "showroom_id": 7, "qty": 3.0}),
    ]
    assert translations(record, lookups.active_langs) == {
        "fr_BE": {"name": "Canapé Alba 3 places", "description_sale": None},
        "nl_BE": {"name": "Zetel Alba 3-zit", "description_sale": None},
    }


def test_invalid_ean_is_kept_and_flagged():
    vals, issues = map_article(
        validate("articles", {**ARTICLE, "ean13": "5412345000014"}), ArticleLookups()
    )
    assert vals["barcode"] == "5412345000014"
    assert any("EAN" in issue for issue in issues)


@pytest.mark.parametrize(
    "typed",
    [
        "name@example",  # no real domain
        "jean@gmail",
        "marie@",
        "@skynet.be",
        "jean..dupont@skynet.be",
        "jean dupont@skynet.be",
        "jean@skynet..be",
        "pierre@skynet.be.",
        "jean@@skynet.be",
        "x@localhost",
    ],
)
def test_unusable_emails_are_kept_and_flagged(typed):
    email, issue = check_email(typed)
    assert email == typed
    assert "not valid" in issue


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Marie.Dupont@Example.BE", "marie.dupont@example.be"),
        ("  jean@skynet.be ", "jean@skynet.be"),
        ("noémie@exemple.be", "noémie@exemple.be"),
    ],
)
def test_usable_emails_are_normalised(typed, expected):
    assert check_email(typed) == (expected, None)


def test_duplicate_keys_only_from_normalised_values():
    keys = duplicate_keys("Jean@Skynet.be", "be 0477.472.701", ("+32475123456", "04 12", None))
    assert keys == {
        ("e-mail", "jean@skynet.be"),
        ("VAT", "BE0477472701"),
        ("phone", "+32475123456"),
    }
    assert duplicate_keys(None, None, ()) == set()


def test_likely_duplicates_both_ways_never_within_one_company():
    contacts = [
        (1, 1, duplicate_keys("jean@skynet.be")),
        (2, 2, duplicate_keys("JEAN@skynet.be", phones=("+32475123456",))),
        (3, 3, duplicate_keys(phones=("+32475123456",))),
        # a company and its employee share the company's VAT and switchboard: no duplicate
        (10, 10, duplicate_keys(vat="BE0477472701", phones=("+3242234567",))),
        (11, 10, duplicate_keys(vat="BE0477472701", phones=("+3242234567",))),
        (12, 12, duplicate_keys(vat="BE0477472701")),
    ]
    pairs = likely_duplicates(contacts, wanted={1, 3, 11})
    assert pairs == {
        (1, 2): ["e-mail"],
        (2, 1): ["e-mail"],
        (2, 3): ["phone"],
        (3, 2): ["phone"],
        (11, 12): ["VAT"],
        (12, 11): ["VAT"],
    }
