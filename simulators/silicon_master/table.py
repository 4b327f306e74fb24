"""One entity's records, kept ordered by ``(updated_at, id)`` for cheap change-feed pages.

``keys`` is a sorted list of ``(updated_at, id)``, one per id (live record or tombstone), so a
page is a bisect plus a slice: O(log n + page). ``live_ids`` is the sorted list of live ids for
``/ids``. Records are never modified in place: a change stores a new dict (copy-on-write), so
a record handed out earlier stays a consistent snapshot.
"""

from bisect import bisect_left, bisect_right, insort


class EntityTable:
    """Live records and tombstones of one entity, indexed by ``(updated_at, id)``."""

    def __init__(self, name: str, records: list[dict]):
        self.name = name
        self.records: dict[str, dict] = {rec["id"]: rec for rec in records}
        self.tombstones: dict[str, dict] = {}
        self.keys: list[tuple[str, str]] = sorted((rec["updated_at"], rec["id"]) for rec in records)
        self.live_ids: list[str] = sorted(self.records)

    @property
    def max_updated_at(self) -> str:
        """The latest ``updated_at`` held (``""`` when empty)."""
        return self.keys[-1][0] if self.keys else ""

    def entry(self, record_id: str) -> dict | None:
        """The live record or the tombstone of ``record_id``."""
        return self.records.get(record_id) or self.tombstones.get(record_id)

    def _unindex(self, record_id: str) -> None:
        previous = self.entry(record_id)
        if previous is not None:
            position = bisect_left(self.keys, (previous["updated_at"], record_id))
            del self.keys[position]

    def put(self, record: dict) -> None:
        """Insert or replace a live record (its ``updated_at`` already stamped)."""
        record_id = record["id"]
        if record_id in self.tombstones:
            raise ValueError(f"{self.name} {record_id} was deleted; SM never reuses an id")
        if record_id not in self.records:
            insort(self.live_ids, record_id)
        self._unindex(record_id)
        self.records[record_id] = record
        insort(self.keys, (record["updated_at"], record_id))

    def remove(self, record_id: str, stamp: str) -> dict:
        """Delete a live record, leaving a tombstone stamped ``stamp``."""
        self._unindex(record_id)
        del self.records[record_id]
        del self.live_ids[bisect_left(self.live_ids, record_id)]
        tombstone = {"id": record_id, "deleted": True, "updated_at": stamp}
        self.tombstones[record_id] = tombstone
        insort(self.keys, (stamp, record_id))
        return tombstone

    def start_after(self, updated_at: str, record_id: str) -> int:
        """Index of the first key strictly after ``(updated_at, record_id)``."""
        return bisect_right(self.keys, (updated_at, record_id))

    def start_since(self, updated_since: str) -> int:
        """Index of the first key with ``updated_at >= updated_since``."""
        return bisect_left(self.keys, (updated_since,))

    def slice(self, start: int, limit: int) -> list[dict]:
        """Records/tombstones of ``keys[start:start + limit]``."""
        return [self.entry(record_id) for _stamp, record_id in self.keys[start : start + limit]]

    def ids_after(self, last_id: str | None, limit: int) -> tuple[list[str], int]:
        """Up to ``limit`` live ids after ``last_id``, and how many live ids follow them."""
        start = 0 if last_id is None else bisect_right(self.live_ids, last_id)
        page = self.live_ids[start : start + limit]
        return page, len(self.live_ids) - start - len(page)
