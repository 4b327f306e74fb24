"""When does an order, as SM sends it back, show the change an agent asked for (pure rule)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.sm_change import address_key, fulfilled


def test_cancel_is_seen_on_the_status_or_the_removal():
    assert fulfilled("cancel", {}, {"status": "cancelled"})
    assert fulfilled("cancel", {}, {"status": "confirmed", "removed": True})
    assert not fulfilled("cancel", {}, {"status": "confirmed"})


def test_pickup_date_is_the_promised_date():
    wanted = {"pickup_date": date(2026, 12, 18)}
    assert fulfilled("pickup_date", wanted, {"promised_date": date(2026, 12, 18)})
    assert not fulfilled("pickup_date", wanted, {"promised_date": date(2026, 12, 1)})
    assert not fulfilled("pickup_date", {"pickup_date": None}, {"promised_date": None})


def test_address_ignores_case_accents_spaces_and_punctuation():
    wanted = {"street": "Rue de l'Église 4", "zip": "4000", "city": "Liège"}
    assert fulfilled(
        "address", wanted, {"street": "rue de l eglise  4", "zip": "4000", "city": "LIEGE"}
    )
    assert not fulfilled(
        "address", wanted, {"street": "Rue de l'Église 5", "zip": "4000", "city": "Liège"}
    )
    assert not fulfilled("address", {}, {"street": "", "zip": "", "city": ""}), "nothing asked"


def test_a_note_is_never_seen_by_a_sync():
    assert not fulfilled("note", {"note": "x"}, {"status": "cancelled"})


@given(st.text(max_size=40))
def test_address_key_is_stable(value):
    key = address_key(value)
    assert address_key(key) == key
    assert address_key(value.upper()) == address_key(value.lower()) or not value.isascii()
