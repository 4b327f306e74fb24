# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""iAdvize wire formats: the ``v2.conversation.closed`` webhook and the GraphQL transcript.

Pure Python. See ``readme/CONFIGURE.md`` for the exact request/response formats.

Webhook body (JSON object; fields we read, others ignored)::

    {"eventId": "0f0b…", "eventType": "v2.conversation.closed", "platform": "ha",
     "projectId": 1549, "clientId": 335, "conversationId": "4c8c7408-…",
     "operatorIds": [1, 2], "channel": "CHAT", "visitorId": "b05f…",
     "createdAt": "2026-11-20T10:11:12.171Z", "sentAt": "2026-11-20T10:11:12.496Z"}

GraphQL (``POST /graphql``, ``Authorization: Bearer <token>``): :data:`CONVERSATION_QUERY`.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from odoo.addons.suite_base.tools.timestamps import parse_iso_utc_or_none

CLOSED = "v2.conversation.closed"
MAX_BODY = 64 * 1024
MAX_DEPTH = 32  # the documented body is 2 levels deep; deeper JSON is refused before decoding
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}\Z")
# lone surrogates: JSON allows "\ud800", yet no UTF-8 encoder nor PostgreSQL stores it
SURROGATES = re.compile("[\\ud800-\\udfff]")

CONVERSATION_QUERY = """
query InboxConversation($id: UUID!, $first: Int, $after: String) {
  conversation(id: $id) {
    id
    channel
    createdAt
    closedAt
    language
    project { id name }
    customData { key value }
    visitor { firstName lastName email phoneNumber externalUserId country }
    messages(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          createdAt
          text
          author { __typename ... on User { id name } }
          attachments { id fileName mimeType size url }
        }
      }
    }
  }
}
""".strip()
PAGE_SIZE = 100
MAX_PAGES = 50


class PayloadError(ValueError):
    """A body that does not follow the documented format; ``reason`` says why."""

    def __init__(self, reason, field_name=None):
        super().__init__(reason)
        self.reason = reason
        self.field = field_name


@dataclass(frozen=True)
class WebhookEvent:
    event_id: str
    event_type: str
    conversation_id: str
    project_id: str
    platform: str = ""
    client_id: str = ""
    channel: str = ""
    visitor_id: str = ""
    operator_ids: tuple = ()
    created_at: datetime | None = None
    sent_at: datetime | None = None

    @property
    def idempotency_key(self):
        """One event per conversation and type: a replay or a retry has the same key."""
        return f"{self.event_type}:{self.conversation_id}"


def parse_datetime(value):
    """Naive UTC datetime from iAdvize's ISO-8601 (``2026-11-20T10:11:12.171Z``), or None
    (the suite's one parser, ``suite_base.tools.timestamps``; optional fields: never raises)."""
    if not value or not isinstance(value, str) or len(value) > 40:
        return None
    return parse_iso_utc_or_none(value)


def _reject_constant(name):
    raise PayloadError(f"'{name}' is not a JSON number")


def _json_depth(text):
    """Deepest nesting of arrays/objects in ``text`` (strings skipped), without recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _unstorable(text):
    """True when ``text`` holds a NUL or a lone surrogate (``"\\ud800"`` is valid JSON):
    PostgreSQL and UTF-8 encoders refuse both."""
    return "\x00" in text or SURROGATES.search(text) is not None


def _has_nul(value):
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _unstorable(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def decode_body(raw):
    """The JSON value of a webhook body (bytes); PayloadError for anything that is not
    UTF-8 JSON of at most :data:`MAX_DEPTH` levels, without NaN/Infinity or NUL characters."""
    if not isinstance(raw, bytes | bytearray):
        raise PayloadError("the body must be bytes")
    if len(raw) > MAX_BODY:
        raise PayloadError(f"the body must stay under {MAX_BODY} bytes")
    try:
        text = bytes(raw).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PayloadError("the body is not UTF-8") from exc
    if _json_depth(text) > MAX_DEPTH:
        raise PayloadError(f"the JSON is nested deeper than {MAX_DEPTH} levels")
    try:
        body = json.loads(text, parse_constant=_reject_constant)
    except PayloadError:
        raise
    except (ValueError, RecursionError) as exc:
        raise PayloadError("the body is not JSON") from exc
    if _has_nul(body):
        raise PayloadError("the body contains a NUL character or a lone surrogate")
    return body


def _id(body, key, required=True):
    value = body.get(key)
    if value is None or value == "":
        if required:
            raise PayloadError(f"'{key}' is required", key)
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PayloadError(f"'{key}' must be a string or an integer", key)
    if isinstance(value, int) and abs(value) >= 10**127:
        raise PayloadError(f"'{key}' is not a valid identifier", key)
    value = str(value)
    if not _ID.match(value):
        raise PayloadError(f"'{key}' is not a valid identifier", key)
    return value


def delivery_id(value):
    """iAdvize's ``x-iadvize-delivery`` header when it is a plain identifier, else ''."""
    if isinstance(value, str) and _ID.match(value) and value.isascii():
        return value[:64]
    return ""


