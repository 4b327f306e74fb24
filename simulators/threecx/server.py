"""HTTP face of the simulated 3CX PBX (token endpoint, makecall, web client page, /_sim/)."""

import queue
import re
import select
from urllib.parse import parse_qs

from simulators.common import BackgroundServer, FaultInjector, HttpError, JsonRequestHandler
from simulators.common.jsonio import dumps

from . import websocket
from .state import PbxError, PbxState

_MAKECALL = re.compile(r"^/callcontrol/([^/]+)/makecall$")
_PARTICIPANT = re.compile(r"^/callcontrol/([^/]+)/participants/(\d+)$")
WS_PATH = "/callcontrol/ws"
WEBCLIENT_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>3CX Web Client (simulator)</title>"
    "</head><body><h1>3CX Web Client (simulator)</h1><p id='call'></p><script>"
    "const m = location.hash.match(/phone=([^&]*)/);"
    "document.getElementById('call').textContent = m ? 'Calling ' + decodeURIComponent(m[1]) : 'Idle';"
    "</script></body></html>"
)


class ThreeCXHandler(JsonRequestHandler):
    server_version = "3CXSimulator/20.0"

    @property
    def pbx(self) -> PbxState:
        return self.server.app

    def handle_request(self, method, path, query):
        if path == "/connect/token" and method == "POST":
            return self._token()
        match = _MAKECALL.match(path)
        if match and method == "POST":
            return self._makecall(match.group(1))
        if path == WS_PATH and method == "GET":
            return self._websocket()
        match = _PARTICIPANT.match(path)
        if match and method == "GET":
            return self._participant(match.group(1), int(match.group(2)))
        if path.startswith("/webclient") and method == "GET":
            return self._send_html(WEBCLIENT_PAGE)
        if path == "/_sim/faults":
            return self.handle_fault_control(method)
        control = CONTROL_ROUTES.get((method, path))
        if control is None:
            raise HttpError(404, "not_found", f"no route for {method} {path}")
        return self.send_json(200, control(self))

    # control endpoints (/_sim/...), never faulted ----------------------------------------
    def _calls(self):
        return {"calls": list(self.pbx.calls), "rejected": list(self.pbx.rejected)}

    def _clear_calls(self):
        cleared = len(self.pbx.calls)
        self.pbx.calls.clear()
        return {"cleared": cleared}

    def _stats(self):
        return {**self.pbx.stats(), "requests_served": self.server.requests_served}

    def _expire(self):
        return {"expired": self.pbx.expire_tokens()}

    def _offline(self):
        body = self.json_body()
        dns = {str(dn) for dn in body.get("extensions", [])} if isinstance(body, dict) else set()
        self.pbx.offline = dns
        return {"offline": sorted(dns)}

    def _ring(self):
        body = self.json_body()
        if not isinstance(body, dict) or not body.get("extension") or not body.get("caller"):
            raise HttpError(400, "invalid_ring", "send {extension, caller[, name, repeat]}")
        try:
            return self.pbx.ring(
                str(body["extension"]),
                str(body["caller"]),
                str(body.get("name") or ""),
                int(body.get("repeat") or 1),
            )
        except PbxError as exc:
            raise HttpError(exc.status, "not_found", "unknown extension") from exc

    def _participant_event(self, action):
        body = self.json_body()
        if not isinstance(body, dict):
            raise HttpError(400, "invalid_body", "send {extension, id}")
        action(str(body.get("extension")), int(body.get("id") or 0))
        return {"ok": True}

    def _answer(self):
        return self._participant_event(self.pbx.answer)

    def _hang_up(self):
        return self._participant_event(self.pbx.hang_up)

    def _drop_ws(self):
        return {"dropped": self.pbx.drop_connections()}

    def _reset(self):
        self.pbx.reset()
        self.server.faults.clear()
        self.server.reset_counters()
        return self.pbx.stats()

    def _token(self):
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            return self.send_json(
                400, {"error": "invalid_request", "error_description": "form body expected"}
            )
        form = {
            key: values[0] for key, values in parse_qs(self.body.decode("utf-8", "replace")).items()
        }
        try:
            answer = self.pbx.issue_token(form)
        except PbxError as exc:
            return self.send_json(exc.status, exc.body, exc.headers)
        return self.send_json(200, answer, {"Cache-Control": "no-store"})

    def _makecall(self, dn):
        try:
            body = self.json_body()
        except HttpError:
            body = None
        try:
            answer = self.pbx.make_call(self.headers.get("Authorization"), dn, body)
        except PbxError as exc:
            payload = b"" if exc.body is None else exc.body
            return self.send_json(exc.status, payload, exc.headers)
        return self.send_json(200, answer)

    def _participant(self, dn, participant_id):
        try:
            answer = self.pbx.get_participant(self.headers.get("Authorization"), dn, participant_id)
        except PbxError as exc:
            return self.send_json(exc.status, b"" if exc.body is None else exc.body, exc.headers)
        return self.send_json(200, answer)

    def _websocket(self):
        """``GET /callcontrol/ws``: bearer token checked in the handshake (401 otherwise),
        then every Call Control event as a text frame until either side closes."""
        try:
            self.pbx.check_token(self.headers.get("Authorization"))
        except PbxError as exc:
            return self.send_json(exc.status, b"", exc.headers)
        key = self.headers.get("Sec-WebSocket-Key")
        if (self.headers.get("Upgrade") or "").lower() != "websocket" or not key:
            raise HttpError(400, "not_websocket", "a WebSocket upgrade is expected here")
        self.send_response(101, "Switching Protocols")
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", websocket.accept_key(key))
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        events = self.pbx.subscribe()
        try:
            self._pump(events)
        except OSError:
            pass  # the client went away
        finally:
            self.pbx.unsubscribe(events)

    def _pump(self, events):
        while not self.server.stopping.is_set():
            readable, _, _ = select.select([self.connection], [], [], 0)
            if readable:
                frame = websocket.read_frame(self.rfile)
                if frame is None:
                    return
                opcode, payload = frame
                if opcode == websocket.CLOSE:
                    self.wfile.write(websocket.encode_frame(websocket.CLOSE, payload[:2]))
                    return
                if opcode == websocket.PING:
                    self.wfile.write(websocket.encode_frame(websocket.PONG, payload))
            try:
                message = events.get(timeout=0.05)
            except queue.Empty:
                continue
            if message is None:  # drop_connections(): cut without a close frame
                return
            self.wfile.write(websocket.encode_frame(websocket.TEXT, dumps(message)))
            self.wfile.flush()

    def _send_html(self, html):
        body = html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


