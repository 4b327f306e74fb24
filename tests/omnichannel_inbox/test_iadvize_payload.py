"""iAdvize webhook body and GraphQL conversation parsing (pure helpers)."""

from datetime import datetime

import pytest

from odoo.addons.omnichannel_inbox.helpers.iadvize import (
    PayloadError,
    parse_conversation,
    parse_datetime,
    parse_webhook,
)
from odoo.addons.suite_base.tools.languages import lang_code

EVENT = {
    "eventId": "0f0bb3af-5035-4ba3-b3fb-ff4879a3a74d",
    "eventType": "v2.conversation.closed",
    "platform": "ha",
    "projectId": 1549,
    "clientId": 335,
    "conversationId": "4c8c7408-f73c-42cd-89e9-afbbee7d9024",
    "operatorIds": [1, 2],
    "visitorExternalId": "63429889",
    "channel": "CHAT",
    "visitorId": "b05f1b45-c891-4a9c-b47e-91ee6c8ffb44",
    "createdAt": "2026-11-20T07:58:35.171Z",
    "sentAt": "2026-11-20T08:10:35.496Z",
}


def test_parse_documented_event():
    event = parse_webhook(EVENT)
    assert event.project_id == "1549"
    assert event.conversation_id == EVENT["conversationId"]
    assert event.idempotency_key == f"v2.conversation.closed:{EVENT['conversationId']}"
    assert event.operator_ids == ("1", "2")
    assert event.sent_at == datetime(2026, 11, 20, 8, 10, 35)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"conversationId": None}, "conversationId"),
        ({"conversationId": ""}, "conversationId"),
        ({"conversationId": {"x": 1}}, "conversationId"),
        ({"conversationId": "../../etc/passwd"}, "conversationId"),
        ({"projectId": None}, "projectId"),
        ({"eventType": None}, "eventType"),
        ({"operatorIds": "1,2"}, "operatorIds"),
        ({"sentAt": "yesterday"}, "sentAt"),
        ({"conversationId": True}, "conversationId"),
    ],
)
def test_invalid_events(change, field):
    with pytest.raises(PayloadError) as info:
        parse_webhook({**EVENT, **change})
    assert info.value.field == field


def test_body_must_be_an_object():
    with pytest.raises(PayloadError):
        parse_webhook(["not", "an", "object"])


def test_dates_and_langs():
    assert parse_datetime("2026-11-20T07:58:35+01:00") == datetime(2026, 11, 20, 6, 58, 35)
    assert parse_datetime("2026-11-20") == datetime(2026, 11, 20)
    assert parse_datetime("garbage") is None
    assert parse_datetime(12) is None
    assert [lang_code(x) for x in ("fr", "nl-BE", "en_GB", "de", "", None)] == [
        "fr",
        "nl",
        "en",
        "",
        "",
        "",
    ]


def test_parse_conversation():
    conversation = {
        "id": "c1",
        "channel": "CHAT",
        "createdAt": "2026-11-20T07:58:35.171Z",
        "closedAt": "2026-11-20T08:10:00.000Z",
        "language": "FR",
        "project": {"id": 1549},
        "customData": [{"key": "order", "value": "SO26-000123"}, {"key": 3, "value": "x"}, "junk"],
        "visitor": {"firstName": "Julie", "lastName": "Lambert", "phoneNumber": "0475 12 34 56"},
        "messages": {
            "edges": [
                {"node": {"id": "1", "createdAt": "2026-11-20T08:00:00Z", "text": "Bonjour", "author": {"__typename": "Visitor"}}},
                {"node": {"id": "2", "createdAt": "2026-11-20T08:02:00Z", "text": "Oui ?", "author": {"__typename": "User", "name": "Sophie"}}},
                {"node": {"id": "3", "createdAt": "2026-11-20T08:01:00Z", "text": "Un agent arrive", "author": {"__typename": "Bot"}}},
                {"node": None},
                "junk",
            ],
            "pageInfo": {"hasNextPage": False},
        },
    }  # fmt: skip
    transcript = parse_conversation(conversation)
    assert transcript.language == "fr"
    assert transcript.project_id == "1549"
    assert transcript.visitor.name == "Julie Lambert"
    assert transcript.custom_data == {"order": "SO26-000123"}
    assert [m.author for m in transcript.messages] == ["visitor", "operator", "bot"]
    assert transcript.first_operator_reply == datetime(2026, 11, 20, 8, 2)
    assert "Bonjour" in transcript.text() and transcript.visitor_text() == "Bonjour"


def test_parse_conversation_requires_an_id():
    with pytest.raises(PayloadError):
        parse_conversation(None)
    with pytest.raises(PayloadError):
        parse_conversation({"channel": "CHAT"})
