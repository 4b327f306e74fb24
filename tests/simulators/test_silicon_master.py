"""Silicon Master simulator over real HTTP: contract endpoints, paging, cursors, control."""

import base64
import json

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sm_client import API_KEY, SmClient

ENTITIES = ("contacts", "articles", "orders")


def _key(record):
    return (record["updated_at"], record["id"])


# --- ping, auth, errors -------------------------------------------------------------------


def test_ping_answers_with_the_simulated_time(client):
    body = client.get("/api/v1/ping").json()
    assert body == {"status": "ok", "version": "1", "server_time": "2026-11-01T08:00:00Z"}


@pytest.mark.parametrize(
    "path", ["/api/v1/ping", "/api/v1/contacts", "/api/v1/orders/ids", "/_sim/stats"]
)
@pytest.mark.parametrize("headers", [{}, {"X-SM-Api-Key": "wrong"}])
def test_missing_or_wrong_api_key_is_401_json(sim, path, headers):
    response = requests.get(sim.base_url + path, headers=headers, timeout=5)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_api_key"
    assert response.json()["message"]


@pytest.mark.parametrize(
    ("path", "params", "error"),
    [
        ("/api/v1/customers", {}, "unknown_entity"),
        ("/api/v1/contacts", {"limit": "0"}, "invalid_limit"),
        ("/api/v1/contacts", {"limit": "1001"}, "invalid_limit"),
        ("/api/v1/contacts", {"limit": "ten"}, "invalid_limit"),
        ("/api/v1/contacts", {"updated_since": "yesterday"}, "invalid_updated_since"),
        ("/api/v1/contacts", {"updated_since": "2026-13-01T00:00:00Z"}, "invalid_updated_since"),
        ("/api/v1/contacts", {"cursor": "not a cursor!"}, "invalid_cursor"),
        (
            "/api/v1/contacts",
            {"cursor": base64.urlsafe_b64encode(b"[1, 2]").decode()},
            "invalid_cursor",
        ),
        (
            "/api/v1/contacts",
            {"cursor": base64.urlsafe_b64encode(b'{"u": "x", "i": "C1"}').decode()},
            "invalid_cursor",
        ),
        ("/api/v1/orders/ids", {"limit": "10001"}, "invalid_limit"),
        ("/api/v1/orders/ids", {"cursor": "%%%"}, "invalid_cursor"),
        ("/api/v1/nope/ids", {}, "unknown_entity"),
    ],
)
def test_bad_parameters_are_400_with_a_reason(client, path, params, error):
    response = client.get(path, **params)
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["error"] == error
    assert response.json()["message"]


def test_unknown_record_or_path_is_404_and_writes_are_405(client):
    assert client.get("/api/v1/contacts/C9999999").status_code == 404
    assert client.get("/api/v1/contacts/C9999999").json()["error"] == "not_found"
    assert client.get("/api/v2/contacts").status_code == 404
    assert client.get("/api/v1/contacts/C0000001/extra").status_code == 404
    assert client.http.post(client.base + "/api/v1/contacts", timeout=5).status_code == 405


def test_cursor_wins_over_updated_since(client):
    first = client.page("contacts", limit=5)
    follow = client.page("contacts", cursor=first["next_cursor"], updated_since="garbage", limit=5)
    assert _key(follow["data"][0]) > _key(first["data"][-1])


# --- records ------------------------------------------------------------------------------


def test_records_have_the_contract_shape(client, contract):
    schemas = contract["components"]["schemas"]
    for entity, schema in (("contacts", "Contact"), ("articles", "Article"), ("orders", "Order")):
        record = client.page(entity, limit=1)["data"][0]
        assert set(schemas[schema]["required"]) <= set(record)
        assert set(record) <= set(schemas[schema]["properties"])
        again = client.get(f"/api/v1/{entity}/{record['id']}").json()
        assert again == record
    line = client.page("orders", limit=1)["data"][0]["lines"][0]
    assert set(line) == set(schemas["OrderLine"]["properties"])


def test_one_record_by_id_including_article_codes(client, sim):
    code = sim.store.tables["articles"].live_ids[3]
    response = client.get(f"/api/v1/articles/{code}")
    assert response.status_code == 200
    assert response.json()["code"] == code


def test_json_is_compact_utf8(client):
    raw = client.get("/api/v1/contacts", limit=50).content
    assert b'": ' not in raw and b", " not in raw.split(b'"data"')[0]
    assert json.loads(raw.decode("utf-8"))["data"]


# --- paging ------------------------------------------------------------------------------