def parse_webhook(body):
    """A :class:`WebhookEvent` from the decoded JSON body; PayloadError when invalid."""
    if not isinstance(body, dict):
        raise PayloadError("the body must be a JSON object")
    event_type = body.get("eventType")
    if not isinstance(event_type, str) or not event_type or len(event_type) > 64:
        raise PayloadError("'eventType' is required", "eventType")
    operators = body.get("operatorIds") or ()
    if not isinstance(operators, list | tuple):
        raise PayloadError("'operatorIds' must be a list", "operatorIds")
    sent_at = body.get("sentAt")
    if sent_at is not None and parse_datetime(sent_at) is None:
        raise PayloadError("'sentAt' is not an ISO-8601 date-time", "sentAt")
    created_at = body.get("createdAt")
    if created_at is not None and parse_datetime(created_at) is None:
        raise PayloadError("'createdAt' is not an ISO-8601 date-time", "createdAt")
    return WebhookEvent(
        event_id=_id(body, "eventId", required=False),
        event_type=event_type,
        conversation_id=_id(body, "conversationId"),
        project_id=_id(body, "projectId"),
        platform=str(body.get("platform") or "")[:16],
        client_id=_id(body, "clientId", required=False),
        channel=str(body.get("channel") or "")[:32],
        visitor_id=_id(body, "visitorId", required=False),
        operator_ids=tuple(
            str(o)[:64]
            for o in operators
            if isinstance(o, str) or (isinstance(o, int) and abs(o) < 10**64)
        )[:20],
        created_at=parse_datetime(created_at),
        sent_at=parse_datetime(sent_at),
    )


# --------------------------------------------------------------------------- transcript
@dataclass(frozen=True)
class Visitor:
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    external_user_id: str = ""
    country: str = ""

    @property
    def name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)


# pictures a visitor sends (photos of a damaged sofa): the formats Odoo shows in the chatter
PICTURE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
MAX_PICTURES = 10  # per conversation
MAX_PICTURE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    """A file sent in a conversation; its bytes are at ``url`` (GET with the API token)."""

    id: str
    file_name: str
    mime_type: str
    size: int
    url: str

    @property
    def is_picture(self):
        return self.mime_type in PICTURE_TYPES and 0 <= self.size <= MAX_PICTURE_BYTES


@dataclass(frozen=True)
class Message:
    id: str
    created_at: datetime | None
    author: str  # visitor / operator / bot / system
    author_name: str
    text: str
    attachments: tuple = ()  # (Attachment, ...)


@dataclass
class Transcript:
    conversation_id: str
    channel: str = ""
    created_at: datetime | None = None
    closed_at: datetime | None = None
    language: str = ""
    project_id: str = ""
    visitor: Visitor = field(default_factory=Visitor)
    custom_data: dict = field(default_factory=dict)
    messages: list = field(default_factory=list)

    @property
    def first_operator_reply(self):
        """When an operator (a person, not a bot) first answered, or None."""
        dates = [m.created_at for m in self.messages if m.author == "operator" and m.created_at]
        return min(dates) if dates else None

    def text(self):
        """Everything visitors and operators wrote, for order-number detection."""
        return "\n".join(m.text for m in self.messages if m.text)

    def visitor_text(self):
        return "\n".join(m.text for m in self.messages if m.author == "visitor" and m.text)

    def visitor_pictures(self):
        """The pictures visitors sent, in order, at most :data:`MAX_PICTURES`."""
        pictures = [
            a for m in self.messages if m.author == "visitor" for a in m.attachments if a.is_picture
        ]
        return pictures[:MAX_PICTURES]


