# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""3CX v20 Call Control API events: listen on ``/callcontrol/ws`` for extensions ringing.

* ``GET {pbx}/callcontrol/ws`` (WebSocket, ``Authorization: Bearer <token>`` in the
  handshake): one JSON text message per event (shapes: ``helpers/call_events.py``).
* ``GET {pbx}/callcontrol/{dn}/participants/{id}`` → the CallParticipant an Upsert names.

:meth:`TcxCallEventsAdapter.listen` holds the socket for a time budget, reconnects after a drop
(exponential backoff, capped), renews the token once on a 401, and hands each ringing
participant to a callback. It never touches the database: the caller decides what a ringing
means (``tcx.ring``).
"""

import logging
import time
from urllib.parse import quote

import requests

from ..helpers.call_events import UPSERT, parse_event, ringing_caller
from .call_control import TcxCallControlAdapter
from .errors import TcxAuthError, TcxError, TcxProtocolError, TcxUnreachableError

_logger = logging.getLogger(__name__)

WS_PATH = "/callcontrol/ws"
PARTICIPANT_PATH = "/callcontrol/{dn}/participants/{id}"
MAX_BACKOFF = 30.0


class TcxCallEventsAdapter(TcxCallControlAdapter):
    """The event side of one PBX's Call Control API (same client id, same cached token)."""

    def ws_url(self):
        """``ws(s)://…/callcontrol/ws`` of the PBX."""
        if not self.base_url:
            raise TcxUnreachableError("no PBX URL configured")
        scheme, _, rest = self.base_url.partition("://")
        return f"{'wss' if scheme == 'https' else 'ws'}://{rest}{WS_PATH}"

    def connect(self):
        """An open WebSocket (``websocket-client``), renewing the token once on a 401."""
        import websocket

        for attempt in (1, 2):
            token = self.token(force=attempt == 2)
            try:
                return websocket.create_connection(
                    self.ws_url(),
                    header=[f"Authorization: Bearer {token}"],
                    timeout=self.timeout,
                    enable_multithread=True,
                )
            except websocket.WebSocketBadStatusException as exc:
                if exc.status_code == 401 and attempt == 1:
                    self.cache.drop(self.cache_key, token)
                    continue
                if exc.status_code in (401, 403):
                    raise TcxAuthError(
                        f"3CX refused the event socket (HTTP {exc.status_code})"
                    ) from exc
                raise TcxUnreachableError(
                    f"3CX answered HTTP {exc.status_code} on {WS_PATH}"
                ) from exc
            except (OSError, websocket.WebSocketException) as exc:
                raise TcxUnreachableError(
                    f"{self.ws_url()} unreachable ({exc.__class__.__name__})"
                ) from exc
        raise TcxAuthError("3CX refused a fresh token")  # pragma: no cover

    def get_participant(self, dn, participant_id):
        """The CallParticipant (dict), or ``None`` when 3CX no longer has it (404)."""
        path = PARTICIPANT_PATH.format(dn=quote(str(dn), safe=""), id=int(participant_id))
        for attempt in (1, 2):
            token = self.token(force=attempt == 2)
            try:
                response = self.session.get(
                    f"{self.base_url}{path}",
                    headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                    timeout=self.timeout,
                )
            except requests.RequestException as exc:
                raise TcxUnreachableError(f"{path}: {exc.__class__.__name__}") from exc
            if response.status_code == 401 and attempt == 1:
                self.cache.drop(self.cache_key, token)
                continue
            break
        if response.status_code == 404:
            return None
        if response.status_code >= 400:
            raise TcxUnreachableError(f"3CX answered HTTP {response.status_code} on {path}")
        body = self._json(response, "the participant")
        if not isinstance(body, dict):
            raise TcxProtocolError("the participant is not a JSON object")
        return body

    def listen(self, on_ringing, until, clock=time.monotonic, sleep=time.sleep, stop=None):
        """Hand ``on_ringing(dn, participant)`` every participant found ringing until the
        monotonic time ``until`` (or ``stop.is_set()``). Returns counters (dict):
        ``connections``, ``events``, ``ringing``, ``errors``."""
        import websocket

        stats = {"connections": 0, "events": 0, "ringing": 0, "errors": 0}
        backoff = 1.0

        def running():
            return clock() < until and not (stop and stop.is_set())

        while running():
            try:
                connection = self.connect()
            except TcxError as exc:
                stats["errors"] += 1
                _logger.warning("3CX event socket: %s; retrying in %.0f s", exc.detail, backoff)
                sleep(min(backoff, max(0.0, until - clock())))
                backoff = min(MAX_BACKOFF, backoff * 2)
                continue
            stats["connections"] += 1
            backoff = 1.0
            try:
                while running():
                    connection.settimeout(max(0.05, min(1.0, until - clock())))
                    try:
                        raw = connection.recv()
                    except websocket.WebSocketTimeoutException:
                        continue
                    if not raw:  # closed by 3CX
                        break
                    self._dispatch(raw, on_ringing, stats)
            except (OSError, websocket.WebSocketException) as exc:
                stats["errors"] += 1
                _logger.info("3CX event socket dropped (%s): reconnecting", exc.__class__.__name__)
            finally:
                connection.close()
        return stats

    def _dispatch(self, raw, on_ringing, stats):
        event = parse_event(raw)
        if event is None:
            return
        stats["events"] += 1
        if event.event_type != UPSERT:
            return
        try:
            participant = self.get_participant(event.dn, event.participant_id)
        except TcxError as exc:
            stats["errors"] += 1
            _logger.warning("3CX participant %s of %s: %s", event.participant_id, event.dn, exc)
            return
        if participant is None or not ringing_caller(participant):
            return
        stats["ringing"] += 1
        try:
            on_ringing(event.dn, participant)
        except Exception:  # one bad delivery must not stop the pop-ups of everyone else
            stats["errors"] += 1
            _logger.exception("3CX ringing on %s: delivery failed", event.dn)
