"""In-memory Silicon Master: the three entity tables, the simulated clock, queries, changes.

Every change stamps ``updated_at`` with the simulated clock, strictly after every
``updated_at`` already held (the clock ticks one second when needed). A cursor always points
at an existing position, so a record changed while a client walks the pages moves behind the
cursor and shows up again later: never lost, never silently skipped.
"""

import copy
import random
import threading
from datetime import datetime

from .clock import SimClock, iso, parse_updated_since
from .cursor import (
    InvalidCursor,
    decode_cursor,
    decode_id_cursor,
    encode_cursor,
    encode_id_cursor,
)
from .dataset import ENTITIES, Dataset, generate
from .mutations import Mutator
from .table import EntityTable
from .totals import order_totals

MAX_PAGE = 1000
DEFAULT_PAGE = 200
MAX_IDS_PAGE = 10_000
DEFAULT_IDS_PAGE = 5000


class QueryError(ValueError):
    """A bad query; ``code`` is the contract's error code (``invalid_cursor``...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _check_limit(limit, maximum: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= maximum:
        raise QueryError("invalid_limit", f"limit must be an integer from 1 to {maximum}")
    return limit


class Store:
    """The simulated SM database. Thread-safe: every public method holds :attr:`lock`."""

    def __init__(
        self,
        *,
        contacts: int = 500,
        articles: int = 300,
        orders: int = 800,
        seed: int = 42,
        dataset: Dataset | None = None,
    ):
        self.lock = threading.RLock()
        # `remaining` is optional in SM's contract (sm_api_v1.yaml): an SM build may omit it
        self.send_remaining = True
        self.sizes = {"contacts": contacts, "articles": articles, "orders": orders}
        self.seed = seed
        if dataset is not None:  # reset() regenerates what was given
            self.seed = dataset.seed
            self.sizes = {name: len(dataset.records(name)) for name in ENTITIES}
        self.reset(dataset=dataset)

    # --- lifecycle ---------------------------------------------------------------------

    def reset(self, dataset: Dataset | None = None, seed: int | None = None, **sizes) -> None:
        """Back to the freshly generated state (optionally with another seed or sizes)."""
        with self.lock:
            if seed is not None:
                self.seed = seed
            self.sizes.update({key: value for key, value in sizes.items() if value is not None})
            if dataset is None:
                dataset = generate(seed=self.seed, **self.sizes)
            self.dataset = dataset
            self.clock = SimClock(dataset.start)
            self.tables = {name: EntityTable(name, dataset.records(name)) for name in ENTITIES}
            self.mutator = Mutator(self, random.Random(f"sm:{self.seed}:mutations"))

    # --- queries -----------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The simulated now."""
        return self.clock.now

    @property
    def dirty(self) -> dict:
        """Ids of the deliberately dirty records, per entity and rule."""
        return self.dataset.dirty

    def table(self, entity: str) -> EntityTable:
        """The table of ``entity``; :class:`QueryError` ``unknown_entity`` otherwise."""
        try:
            return self.tables[entity]
        except KeyError:
            raise QueryError(
                "unknown_entity", f"entity must be one of {', '.join(ENTITIES)}"
            ) from None

    def page(
        self,
        entity: str,
        updated_since: str | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE,
    ) -> dict:
        """One change-feed page: ``{"data", "next_cursor", "remaining", "server_time"}``
        (``remaining`` left out when :attr:`send_remaining` is off).

        ``cursor`` (when given) wins over ``updated_since`` (inclusive lower bound).
        """
        table = self.table(entity)
        limit = _check_limit(limit, MAX_PAGE)
        position = None
        if cursor is not None:
            try:
                position = decode_cursor(cursor)
            except InvalidCursor as exc:
                raise QueryError("invalid_cursor", str(exc)) from None
        elif updated_since is not None:
            try:
                updated_since = parse_updated_since(updated_since)
            except ValueError:
                raise QueryError(
                    "invalid_updated_since", "updated_since must be an ISO-8601 timestamp"
                ) from None
        with self.lock:
            if position is not None:
                start = table.start_after(*position)
            elif updated_since is not None:
                start = table.start_since(updated_since)
            else:
                start = 0
            data = table.slice(start, limit)
            remaining = len(table.keys) - start - len(data)
            next_cursor = None
            if remaining > 0:
                next_cursor = encode_cursor(*table.keys[start + len(data) - 1])
            page = {
                "data": data,
                "next_cursor": next_cursor,
                "remaining": remaining,
                "server_time": iso(self.clock.now),
            }
            if not self.send_remaining:
                del page["remaining"]
            return page

    def ids(self, entity: str, cursor: str | None = None, limit: int = DEFAULT_IDS_PAGE) -> dict:
        """One page of live ids, ascending: ``{"ids", "next_cursor"}``."""
        table = self.table(entity)
        limit = _check_limit(limit, MAX_IDS_PAGE)
        last_id = None
        if cursor is not None:
            try:
                last_id = decode_id_cursor(cursor)
            except InvalidCursor as exc:
                raise QueryError("invalid_cursor", str(exc)) from None
        with self.lock:
            page, remaining = table.ids_after(last_id, limit)
        return {"ids": page, "next_cursor": encode_id_cursor(page[-1]) if remaining else None}

    def get(self, entity: str, record_id: str) -> dict | None:
        """The live record (read-only snapshot), or ``None`` if unknown or deleted."""
        with self.lock:
            return self.table(entity).records.get(record_id)

    def changes(self, entity: str, updated_since: str | None = None) -> list[dict]:
        """Every record and tombstone since ``updated_since``, in ``(updated_at, id)`` order."""
        table = self.table(entity)
        since = parse_updated_since(updated_since) if updated_since else None
        with self.lock:
            start = table.start_since(since) if since else 0
            return table.slice(start, len(table.keys))

    def counts(self) -> dict:
        """``{entity: {"live": n, "tombstones": m}}``."""
        with self.lock:
            return {
                name: {"live": len(table.records), "tombstones": len(table.tombstones)}
                for name, table in self.tables.items()
            }

    # --- changes -----------------------------------------------------------------------

    def next_stamp(self) -> str:
        """Now, after ticking the clock if something already carries this second."""
        with self.lock:
            latest = max(table.max_updated_at for table in self.tables.values())
            while iso(self.clock.now) <= latest:
                self.clock.advance(1)
            return iso(self.clock.now)

    def advance(
        self,
        minutes: float = 15,
        change_ratio: float = 0.01,
        delete_ratio: float | None = None,
        create_ratio: float | None = None,
    ) -> dict:
        """Move the clock ``minutes`` forward and let SM live meanwhile (see ``mutations``).

        ``change_ratio`` of the records change, ``delete_ratio`` (default change_ratio / 10)
        of the deletable ones go, ``create_ratio`` (default change_ratio / 5) new orders and
        a quarter as many new contacts appear. Returns a summary of what happened.
        """
        if minutes < 0 or not 0 <= change_ratio <= 1:
            raise ValueError("minutes must be >= 0 and change_ratio within [0, 1]")
        delete_ratio = change_ratio / 10 if delete_ratio is None else delete_ratio
        create_ratio = change_ratio / 5 if create_ratio is None else create_ratio
        with self.lock:
            return self.mutator.advance(minutes, change_ratio, delete_ratio, create_ratio)

    def touch(self, entity: str, record_ids) -> str:
        """Bump ``updated_at`` of live records without changing them; returns the stamp."""
        with self.lock:
            table = self.table(entity)
            stamp = self.next_stamp()
            for record_id in record_ids:
                table.put({**self._live(table, record_id), "updated_at": stamp})
            return stamp

    def delete(self, entity: str, record_ids) -> str:
        """Delete live records (tombstones); returns the stamp."""
        with self.lock:
            table = self.table(entity)
            stamp = self.next_stamp()
            for record_id in record_ids:
                self._live(table, record_id)
                table.remove(record_id, stamp)
            return stamp

    def set_field(self, entity: str, record_id: str, field: str, value) -> dict:
        """Set one top-level field of a live record (order ``lines`` re-total the order)."""
        if field in ("id", "updated_at", "deleted"):
            raise ValueError(f"{field} is managed by the store")
        with self.lock:
            table = self.table(entity)
            record = copy.deepcopy(self._live(table, record_id))
            record[field] = copy.deepcopy(value)
            if entity == "orders" and field == "lines":
                record.update(order_totals(record["lines"]))
            record["updated_at"] = self.next_stamp()
            table.put(record)
            return record

    @staticmethod
    def _live(table: EntityTable, record_id: str) -> dict:
        record = table.records.get(record_id)
        if record is None:
            raise KeyError(f"no live {table.name} {record_id}")
        return record
