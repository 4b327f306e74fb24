"""The contract check: canonical form, clear reasons, same hash whatever the formatting."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.sm_connector.parsers.payload import payload_hash
from odoo.addons.sm_connector.parsers.record_validator import SmRecordError, validate

CONTACT = {
    "id": "C0000042",
    "kind": "customer",
    "is_company": False,
    "company_id": None,
    "name": "Dupont  Marie",
    "vat": None,
    "street": "Rue Saint-Gilles 12",
    "zip": "4000",
    "city": "Liège",
    "country": "be",
    "email": "Marie.Dupont@Example.be",
    "phone": "04 223 45 67",
    "mobile": "0475 12 34 56",
    "lang": "fr",
    "segment": "B2C",
    "showroom": "LIE",
    "updated_at": "2026-11-20T10:11:12Z",
}
ARTICLE = {
    "id": "CAN-ALBA-3P",
    "code": "CAN-ALBA-3P",
    "ean13": "5412345000013",
    "name": {"fr": "Canapé Alba 3 places", "nl": "Zetel Alba 3-zit", "en": "Alba 3-seat sofa"},
    "category": ["Salon", "Canapés", "3 places"],
    "price_incl_vat": "1299.00",
    "vat_rate": "21.00",
    "stock": [{"location": "LIE", "qty": "3"}, {"location": "BRU", "qty": "0"}],
    "incoming_qty": "10",
    "next_restock_date": "2026-12-05",
    "components": [],
    "active": True,
    "updated_at": "2026-11-20T10:11:12Z",
}


def test_contact_is_canonicalised():
    record = validate("contacts", CONTACT)
    assert record["name"] == "Dupont Marie"
    assert record["email"] == "marie.dupont@example.be"
    assert record["country"] == "BE"
    assert record["updated_at"] == "2026-11-20T10:11:12Z"
    assert record["deleted"] is False


def test_tombstone_needs_only_id_and_time():
    record = validate(
        "contacts", {"id": "C1", "deleted": True, "updated_at": "2026-11-20T10:11:12Z"}
    )
    assert record == {"id": "C1", "deleted": True, "updated_at": "2026-11-20T10:11:12Z"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"kind": "prospect"}, "kind: 'prospect' is not one of"),
        ({"name": "  "}, "name: missing"),
        ({"updated_at": "soon"}, "updated_at: not a timestamp"),
        ({"lang": "de"}, "lang: 'de' is not one of"),
        ({"country": "BEL"}, "country: 'BEL' is not an ISO alpha-2 code"),
    ],
)
def test_contract_violations_say_which_field(change, reason):
    with pytest.raises(SmRecordError, match=reason):
        validate("contacts", {**CONTACT, **change})


def test_article_decimals_and_stock_are_normalised():
    record = validate(
        "articles",
        {**ARTICLE, "price_incl_vat": "1299.0", "stock": list(reversed(ARTICLE["stock"]))},
    )
    assert record["price_incl_vat"] == "1299"
    assert [line["location"] for line in record["stock"]] == ["BRU", "LIE"]


def test_same_content_same_hash_whatever_the_formatting():
    a = validate("articles", ARTICLE)
    b = validate(
        "articles", {**ARTICLE, "price_incl_vat": "1299", "updated_at": "2026-11-21T00:00:00Z"}
    )
    assert payload_hash(a) == payload_hash(b)
    c = validate("articles", {**ARTICLE, "price_incl_vat": "1199.00"})
    assert payload_hash(a) != payload_hash(c)


@given(
    st.dictionaries(
        st.sampled_from(list(CONTACT)),
        st.one_of(st.none(), st.text(), st.integers(), st.booleans()),
    )
)
def test_any_garbage_gives_a_record_error_or_a_record(change):
    try:
        validate("contacts", {**CONTACT, **change})
    except SmRecordError as exc:
        assert ":" in str(exc)
