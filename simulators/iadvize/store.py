"""The simulated iAdvize project: conversations (with visitor, custom data and messages), API
accounts and OAuth tokens. Thread-safe; every timestamp is ISO-8601 UTC with milliseconds."""

import base64
import itertools
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .graphql import GraphQLError

SCHEMA = {
    "Query": {"conversation": "Conversation"},
    "Conversation": {
        "id": None,
        "legacyId": None,
        "channel": None,
        "createdAt": None,
        "closedAt": None,
        "duration": None,
        "language": None,
        "project": "Project",
        "customData": "CustomData",
        "visitor": "Visitor",
        "messages": "ConversationMessageConnection",
        "tags": "ConversationTag",
    },
    "Project": {"id": None, "name": None},
    "CustomData": {"key": None, "value": None},
    "ConversationTag": {"id": None, "name": None},
    "Visitor": {
        "visitorId": None,
        "source": None,
        "externalUserId": None,
        "firstName": None,
        "lastName": None,
        "address": None,
        "city": None,
        "zipCode": None,
        "country": None,
        "phoneNumber": None,
        "email": None,
        "createdAt": None,
        "updatedAt": None,
        "username": None,
        "avatarUrl": None,
    },
    "ConversationMessageConnection": {"pageInfo": "PageInfo", "edges": "ConversationMessageEdge"},
    "PageInfo": {
        "hasNextPage": None,
        "hasPreviousPage": None,
        "startCursor": None,
        "endCursor": None,
    },
    "ConversationMessageEdge": {"cursor": None, "node": "ConversationMessage"},
    # author is a union (Visitor | User | Bot): only inline fragments and __typename
    "ConversationMessage": {
        "id": None,
        "createdAt": None,
        "text": None,
        "author": "MessageAuthor",
        "attachments": "MessageAttachment",
    },
    # a picture or file the visitor sent: its bytes at ``url`` (GET with the API token)
    "MessageAttachment": {
        "id": None,
        "fileName": None,
        "mimeType": None,
        "size": None,
        "url": None,
    },
    "User": {"id": None, "name": None, "email": None},
    "Bot": {"id": None, "name": None},
}
AUTHORS = {"visitor": "Visitor", "operator": "User", "bot": "Bot"}
MAX_PAGE = 100


