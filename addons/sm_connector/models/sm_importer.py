# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The import engine shared by every SM entity (contacts, articles, orders).

Flow of a run, each step in the file named for it:
SM page (adapters/) → validation (parsers/record_validator.py) → skip if the payload hash is
unchanged (sm.binding) → dependencies imported first (on demand) → mapping
(mappers/<entity>_mapper.py) → batched create / per-record write → bindings → commit →
watermark. A chunk is committed before the watermark moves past it, so a run killed at any
point resumes from the last committed page: nothing lost, nothing duplicated.
"""

import logging
import threading
import time
from collections import Counter
from datetime import timedelta
from typing import NamedTuple

from odoo import api, fields, models

from ..adapters.errors import SmTransportError
from ..entities import ENTITY
from ..parsers.payload import payload_hash
from ..parsers.record_validator import SmRecordError, validate
from ..parsers.values import parse_timestamp
from .sm_binding import BindingWrite
from .sm_managed_mixin import sm_sync_writes
from .sm_sync_error import MAX_AUTO_ATTEMPTS

_logger = logging.getLogger(__name__)

# Context of every write the sync makes: no chatter noise. (The permission to write SM-owned
# fields is not in the context, which RPC clients choose: see sm_sync_writes().)
SYNC_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "sale_no_log_for_new_lines": True,  # SM order lines are not "extra lines" added in Odoo
    # SM is master: a VAT number base_vat (Belgian localisation) finds invalid is kept as
    # received and flagged "SM data to check", never refused
    "no_vat_validation": True,
}


class ChangedRecord(NamedTuple):
    """A valid SM record whose payload differs from the one last imported."""

    record: dict  # canonical form (parsers/record_validator.py)
    raw: object  # as SM sent it: stored with the record's error if it fails
    digest: str  # payload hash, stored on the binding once imported
    res_id: int | None  # the bound Odoo record; None for a record new to Odoo


LOCK_NAMESPACE = 0x534D  # "SM": first key of the advisory lock, the second is backend+entity


class SmImporter(models.AbstractModel):
    """Generic importer; `sm.<entity>.importer` models fill in the entity-specific hooks."""

    _name = "sm.importer"
    _description = "SM import engine"
    _sm_entity = None  # a name of the entity registry (entities.py)

    @property
    def _sm_model(self):
        """The Odoo model this importer's entity becomes (from the entity registry)."""
        return ENTITY[self._sm_entity].model

    # ------------------------------------------------------------------ hooks
    def _prepare_lookups(self, backend, run, records, first_load=False):
        """Fetch what the mapper needs for these records (one query per kind).

        ``first_load``: the records are a page of the entity's first load (read before its
        go-live), whenever they are imported (see `_import_page_job`)."""
        raise NotImplementedError

    def _map(self, record, lookups):
        """Return (vals, issues) for one canonical record; raise SmRecordError to refuse it."""
        raise NotImplementedError

    def _match_existing(self, backend, records):
        """{sm_id: res_id} of Odoo records created before the sync that these records are."""
        return {}

    def _dependency_batches(self, items):
        """Split ChangedRecord items into batches to import in order (dependencies first)."""
        return [items]

    def _adjust_update_vals(self, targets):
        """Last look at [(odoo record, vals)] before they are written (e.g. keep counters)."""

    def _after_import(self, backend, imported, lookups):
        """Extra work on [(odoo record, canonical record)] just created or updated."""

    def _after_sync(self, backend, records):
        """Hook for the add-ons built on the connector: ``records`` (a recordset of
        ``_sm_model``) were just created or updated from SM by one batch, after the entity's
        own ``_after_import`` (e.g. close the tasks a change seen in SM fulfils). Runs in the
        sync's transaction, once per batch: keep it to a few bulk queries. Default: nothing."""

    # ----------------------------------------------------------- entry points
    @api.model
    def _run_sync(self, backend, mode="incremental"):
        """Run one sync of this entity for `backend`; return the run, or None if one is running."""
        entity = self._sm_entity
        if not self._try_lock(backend):
            _logger.info("SM %s sync of %s already running: this call exits.", entity, backend.name)
            return None
        run = self.env["sm.sync.run"]
        try:
            # We hold the lock, so a run still marked running was killed mid-way.
            run.search(
                [
                    ("backend_id", "=", backend.id),
                    ("entity", "=", entity),
                    ("state", "=", "running"),
                ]
            )._finish(
                "failed",
                message=self.env._("Interrupted (the worker stopped); resumed by a later run."),
            )
            run = run._start({"backend_id": backend.id, "entity": entity, "mode": mode})
            self._commit(run)
            complete = True
            if backend.transport == "file":
                run._set({"mode": "file"})
                self._sync_files(backend, run)
            elif mode == "reconcile":
                self._reconcile(backend, run)
            else:
                complete = self._sync_rest(backend, run, full=(mode == "full"))
            if complete is False:
                # stopped by the cron's time budget: the next run goes on from the watermark.
                # Not the end of SM's list, so no go-live yet: the rest of a first load must
                # stay silent, like its beginning.
                run._finish("done", keep_remaining=True)
            else:
                run._finish("done")
                self.env["sm.sync.state"]._mark_live(backend, entity, run)
            backend._on_run_finished(run)
        except (SmTransportError, SmRecordError) as exc:
            self._fail(backend, run, str(exc))
        except Exception as exc:
            _logger.exception("SM %s sync crashed", entity)
            self._fail(backend, run, self.env._("Unexpected error: %s", exc))
        finally:
            self._commit(run)
            self._unlock(backend)
        return run

    @api.model
    def _import_payloads(self, backend, raw_records, mode="retry", run=None):
        """Import raw records outside a paged run (retries, dependencies on demand)."""
        own_run = not run
        if own_run:
            run = self.env["sm.sync.run"]._start(
                {"backend_id": backend.id, "entity": self._sm_entity, "mode": mode}
            )
        counts = self._import_chunk(backend, run, raw_records)
        run._add_counts(counts, processed=len(raw_records))
        if own_run:
            run._finish("done")
        return counts

    def _import_page_job(self, backend, raw_records, first_load=False):
        """queue_job entry point: import one page in whichever worker picks the job up.

        ``first_load``: the page was read before the entity's go-live. The run that reads SM's
        last page sets the go-live while its pages' jobs may still wait; they stay the first
        load (no change of theirs is news), like the pages a cron run imports inline."""
        run = self.env["sm.sync.run"].browse()
        counts = self._import_chunk(backend, run, raw_records, first_load=first_load)
        return ", ".join(f"{key}: {counts.get(key, 0)}" for key in _REPORT_KEYS)

    @api.model
    def _ensure_imported(self, backend, run, sm_ids, unavailable=None):
        """{sm_id: res_id} for records of this entity, importing missing ones from SM now.

        `unavailable` (a dict, optional) receives {sm_id: reason} for the records that could
        not be fetched or imported: the records needing them must fail (logged, retried), never
        be imported half-linked. A record SM answers it does not know is simply absent.
        """
        Binding = self.env["sm.binding"]
        found = Binding._res_ids(backend, self._sm_entity, sm_ids)
        missing = [sm_id for sm_id in sm_ids if sm_id not in found]
        unavailable = {} if unavailable is None else unavailable
        if missing and backend.transport != "rest":
            # a file brings what it brings: the record waits for an export holding it
            unavailable.update(
                dict.fromkeys(missing, "is not in Odoo yet (in no export read so far)")
            )
        if missing and backend.transport == "rest":
            adapter = backend._rest_adapter()
            fetched = []
            for sm_id in missing:
                try:
                    record = adapter.fetch_one(self._sm_entity, sm_id)
                except SmTransportError as exc:
                    # the record needing it fails alone (logged, retried); the run goes on
                    _logger.warning(
                        "SM %s %s could not be fetched: %s", self._sm_entity, sm_id, exc
                    )
                    unavailable[sm_id] = f"could not be fetched from SM ({exc})"
                    continue
                if record:
                    fetched.append(record)
            if fetched:
                # counted in the run that needed them (for orders: the contacts' own run)
                own = run if run.entity == self._sm_entity else None
                self._import_payloads(backend, fetched, run=own)
                found.update(Binding._res_ids(backend, self._sm_entity, missing))
                for record in fetched:
                    sm_id = record.get("id") if isinstance(record, dict) else None
                    if sm_id in missing and sm_id not in found:
                        unavailable[sm_id] = "could not be imported (see its record error)"
        return found

    # --------------------------------------------------------------- transports
    def _rest_pages(self, backend, adapter, full=False):
        """Where the next run reads SM: ``(watermark, since, pages)``, pages an iterator of
        ``SmPage``. A pass the cron's time budget cut short goes on from SM's own position
        (the stored ``next_cursor``), not from the watermark: more records than a page may
        share one moment (a bulk update in SM) and, re-read from the watermark minus the
        overlap, would be the same page at every run. A cursor SM no longer accepts (HTTP
        400, SM API v1 ``GET /{entity}``) is dropped: the run reads from the watermark."""
        entity = self._sm_entity
        state = self.env["sm.sync.state"]._for(backend, entity)
        watermark = None if full else state.watermark
        since = watermark - timedelta(seconds=backend.overlap_seconds) if watermark else None
        cursor = None if full else state.resume_cursor

        def pages():
            start = cursor
            if start:
                try:
                    first = adapter.fetch_page(entity, cursor=start, limit=backend.page_size)
                except SmTransportError as exc:
                    if exc.status != 400:
                        raise
                    _logger.warning(
                        "SM refused the %s resume cursor (%s): reading from the watermark",
                        entity,
                        exc,
                    )
                    start = None
                else:
                    yield first
                    if not first.next_cursor:
                        return
                    start = first.next_cursor
            yield from adapter.iter_pages(
                entity, updated_since=since, cursor=start, limit=backend.page_size
            )

        return watermark, since, pages()

    def _sync_rest(self, backend, run, full=False):
        """Read SM's pages after the watermark; False if the time budget stopped the run
        before SM's last page (the next run goes on from the stored cursor), else True."""
        entity = self._sm_entity
        adapter = backend._rest_adapter()
        state = self.env["sm.sync.state"]._for(backend, entity)
        watermark, since, pages = self._rest_pages(backend, adapter, full=full)
        run._set({"watermark_from": since})
        self._commit(run)
        for page in pages:
            with self.env.cr.savepoint():
                if backend.use_queue_job:
                    # scale-out: the page is stored as a job, committed with the watermark
                    self.with_delay(
                        description=self.env._(
                            "SM %(entity)s page after %(since)s", entity=entity, since=watermark
                        )
                    )._import_page_job(
                        backend,
                        page.records,
                        # read before the go-live: part of the first load whenever it runs
                        first_load=not state.go_live,
                    )
                    counts = Counter()
                    run._set(
                        {
                            "message": self.env._(
                                "Pages handed to queue jobs: see Queue → Jobs for their results."
                            )
                        }
                    )
                else:
                    counts = self._import_chunk(backend, run, page.records)
                reached = _max_updated_at(page.records)
                if reached and (not watermark or reached > watermark):
                    watermark = reached
                    backend._set_watermark(entity, watermark)
                run._add_counts(counts, processed=len(page.records), remaining=page.remaining)
                run._set({"watermark_to": watermark})
                # committed with the page: a run stopped after it goes on from the next one
                state._set(resume_cursor=page.next_cursor or False)
            # SM's contract makes `remaining` optional; `next_cursor` (required) ends the list
            left = page.remaining if page.remaining is not None else int(bool(page.next_cursor))
            if self._commit(run, len(page.records), left) <= 0:
                if not page.next_cursor:
                    break  # that was SM's last page: the run is complete
                run._set(
                    {"message": self.env._("Time budget used up: the next run goes on from here.")}
                )
                return False
        # after the pages: a record a page already brought in this run is not tried twice
        self._retry_open_errors(backend, run, adapter)
        return True

    def _sync_files(self, backend, run):
        adapter = backend._file_adapter()
        files = adapter.pending_files(self._sm_entity)
        if not files:
            run._set({"message": self.env._("No export file waiting.")})
        for file_name in files:
            run._set({"source": file_name})
            try:
                content = adapter.read_export(file_name)
            except SmRecordError as exc:
                adapter.archive(file_name, False, self.env._("Refused: %s\n", exc))
                counts = Counter()
                self._log_failure(backend, run, file_name, str(exc), {"file": file_name}, counts)
                run._add_counts(counts)
                self._commit(run)
                continue
            file_counts = Counter()
            for reference, raw, reason in content.errors:
                self._log_failure(backend, run, reference, reason, raw, file_counts)
            run._add_counts(file_counts, processed=len(content.errors))
            records = self._order_file_records(content.records)
            for start in range(0, len(records), backend.page_size):
                chunk = records[start : start + backend.page_size]
                with self.env.cr.savepoint():
                    counts = self._import_chunk(backend, run, chunk)
                    run._add_counts(counts, processed=len(chunk))
                file_counts.update(counts)
                self._commit(run, len(chunk))
            report = "\n".join(f"{key}: {file_counts.get(key, 0)}" for key in _REPORT_KEYS)
            adapter.archive(file_name, True, report + "\n")
            self._commit(run)
        # after the files: a record a file already brought in this run is not tried twice
        self._retry_open_errors(backend, run, None)

    def _order_file_records(self, records):
        """A file holds a whole export: import dependencies first (hook; default: as is)."""
        return records

    def _reconcile(self, backend, run):
        """Archive records bound in Odoo whose SM id is no longer listed by SM."""
        entity = self._sm_entity
        live = set(backend._rest_adapter().iter_ids(entity))
        bound = self.env["sm.binding"]._live_sm_ids(backend, entity)
        gone = [sm_id for sm_id in bound if sm_id not in live]
        with sm_sync_writes():
            archived = self._archive(backend, gone)
        run._add_counts({"archived": archived}, processed=len(live))
        backend._set_reconciled(entity)

    def _retry_open_errors(self, backend, run, adapter, counts=None):
        """Give failed records another chance, with SM's current version of them (REST) or
        the record the export file had; a chunk at a time, committed like pages. Records
        already tried in this run (a page or file brought them) wait for the next run.

        counts: a dry run's Counter (sm_importer_dry_run.py): the chunks' counters are added
        to it too and nothing is committed (the dry run rolls everything back).
        """
        errors = self.env["sm.sync.error"].search(
            [
                ("backend_id", "=", backend.id),
                ("entity", "=", self._sm_entity),
                ("state", "=", "open"),
                ("attempts", "<", MAX_AUTO_ATTEMPTS),
                ("run_id", "!=", run.id),
            ]
        )
        for start in range(0, len(errors), backend.page_size):
            chunk = errors[start : start + backend.page_size]
            chunk_counts = self._retry_errors(backend, run, chunk, adapter, strict=False)
            if counts is None:
                self._commit(run)
            else:
                counts.update(chunk_counts)

    def _retry_errors(self, backend, run, errors, adapter=None, strict=True):
        """Import the records of these errors again: SM's current version (REST: GET
        /{entity}/{id}; gone from SM → resolved), or for file exports the stored record.
        Return the counters of what was imported (Counter of COUNTERS).

        strict: an SM that cannot be reached raises (manual Retry); else the error waits."""
        if adapter is None and backend.transport == "rest":
            adapter = backend._rest_adapter()
        records = []
        for error in errors:
            if adapter is None:  # file exports: the record as the file had it
                payload = error._payload_record()
                if isinstance(payload, dict) and payload.get("id"):
                    records.append(payload)
                continue
            try:
                fresh = adapter.fetch_one(self._sm_entity, error.reference)
            except SmTransportError as exc:
                if strict:
                    raise
                _logger.warning("SM %s %s not retried: %s", self._sm_entity, error.reference, exc)
                continue
            if fresh is None:
                error.write(
                    {"state": "resolved", "reason": error.reason + self.env._("\n(gone from SM)")}
                )
            else:
                records.append(fresh)
        counts = Counter()
        if records:
            with self.env.cr.savepoint():
                counts = self._import_chunk(backend, run, records)
                run._add_counts(counts, processed=len(records))
        return counts

    # ------------------------------------------------------------------- chunk
    @api.model
    def _import_chunk(self, backend, run, raw_records, first_load=False):
        """Import one page of raw records; return counters. Bad records are logged, not fatal.

        ``first_load``: a page of the first load imported after the go-live (a queue job)."""
        entity = self._sm_entity
        counts = Counter()
        latest = {}
        for raw in raw_records:
            try:
                record = validate(entity, raw)
            except SmRecordError as exc:
                reference = raw.get("id") if isinstance(raw, dict) else None
                self._log_failure(backend, run, str(reference or "?"), str(exc), raw, counts)
                continue
            kept_record, _kept_raw = latest.get(record["id"], (None, None))
            if kept_record is None or kept_record["updated_at"] <= record["updated_at"]:
                latest[record["id"]] = (record, raw)
        bindings = self.env["sm.binding"]._lookup(backend, entity, list(latest))
        gone = [sm_id for sm_id, (record, _raw) in latest.items() if record["deleted"]]
        with sm_sync_writes():
            counts["archived"] += self._archive(backend, gone)
        changed = []
        settled = list(gone)  # SM's current version is in Odoo (or gone): no error left open
        for sm_id, (record, raw) in latest.items():
            if record["deleted"]:
                continue
            digest = payload_hash(record)
            bound = bindings.get(sm_id)
            if bound and bound.payload_hash == digest:
                counts["unchanged"] += 1
                settled.append(sm_id)
            elif bound and bound.sm_updated_at and _stamp(record) < bound.sm_updated_at:
                # an older version (late queue job, stale retry payload) never overwrites a newer one
                counts["unchanged"] += 1
            else:
                changed.append(ChangedRecord(record, raw, digest, bound.res_id if bound else None))
        self.env["sm.sync.error"]._resolve(backend, entity, settled)
        for batch in self._dependency_batches(changed):
            with sm_sync_writes():
                self._import_batch(backend, run, batch, counts, first_load=first_load)
        return counts

    def _import_batch(self, backend, run, batch, counts, first_load=False):
        entity = self._sm_entity
        Error = self.env["sm.sync.error"]
        Model = self.env[self._sm_model].with_context(**SYNC_CONTEXT)
        records = [item.record for item in batch]
        lookups = self._prepare_lookups(backend, run, records, first_load=first_load)
        unbound = [item.record for item in batch if not item.res_id]
        matches = self._match_existing(backend, unbound) if unbound else {}
        now = fields.Datetime.now()
        to_create, to_update = [], []
        for record, raw, digest, res_id in batch:
            try:
                vals, _issues = self._map(record, lookups)
            except (SmRecordError, ValueError, KeyError) as exc:
                self._log_failure(backend, run, record["id"], str(exc), raw, counts)
                continue
            except Exception as exc:  # a mapper bug fails this record, never the whole run
                _logger.warning("SM %s %s could not be mapped", entity, record["id"], exc_info=True)
                reason = f"{type(exc).__name__}: {exc}"
                self._log_failure(backend, run, record["id"], reason, raw, counts)
                continue
            vals.update(sm_id=record["id"], sm_last_sync=now)
            target = res_id or matches.get(record["id"])
            (to_update if target else to_create).append((target, vals, record, raw, digest))
        imported = self._create(backend, run, Model, to_create, counts)
        imported += self._update(backend, run, Model, to_update, counts)
        if not imported:
            return
        self.env["sm.binding"]._upsert(
            backend,
            entity,
            [
                BindingWrite(rec["id"], odoo.id, digest, _stamp(rec))
                for odoo, rec, digest in imported
            ],
        )
        Error._resolve(backend, entity, [rec["id"] for _odoo, rec, _digest in imported])
        self._after_import(backend, [(odoo, rec) for odoo, rec, _digest in imported], lookups)
        self._after_sync(
            backend, self.env[self._sm_model].browse([odoo.id for odoo, _rec, _d in imported])
        )

    def _create(self, backend, run, Model, items, counts):
        """Batched create; if the batch fails, record by record to isolate the bad ones."""
        if not items:
            return []
        try:
            with self.env.cr.savepoint():
                created = self._create_records(Model, [vals for _t, vals, _r, _raw, _d in items])
            counts["created"] += len(items)
            return [
                (odoo, rec, digest)
                for odoo, (_t, _v, rec, _raw, digest) in zip(created, items, strict=True)
            ]
        except Exception as exc:
            _logger.info("SM batch create of %s records failed (%s): one by one", len(items), exc)
        done = []
        for _target, vals, record, raw, digest in items:
            try:
                with self.env.cr.savepoint():
                    done.append((self._create_records(Model, [vals]), record, digest))
                counts["created"] += 1
            except Exception as exc:
                self._record_db_failure(backend, run, record, raw, exc, counts)
        return done

    def _create_records(self, Model, vals_list):
        """Create the Odoo records of ``vals_list`` (mapped values, in order) and return them in
        the same order; an entity's importer may split the work (orders: headers, then lines)."""
        return Model.create(vals_list)

    def _update(self, backend, run, Model, items, counts):
        """Write changed records (a failing chunk is retried record by record, each in a savepoint)."""
        if not items:
            return []
        targets = [(Model.browse(target), vals) for target, vals, _r, _raw, _d in items]
        self._adjust_update_vals(targets)
        targets = self._only_changed_values(Model, targets)
        try:
            # one savepoint for the chunk; a failure replays it record by record below
            with self.env.cr.savepoint():
                for odoo, vals in targets:
                    odoo.write(vals)
            counts["updated"] += len(items)
            return [
                (odoo, rec, digest)
                for (odoo, _v), (_t, _vals, rec, _raw, digest) in zip(targets, items, strict=True)
            ]
        except Exception as exc:
            _logger.info("SM batch update of %s records failed (%s): one by one", len(items), exc)
        done = []
        for (odoo, vals), (_t, _v, record, raw, digest) in zip(targets, items, strict=True):
            try:
                with self.env.cr.savepoint():
                    odoo.write(vals)
                counts["updated"] += 1
                done.append((odoo, record, digest))
            except Exception as exc:
                self._record_db_failure(backend, run, record, raw, exc, counts)
        return done

    def _only_changed_values(self, Model, targets):
        """Drop plain values equal to what the record holds (read once for the chunk), so a
        changed city doesn't rewrite — and recompute — everything that depends on the name or
        the VAT. Relational commands are kept as they are."""
        records = Model.browse([odoo.id for odoo, _vals in targets])
        plain = {
            name
            for _odoo, vals in targets
            for name in vals
            if name in Model._fields and Model._fields[name].type not in ("one2many", "many2many")
        }
        current = (
            {row["id"]: row for row in records.read(sorted(plain), load=None)} if plain else {}
        )
        slimmed = []
        for odoo, vals in targets:
            now = current.get(odoo.id, {})
            changed = {}
            for name, value in vals.items():
                if name in plain and _same_value(Model._fields[name], now.get(name), value):
                    continue
                changed[name] = value
            slimmed.append((odoo, changed))
        return slimmed

    def _record_db_failure(self, backend, run, record, raw, exc, counts):
        reason = getattr(exc, "args", [str(exc)])[0] if exc.args else str(exc)
        self._log_failure(backend, run, record["id"], str(reason), raw, counts)

    def _log_failure(self, backend, run, reference, reason, raw, counts):
        """Log a record's failure; counted once per run however often it failed in it."""
        if self.env["sm.sync.error"]._record_failure(
            backend, self._sm_entity, reference, reason, raw, run
        ):
            counts["failed"] += 1

    def _archive(self, backend, sm_ids):
        """Archive the Odoo records of SM records that are gone (never unlink)."""
        res_ids = self.env["sm.binding"]._mark_deleted(backend, self._sm_entity, sm_ids)
        records = self.env[self._sm_model].with_context(**SYNC_CONTEXT).browse(res_ids).exists()
        return self._archive_records(records)

    def _archive_records(self, records):
        """Take records gone from SM out of daily use; return how many changed (hook)."""
        records = records.filtered("active")
        records.write({"active": False})
        return len(records)

    # ------------------------------------------------------- locks and commits
    def _lock_key(self, backend):
        return backend.id * 10 + ENTITY[self._sm_entity].lock_index

    def _try_lock(self, backend):
        """One run per backend and entity: a session-level advisory lock, which survives the
        per-chunk commits and is released by PostgreSQL if the process dies."""
        self.env.cr.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", (LOCK_NAMESPACE, self._lock_key(backend))
        )
        return self.env.cr.fetchone()[0]

    def _unlock(self, backend):
        self.env.cr.execute(
            "SELECT pg_advisory_unlock(%s, %s)", (LOCK_NAMESPACE, self._lock_key(backend))
        )

    def _commit(self, run, processed=0, remaining=None):
        """Commit the work so far; return the seconds left in the cron's time budget.

        Under test the enclosing transaction must survive: chunks then live in savepoints;
        the budget rule is the cron's (its ``cron_end_time`` in the context, none outside a
        cron), so a test can run a budget-stopped run.
        """
        self.env.flush_all()
        if getattr(threading.current_thread(), "testing", False):
            end = self.env.context.get("cron_end_time")
            return float("inf") if end is None else max(end - time.monotonic(), 0)
        return self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    def _fail(self, backend, run, reason):
        if not getattr(threading.current_thread(), "testing", False):
            self.env.cr.rollback()  # drop the half-done chunk; committed chunks stay
        self.env.invalidate_all()
        if run:
            run._finish("failed", message=reason)
            backend._on_run_finished(run)
        _logger.warning("SM %s sync of %s failed: %s", self._sm_entity, backend.name, reason)


_REPORT_KEYS = ("created", "updated", "unchanged", "archived", "failed")


def _same_value(field, current, value):
    """Whether writing `value` would leave the stored value as it is."""
    if field.type == "many2one":
        return (current or False) == (value or False)
    if field.type in ("float", "monetary"):
        return abs((current or 0.0) - (value or 0.0)) < 1e-9
    if field.type == "date" and value:
        return fields.Date.to_string(current) == str(value) if current else False
    if field.type == "datetime" and value:
        return fields.Datetime.to_string(current) == str(value) if current else False
    return (current or False) == (value or False)


def _stamp(record):
    """updated_at of a canonical record as a naive UTC datetime."""
    return fields.Datetime.to_datetime(record["updated_at"].replace("T", " ").rstrip("Z"))


def _max_updated_at(raw_records):
    """Latest updated_at of a raw page (pages are ordered, but be robust to bad rows)."""
    latest = None
    for raw in raw_records:
        try:
            stamp = parse_timestamp(raw.get("updated_at"))
        except (ValueError, AttributeError):
            continue
        if latest is None or stamp > latest:
            latest = stamp
    return latest