def clean_text(value):
    """``value`` without NUL characters and with lone surrogates replaced (U+FFFD): the
    GraphQL answers are stored as they come."""
    return SURROGATES.sub("\ufffd", value.replace("\x00", ""))


def _str(value, limit=255):
    return clean_text(value).strip()[:limit] if isinstance(value, str) else ""


AUTHOR_TYPES = {"Visitor": "visitor", "User": "operator", "Bot": "bot", "System": "system"}
_SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


def parse_attachments(values):
    """``(Attachment, ...)`` from a message's ``attachments`` (malformed items dropped)."""
    out = []
    for item in values if isinstance(values, list) else ():
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        url = item["url"].strip()
        if not url.lower().startswith(("https://", "http://")) or len(url) > 2048:
            continue
        size = item.get("size")
        name = _SAFE_NAME.sub("_", _str(item.get("fileName"), 128)).strip(". ") or "picture"
        out.append(
            Attachment(
                id=_str(item.get("id"), 64),
                file_name=name,
                mime_type=_str(item.get("mimeType"), 64).lower(),
                size=size if isinstance(size, int) and not isinstance(size, bool) else 0,
                url=url,
            )
        )
    return tuple(out)


def parse_messages(connection):
    """``[Message]`` and ``(has_next, end_cursor)`` from one ``messages`` connection page."""
    if not isinstance(connection, dict):
        return [], (False, None)
    out = []
    for edge in connection.get("edges") or ():
        node = (edge or {}).get("node") if isinstance(edge, dict) else None
        if not isinstance(node, dict):
            continue
        author = node.get("author") if isinstance(node.get("author"), dict) else {}
        kind = AUTHOR_TYPES.get(author.get("__typename"), "system")
        out.append(
            Message(
                id=_str(node.get("id"), 64),
                created_at=parse_datetime(node.get("createdAt")),
                author=kind,
                author_name=_str(author.get("name"), 128),
                text=_str(node.get("text"), 20_000),
                attachments=parse_attachments(node.get("attachments")),
            )
        )
    info = connection.get("pageInfo") if isinstance(connection.get("pageInfo"), dict) else {}
    return out, (bool(info.get("hasNextPage")), info.get("endCursor"))


def parse_conversation(conversation):
    """A :class:`Transcript` from ``data.conversation`` (messages of the first page)."""
    if not isinstance(conversation, dict) or not conversation.get("id"):
        raise PayloadError("the answer has no conversation")
    visitor = conversation.get("visitor") if isinstance(conversation.get("visitor"), dict) else {}
    custom = {}
    for item in conversation.get("customData") or ():
        if isinstance(item, dict) and isinstance(item.get("key"), str):
            value = item.get("value")
            custom[clean_text(item["key"][:64])] = clean_text(
                value if isinstance(value, str) else str(value)
            )
    messages, _page = parse_messages(conversation.get("messages"))
    project = conversation.get("project") if isinstance(conversation.get("project"), dict) else {}
    return Transcript(
        conversation_id=_str(conversation.get("id"), 128),
        channel=_str(conversation.get("channel"), 32),
        created_at=parse_datetime(conversation.get("createdAt")),
        closed_at=parse_datetime(conversation.get("closedAt")),
        language=_str(conversation.get("language"), 16).lower(),
        project_id=str(project.get("id") or ""),
        visitor=Visitor(
            first_name=_str(visitor.get("firstName"), 128),
            last_name=_str(visitor.get("lastName"), 128),
            email=_str(visitor.get("email"), 254),
            phone=_str(visitor.get("phoneNumber"), 64),
            external_user_id=_str(visitor.get("externalUserId"), 64),
            country=_str(visitor.get("country"), 64),
        ),
        custom_data=custom,
        messages=messages,
    )
