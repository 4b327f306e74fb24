"""Silicon Master over HTTP: the ``sm_api_v1.yaml`` contract plus ``/_sim/`` control endpoints.

Contract (header ``X-SM-Api-Key`` required everywhere, else 401 ``invalid_api_key``)::

    GET /api/v1/ping
    GET /api/v1/{entity}?updated_since=&cursor=&limit=      (limit 1..1000, default 200)
    GET /api/v1/{entity}/ids?cursor=&limit=                 (limit 1..10000, default 5000)
    GET /api/v1/{entity}/{id}                               (404 when unknown or deleted)

Control (same key)::

    POST   /_sim/advance  {"minutes": 15, "change_ratio": 0.01, "delete_ratio", "create_ratio"}
    GET    /_sim/faults   POST /_sim/faults {fault}   DELETE /_sim/faults
    POST   /_sim/reset    {"seed", "contacts", "articles", "orders"} (all optional)
    GET    /_sim/stats    GET /_sim/dirty
    POST   /_sim/export   {"dir", "format", "entities", "encoding", "updated_since", "dialect"}
    POST   /_sim/touch    {"entity", "ids"}      POST /_sim/delete {"entity", "ids"}
    POST   /_sim/set      {"entity", "id", "field", "value"}
    POST   /_sim/push     {"url", "secret", "fault"}  (pings Odoo when data changes: push.py)
"""

import threading
from urllib.parse import unquote

from simulators.common import BackgroundServer, FaultInjector, HttpError, JsonRequestHandler

from .clock import iso
from .dataset import ENTITIES
from .exports import export
from .push import PushSender
from .store import DEFAULT_IDS_PAGE, DEFAULT_PAGE, QueryError, Store

API_PREFIX = "/api/v1/"
SIM_PREFIX = "/_sim/"


