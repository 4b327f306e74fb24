"""Headless Chromium over the DevTools protocol (CDP), for timing screens of the web client.

One Chromium process, one websocket in "flatten" mode; each ``Tab`` lives in its own browser
context (its own cookie jar), so two Odoo servers on the same host keep separate sessions.
Protocol: https://chromedevtools.github.io/devtools-protocol/ (Target, Page, Network, Runtime).
"""

import contextlib
import json
import shutil
import subprocess
import tempfile
import time

import requests
import websocket

from .harness import free_port
from .screen_trace import ScreenTrace

# first moment each watched selector matched, written by the page itself (wall-clock ms)
WATCH_SCRIPT = """
(() => {
    const selectors = %s;
    window.__benchSeen = {};
    const check = () => {
        for (const sel of selectors) {
            if (!(sel in window.__benchSeen) && document.querySelector(sel)) {
                window.__benchSeen[sel] = Date.now();
            }
        }
    };
    new MutationObserver(check).observe(document, {childList: true, subtree: true});
    check();
})();
"""


def chromium_binary():
    """The Chromium Odoo's browser tests use here (``chromium`` on the PATH, as Odoo looks)."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("no Chromium/Chrome binary on the PATH")


class CdpError(RuntimeError):
    pass


class Chromium:
    """A headless Chromium; ``tab()`` opens an isolated tab. Use as a context manager."""

    def __init__(self, selectors, width=1440, height=900):
        self.selectors = list(selectors)
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="bench-chromium-")
        self.proc = subprocess.Popen(
            [
                chromium_binary(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--no-first-run",
                "--no-default-browser-check",
                f"--window-size={width},{height}",
                "--remote-debugging-address=127.0.0.1",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = None
        self._next_id = 0
        self._handlers = {}  # sessionId → callable(method, params)

    def __enter__(self):
        deadline = time.monotonic() + 30
        while True:
            try:
                url = requests.get(f"http://127.0.0.1:{self.port}/json/version", timeout=2).json()[
                    "webSocketDebuggerUrl"
                ]
                break
            except (requests.RequestException, ValueError, KeyError):
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.__exit__(None, None, None)  # no Chromium left behind
                    raise CdpError("Chromium did not start") from None
                time.sleep(0.2)
        self.ws = websocket.create_connection(url, timeout=120, suppress_origin=True)
        return self

    def __exit__(self, *exc):
        if self.ws is not None:
            with contextlib.suppress(Exception):
                self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    # --- protocol ------------------------------------------------------------------------
    def _dispatch(self, message):
        handler = self._handlers.get(message.get("sessionId"))
        if handler and "method" in message:
            handler(message["method"], message.get("params", {}))

    def pump(self, seconds):
        """Read events for ``seconds`` (handing them to their tab)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.ws.settimeout(left)
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                return
            self._dispatch(message)

    def send(self, method, params=None, session=None, timeout=120):
        """Send one command and return its result; events read meanwhile are dispatched."""
        self._next_id += 1
        mid = self._next_id
        message = {"id": mid, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        end = time.monotonic() + timeout
        while True:
            self.ws.settimeout(max(0.1, end - time.monotonic()))
            try:
                answer = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                if time.monotonic() > end:
                    raise CdpError(f"{method}: no answer in {timeout} s") from None
                continue
            if answer.get("id") == mid:
                if "error" in answer:
                    raise CdpError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self._dispatch(answer)

    def tab(self):
        context = self.send("Target.createBrowserContext")["browserContextId"]
        target = self.send(
            "Target.createTarget", {"url": "about:blank", "browserContextId": context}
        )["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        return Tab(self, session)


class Tab:
    """One isolated tab: log in, then ``open(url, selector)`` → (seconds, ScreenTrace)."""

    def __init__(self, browser, session):
        self.browser = browser
        self.session = session
        self.trace = None
        self.loaded = False
        browser._handlers[session] = self._on_event
        self.send("Network.enable")
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send(
            "Page.addScriptToEvaluateOnNewDocument",
            {"source": WATCH_SCRIPT % json.dumps(browser.selectors)},
        )

    def send(self, method, params=None, timeout=120):
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def _on_event(self, method, params):
        if method == "Page.loadEventFired":
            self.loaded = True
        elif self.trace is not None and method.startswith("Network."):
            self.trace.feed(method, params)

    def login(self, base_url, login, password):
        """Log in with Odoo's login form (requests), then give the session cookie to the tab."""
        session = requests.Session()
        page = session.get(f"{base_url}/web/login", timeout=60)
        if 'name="csrf_token" value="' not in page.text:
            raise CdpError(f"no login form at {base_url}/web/login ({page.status_code})")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        answer = session.post(
            f"{base_url}/web/login",
            data={"login": login, "password": password, "csrf_token": token, "redirect": "/odoo"},
            timeout=120,
        )
        if "/web/login" in answer.url:
            raise CdpError(f"login of {login} refused on {base_url}")
        self.send(
            "Network.setCookie",
            {"name": "session_id", "value": session.cookies["session_id"], "url": base_url},
        )

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise CdpError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url, selector, quiet=0.5, timeout=60):
        """Navigate to ``url``; ready when ``selector`` is in the page, no RPC is pending and
        none started for ``quiet`` seconds. Returns (seconds to ready, trace)."""
        self.trace = ScreenTrace()
        self.loaded = False
        self.send("Page.navigate", {"url": url})
        end = time.monotonic() + timeout
        seen = None
        while time.monotonic() < end:
            self.browser.pump(0.05)
            if not self.loaded:
                continue
            if seen is None:
                seen = self.evaluate(f"(window.__benchSeen || {{}})[{json.dumps(selector)}]")
                if seen is None:
                    continue
            if self.trace.pending:
                continue
            started = self.trace.rpc_count
            self.browser.pump(quiet)
            if self.trace.rpc_count == started and not self.trace.pending:
                trace, self.trace = self.trace, None
                return trace.ready_after(seen / 1000.0), trace
        pending = sorted(path for path, _sent in self.trace.pending.values())
        raise CdpError(f"{url}: {selector!r} not ready in {timeout} s (pending {pending})")
