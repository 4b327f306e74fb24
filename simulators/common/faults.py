"""Fault injection: make the next N matching requests fail in a chosen way.

Faults sit in a FIFO queue. A request whose path starts with a fault's ``path`` prefix is
offered to the first such fault only; that fault lets its first ``after`` matching requests
through untouched, then applies to the next ``count`` ones and leaves the queue. Control
paths (``/_sim/``) are never faulted, so a test can always clear what it set.

Modes (how :class:`simulators.common.httpserver.JsonRequestHandler` applies them):

``status``     answer ``status`` (e.g. 500/502/503) with a JSON error body
               (plus ``Retry-After`` when ``retry_after`` is set);
``timeout``    hold the connection ``seconds`` without answering, then close it;
``truncated``  send the real status and headers, then half of the JSON body, then close;
``slow``       sleep ``seconds``, then answer normally.

``after`` is not a mode of its own but a modifier every mode accepts.
"""

import itertools
import threading
from dataclasses import asdict, dataclass, field

FAULT_MODES = ("status", "timeout", "truncated", "slow")
EXEMPT_PREFIXES = ("/_sim/",)
_DEFAULT_SECONDS = {"timeout": 10.0, "slow": 2.0}


@dataclass
class Fault:
    """One queued fault; ``seen``/``applied`` count matching requests so far."""

    mode: str
    path: str = "/"
    count: int = 1
    status: int = 503
    seconds: float = 0.0
    after: int = 0
    retry_after: int | None = None
    id: int = 0
    seen: int = field(default=0)
    applied: int = field(default=0)

    def to_dict(self) -> dict:
        """JSON-ready view of the fault."""
        return asdict(self)


def _as_int(data: dict, key: str, default, minimum: int) -> int:
    value = data.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"'{key}' must be an integer >= {minimum}")
    return value


def fault_from_dict(data: dict) -> Fault:
    """Build a :class:`Fault` from a JSON document, raising ``ValueError`` with a reason."""
    if not isinstance(data, dict):
        raise ValueError("a fault is a JSON object")
    mode = data.get("mode")
    if mode not in FAULT_MODES:
        raise ValueError(f"'mode' must be one of {', '.join(FAULT_MODES)}")
    path = data.get("path", "/")
    if not isinstance(path, str) or not path.startswith("/"):
        raise ValueError("'path' must be a path prefix starting with '/'")
    seconds = data.get("seconds", _DEFAULT_SECONDS.get(mode, 0.0))
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise ValueError("'seconds' must be a number >= 0")
    status = _as_int(data, "status", 503, 100)
    if status > 599:
        raise ValueError("'status' must be an HTTP status code")
    retry_after = data.get("retry_after")
    if retry_after is not None:
        retry_after = _as_int(data, "retry_after", None, 0)
    return Fault(
        mode=mode,
        path=path,
        count=_as_int(data, "count", 1, 1),
        status=status,
        seconds=float(seconds),
        after=_as_int(data, "after", 0, 0),
        retry_after=retry_after,
    )


class FaultInjector:
    """Thread-safe FIFO of faults, consulted once per incoming request."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def add(self, mode: str, path: str = "/", count: int = 1, **options) -> Fault:
        """Queue a fault, e.g. ``add("status", "/api/v1/contacts", count=2, status=503)``.

        Options: ``status``, ``seconds``, ``after``, ``retry_after`` (see module docstring).
        """
        return self.add_fault(
            fault_from_dict({"mode": mode, "path": path, "count": count, **options})
        )

    def add_fault(self, fault: Fault) -> Fault:
        """Queue an already built fault; gives it an id."""
        with self._lock:
            fault.id = next(self._ids)
            self._faults.append(fault)
        return fault

    def clear(self) -> int:
        """Drop every queued fault; returns how many were dropped."""
        with self._lock:
            dropped = len(self._faults)
            self._faults.clear()
        return dropped

    def pending(self) -> list[dict]:
        """The queued faults, first to apply first."""
        with self._lock:
            return [fault.to_dict() for fault in self._faults]

    def take(self, path: str) -> Fault | None:
        """The fault to apply to a request for ``path``, or ``None`` to answer normally."""
        if path.startswith(EXEMPT_PREFIXES):
            return None
        with self._lock:
            for fault in self._faults:
                if not path.startswith(fault.path):
                    continue
                fault.seen += 1
                if fault.seen <= fault.after:
                    return None
                fault.applied += 1
                if fault.applied >= fault.count:
                    self._faults.remove(fault)
                return fault
        return None