@pytest.mark.parametrize("entity", ENTITIES)
def test_walk_returns_every_record_once_in_order(client, sim, entity):
    records = client.walk(entity, limit=37)
    keys = [_key(rec) for rec in records]
    assert keys == sorted(keys)
    assert len({rec["id"] for rec in records}) == len(records)
    assert {rec["id"] for rec in records} == set(sim.store.tables[entity].records)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(limit=st.integers(min_value=1, max_value=1000), entity=st.sampled_from(ENTITIES))
def test_paging_invariants_hold_for_any_limit(client, sim, limit, entity):
    pages, cursor, seen = 0, None, []
    total = len(sim.store.tables[entity].keys)
    while True:
        body = client.page(entity, limit=limit, **({"cursor": cursor} if cursor else {}))
        assert len(body["data"]) <= limit
        seen.extend(body["data"])
        assert body["remaining"] == total - len(seen)
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
        assert len(body["data"]) == limit
    assert pages == max(1, -(-total // limit))
    assert [_key(rec) for rec in seen] == sorted(sim.store.tables[entity].keys)


def test_updated_since_is_inclusive(client, sim):
    keys = sim.store.tables["orders"].keys
    stamp = keys[len(keys) // 2][0]
    records = client.walk("orders", limit=100, updated_since=stamp)
    assert records[0]["updated_at"] == stamp
    assert all(rec["updated_at"] >= stamp for rec in records)
    assert len(records) == sum(1 for key in keys if key[0] >= stamp)


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z"),
        ("2026-03-01T11:00:00+01:00", "2026-03-01T10:00:00Z"),
        ("2026-03-01T10:00:00", "2026-03-01T10:00:00Z"),  # naive = UTC
        ("2026-03-01T09:59:59.250Z", "2026-03-01T10:00:00Z"),  # fraction rounds up
        ("2026-03-01", "2026-03-01T00:00:00Z"),
    ],
)
def test_updated_since_formats(client, sim, since, expected):
    body = client.page("contacts", updated_since=since, limit=1000)
    keys = sim.store.tables["contacts"].keys
    assert len(body["data"]) + body["remaining"] == sum(1 for key in keys if key[0] >= expected)


def test_ids_lists_live_ids_ascending_in_pages(client, sim):
    for entity in ENTITIES:
        ids = client.all_ids(entity, limit=37)
        assert ids == sorted(sim.store.tables[entity].records)


def test_empty_feed_after_now(client):
    body = client.page("contacts", updated_since="2030-01-01T00:00:00Z")
    assert body == {
        "data": [],
        "next_cursor": None,
        "remaining": 0,
        "server_time": body["server_time"],
    }


# --- changes seen through the API ---------------------------------------------------------


def test_delete_leaves_a_tombstone_and_drops_from_ids(fresh_client):
    victims = fresh_client.all_ids("contacts")[:3]
    stamp = fresh_client.post("/_sim/delete", {"entity": "contacts", "ids": victims}).json()
    feed = fresh_client.page("contacts", updated_since=stamp["updated_at"])["data"]
    assert feed == [
        {"id": vid, "deleted": True, "updated_at": stamp["updated_at"]} for vid in sorted(victims)
    ]
    assert fresh_client.get(f"/api/v1/contacts/{victims[0]}").status_code == 404
    assert not set(victims) & set(fresh_client.all_ids("contacts"))
    stats = fresh_client.get("/_sim/stats").json()
    assert stats["counts"]["contacts"]["tombstones"] == 3
    tombstones = [rec for rec in fresh_client.walk("contacts", limit=50) if rec.get("deleted")]
    assert len(tombstones) == 3  # each deleted id comes back exactly once


def test_touched_record_moves_to_the_end_of_the_feed(fresh_client):
    first_id = fresh_client.page("contacts", limit=1)["data"][0]["id"]
    stamp = fresh_client.post("/_sim/touch", {"entity": "contacts", "ids": [first_id]}).json()
    feed = fresh_client.page("contacts", updated_since=stamp["updated_at"])["data"]
    assert [rec["id"] for rec in feed] == [first_id]
    assert fresh_client.page("contacts", limit=1)["data"][0]["id"] != first_id


def test_cursor_is_stable_while_records_change_mid_walk(fresh_client, fresh_sim):
    table = fresh_sim.store.tables["contacts"]  # peeked at between pages, never modified
    start_ids = set(table.records)
    walked, cursor, page_no, touched, deleted = [], None, 0, [], []
    while True:
        body = fresh_client.page("contacts", limit=7, **({"cursor": cursor} if cursor else {}))
        walked.extend(body["data"])
        cursor, page_no = body["next_cursor"], page_no + 1
        if cursor is None:
            break
        seen = {rec["id"] for rec in walked}
        already = sorted(cid for cid in seen if cid in table.records and cid not in touched)
        ahead = sorted(cid for cid in table.records if cid not in seen)
        if already:  # a record the client already has changes: it must come back
            fresh_client.post("/_sim/touch", {"entity": "contacts", "ids": [already[0]]})
            touched.append(already[0])
        if len(ahead) > 2:  # one not reached yet is deleted, another edited
            fresh_client.post("/_sim/delete", {"entity": "contacts", "ids": [ahead[-1]]})
            deleted.append(ahead[-1])
            fresh_client.post(
                "/_sim/set",
                {
                    "entity": "contacts",
                    "id": ahead[0],
                    "field": "phone",
                    "value": f"0475 00 00 {page_no % 100:02d}",
                },
            )
        if page_no % 5 == 0:
            fresh_client.post("/_sim/advance", {"minutes": 10, "change_ratio": 0.05})

    keys = [_key(rec) for rec in walked]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)  # strictly increasing
    walked_ids = [rec["id"] for rec in walked]
    assert start_ids <= set(walked_ids)  # nothing lost
    assert touched and deleted
    for cid in touched:
        assert walked_ids.count(cid) >= 2  # seen again after its update
    for cid in deleted:
        assert [rec for rec in walked if rec["id"] == cid][-1]["deleted"] is True
    # replaying the walk as upserts/deletes rebuilds SM exactly: incremental sync is sound
    replica = {}
    for rec in walked:
        if rec.get("deleted"):
            replica.pop(rec["id"], None)
        else:
            replica[rec["id"]] = rec
    assert replica == table.records


