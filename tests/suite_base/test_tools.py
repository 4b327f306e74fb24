"""suite_base's shared helpers: one home each (ranking, token cache, timestamps, languages,
missed calls), tested once here; their users keep their own behaviour tests."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.iadvize import parse_datetime as iadvize_datetime
from odoo.addons.suite_base.tools.calls import MISSED_STATUSES, is_missed
from odoo.addons.suite_base.tools.customer_ranking import rank_candidates
from odoo.addons.suite_base.tools.languages import lang_code, odoo_lang
from odoo.addons.suite_base.tools.timestamps import parse_iso_utc, parse_iso_utc_or_none
from odoo.addons.suite_base.tools.token_cache import TokenCache, TokenClient, cache_key
from odoo.addons.tcx_click2dial.helpers.call_report import parse_datetime as tcx_datetime


def row(pid, is_company=False, company=None, mobile=None, when=None):
    return {
        "id": pid,
        "is_company": is_company,
        "commercial_partner_id": company or pid,
        "mobile_e164": mobile,
        "last_activity": when,
    }


def test_ranking():
    n = "+3242234567"
    old, new = dt.datetime(2026, 1, 1), dt.datetime(2026, 6, 1)
    company, employee = row(1, is_company=True), row(2, company=1)
    assert [r["id"] for r in rank_candidates([employee, company], n)] == [1, 2]
    own_line = row(3, company=1, mobile=n)
    assert rank_candidates([company, employee, own_line], n)[0]["id"] == 3
    lone = row(4, company=99)  # works for a company that does not share the number
    assert rank_candidates([company, lone], n)[0]["id"] == 4
    a, b = row(5, when=old), row(6, when=new)
    assert [r["id"] for r in rank_candidates([a, b], n)] == [6, 5]
    assert [r["id"] for r in rank_candidates([row(7), row(8)], n)] == [8, 7]
    assert rank_candidates([], n) == []
    # a contact created later with a known customer's number does not take the number
    known, fake = {**row(9, when=old), "known": True}, row(10, when=new)
    assert rank_candidates([fake, known], n)[0]["id"] == 9


def test_token_cache_expiry_drop_and_keys():
    cache = TokenCache()
    key = cache_key("https://pbx", "client", secret="s3cret")
    assert "s3cret" not in repr(key), "the secret is never kept"
    assert key != cache_key("https://pbx", "client", secret="other"), "a new secret, a new key"
    cache.put(key, "t1", expires_at=100.0)
    assert cache.get(key, now=99.0) == "t1"
    assert cache.get(key, now=100.0) is None, "expired"
    cache.drop(key, token="someone else's")
    assert cache.get(key, now=1.0) == "t1", "only the token we hold is dropped"
    cache.drop(key, token="t1")
    assert cache.get(key, now=1.0) is None
    cache.put(key, "t2", 10.0)
    cache.clear()
    assert cache.get(key, 1.0) is None


def test_token_client_fetches_once_until_expiry():
    now = [0.0]
    fetched = []

    def fetch():
        fetched.append(now[0])
        return f"t{len(fetched)}", 60.0

    client = TokenClient("https://api/", 5, None, TokenCache(), lambda: now[0])
    client.cache_key = cache_key(client.base_url, "id", secret="s")
    assert client.base_url == "https://api"
    assert client.cached_token(fetch) == "t1"
    now[0] = 59.0
    assert client.cached_token(fetch) == "t1", "cached"
    assert client.cached_token(fetch, force=True) == "t2", "refused token: a fresh one"
    now[0] = 59.0 + 60.0
    assert client.cached_token(fetch) == "t3", "expired"
    assert fetched == [0.0, 59.0, 119.0]


def test_timestamps():
    moment = dt.datetime(2026, 11, 20, 9, 15)
    for text in ("2026-11-20T09:15:00Z", "2026-11-20T10:15:00+01:00", "2026-11-20 09:15:00",
                 "2026-11-20T09:15:00.1234567Z", "2026-11-20T09:15:00.171z"):  # fmt: skip
        assert parse_iso_utc(text) == moment, text
        assert tcx_datetime(text) == iadvize_datetime(text) == moment, "one parser for both"
    assert parse_iso_utc("") is None and parse_iso_utc(None) is None
    assert parse_iso_utc("0001-01-01T00:00:00") is None, ".NET DateTime.MinValue"
    assert parse_iso_utc_or_none("yesterday") is None


@given(st.one_of(st.text(max_size=80), st.integers(), st.none(), st.binary(max_size=20)))
def test_timestamps_only_raise_value_error(value):
    try:
        result = parse_iso_utc(value)
    except ValueError:
        return
    assert result is None or (isinstance(result, dt.datetime) and result.tzinfo is None)
    assert parse_iso_utc_or_none(value) == result


def test_languages():
    assert [lang_code(x) for x in ("fr", "nl-BE", "en_GB", "FR_be", "de", "", None)] == [
        "fr", "nl", "en", "fr", "", "", ""]  # fmt: skip
    installed = ["en_US", "fr_FR", "nl_BE"]
    assert odoo_lang("fr", installed) == "fr_FR"
    assert odoo_lang("nl", installed) == "nl_BE"
    assert odoo_lang("fr_FR", installed) == "fr_FR"
    assert odoo_lang("de", installed) is False
    assert odoo_lang("fr", ["fr_BE", "fr_FR"]) == "fr_BE", "Belgian first"


def test_missed_calls():
    assert set(MISSED_STATUSES) == {"missed", "unanswered"}
    assert is_missed("inbound", "missed") and is_missed("inbound", "unanswered")
    assert not is_missed("outbound", "unanswered") and not is_missed("inbound", "answered")


def test_guess_lang_from_a_customers_text():
    from odoo.addons.suite_base.tools.languages import guess_lang

    assert guess_lang("Bonjour, je voudrais savoir où est ma commande") == "fr"
    assert guess_lang("Goedendag, wanneer komt mijn bestelling? Bedankt") == "nl"
    assert guess_lang("Hello, where is my order? Thanks") == "en"
    assert guess_lang("SO26-000123") == "", "no words: no guess"
    assert guess_lang("merci") == "", "one marker is not enough"
    assert guess_lang("") == ""