def _param(query: dict, name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


def _limit(query: dict, default: int) -> int:
    raw = _param(query, "limit")
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise HttpError(400, "invalid_limit", f"limit must be an integer, not {raw!r}") from None


class SiliconMasterHandler(JsonRequestHandler):
    """Routes requests to the :class:`SiliconMasterSimulator` in ``server.app``."""

    server_version = "SiliconMasterSim/1.0"

    def handle_request(self, method, path, query):
        sim: SiliconMasterSimulator = self.server.app
        if self.headers.get("X-SM-Api-Key") != sim.api_key:
            raise HttpError(401, "invalid_api_key", "missing or wrong X-SM-Api-Key header")
        if path.startswith(SIM_PREFIX):
            sim.count("control")
            self.control(sim, method, path[len(SIM_PREFIX) :].strip("/"))
            return
        if not path.startswith(API_PREFIX):
            raise HttpError(404, "not_found", f"no such path: {path}")
        if method != "GET":
            raise HttpError(405, "method_not_allowed", "the SM API is read-only")
        parts = [unquote(part) for part in path[len(API_PREFIX) :].strip("/").split("/")]
        try:
            self.api(sim, parts, query)
        except QueryError as exc:
            raise HttpError(400, exc.code, exc.message) from None

    def api(self, sim, parts: list[str], query: dict) -> None:
        """The contract's read endpoints."""
        store = sim.store
        if parts == ["ping"]:
            sim.count("ping")
            self.send_json(200, {"status": "ok", "version": "1", "server_time": iso(store.now)})
            return
        store.table(parts[0])  # 400 unknown_entity before anything else
        if len(parts) == 1:
            sim.count("page")
            page = store.page(
                parts[0],
                _param(query, "updated_since"),
                _param(query, "cursor"),
                _limit(query, DEFAULT_PAGE),
            )
            self.send_json(200, page)
        elif len(parts) == 2 and parts[1] == "ids":
            sim.count("ids")
            self.send_json(
                200, store.ids(parts[0], _param(query, "cursor"), _limit(query, DEFAULT_IDS_PAGE))
            )
        elif len(parts) == 2:
            sim.count("record")
            record = store.get(parts[0], parts[1])
            if record is None:
                raise HttpError(404, "not_found", f"no {parts[0]} {parts[1]} in SM")
            self.send_json(200, record)
        else:
            raise HttpError(404, "not_found", "no such path")

    def control(self, sim, method: str, action: str) -> None:
        """The ``/_sim/`` endpoints driving the simulation."""
        if action == "faults":
            self.handle_fault_control(method)
            return
        if (method, action) == ("GET", "stats"):
            self.send_json(200, sim.stats())
            return
        if (method, action) == ("GET", "dirty"):
            self.send_json(200, sim.store.dirty)
            return
        if method != "POST" or action not in _POST_ACTIONS:
            raise HttpError(404, "not_found", f"no control endpoint {method} /_sim/{action}")
        body = self.json_body()
        if not isinstance(body, dict):
            raise HttpError(400, "invalid_body", "the body must be a JSON object")
        try:
            self.send_json(200, _POST_ACTIONS[action](sim, body))
        except QueryError as exc:
            raise HttpError(400, exc.code, exc.message) from None
        except KeyError as exc:  # a missing or deleted record
            raise HttpError(404, "not_found", str(exc).strip("'\"")) from None
        except (TypeError, ValueError) as exc:
            raise HttpError(400, "invalid_body", str(exc)) from None


def _advance(sim, body: dict) -> dict:
    answer = sim.store.advance(
        minutes=float(body.get("minutes", 15)),
        change_ratio=float(body.get("change_ratio", 0.01)),
        delete_ratio=body.get("delete_ratio"),
        create_ratio=body.get("create_ratio"),
    )
    sim.changed(*ENTITIES)
    return answer


def _reset(sim, body: dict) -> dict:
    sim.reset(**{key: int(body[key]) for key in ("seed", *ENTITIES) if body.get(key) is not None})
    return sim.stats()


def _export(sim, body: dict) -> dict:
    if not body.get("dir"):
        raise ValueError("'dir' (the folder to write to) is required")
    paths = export(
        sim.store,
        body["dir"],
        body.get("format", "csv"),
        entities=body.get("entities"),
        encoding=body.get("encoding", "utf-8-sig"),
        updated_since=body.get("updated_since"),
        dialect=body.get("dialect", "contract"),
    )
    return {"files": [str(path) for path in paths]}


def _require(body: dict, *keys: str) -> list:
    missing = [key for key in keys if key not in body]
    if missing:
        raise ValueError(f"missing in the body: {', '.join(missing)}")
    return [body[key] for key in keys]


def _touch(sim, body: dict) -> dict:
    entity, ids = _require(body, "entity", "ids")
    answer = {"updated_at": sim.store.touch(entity, list(ids))}
    sim.changed(entity)
    return answer


def _delete(sim, body: dict) -> dict:
    entity, ids = _require(body, "entity", "ids")
    answer = {"updated_at": sim.store.delete(entity, list(ids))}
    sim.changed(entity)
    return answer


def _set(sim, body: dict) -> dict:
    entity, record_id, field, value = _require(body, "entity", "id", "field", "value")
    answer = sim.store.set_field(entity, record_id, field, value)
    sim.changed(entity)
    return answer


def _push(sim, body: dict) -> dict:
    return sim.push.configure(body.get("url"), body.get("secret"), body.get("fault"))


_POST_ACTIONS = {
    "advance": _advance,
    "reset": _reset,
    "export": _export,
    "touch": _touch,
    "delete": _delete,
    "set": _set,
    "push": _push,
}


class SiliconMasterSimulator:
    """Silicon Master on a real localhost HTTP port. Typical use::

    sim = SiliconMasterSimulator(contacts=200, articles=100, orders=300, seed=7)
    base_url = sim.start()  # e.g. http://127.0.0.1:43117
    sim.store.advance(minutes=30, change_ratio=0.05)
    sim.faults.add("status", "/api/v1/orders", count=2, status=503)
    sim.stop()
    """

    def __init__(
        self,
        *,
        contacts: int = 500,
        articles: int = 300,
        orders: int = 800,
        seed: int = 42,
        api_key: str = "sm-demo-key",
        host: str = "127.0.0.1",
        port: int = 0,
        store: Store | None = None,
        verbose: bool = False,
    ):
        self.api_key = api_key
        self.verbose = verbose
        self.store = (
            store
            if store is not None
            else Store(contacts=contacts, articles=articles, orders=orders, seed=seed)
        )
        self.faults = FaultInjector()
        self._server = BackgroundServer(
            SiliconMasterHandler, app=self, faults=self.faults, host=host, port=port
        )
        self._counts_lock = threading.Lock()
        self.request_counts: dict[str, int] = {}
        self._ticker: threading.Thread | None = None
        self._ticker_stop = threading.Event()
        self.push = PushSender()

    def changed(self, *entities: str) -> list:
        """Data of ``entities`` changed: ping Odoo for each (when pushing is configured)."""
        return [answer for entity in entities for answer in self.push.ping(entity)]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` once started."""
        return self._server.base_url

    def start(self) -> str:
        """Serve in a daemon thread; returns the base URL."""
        base_url = self._server.start()
        self._server.httpd.verbose = self.verbose
        return base_url

    def stop(self) -> None:
        """Stop the auto-advance ticker (if any) and the HTTP server."""
        self._ticker_stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=5)
            self._ticker = None
        self._server.stop()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def count(self, kind: str) -> None:
        """Count one answered API/control request of ``kind``."""
        with self._counts_lock:
            self.request_counts[kind] = self.request_counts.get(kind, 0) + 1

    def reset(self, seed: int | None = None, **sizes) -> None:
        """Regenerate the data (same or new seed/sizes), clear faults and counters."""
        self.store.reset(seed=seed, **sizes)
        self.faults.clear()
        with self._counts_lock:
            self.request_counts.clear()
        if self._server.httpd is not None:
            self._server.httpd.reset_counters()

    def stats(self) -> dict:
        """Counts per entity, requests served, pending faults, simulated now."""
        httpd = self._server.httpd
        with self._counts_lock:
            by_kind = dict(self.request_counts)
        return {
            "now": iso(self.store.now),
            "seed": self.store.seed,
            "sizes": self.store.sizes,
            "counts": self.store.counts(),
            "requests_served": httpd.requests_served if httpd is not None else 0,
            "requests_by_kind": by_kind,
            "faults_pending": len(self.faults.pending()),
        }

    def start_auto_advance(
        self, every_seconds: float, minutes: float = 15, change_ratio: float = 0.01
    ) -> None:
        """Call ``store.advance(minutes, change_ratio)`` every ``every_seconds`` real seconds."""

        def tick():
            while not self._ticker_stop.wait(every_seconds):
                self.store.advance(minutes=minutes, change_ratio=change_ratio)
                self.changed(*ENTITIES)

        self._ticker_stop.clear()
        self._ticker = threading.Thread(target=tick, name="sm-auto-advance", daemon=True)
        self._ticker.start()