def test_advance_changes_are_visible_incrementally(fresh_client):
    before = fresh_client.get("/_sim/stats").json()["now"]
    summary = fresh_client.post("/_sim/advance", {"minutes": 60, "change_ratio": 0.1}).json()
    assert summary["now"] > before
    changed = fresh_client.walk("orders", updated_since=before)
    assert changed and all(rec["updated_at"] > before for rec in changed)
    expected = summary["changed"].get("orders", 0) + summary["created"].get("orders", 0)
    expected += summary["deleted"].get("orders", 0)
    assert len(changed) <= expected + summary["flaps_reverted"]
    assert fresh_client.get("/api/v1/ping").json()["server_time"] == summary["now"]


# --- control endpoints --------------------------------------------------------------------


def test_stats_and_reset(fresh_client):
    fresh_client.post("/_sim/advance", {"minutes": 30, "change_ratio": 0.2})
    stats = fresh_client.get("/_sim/stats").json()
    assert stats["requests_served"] >= 2 and stats["now"] > "2026-11-01T08:00:00Z"
    reset = fresh_client.post("/_sim/reset", {"contacts": 40, "articles": 30, "orders": 20}).json()
    assert reset["now"] == "2026-11-01T08:00:00Z"
    assert reset["counts"]["contacts"] == {"live": 40, "tombstones": 0}
    assert reset["counts"]["orders"] == {"live": 20, "tombstones": 0}


def test_control_errors(fresh_client):
    assert fresh_client.post("/_sim/nope").status_code == 404
    bad = fresh_client.post("/_sim/advance", {"minutes": -5})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_body"
    missing = fresh_client.post("/_sim/touch", {"entity": "contacts", "ids": ["C9999999"]})
    assert missing.status_code == 404
    raw = fresh_client.http.post(fresh_client.base + "/_sim/advance", data="{nope", timeout=5)
    assert raw.status_code == 400 and raw.json()["error"] == "invalid_json"
    assert (
        fresh_client.post("/_sim/set", {"entity": "contacts", "id": "C0000001"}).status_code == 400
    )


def test_set_order_lines_recomputes_totals(fresh_client):
    order = fresh_client.page("orders", limit=1)["data"][0]
    lines = [
        {
            **order["lines"][0],
            "qty": "3",
            "unit_price_incl_vat": "10.01",
            "discount_pct": "5.00",
            "vat_rate": "21.00",
        }
    ]
    updated = fresh_client.post(
        "/_sim/set", {"entity": "orders", "id": order["id"], "field": "lines", "value": lines}
    ).json()
    # 3 * 10.01 * 0.95 = 28.5285 -> 28.53 ; 28.53 / 1.21 = 23.578... -> 23.58
    assert (updated["total_incl_vat"], updated["total_excl_vat"], updated["total_vat"]) == (
        "28.53",
        "23.58",
        "4.95",
    )


def test_dirty_manifest_over_http(client, sim):
    assert client.get("/_sim/dirty").json() == sim.store.dirty


def test_other_api_key_is_configurable():
    from simulators.silicon_master import SiliconMasterSimulator

    with SiliconMasterSimulator(contacts=20, articles=20, orders=5, api_key="other") as other:
        assert (
            requests.get(
                other.base_url + "/api/v1/ping", timeout=5, headers={"X-SM-Api-Key": "other"}
            ).status_code
            == 200
        )
        assert SmClient(other).get("/api/v1/ping").status_code == 401
    assert API_KEY != "other"
