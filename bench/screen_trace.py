"""What a screen cost, read from the browser's and the server's own records (pure, no Odoo).

- ``ScreenTrace`` eats Chrome DevTools Protocol ``Network.*`` events (format: the CDP spec,
  https://chromedevtools.github.io/devtools-protocol/tot/Network/) of one navigation and
  tells: when the page's document was asked for, how many RPCs the web client made, whether
  one is still pending and when the last one ended, and the "ready" time given the moment the
  screen's root element appeared.
- ``request_log_queries()`` reads Odoo's ``werkzeug`` request lines (one per HTTP request,
  ending with ``<queries> <query seconds> <other seconds>``, see ``odoo/netsvc.py``
  ``PerfFilter``) and adds up the SQL queries of the requests a screen made.

Times are wall-clock seconds since the epoch (CDP's ``wallTime``; ``timestamp`` is a
monotonic clock, turned into wall time with the offset of the latest ``requestWillBeSent``).
"""

import re
from collections import Counter
from urllib.parse import urlsplit

# what the web client asks the server for, as opposed to files it loads (assets, images)
RPC_TYPES = frozenset({"XHR", "Fetch"})
NOT_RPC_PREFIXES = ("/web/static/", "/web/assets/", "/web/bundle/", "/web/image", "/websocket")

REQUEST_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ (?P<queries>\d+) '
)


def is_rpc(url, resource_type):
    """True for a request of the page's code to the server (``/web/dataset/call_kw/…``,
    ``/web/action/load``, ``/mail/data``, ``/json/…``), not for an asset or the bus socket."""
    if resource_type not in RPC_TYPES:
        return False
    path = urlsplit(url).path
    return not path.startswith(NOT_RPC_PREFIXES)


class ScreenTrace:
    """Network events of one navigation, folded as they arrive (``feed(method, params)``)."""

    def __init__(self):
        self.started = None  # wall time the document was asked for
        self.offset = None  # wallTime - timestamp
        self.rpcs = Counter()  # path → count
        self.pending = {}  # requestId → (path, wall time sent)
        self.durations = Counter()  # path → seconds spent answering (summed)
        self.last_rpc_end = None
        self.failed = []  # (path, error text)
        self.events = 0

    def feed(self, method, params):
        """Take one CDP event; other domains' events are ignored."""
        self.events += 1
        if method == "Network.requestWillBeSent":
            self.offset = params["wallTime"] - params["timestamp"]
            if params.get("type") == "Document" and self.started is None:
                self.started = params["wallTime"]
            url = params["request"]["url"]
            if is_rpc(url, params.get("type")) and params["requestId"] not in self.pending:
                path = urlsplit(url).path
                self.pending[params["requestId"]] = (path, params["wallTime"])
                self.rpcs[path] += 1
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            pending = self.pending.pop(params["requestId"], None)
            if pending is None:
                return
            path, sent = pending
            if method == "Network.loadingFailed":
                self.failed.append((path, params.get("errorText", "")))
            ended = params["timestamp"] + self.offset
            self.durations[path] += ended - sent
            self.last_rpc_end = max(self.last_rpc_end or ended, ended)

    @property
    def rpc_count(self):
        return sum(self.rpcs.values())

    def ready_after(self, root_seen):
        """Seconds from the document request to the screen being ready: its root element
        seen (wall time ``root_seen``) and no RPC pending. ``ValueError`` if the navigation
        never started or RPCs are still pending."""
        if self.started is None:
            raise ValueError("no document request in the trace")
        if self.pending:
            raise ValueError(f"RPCs still pending: {sorted(p for p, _ in self.pending.values())}")
        return max(root_seen, self.last_rpc_end or root_seen) - self.started


def request_log_queries(lines, skip_prefixes=("/websocket",)):
    """(requests, SQL queries) of Odoo request log ``lines``, without the bus socket.

    Lines that are not request lines with a query count (Odoo writes ``- - -`` for a request
    that never reached a database) are skipped.
    """
    requests = queries = 0
    for line in lines:
        match = REQUEST_LINE.search(line)
        if not match:
            continue
        if urlsplit(match["path"]).path.startswith(skip_prefixes):
            continue
        requests += 1
        queries += int(match["queries"])
    return requests, queries
