"""iAdvize simulator: OAuth token + GraphQL ``conversation(id:)`` API, and signed
``v2.conversation.closed`` webhooks sent to Odoo with iAdvize's retry policy."""

from .desk import Desk, DeskPanel, desk_jwt
from .graphql import Executor, GraphQLError
from .server import DEFAULT_SECRET, IAdvizeHandler, IAdvizeSimulator
from .store import SCHEMA, SimMessage, Store
from .webhook import CLOSED, WEBHOOK_PATH, closed_payload, deliver, encode, sign, webhook_url

__all__ = [
    "CLOSED",
    "DEFAULT_SECRET",
    "SCHEMA",
    "WEBHOOK_PATH",
    "Desk",
    "DeskPanel",
    "Executor",
    "GraphQLError",
    "IAdvizeHandler",
    "IAdvizeSimulator",
    "SimMessage",
    "Store",
    "closed_payload",
    "deliver",
    "desk_jwt",
    "encode",
    "sign",
    "webhook_url",
]
