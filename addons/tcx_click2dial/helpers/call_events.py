# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""3CX v20 Call Control API events, read without Odoo (pure functions).

The WebSocket ``/callcontrol/ws`` sends JSON text messages
``{"sequence": 12, "event": {"event_type": 0, "entity": "/callcontrol/101/participants/7",
"attached_data": null}}``: ``event_type`` 0 = Upsert (a participant appeared or changed),
1 = Remove, 2 = DTMF string, 3 = prompt playback finished, 4 = response. The event names the
entity only; its state comes from ``GET /callcontrol/{dn}/participants/{id}``, a
CallParticipant: ``id``, ``status`` (``Dialing``, ``Ringing``, ``Connected``), ``dn``,
``party_caller_id`` (the other party's number), ``party_caller_name``, ``party_dn_type``
(``Wexternalline`` for an outside caller, ``Wextension`` for a colleague), ``callid``,
``legid``. Source: 3CX's Call Control API documentation (v20, endpoints and WebSocket events).
"""

import json
import re
from dataclasses import dataclass

UPSERT, REMOVE = 0, 1
_ENTITY = re.compile(r"^/callcontrol/([^/]+)/participants/(\d+)$")
INTERNAL_TYPES = frozenset({"Wextension"})  # a colleague calling: no customer to show


@dataclass(frozen=True)
class ParticipantEvent:
    """An event about the participant ``participant_id`` of extension ``dn``."""

    sequence: int
    event_type: int
    dn: str
    participant_id: int


def parse_event(raw):
    """The :class:`ParticipantEvent` of a WebSocket message, or ``None`` for anything else
    (other entities, DTMF, malformed JSON). Never raises: the socket must go on."""
    try:
        message = json.loads(raw)
    except (TypeError, ValueError):
        return None
    event = message.get("event") if isinstance(message, dict) else None
    if not isinstance(event, dict):
        return None
    event_type, entity = event.get("event_type"), event.get("entity")
    if not isinstance(event_type, int) or isinstance(event_type, bool):
        return None
    match = _ENTITY.match(entity) if isinstance(entity, str) else None
    if not match:
        return None
    sequence = message.get("sequence")
    return ParticipantEvent(
        sequence if isinstance(sequence, int) else 0,
        event_type,
        match.group(1),
        int(match.group(2)),
    )


def ringing_caller(participant):
    """The outside number ringing in this CallParticipant, or ``None`` (not ringing, a
    colleague, no caller id)."""
    if not isinstance(participant, dict) or participant.get("status") != "Ringing":
        return None
    if participant.get("party_dn_type") in INTERNAL_TYPES:
        return None
    number = participant.get("party_caller_id")
    if not isinstance(number, str) or not any(char.isdigit() for char in number):
        return None
    return number.strip()


def ring_key(pbx_id, dn, participant):
    """One ringing of one extension: the same call ringing the same phone again (repeated
    Upserts, a reconnection replaying state, two listeners) gives the same key."""
    return f"{pbx_id}:{dn}:{participant.get('callid') or ''}:{participant.get('id')}"