CONTROL_ROUTES = {
    ("GET", "/_sim/calls"): ThreeCXHandler._calls,
    ("DELETE", "/_sim/calls"): ThreeCXHandler._clear_calls,
    ("GET", "/_sim/stats"): ThreeCXHandler._stats,
    ("POST", "/_sim/expire-tokens"): ThreeCXHandler._expire,
    ("POST", "/_sim/offline"): ThreeCXHandler._offline,
    ("POST", "/_sim/reset"): ThreeCXHandler._reset,
    ("POST", "/_sim/ring"): ThreeCXHandler._ring,
    ("POST", "/_sim/answer"): ThreeCXHandler._answer,
    ("POST", "/_sim/hangup"): ThreeCXHandler._hang_up,
    ("POST", "/_sim/drop-ws"): ThreeCXHandler._drop_ws,
}


class ThreeCXSimulator:
    """A 3CX v20 PBX on a free localhost port (or ``port``), for tests, demo and bench.

    >>> sim = ThreeCXSimulator(client_id="odoo", client_secret="s3cret", extensions=["101"])
    >>> base_url = sim.start()   # http://127.0.0.1:<port>
    >>> sim.calls                # makecalls 3CX accepted
    >>> sim.faults.add("status", "/callcontrol", status=503)
    >>> sim.stop()
    """

    def __init__(
        self,
        client_id="odoo-demo",
        client_secret="odoo-demo-secret",
        extensions=("101", "102", "103"),
        *,
        token_ttl=3600,
        host="127.0.0.1",
        port=0,
    ):
        self.state = PbxState(client_id, client_secret, extensions, token_ttl)
        self.faults = FaultInjector()
        self._server = BackgroundServer(ThreeCXHandler, self.state, self.faults, host, port)

    @property
    def base_url(self):
        return self._server.base_url

    @property
    def calls(self):
        return self.state.calls

    @property
    def rejected(self):
        return self.state.rejected

    @property
    def httpd(self):
        return self._server.httpd

    def start(self):
        return self._server.start()

    def stop(self):
        self._server.stop()

    def expire_tokens(self):
        return self.state.expire_tokens()

    def ring(self, extension, caller_id, caller_name="", repeat=1):
        """Ring ``extension`` from ``caller_id``: returns the CallParticipant."""
        return self.state.ring(extension, caller_id, caller_name, repeat)

    def drop_connections(self):
        return self.state.drop_connections()

    def set_offline(self, *extensions):
        self.state.offline = {str(dn) for dn in extensions}

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()
