# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The chat report 3CX posts when a chat or SMS conversation ends (template scenario
``ReportChat``, "Chat Journaling" in 3CX's CRM template description): parse and check it.

The body is the JSON object built by the template's ``<PostValues>`` (``crm_template.py``):
``Number`` (the customer's number; empty for a web chat without one), ``Name``, ``Email``,
``Agent``, ``AgentEmail``, ``QueueExtension``, ``Duration``, ``ChatStartTimeUTC``,
``ChatEndTimeUTC`` (ISO 8601, two passes), ``ChatMessages`` (the conversation as 3CX formats
it, one message a line) and ``EntityId``/``EntityType`` (our contact id when the lookup matched
one). Keys are matched like the call report's. A chat needs a start time and a way to know
the customer (number, e-mail or our contact id).

Any input gives a :class:`ChatReport` or a :class:`~.call_report.ReportError`.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from odoo.tools import email_normalize

from .call_report import (
    MAX_LONG_TEXT,
    ReportError,
    _extension,
    _normalised_keys,
    _text,
    _time,
    is_withheld,
    parse_duration,
)


@dataclass(frozen=True)
class ChatReport:
    number: str  # "" when the customer wrote from a web chat without a number
    name: str
    email: str  # normalised, or ""
    agent: str
    agent_email: str
    queue: str
    duration: int  # seconds
    start: datetime  # naive UTC
    end: datetime | None
    messages: str  # the conversation, as 3CX formats it
    entity_id: int | None


def parse_chat_report(payload):
    """Check one ReportChat body and return a :class:`ChatReport`; raise ReportError."""
    if not isinstance(payload, dict):
        raise ReportError("body", "must be a JSON object")
    data = _normalised_keys(payload)
    number = _text(data, "Number", max_length=64)
    if is_withheld(number):
        number = ""
    elif not any("0" <= ch <= "9" for ch in number):
        raise ReportError("Number", "has no digit (send it empty when unknown)")
    raw_email = _text(data, "Email", max_length=254)
    email = email_normalize(raw_email, strict=False) or "" if raw_email else ""
    if raw_email and not email:
        raise ReportError("Email", "is not an e-mail address")
    agent_email = _text(data, "AgentEmail", max_length=254)
    if agent_email and "@" not in agent_email:
        raise ReportError("AgentEmail", "is not an e-mail address")
    start = _time(data, "ChatStartTimeUTC")
    end = _time(data, "ChatEndTimeUTC")
    if start is None:
        raise ReportError("ChatStartTimeUTC", "is required")
    if end is not None and end < start:
        raise ReportError("ChatEndTimeUTC", "is before the start of the chat")
    try:
        duration = parse_duration(data.get("duration"))
    except ValueError as exc:
        raise ReportError("Duration", f"is not hh:mm:ss nor seconds ({exc})") from exc
    if duration is None:
        duration = int((end - start).total_seconds()) if end else 0
    entity = _text(data, "EntityId", max_length=32)
    entity_id = int(entity) if re.fullmatch(r"[0-9]{1,9}", entity) else None
    if not (number or email or entity_id):
        raise ReportError("Number", "a chat needs the customer's number, e-mail or EntityId")
    return ChatReport(
        number=number,
        name=_text(data, "Name"),
        email=email,
        agent=_extension(data, "Agent"),
        agent_email=agent_email,
        queue=_extension(data, "QueueExtension"),
        duration=min(duration, 7 * 24 * 3600),
        start=start,
        end=end,
        messages=_text(data, "ChatMessages", max_length=MAX_LONG_TEXT),
        entity_id=entity_id or None,
    )
