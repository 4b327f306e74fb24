"""A threaded JSON HTTP server base that starts on a free localhost port in a daemon thread."""

import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .faults import Fault, FaultInjector, fault_from_dict
from .jsonio import dumps, error_body, loads


class HttpError(Exception):
    """Raised by a route to answer ``status`` with the JSON error document."""

    def __init__(self, status: int, error: str, message: str = "", headers: dict | None = None):
        super().__init__(message or error)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}


class SimHTTPServer(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` carrying the simulated application, its faults and counters."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, handler_class, app=None, faults: FaultInjector | None = None):
        super().__init__(address, handler_class)
        self.app = app
        self.faults = faults if faults is not None else FaultInjector()
        # set on stop so that handlers sleeping for a timeout/slow fault wake up at once
        self.stopping = threading.Event()
        self.verbose = False
        self._count_lock = threading.Lock()
        self.requests_served = 0

    def count_request(self) -> None:
        """Count one incoming request (faulted ones included)."""
        with self._count_lock:
            self.requests_served += 1

    def reset_counters(self) -> None:
        """Back to zero requests served."""
        with self._count_lock:
            self.requests_served = 0


class JsonRequestHandler(BaseHTTPRequestHandler):
    """Request handler answering JSON; subclasses implement :meth:`handle_request`.

    HTTP/1.1 keep-alive, so a ``requests.Session`` reuses its connection (benchmarks).
    """

    protocol_version = "HTTP/1.1"
    server_version = "SimServer/1.0"
    timeout = 60  # idle keep-alive connections are dropped after a minute
    disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs: +40 ms each

    server: SimHTTPServer

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def handle_request(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        """Answer one request (override). Raise :class:`HttpError` for error answers."""
        raise HttpError(404, "not_found", f"no route for {method} {path}")

    def json_body(self):
        """The request body parsed as JSON (``{}`` when empty); 400 when it is not JSON."""
        try:
            return loads(self.body)
        except ValueError as exc:
            raise HttpError(400, "invalid_json", f"request body is not JSON: {exc}") from exc

    def send_json(self, status: int, payload, headers: dict | None = None) -> None:
        """Answer ``payload`` (an object, or bytes already serialized) with ``status``."""
        body = payload if isinstance(payload, bytes | bytearray) else dumps(payload)
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        for name, value in (headers or {}).items():
            self.send_header(name, str(value))
        if self._truncate:
            # valid status and headers, then half a body and a closed connection
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[: max(1, len(body) // 2)])
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_fault_control(self, method: str) -> None:
        """Serve a fault control endpoint: GET lists, POST queues one fault (or a list of
        them), DELETE clears the queue. Every simulator mounts it at ``/_sim/faults``."""
        faults = self.server.faults
        if method == "GET":
            self.send_json(200, {"faults": faults.pending()})
        elif method == "DELETE":
            self.send_json(200, {"cleared": faults.clear()})
        elif method == "POST":
            body = self.json_body()
            try:
                built = [
                    fault_from_dict(item) for item in (body if isinstance(body, list) else [body])
                ]
            except ValueError as exc:
                raise HttpError(400, "invalid_fault", str(exc)) from exc
            added = [faults.add_fault(fault).to_dict() for fault in built]
            self.send_json(201, {"faults": added})
        else:
            raise HttpError(405, "method_not_allowed", f"{method} not allowed here")

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)

    def _dispatch(self, method: str) -> None:
        self._truncate = False
        self.server.count_request()
        length = int(self.headers.get("Content-Length") or 0)
        # always read the body so the keep-alive stream stays in sync, whatever the answer
        self.body = self.rfile.read(length) if length > 0 else b""
        parts = urlsplit(self.path)
        fault = self.server.faults.take(parts.path)
        if fault is not None and self._apply_fault(fault):
            return
        try:
            self.handle_request(method, parts.path, parse_qs(parts.query, keep_blank_values=True))
        except HttpError as exc:
            self.send_json(exc.status, error_body(exc.error, exc.message), exc.headers)
        except Exception as exc:  # a simulator bug must still answer JSON, not hang
            traceback.print_exc(file=sys.stderr)
            self.send_json(500, error_body("internal_error", repr(exc)))

    def _apply_fault(self, fault: Fault) -> bool:
        """Apply ``fault``; True when the request has been fully dealt with."""
        if fault.mode == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            message = f"fault injected by the simulator (fault {fault.id})"
            self.send_json(fault.status, error_body(f"http_{fault.status}", message), headers)
            return True
        if fault.mode == "timeout":
            self.server.stopping.wait(fault.seconds)
            self.close_connection = True
            return True
        if fault.mode == "slow":
            self.server.stopping.wait(fault.seconds)
        elif fault.mode == "truncated":
            self._truncate = True
        return False


class BackgroundServer:
    """Run a :class:`SimHTTPServer` in a daemon thread; ``start()`` returns its base URL."""

    def __init__(
        self,
        handler_class,
        app=None,
        faults: FaultInjector | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ):
        self.handler_class = handler_class
        self.app = app
        self.faults = faults if faults is not None else FaultInjector()
        self.host = host
        self.port = port
        self.httpd: SimHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://host:port`` of the running server."""
        if self.httpd is None:
            raise RuntimeError("server not started")
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> str:
        """Bind (port 0 = a free port), serve in a daemon thread, return the base URL."""
        if self.httpd is not None:
            return self.base_url
        self.httpd = SimHTTPServer(
            (self.host, self.port), self.handler_class, self.app, self.faults
        )
        self._thread = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"{self.handler_class.__name__}-server",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving, wake handlers held by faults, close the socket. Idempotent."""
        if self.httpd is None:
            return
        self.httpd.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.httpd = None
        self._thread = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()


def run_until_stopped(sim) -> int:
    """Keep a started simulator serving until Ctrl-C or SIGTERM, then stop it (CLI helper)."""
    import signal

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        while not stopped.wait(0.5):  # short waits keep Ctrl-C responsive
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0
