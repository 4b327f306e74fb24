"""What the simulated PBX knows: API client, extensions, issued tokens, received makecalls."""

import itertools
import queue
import re
import secrets
import threading
import time
from datetime import datetime, timezone

_DESTINATION = re.compile(r"^\+?\d{3,20}$")


class PbxError(Exception):
    """An answer other than 200: ``status`` and the JSON ``body`` 3CX would send."""

    def __init__(self, status, body, headers=None):
        super().__init__(f"HTTP {status}")
        self.status = status
        self.body = body
        self.headers = headers or {}


class PbxState:
    """Thread-safe state of one simulated 3CX v20 PBX.

    ``extensions``: the DNs that exist; ``offline``: DNs without a registered phone (3CX
    refuses to ring them). ``token_ttl`` is in seconds (``expires_in`` of the token answer).
    """

    def __init__(
        self,
        client_id="odoo-demo",
        client_secret="odoo-demo-secret",
        extensions=("101", "102", "103"),
        token_ttl=3600,
        clock=time.monotonic,
    ):
        self.client_id = client_id
        self.client_secret = client_secret
        self.extensions = {str(dn) for dn in extensions}
        self.offline = set()
        self.token_ttl = float(token_ttl)
        self.clock = clock
        self._lock = threading.Lock()
        self._tokens = {}
        self._ids = itertools.count(1)
        self.calls = []  # accepted makecalls, oldest first
        self.rejected = []  # refused makecalls (status, dn, destination, reason)
        self.tokens_issued = 0
        self.token_failures = 0
        self.participants = {}  # (dn, participant id) -> CallParticipant of a live call
        self._subscribers = []  # one queue per open /callcontrol/ws connection
        self._sequence = itertools.count(1)
        self.events_sent = 0
        self.ws_opened = 0  # WebSocket connections accepted so far

    # OAuth ---------------------------------------------------------------------------
    def issue_token(self, form):
        """Answer ``POST /connect/token`` for the decoded form ``{key: value}``."""
        grant = form.get("grant_type", "")
        if grant != "client_credentials":
            with self._lock:
                self.token_failures += 1
            raise PbxError(400, {"error": "unsupported_grant_type"})
        if form.get("client_id") != self.client_id or not secrets.compare_digest(
            form.get("client_secret", ""), self.client_secret
        ):
            with self._lock:
                self.token_failures += 1
            raise PbxError(400, {"error": "invalid_client"})
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = self.clock() + self.token_ttl
            self.tokens_issued += 1
        return {
            "token_type": "Bearer",
            "expires_in": int(self.token_ttl),
            "access_token": token,
            "refresh_token": None,
        }

    def token_valid(self, token):
        with self._lock:
            expires_at = self._tokens.get(token)
        return expires_at is not None and self.clock() < expires_at

    def expire_tokens(self):
        """Every issued token expires now (a client must ask for a new one)."""
        with self._lock:
            count = len(self._tokens)
            self._tokens.clear()
        return count

    # Call Control --------------------------------------------------------------------
    def make_call(self, authorization, dn, body):
        """Answer ``POST /callcontrol/{dn}/makecall``."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not self.token_valid(token.strip()):
            raise PbxError(401, None, {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        if not isinstance(body, dict):
            raise self._refuse(400, dn, None, "InvalidRequest", "The body must be a JSON object")
        destination = body.get("destination")
        if not isinstance(destination, str) or not _DESTINATION.match(destination.strip()):
            raise self._refuse(
                400,
                dn,
                destination,
                "InvalidDestination",
                f"Destination {destination!r} is not a dialable number",
            )
        if dn not in self.extensions:
            raise self._refuse(404, dn, destination, "NotFound", f"DN {dn} not found")
        if dn in self.offline:
            raise self._refuse(
                422,
                dn,
                destination,
                "DeviceNotRegistered",
                f"Extension {dn} has no registered phone",
            )
        with self._lock:
            call_id = next(self._ids)
            record = {
                "id": call_id,
                "dn": dn,
                "destination": destination,
                "body": body,
                "token": token.strip(),
                "at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            self.calls.append(record)
        return {
            "finalstatus": "Success",
            "reason": "",
            "reasontext": "",
            "result": {
                "id": call_id,
                "callid": 1000 + call_id,
                "action": "Inserted",
                "dn": dn,
                "party_caller_name": "",
                "party_dn": "",
                "party_caller_id": destination,
                "party_did": "",
                "device_id": f"sip:{dn}@127.0.0.1",
                "party_dn_type": "Wexternalline",
                "direct_control": False,
                "originated_by_dn": dn,
                "originated_by_type": "Wextension",
                "referred_by_dn": "",
                "referred_by_type": "",
                "on_behalf_of": "",
                "on_behalf_of_type": "",
                "callbot": "",
                "status": "Dialing",
            },
        }

    def _refuse(self, status, dn, destination, reason, text):
        with self._lock:
            self.rejected.append(
                {"status": status, "dn": dn, "destination": destination, "reason": reason}
            )
        return PbxError(
            status, {"finalstatus": "Failure", "reason": reason, "reasontext": text, "result": None}
        )

    def check_token(self, authorization):
        """Raise the 401 of a missing, unknown or expired bearer token."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not self.token_valid(token.strip()):
            raise PbxError(401, None, {"WWW-Authenticate": 'Bearer error="invalid_token"'})

    def get_participant(self, authorization, dn, participant_id):
        """Answer ``GET /callcontrol/{dn}/participants/{id}`` (a CallParticipant)."""
        self.check_token(authorization)
        with self._lock:
            participant = self.participants.get((dn, participant_id))
        if participant is None:
            raise PbxError(404, {"finalstatus": "Failure", "reason": "NotFound", "result": None})
        return dict(participant)

    # Call Control events (WebSocket /callcontrol/ws) -------------------------------------
    def subscribe(self):
        """A queue receiving every event from now on (one per WebSocket connection)."""
        events = queue.Queue()
        with self._lock:
            self._subscribers.append(events)
            self.ws_opened += 1
        return events

    def unsubscribe(self, events):
        with self._lock:
            if events in self._subscribers:
                self._subscribers.remove(events)

    @property
    def subscribers(self):
        with self._lock:
            return len(self._subscribers)

    def _publish(self, event_type, dn, participant_id, times=1):
        """Send ``{"sequence", "event": {"event_type", "entity", "attached_data"}}`` to every
        connection: 0 = Upsert, 1 = Remove, as 3CX's Call Control API does."""
        for _ in range(times):
            with self._lock:
                message = {
                    "sequence": next(self._sequence),
                    "event": {
                        "event_type": event_type,
                        "entity": f"/callcontrol/{dn}/participants/{participant_id}",
                        "attached_data": None,
                    },
                }
                subscribers = list(self._subscribers)
                self.events_sent += len(subscribers)
            for events in subscribers:
                events.put(message)

    def ring(self, dn, caller_id, caller_name="", repeat=1):
        """An outside caller rings extension ``dn``: a ``Ringing`` participant appears and an
        Upsert event goes out (``repeat`` times, as 3CX may repeat updates). Returns it."""
        dn = str(dn)
        if dn not in self.extensions:
            raise PbxError(404, {"finalstatus": "Failure", "reason": "NotFound", "result": None})
        with self._lock:
            participant_id = next(self._ids)
            participant = {
                "id": participant_id,
                "status": "Ringing",
                "dn": dn,
                "party_caller_name": caller_name or "",
                "party_dn": "10000",
                "party_caller_id": caller_id,
                "party_did": "",
                "device_id": f"sip:{dn}@127.0.0.1",
                "party_dn_type": "Wexternalline",
                "direct_control": False,
                "originated_by_dn": "",
                "originated_by_type": "",
                "referred_by_dn": "",
                "referred_by_type": "",
                "on_behalf_of": "",
                "on_behalf_of_type": "",
                "callid": 5000 + participant_id,
                "legid": 1,
            }
            self.participants[(dn, participant_id)] = participant
        self._publish(0, dn, participant_id, times=max(1, int(repeat)))
        return dict(participant)

    def answer(self, dn, participant_id):
        """The agent picks up: the participant is ``Connected`` (Upsert)."""
        with self._lock:
            self.participants[(str(dn), participant_id)]["status"] = "Connected"
        self._publish(0, str(dn), participant_id)

    def hang_up(self, dn, participant_id):
        """The call ends: the participant goes away (Remove)."""
        with self._lock:
            self.participants.pop((str(dn), participant_id), None)
        self._publish(1, str(dn), participant_id)

    def drop_connections(self):
        """Every open WebSocket is cut without a close frame (network loss, PBX restart)."""
        with self._lock:
            subscribers = list(self._subscribers)
        for events in subscribers:
            events.put(None)
        return len(subscribers)

    # control -------------------------------------------------------------------------
    def reset(self):
        with self._lock:
            self.participants.clear()
            self._tokens.clear()
            self.calls.clear()
            self.rejected.clear()
            self.offline.clear()
            self.tokens_issued = 0
            self.token_failures = 0

    def stats(self):
        with self._lock:
            return {
                "extensions": sorted(self.extensions),
                "offline": sorted(self.offline),
                "tokens_issued": self.tokens_issued,
                "tokens_live": sum(1 for exp in self._tokens.values() if self.clock() < exp),
                "token_failures": self.token_failures,
                "calls": len(self.calls),
                "rejected": len(self.rejected),
                "participants": len(self.participants),
                "ws_connections": len(self._subscribers),
                "ws_opened": self.ws_opened,
                "events_sent": self.events_sent,
            }
