"""3CX Call Control events: the pure parser, the simulator's WebSocket, and the listening
adapter against it (drops, repeated events, expired tokens, faults)."""

import json
import threading
import time

import pytest
import requests
import websocket
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.suite_base.tools.token_cache import TokenCache
from odoo.addons.tcx_click2dial.adapters.call_events import TcxCallEventsAdapter
from odoo.addons.tcx_click2dial.adapters.errors import TcxAuthError
from odoo.addons.tcx_click2dial.helpers.call_events import (
    REMOVE,
    UPSERT,
    parse_event,
    ring_key,
    ringing_caller,
)

from .conftest import CLIENT_ID, CLIENT_SECRET


def event(entity, event_type=UPSERT, sequence=3):
    return json.dumps({"sequence": sequence, "event": {"event_type": event_type, "entity": entity}})


def test_parse_event():
    parsed = parse_event(event("/callcontrol/101/participants/7"))
    assert (parsed.dn, parsed.participant_id, parsed.event_type) == ("101", 7, UPSERT)
    assert parse_event(event("/callcontrol/101/participants/7", REMOVE)).event_type == REMOVE
    assert parse_event(event("/callcontrol/101/devices/7")) is None
    assert parse_event(json.dumps({"event": {"event_type": "0", "entity": "x"}})) is None
    assert parse_event("{not json") is None


@given(st.one_of(st.text(), st.binary(), st.none(), st.integers()))
def test_parse_event_never_raises(raw):
    assert parse_event(raw) is None or parse_event(raw).dn


def test_ringing_caller_and_key():
    ringing = {"id": 7, "callid": 88, "status": "Ringing", "party_caller_id": "+32475123456"}
    assert ringing_caller(ringing) == "+32475123456"
    assert ringing_caller({**ringing, "status": "Connected"}) is None
    assert ringing_caller({**ringing, "party_dn_type": "Wextension"}) is None
    assert ringing_caller({**ringing, "party_caller_id": "anonymous"}) is None
    assert ring_key(1, "101", ringing) == ring_key(1, "101", dict(ringing))
    assert ring_key(1, "101", ringing) != ring_key(1, "102", ringing)


def token(pbx):
    return requests.post(
        f"{pbx.base_url}/connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
        },
        timeout=5,
    ).json()["access_token"]


def ws_url(pbx):
    return pbx.base_url.replace("http://", "ws://") + "/callcontrol/ws"


def test_simulator_socket_sends_documented_events(pbx):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(ws_url(pbx), timeout=5)
    assert refused.value.status_code == 401
    bearer = token(pbx)
    connection = websocket.create_connection(
        ws_url(pbx), header=[f"Authorization: Bearer {bearer}"], timeout=5
    )
    try:
        for _ in range(50):  # the handshake answer precedes the subscription by a hair
            if pbx.state.subscribers:
                break
            time.sleep(0.02)
        participant = pbx.ring("101", "+32475123456", "Julie")
        message = json.loads(connection.recv())
        assert message["event"] == {
            "event_type": UPSERT,
            "entity": f"/callcontrol/101/participants/{participant['id']}",
            "attached_data": None,
        }
        got = requests.get(
            f"{pbx.base_url}{message['event']['entity']}",
            headers={"Authorization": f"Bearer {bearer}"},
            timeout=5,
        ).json()
        assert (got["status"], got["party_caller_id"]) == ("Ringing", "+32475123456")
        pbx.state.hang_up("101", participant["id"])
        assert json.loads(connection.recv())["event"]["event_type"] == REMOVE
    finally:
        connection.close()


def listen_in_thread(adapter, seconds=8):
    rings, stop = [], threading.Event()
    result = {}

    def run():
        result.update(
            adapter.listen(
                lambda dn, p: rings.append((dn, p)), time.monotonic() + seconds, stop=stop
            )
        )

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return rings, stop, thread, result


def wait_for(predicate, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def make_adapter(pbx, secret=CLIENT_SECRET):
    return TcxCallEventsAdapter(pbx.base_url, CLIENT_ID, secret, timeout=2, cache=TokenCache())


def test_listener_survives_drops_repeats_and_expired_tokens(pbx):
    rings, stop, thread, result = listen_in_thread(make_adapter(pbx))
    try:
        assert wait_for(lambda: pbx.state.subscribers == 1)
        first = pbx.ring("101", "+32475123456", repeat=2)  # 3CX repeating an Upsert
        assert wait_for(lambda: len(rings) == 2)
        assert {p["id"] for _dn, p in rings} == {first["id"]}  # the database dedupes the two
        pbx.expire_tokens()  # the token dies (PBX restart) …
        pbx.drop_connections()  # … and the socket with it: reconnect, token renewed on the 401
        assert wait_for(lambda: pbx.state.ws_opened == 2 and pbx.state.subscribers == 1)
        pbx.faults.add("status", "/callcontrol/102/participants", status=503)
        pbx.ring("102", "+32470000001")  # participant unreadable once: skipped, not fatal
        second = pbx.ring("102", "+32470000002")
        assert wait_for(lambda: len(rings) == 3)
        dn, ringing = rings[-1]
        assert (dn, ringing["id"], ringing["status"]) == ("102", second["id"], "Ringing")
        pbx.state.answer("102", second["id"])  # Connected: no pop-up
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()
    assert result["connections"] >= 2 and result["ringing"] == 3
    assert pbx.state.tokens_issued == 2


def test_listener_with_a_wrong_secret_keeps_trying_without_crashing(pbx):
    adapter = make_adapter(pbx, secret="wrong")
    with pytest.raises(TcxAuthError):
        adapter.connect()
    stats = adapter.listen(
        lambda *_: None, time.monotonic() + 1.5, sleep=lambda s: time.sleep(min(s, 0.2))
    )
    assert stats["connections"] == 0 and stats["errors"] >= 1
