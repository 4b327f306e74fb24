# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dry run: the next run computed by the real import code inside a savepoint that is rolled
back, so nothing it wrote stays (no binding, watermark, event, activity, mail, cron trigger)."""

from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..adapters.errors import SmTransportError
from ..entities import ENTITIES
from ..parsers.record_validator import SmRecordError


class SmImporterDryRun(models.AbstractModel):
    _inherit = "sm.importer"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _dry_run_records(self, backend):
        """Yield (raw records, [(reference, raw, reason)]) of what the next run would read:
        REST pages where the run would read (`_rest_pages()`), or the export files waiting."""
        entity = self._sm_entity
        if backend.transport == "file":
            adapter = backend._file_adapter()
            for file_name in adapter.pending_files(entity):
                try:
                    content = adapter.read_export(file_name)
                except SmRecordError as exc:
                    yield [], [(file_name, {"file": file_name}, str(exc))]
                    continue
                yield self._order_file_records(content.records), content.errors
            return
        _watermark, _since, pages = self._rest_pages(backend, backend._rest_adapter())
        for page in pages:
            yield page.records, []

    @api.model
    def _dry_run_import(self, backend, run, counts, failures):
        """Import what the next run reads, as the run would, in ``run`` (a run record the
        caller opened; the caller rolls everything back). Counters go to ``counts``, the
        records SM could not send to ``failures`` as (entity, reference, reason)."""
        for records, errors in self._dry_run_records(backend):
            for reference, _raw, reason in errors:
                failures.append((self._sm_entity, reference, reason))
                counts["failed"] += 1
            if records:
                counts.update(self._import_chunk(backend, run, records))
        # the run then retries the records that failed before (may bring messages too), but
        # not those a page brought in this run
        self._retry_open_errors(backend, run, None, counts=counts)


class SmBackendDryRun(models.Model):
    _inherit = "sm.backend"  # pylint: disable=consider-merging-classes-inherited

    dry_run_ids = fields.One2many("sm.dry.run", "backend_id", string="Simulations")

    def _simulate(self):
        """Compute the next run of every switched-on entity (dependencies first) and return an
        sm.dry.run report; the database is left exactly as it was (savepoint rolled back)."""
        self.ensure_one()
        importers = [
            self._importer(entity.name).with_company(self.company_id)
            for entity in ENTITIES
            if self[entity.switch_field]
        ]
        locked = []
        try:
            for importer in importers:
                if not importer._try_lock(self):
                    raise UserError(
                        self.env._("A sync of this backend is running: simulate once it ends.")
                    )
                locked.append(importer)
            result = self._simulate_locked(importers)
        finally:
            for importer in locked:
                importer._unlock(self)
        return self._dry_run_report(*result)

    def _simulate_locked(self, importers):
        cr = self.env.cr
        Event = self.env["sm.order.event"].sudo()  # sudo: read back what the simulation did
        Error = self.env["sm.sync.error"].sudo()  # sudo: read back what the simulation did
        started = fields.Datetime.now()
        last_event = Event.search([], order="id desc", limit=1).id or 0
        cancelled = set(Event.search([("state", "=", "cancelled")]).ids)
        counts, failures, messages = {}, [], []
        hooks = _snapshot_hooks(cr)
        savepoint = cr.savepoint()
        try:
            for importer in importers:
                # a run record as the real run opens one (rolled back with the rest): a record
                # a page brought is then not retried again, and fails once, as in that run
                run = self.env["sm.sync.run"]._start(
                    {"backend_id": self.id, "entity": importer._sm_entity, "mode": "incremental"}
                )
                entity_counts = counts.setdefault(importer._sm_entity, Counter())
                importer._dry_run_import(self, run, entity_counts, failures)
            self.env.flush_all()
            touched = Event.search(
                ["|", ("id", ">", last_event), ("id", "in", list(cancelled))]
            ).filtered(lambda e: e.id > last_event or e.state != "cancelled")
            messages = self._dry_run_messages(touched)
            for error in Error.search(
                [("backend_id", "=", self.id), ("last_attempt", ">=", started)]
            ):
                failures.append((error.entity, error.reference, error.reason))
        finally:
            savepoint.close(rollback=True)  # nothing the simulation wrote stays
            self.env.invalidate_all()
            _restore_hooks(cr, hooks)
        return counts, failures, messages

    def _dry_run_messages(self, events):
        """Message lines of the events a simulated run recorded (subject rendered as sent)."""
        configs = events._event_type_config()
        lines = []
        for event in events:
            config = configs.get(event.event_type)
            subject = body = False
            if config and config.mail_template_id and event.state not in ("off", "skipped"):
                subject, body = event._render(config)
            lines.append(
                {
                    "kind": "message",
                    "entity": "orders",
                    "reference": event.order_id.sm_id,
                    "order_name": event.order_id.name,
                    "partner_name": event.partner_id.display_name,
                    "event_type": event.event_type,
                    "outcome": event.state,
                    "reason": event.state_reason_text,
                    "subject": subject,
                    "body": body,
                }
            )
        return lines

    def _dry_run_report(self, counts, failures, messages):
        lines = [
            {
                "kind": "count",
                "entity": entity,
                **{key: entity_counts.get(key, 0) for key in _COUNTERS},
            }
            for entity, entity_counts in counts.items()
        ]
        lines += [
            {"kind": "failed", "entity": entity, "reference": reference, "reason": reason}
            for entity, reference, reason in failures
        ]
        lines += messages
        return self.env["sm.dry.run"].create(
            {"backend_id": self.id, "line_ids": [(0, 0, vals) for vals in lines]}
        )

    def action_simulate_next_run(self):
        """Simulate next run: show what it would create, update, archive and send."""
        self.ensure_one()
        self.check_access("write")
        try:
            report = self._simulate()
        except (SmTransportError, SmRecordError) as exc:
            raise UserError(self.env._("The simulation could not read SM: %s", exc)) from None
        return {
            "type": "ir.actions.act_window",
            "res_model": "sm.dry.run",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }


_COUNTERS = ("created", "updated", "unchanged", "archived", "failed")


def _snapshot_hooks(cr):
    """The commit hooks (bus notifications, cron wake-ups…) registered so far."""
    return {
        name: (list(hooks._funcs), {key: _copy(value) for key, value in hooks.data.items()})
        for name, hooks in (("precommit", cr.precommit), ("postcommit", cr.postcommit))
    }


def _restore_hooks(cr, snapshot):
    """Drop the hooks the rolled-back simulation registered: nothing of it leaves at commit."""
    for name, (funcs, data) in snapshot.items():
        hooks = getattr(cr, name)
        hooks._funcs.clear()
        hooks._funcs.extend(funcs)
        hooks.data.clear()
        hooks.data.update(data)


def _copy(value):
    if isinstance(value, (list, set, dict)):
        return type(value)(value)
    return value
