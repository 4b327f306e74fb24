"""HTTP face of the simulated 3CX PBX (token endpoint, makecall, web client page, /_sim/)."""

import re
from urllib.parse import parse_qs

from simulators.common import BackgroundServer, FaultInjector, HttpError, JsonRequestHandler

from .state import PbxError, PbxState

_MAKECALL = re.compile(r"^/callcontrol/([^/]+)/makecall$")
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

    def set_offline(self, *extensions):
        self.state.offline = {str(dn) for dn in extensions}

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()