def iso(moment):
    """``2026-11-20T10:11:12.171Z`` for a naive UTC or aware datetime."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class SimFile:
    """A file sent in a conversation (a visitor's photo), served at ``/files/<id>``."""

    file_name: str
    mime_type: str
    data: bytes
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass
class SimMessage:
    author: str  # visitor / operator / bot
    text: str
    created_at: datetime
    author_name: str = ""
    operator_id: int | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    attachments: list = field(default_factory=list)  # [SimFile]


@dataclass
class SimConversation:
    id: str
    channel: str
    created_at: datetime
    closed_at: datetime | None
    language: str
    visitor: dict
    custom_data: dict
    messages: list
    operator_ids: list
    visitor_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    tags: list = field(default_factory=list)


def _cursor(index):
    return base64.urlsafe_b64encode(f"cursor:{index}".encode()).decode().rstrip("=")


def _cursor_index(cursor):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _sep, value = raw.partition(":")
        if kind != "cursor":
            raise ValueError(raw)
        return int(value)
    except (ValueError, UnicodeDecodeError) as exc:
        raise GraphQLError(f"Invalid cursor {cursor!r}.", code="BAD_USER_INPUT") from exc


class Store:
    """Conversations and API access of one simulated iAdvize project."""

    def __init__(
        self,
        project_id="7301",
        project_name="SM Meubles",
        client_id="335",
        platform="ha",
        username="api@sm-meubles.test",
        password="iadvize-demo-password",
        oauth_client_id="odoo-inbox",
        oauth_client_secret="odoo-inbox-secret",
        token_ttl=3600,
        clock=time.monotonic,
    ):
        self.project_id = str(project_id)
        self.project_name = project_name
        self.client_id = str(client_id)
        self.platform = platform
        self.username = username
        self.password = password
        self.oauth_client_id = oauth_client_id
        self.oauth_client_secret = oauth_client_secret
        self.token_ttl = token_ttl
        self.clock = clock
        self._lock = threading.Lock()
        self.conversations = {}
        self.files = {}  # id -> SimFile
        self.files_url = ""  # the server's base URL, set when it starts
        self.tokens = {}
        self.counters = {"token": 0, "graphql": 0, "webhooks_sent": 0}
        self._legacy = itertools.count(900001)

    # conversations ----------------------------------------------------------------------
    def add_conversation(
        self,
        messages,
        visitor=None,
        custom_data=None,
        language="fr",
        channel="CHAT",
        conversation_id=None,
        created_at=None,
        closed=True,
        operator_ids=(1,),
    ):
        """Store a conversation; ``messages`` are ``SimMessage`` or ``(author, text)`` /
        ``(author, text, author_name)`` / ``(author, text, author_name, files)`` tuples (one
        minute apart; ``files``: ``[(file name, MIME type, bytes)]``, served at
        ``/files/<id>``). Returns its id."""
        start = created_at or utcnow() - timedelta(minutes=len(messages) + 2)
        built = []
        for index, item in enumerate(messages):
            if isinstance(item, SimMessage):
                built.append(item)
                continue
            author, text, *rest = item
            if author not in AUTHORS:
                raise ValueError(f"unknown author {author!r}")
            files = [SimFile(*spec) for spec in (rest[1] if len(rest) > 1 else ())]
            with self._lock:
                self.files.update((f.id, f) for f in files)
            built.append(
                SimMessage(
                    author=author,
                    text=text,
                    attachments=files,
                    created_at=start + timedelta(minutes=index + 1),
                    author_name=rest[0]
                    if rest and rest[0]
                    else ("Sophie (SM Meubles)" if author == "operator" else ""),
                    operator_id=(operator_ids[0] if operator_ids else None)
                    if author == "operator"
                    else None,
                )
            )
        last = max((m.created_at for m in built), default=start)
        conversation = SimConversation(
            id=conversation_id or str(uuid.uuid4()),
            channel=channel,
            created_at=start,
            closed_at=last + timedelta(minutes=1) if closed else None,
            language=language,
            visitor=dict(visitor or {}),
            custom_data=dict(custom_data or {}),
            messages=built,
            operator_ids=list(operator_ids),
        )
        with self._lock:
            self.conversations[conversation.id] = conversation
        return conversation.id

    def get(self, conversation_id):
        with self._lock:
            return self.conversations.get(conversation_id)

    def close(self, conversation_id):
        conversation = self.get(conversation_id)
        if conversation is None:
            raise KeyError(conversation_id)
        conversation.closed_at = conversation.closed_at or utcnow()
        return conversation

    # OAuth ------------------------------------------------------------------------------
    def issue_token(self, form):
        """``(status, body)`` of ``POST /oauth2/token`` for a decoded form."""
        grant = form.get("grant_type")
        if grant == "password":
            ok = form.get("username") == self.username and form.get("password") == self.password
        elif grant == "client_credentials":
            ok = (
                form.get("client_id") == self.oauth_client_id
                and form.get("client_secret") == self.oauth_client_secret
            )
        else:
            return 400, {
                "error": "unsupported_grant_type",
                "error_description": "Unsupported grant type",
            }
        if not ok:
            return 401, {"error": "invalid_grant", "error_description": "Invalid credentials"}
        token = secrets.token_urlsafe(24)
        with self._lock:
            self.tokens[token] = self.clock() + self.token_ttl
            self.counters["token"] += 1
        return 200, {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": self.token_ttl,
            "refresh_token": secrets.token_urlsafe(24),
        }

    def token_valid(self, token):
        with self._lock:
            expires = self.tokens.get(token)
        return expires is not None and self.clock() < expires

    def revoke_tokens(self):
        with self._lock:
            self.tokens.clear()

    # GraphQL graph ---------------------------------------------------------------------
    def root(self):
        return {"__typename": "Query", "conversation": self._resolve_conversation}

    def _resolve_conversation(self, id=None):
        conversation = self.get(id) if isinstance(id, str) else None
        if conversation is None:
            raise GraphQLError("Conversation not found", code="NOT_FOUND")
        return self._graph(conversation)

    def _graph(self, conv):
        visitor = conv.visitor
        messages = conv.messages
        duration = None
        if conv.closed_at:
            duration = f"PT{int((conv.closed_at - conv.created_at).total_seconds())}S"

        def connection(first=None, after=None, last=None, before=None):
            size = MAX_PAGE if first is None else first
            if not isinstance(size, int) or size < 1 or size > MAX_PAGE:
                raise GraphQLError(
                    f"'first' must be between 1 and {MAX_PAGE}.", code="BAD_USER_INPUT"
                )
            start = _cursor_index(after) + 1 if after else 0
            chunk = messages[start : start + size]
            edges = [
                {
                    "__typename": "ConversationMessageEdge",
                    "cursor": _cursor(start + offset),
                    "node": self._message(message),
                }
                for offset, message in enumerate(chunk)
            ]
            return {
                "__typename": "ConversationMessageConnection",
                "edges": edges,
                "pageInfo": {
                    "__typename": "PageInfo",
                    "hasNextPage": start + len(chunk) < len(messages),
                    "hasPreviousPage": start > 0,
                    "startCursor": edges[0]["cursor"] if edges else None,
                    "endCursor": edges[-1]["cursor"] if edges else None,
                },
            }

        return {
            "__typename": "Conversation",
            "id": conv.id,
            "legacyId": next(self._legacy),
            "channel": conv.channel,
            "createdAt": iso(conv.created_at),
            "closedAt": iso(conv.closed_at) if conv.closed_at else None,
            "duration": duration,
            "language": conv.language,
            "project": {"__typename": "Project", "id": self.project_id, "name": self.project_name},
            "customData": [
                {"__typename": "CustomData", "key": key, "value": value}
                for key, value in conv.custom_data.items()
            ],
            "tags": [{"__typename": "ConversationTag", "id": t, "name": t} for t in conv.tags],
            "visitor": {
                "__typename": "Visitor",
                "visitorId": conv.visitor_id,
                "source": "ONSITE",
                "externalUserId": visitor.get("externalUserId"),
                "firstName": visitor.get("firstName"),
                "lastName": visitor.get("lastName"),
                "address": visitor.get("address"),
                "city": visitor.get("city"),
                "zipCode": visitor.get("zipCode"),
                "country": visitor.get("country"),
                "phoneNumber": visitor.get("phoneNumber"),
                "email": visitor.get("email"),
                "createdAt": iso(conv.created_at),
                "updatedAt": iso(conv.created_at),
                "username": None,
                "avatarUrl": None,
            },
            "messages": connection,
        }

    def file(self, file_id):
        """The :class:`SimFile` with this id, or None."""
        with self._lock:
            return self.files.get(file_id)

    def _message(self, message):
        typename = AUTHORS[message.author]
        author = {"__typename": typename}
        if typename == "User":
            author.update(id=message.operator_id or 1, name=message.author_name, email=None)
        elif typename == "Bot":
            author.update(id="bot-1", name=message.author_name or "Bot")
        return {
            "__typename": "ConversationMessage",
            "id": message.id,
            "createdAt": iso(message.created_at),
            "text": message.text,
            "author": author,
            "attachments": [
                {
                    "__typename": "MessageAttachment",
                    "id": file.id,
                    "fileName": file.file_name,
                    "mimeType": file.mime_type,
                    "size": len(file.data),
                    "url": f"{self.files_url}/files/{file.id}",
                }
                for file in message.attachments
            ],
        }

    def stats(self):
        with self._lock:
            return {
                "project_id": self.project_id,
                "conversations": len(self.conversations),
                "tokens": len(self.tokens),
                "counters": dict(self.counters),
            }
