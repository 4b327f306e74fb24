"""The iAdvize simulator (OAuth, GraphQL, faults, signed webhooks) and the add-on's client."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from odoo.addons.omnichannel_inbox.adapters.iadvize_client import IAdvizeClient, IAdvizeError
from odoo.addons.omnichannel_inbox.helpers.iadvize import CONVERSATION_QUERY, parse_conversation
from odoo.addons.omnichannel_inbox.helpers.signature import verify
from odoo.addons.suite_base.tools.token_cache import TokenCache
from simulators.iadvize import IAdvizeSimulator
from simulators.iadvize.graphql import Executor
from simulators.iadvize.store import SCHEMA, Store

USER, PASSWORD = "api@sim.test", "pw"


@pytest.fixture
def sim():
    simulator = IAdvizeSimulator(username=USER, password=PASSWORD, retry_delays=(0, 0), demo=True)
    simulator.start()
    yield simulator
    simulator.stop()


def client(sim, **options):
    return IAdvizeClient(
        sim.base_url, username=USER, password=PASSWORD, cache=TokenCache(), **options
    )


def token(sim):
    response = requests.post(
        f"{sim.base_url}/oauth2/token",
        data={"grant_type": "password", "username": USER, "password": PASSWORD},
        timeout=5,
    )
    assert response.status_code == 200
    return response.json()["access_token"]


def graphql(sim, query, variables=None, bearer=None):
    return requests.post(
        f"{sim.base_url}/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {bearer or token(sim)}"},
        timeout=5,
    )


def test_token_grants(sim):
    answer = requests.post(
        f"{sim.base_url}/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "odoo-inbox",
            "client_secret": "odoo-inbox-secret",
        },
        timeout=5,
    ).json()
    assert answer["token_type"] == "bearer" and answer["expires_in"] == 3600
    bad = requests.post(
        f"{sim.base_url}/oauth2/token",
        data={"grant_type": "password", "username": USER, "password": "x"},
        timeout=5,
    )
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_grant"
    unsupported = requests.post(
        f"{sim.base_url}/oauth2/token", data={"grant_type": "magic"}, timeout=5
    )
    assert unsupported.status_code == 400
    as_json = requests.post(
        f"{sim.base_url}/oauth2/token", json={"grant_type": "password"}, timeout=5
    )
    assert as_json.status_code == 400


def test_graphql_requires_a_token(sim):
    response = graphql(sim, '{ conversation(id: "x") { id } }', bearer="nope")
    assert response.status_code == 401


def test_conversation_query_returns_the_requested_fields_only(sim):
    cid = "4c8c7408-f73c-42cd-89e9-afbbee7d9024"
    answer = graphql(sim, CONVERSATION_QUERY, {"id": cid, "first": 2}).json()
    conversation = answer["data"]["conversation"]
    assert set(conversation) == {"id", "channel", "createdAt", "closedAt", "language", "project",
                                 "customData", "visitor", "messages"}  # fmt: skip
    assert set(conversation["visitor"]) == {
        "firstName",
        "lastName",
        "email",
        "phoneNumber",
        "externalUserId",
        "country",
    }
    edges = conversation["messages"]["edges"]
    assert len(edges) == 2 and conversation["messages"]["pageInfo"]["hasNextPage"] is True
    assert edges[0]["node"]["author"] == {"__typename": "Visitor"}
    assert edges[1]["node"]["author"]["__typename"] == "User" and edges[1]["node"]["author"]["name"]


def test_graphql_errors_like_a_real_server(sim):
    unknown_field = graphql(sim, '{ conversation(id: "x") { nope } }').json()
    assert (
        'Cannot query field "nope" on type "Conversation"' in unknown_field["errors"][0]["message"]
    )
    not_found = graphql(
        sim, "query Q($id: UUID!) { conversation(id: $id) { id } }", {"id": "missing"}
    ).json()
    assert not_found["data"] == {"conversation": None}
    assert not_found["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    missing_var = graphql(sim, "query Q($id: UUID!) { conversation(id: $id) { id } }").json()
    assert "was not provided" in missing_var["errors"][0]["message"]
    syntax = graphql(sim, '{ conversation(id: "x") { id }').json()
    assert "Syntax Error" in syntax["errors"][0]["message"]
    mutation = graphql(sim, "mutation { x }").json()
    assert "mutation" in mutation["errors"][0]["message"]
    scalar_selection = graphql(sim, '{ conversation(id: "x") { id { a } } }').json()
    assert "must not have a selection" in scalar_selection["errors"][0]["message"]
    union_field = graphql(
        sim, '{ conversation(id: "x") { messages { edges { node { author { name } } } } } }'
    ).json()
    assert "inline fragment" in union_field["errors"][0]["message"]


def test_executor_aliases_and_typename():
    store = Store()
    cid = store.add_conversation([("visitor", "hi")], visitor={"email": "a@b.c"})
    answer = Executor(SCHEMA).execute(
        f'query {{ c: conversation(id: "{cid}") {{ __typename who: visitor {{ mail: email }} }} }}',
        {},
        store.root(),
    )
    assert answer == {"data": {"c": {"__typename": "Conversation", "who": {"mail": "a@b.c"}}}}


def test_client_fetches_every_page_and_parses(sim):
    cid = sim.add_conversation(
        [("visitor", f"message {i} SO26-000{i:03d}") for i in range(230)], language="nl"
    )
    conversation = client(sim).fetch_conversation(cid)
    transcript = parse_conversation(conversation)
    assert len(transcript.messages) == 230
    assert transcript.messages[-1].text.startswith("message 229")
    assert transcript.language == "nl"


def test_client_errors_are_typed(sim):
    c = client(sim)
    with pytest.raises(IAdvizeError) as not_found:
        c.fetch_conversation("missing")
    assert not_found.value.retryable, "a conversation may not be visible yet"
    sim.faults.add("status", "/graphql", status=503)
    with pytest.raises(IAdvizeError) as unavailable:
        c.fetch_conversation("4c8c7408-f73c-42cd-89e9-afbbee7d9024")
    assert unavailable.value.retryable and unavailable.value.status == 503
    sim.faults.add("truncated", "/graphql")
    with pytest.raises(IAdvizeError):
        c.fetch_conversation("4c8c7408-f73c-42cd-89e9-afbbee7d9024")
    sim.faults.add("timeout", "/graphql", seconds=3)
    with pytest.raises(IAdvizeError) as timeout:
        client(sim, timeout=0.5).fetch_conversation("4c8c7408-f73c-42cd-89e9-afbbee7d9024")
    assert "no answer" in timeout.value.detail
    wrong = IAdvizeClient(sim.base_url, username=USER, password="bad", cache=TokenCache())
    with pytest.raises(IAdvizeError) as refused:
        wrong.token()
    assert refused.value.status == 401


def test_client_renews_a_revoked_token_once(sim):
    c = client(sim)
    c.fetch_conversation("4c8c7408-f73c-42cd-89e9-afbbee7d9024")
    sim.store.revoke_tokens()
    assert c.fetch_conversation("4c8c7408-f73c-42cd-89e9-afbbee7d9024")["id"]
    assert sim.store.counters["token"] == 2


def test_client_slow_answer_within_timeout(sim):
    sim.faults.add("slow", "/graphql", seconds=0.3)
    assert client(sim, timeout=5).fetch_conversation("4c8c7408-f73c-42cd-89e9-afbbee7d9024")


class _Receiver(BaseHTTPRequestHandler):
    answers = []
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        status = type(self).answers.pop(0) if type(self).answers else 202
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"status": status}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    _Receiver.answers, _Receiver.received = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Receiver
    server.shutdown()
    server.server_close()


def test_webhook_is_signed_and_documented(sim, receiver):
    url, rec = receiver
    delivery = sim.send_closed_webhook(url)
    assert delivery.ok and delivery.status == 202
    headers, body = rec.received[0]
    lower = {k.lower(): v for k, v in headers.items()}
    assert verify(body, sim.webhook_secret, lower["x-iadvize-signature"])
    assert lower["content-type"] == "application/json"
    assert lower["x-iadvize-delivery"] and lower["x-iadvize-correlationid"]
    payload = json.loads(body)
    assert payload["eventType"] == "v2.conversation.closed"
    assert set(payload) >= {
        "eventId",
        "platform",
        "projectId",
        "clientId",
        "conversationId",
        "sentAt",
        "createdAt",
    }
    assert rec.received and delivery.correlation_id == lower["x-iadvize-correlationid"]


def test_webhook_retries_twice_on_errors_with_the_same_correlation_id(sim, receiver):
    url, rec = receiver
    rec.answers = [500, 401, 500]
    delivery = sim.send_closed_webhook(url)
    assert [a.status for a in delivery.attempts] == [500, 401, 500]
    correlation = {
        h.get("x-iadvize-correlationid") or h.get("X-Iadvize-Correlationid")
        for h, _b in rec.received
    }
    assert len(correlation) == 1
    deliveries = {
        h.get("x-iadvize-delivery") or h.get("X-Iadvize-Delivery") for h, _b in rec.received
    }
    assert len(deliveries) == 3
    rec.answers = [503]
    assert sim.send_closed_webhook(url).status == 202, "the retry succeeded"


def test_webhook_faults(sim, receiver):
    url, rec = receiver
    sim.send_closed_webhook(url, bad_signature=True, retry_delays=())
    headers, body = rec.received[-1]
    lower = {k.lower(): v for k, v in headers.items()}
    assert not verify(body, sim.webhook_secret, lower["x-iadvize-signature"])
    sim.send_closed_webhook(url, raw_body=b"{not json", retry_delays=())
    assert rec.received[-1][1] == b"{not json"
    unreachable = sim.send_closed_webhook("http://127.0.0.1:9", retry_delays=(), timeout=1)
    assert unreachable.status is None and not unreachable.ok


def test_control_endpoints(sim, receiver):
    url, _rec = receiver
    created = requests.post(
        f"{sim.base_url}/_sim/conversations",
        json={"messages": [["visitor", "hello"]], "visitor": {"email": "x@y.z"}},
        timeout=5,
    )
    assert created.status_code == 201
    cid = created.json()["id"]
    assert (
        requests.get(f"{sim.base_url}/_sim/conversations/{cid}", timeout=5).json()["messages"] == 1
    )
    sent = requests.post(
        f"{sim.base_url}/_sim/webhooks/closed",
        json={"odoo_url": url, "conversation_id": cid},
        timeout=10,
    )
    assert sent.json()["status"] == 202
    assert (
        requests.post(
            f"{sim.base_url}/_sim/conversations", json={"messages": []}, timeout=5
        ).status_code
        == 400
    )
    stats = requests.get(f"{sim.base_url}/_sim/stats", timeout=5).json()
    assert stats["conversations"] == 4 and stats["counters"]["webhooks_sent"] == 1
