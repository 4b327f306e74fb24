"""``Store.advance``: the simulated clock moves on and SM lives meanwhile, deterministically.

During ``[now, now + minutes]`` a fraction of the records change (see ``changes``), a few
deletable ones are deleted, new orders (and a quarter as many new private customers) appear,
and flapping promised dates pending from earlier are reverted. Every event gets its own
moment within the interval; events are applied in time order, each stamping ``updated_at``.
All draws come from the store's mutation ``random.Random``, so the same seed and the same
sequence of calls always produce the same changes.

Deletable: contacts with no order and no employee, inactive articles nobody ordered and no
kit uses, quotations and cancelled orders. Deliberately dirty records are never deleted.
"""

import heapq
import itertools
import random
from datetime import datetime, timedelta

from .changes import FINAL_STATUSES, change_article, change_contact, change_order
from .clock import iso, parse_iso
from .dataset import ENTITIES
from .gen_contacts import ContactFactory
from .gen_orders import OrderFactory


class Mutator:
    """Applies ``advance`` to a :class:`simulators.silicon_master.store.Store`."""

    def __init__(self, store, rng: random.Random):
        self.store = store
        self.rng = rng
        # order id -> (original promised date, flapped date, revert moment)
        self.pending_flaps: dict[str, tuple[str, str, datetime]] = {}
        self._contact_factory: ContactFactory | None = None
        self._sequence = itertools.count()
        self.events: list[tuple[datetime, int, str, str, str]] = []  # heap of this advance
        self._cache: dict = {}  # per-advance lists for new orders
        self._doomed: set[str] = set()
        dirty = store.dirty.get("contacts", {})
        self.dirty_sets = {
            "malformed_phone": set(dirty.get("malformed_phone", [])),
            "missing_country": set(dirty.get("missing_country", [])),
            "duplicate_email_ids": {i for pair in dirty.get("duplicate_email", []) for i in pair},
            "invalid_vat": set(dirty.get("invalid_vat", [])),
        }
        self.protected = {
            "contacts": set().union(*self.dirty_sets.values()),
            "articles": set(store.dirty.get("articles", {}).get("invalid_ean", [])),
            "orders": set(),
        }

    # --- helpers -----------------------------------------------------------------------

    def quota(self, population: int, ratio: float) -> int:
        """``population * ratio`` rounded up or down at random (deterministic draw)."""
        expected = population * ratio
        count = int(expected)
        if self.rng.random() < expected - count:
            count += 1
        return min(count, population)

    def contact_factory(self) -> ContactFactory:
        """Factory for new addresses/phones/emails, knowing every email already used."""
        if self._contact_factory is None:
            factory = ContactFactory(self.rng, self.store.now)
            for record in self.store.tables["contacts"].records.values():
                if record["email"]:
                    factory.emails.add(record["email"])
            self._contact_factory = factory
        return self._contact_factory

    def _deletable(self, entity: str) -> list[str]:
        tables = self.store.tables
        table = tables[entity]
        live, protected = table.records, self.protected[entity]
        if entity == "orders":
            return [
                oid for oid in table.live_ids if live[oid]["status"] in ("quotation", "cancelled")
            ]
        if entity == "contacts":
            used = {order["customer_id"] for order in tables["orders"].records.values()}
            used |= {rec["company_id"] for rec in live.values() if rec["company_id"]}
            return [cid for cid in table.live_ids if cid not in used and cid not in protected]
        used = {
            line["article_code"]
            for order in tables["orders"].records.values()
            for line in order["lines"]
        }
        used |= {comp["code"] for rec in live.values() for comp in rec["components"]}
        return [
            code
            for code in table.live_ids
            if not live[code]["active"] and code not in used and code not in protected
        ]

    def _change_targets(self, entity: str, ratio: float) -> list[str]:
        table = self.store.tables[entity]
        count = self.quota(len(table.records), ratio)
        if entity == "contacts":
            pool = table.live_ids
        elif entity == "articles":
            pool = [code for code in table.live_ids if table.records[code]["active"]]
        else:  # closed orders no longer move
            pool = [
                oid for oid in table.live_ids if table.records[oid]["status"] not in FINAL_STATUSES
            ]
        return self.rng.sample(pool, min(count, len(pool)))

    # --- advance -----------------------------------------------------------------------

    def advance(
        self, minutes: float, change_ratio: float, delete_ratio: float, create_ratio: float
    ) -> dict:
        """See :meth:`simulators.silicon_master.store.Store.advance`."""
        store = self.store
        base = parse_iso(store.next_stamp())  # strictly after every existing updated_at
        end = max(base, store.now + timedelta(seconds=int(minutes * 60)))
        self.events = []
        self._cache = {}
        self._plan(base, end, change_ratio, delete_ratio, create_ratio)
        summary = {"changed": {}, "deleted": {}, "created": {}, "flaps_reverted": 0}
        while self.events:
            moment, _seq, action, entity, record_id = heapq.heappop(self.events)
            if not self._apply(action, entity, record_id, moment, end):
                continue
            if action == "unflap":
                summary["flaps_reverted"] += 1
            else:
                bucket = summary[_SUMMARY_KEY[action]]
                bucket[entity] = bucket.get(entity, 0) + 1
        store.clock.now = end
        summary["now"] = iso(end)
        return summary

    def _plan(
        self,
        base: datetime,
        end: datetime,
        change_ratio: float,
        delete_ratio: float,
        create_ratio: float,
    ) -> None:
        """Schedule this advance's events at random moments of ``[base, end]``."""
        rng, tables = self.rng, self.store.tables
        span = int((end - base).total_seconds())

        def at_random() -> datetime:
            return base + timedelta(seconds=rng.randint(0, span))

        for entity in ENTITIES:
            for record_id in self._change_targets(entity, change_ratio):
                self.schedule(at_random(), "change", entity, record_id)
        self._plan_deletions(delete_ratio, at_random)
        for _ in range(self.quota(len(tables["orders"].records), create_ratio)):
            self.schedule(at_random(), "create", "orders", "")
        for _ in range(self.quota(len(tables["contacts"].records), create_ratio / 4)):
            self.schedule(at_random(), "create", "contacts", "")
        for order_id, (_orig, _flapped, revert_at) in sorted(self.pending_flaps.items()):
            if revert_at <= end:
                self.schedule(max(revert_at, base), "unflap", "orders", order_id)

    def _plan_deletions(self, delete_ratio: float, at_random) -> None:
        self._doomed = set()  # contacts about to go: never the customer of a new order
        for entity in ENTITIES:
            candidates = self._deletable(entity)
            for record_id in self.rng.sample(candidates, self.quota(len(candidates), delete_ratio)):
                self.schedule(at_random(), "delete", entity, record_id)
                if entity == "contacts":
                    self._doomed.add(record_id)

    def schedule(self, moment: datetime, action: str, entity: str, record_id: str) -> None:
        """Queue an event; ties keep scheduling order."""
        heapq.heappush(self.events, (moment, next(self._sequence), action, entity, record_id))

    def _apply(self, action, entity, record_id, moment, end) -> bool:
        """Apply one event at ``moment``; False when it turned out to be moot."""
        table = self.store.tables[entity]
        stamp = iso(moment)
        if action == "create":
            new = self._new_contact() if entity == "contacts" else self._new_order(moment)
        elif record_id not in table.records:  # deleted earlier in this very advance
            new = None
        elif action == "delete":
            table.remove(record_id, stamp)
            self.pending_flaps.pop(record_id, None)
            return True
        elif action == "unflap":
            new = self._unflapped(table.records[record_id])
        else:
            new = self._changed(entity, table.records[record_id], moment, end)
        if new is None:
            return False
        new["updated_at"] = stamp
        table.put(new)
        return True

    def _unflapped(self, record: dict) -> dict | None:
        pending = self.pending_flaps.pop(record["id"], None)
        if pending is None:
            return None  # already reverted
        original, flapped, _when = pending
        if record["promised_date"] != flapped:
            return None  # something else moved it since: leave it alone
        return {**record, "promised_date": original}

    def _changed(self, entity, record, moment, end) -> dict | None:
        rng = self.rng
        if entity == "contacts":
            return change_contact(record, rng, self.contact_factory(), self.dirty_sets)
        if entity == "articles":
            return change_article(record, rng, moment.date())
        new, what = change_order(record, rng, moment)
        if what == "flap" and record["id"] not in self.pending_flaps:
            day_end = moment.replace(hour=23, minute=59, second=59)
            revert_at = min(moment + timedelta(minutes=rng.randint(15, 240)), day_end)
            if revert_at <= moment:
                return new  # too late in the day to come back: a plain slip
            self.pending_flaps[record["id"]] = (
                record["promised_date"],
                new["promised_date"],
                revert_at,
            )
            if revert_at <= end:
                self.schedule(revert_at, "unflap", "orders", record["id"])
        return new

    def _new_contact(self) -> dict:
        table = self.store.tables["contacts"]
        serial = 1 + max((int(cid[1:]) for cid in (*table.records, *table.tombstones)), default=0)
        record = self.contact_factory().person(serial, None)
        del record["_region"], record["_addr"]
        return record

    def _new_order(self, moment: datetime) -> dict | None:
        if not self._cache:
            tables = self.store.tables
            orders = tables["orders"]
            self._cache = {
                "customers": [
                    rec
                    for cid, rec in sorted(tables["contacts"].records.items())
                    if rec["kind"] in ("customer", "both") and cid not in self._doomed
                ],
                "sellable": [
                    rec for _id, rec in sorted(tables["articles"].records.items()) if rec["active"]
                ],
                "serial": max(
                    (int(oid.split("-")[1]) for oid in (*orders.records, *orders.tombstones)),
                    default=0,
                ),
            }
        cache = self._cache
        if not cache["customers"] or not cache["sellable"]:
            return None
        cache["serial"] += 1
        factory = OrderFactory(self.rng, moment, cache["customers"], cache["sellable"])
        return factory.order(cache["serial"], moment)


_SUMMARY_KEY = {"change": "changed", "delete": "deleted", "create": "created"}
