# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..adapters.errors import SmTransportError
from ..entities import ENTITY_SELECTION
from .sm_managed_mixin import sync_writer

MAX_AUTO_ATTEMPTS = 5


class SmSyncError(models.Model):
    """A record SM sent that could not be imported: reason, raw payload, retries.

    One open error per SM record: a record failing again updates its error instead of
    piling up duplicates. Open errors are retried at the start of each run (up to
    MAX_AUTO_ATTEMPTS) and on demand ("Retry"), with SM's current version of the record;
    a later good version of the record resolves its error by itself.
    """

    _name = "sm.sync.error"
    _inherit = ["sm.locked.mixin"]
    _description = "SM record error"
    # what a retry imports: written by the sync only (a forged payload would be imported as SM's)
    _sm_managed_fields = ("backend_id", "entity", "reference", "payload")
    _order = "last_attempt desc, id desc"
    _rec_name = "reference"

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    run_id = fields.Many2one("sm.sync.run", string="Last run", ondelete="set null", index=True)
    entity = fields.Selection(ENTITY_SELECTION, required=True)
    reference = fields.Char(required=True, help="SM id, or file:line for an unreadable export row.")
    reason = fields.Text(required=True)
    payload = fields.Text(help="The record exactly as SM sent it (JSON).")
    state = fields.Selection(
        [("open", "To retry"), ("resolved", "Resolved"), ("ignored", "Ignored")],
        default="open",
        required=True,
        index=True,
    )
    attempts = fields.Integer(default=1)
    first_seen = fields.Datetime(default=fields.Datetime.now, readonly=True)
    last_attempt = fields.Datetime(default=fields.Datetime.now)

    _open_index = models.Index("(backend_id, entity, reference) WHERE state = 'open'")

    def _sm_owned(self):
        return self

    @api.model
    def _sm_creates_owned(self, vals):
        return True

    @api.model
    @sync_writer  # private, so never called over RPC: the sync logs what SM sent
    def _record_failure(self, backend, entity, reference, reason, payload, run=None):
        """Log (or refresh) the open error of one SM record.

        Return True when this is the record's first failure in `run`: a record failing twice
        in one run (e.g. retried, then sent again by a page) counts once and gets one attempt.
        """
        text = (
            payload
            if isinstance(payload, str)
            else json.dumps(payload, ensure_ascii=False, default=str)
        )
        existing = self.search(
            [
                ("backend_id", "=", backend.id),
                ("entity", "=", entity),
                ("reference", "=", reference),
                ("state", "=", "open"),
            ],
            limit=1,
        )
        vals = {
            "reason": reason,
            "payload": text,
            "run_id": run.id if run else False,
            "last_attempt": fields.Datetime.now(),
        }
        if not existing:
            self.create(dict(vals, backend_id=backend.id, entity=entity, reference=reference))
            return True
        first_in_run = not run or existing.run_id != run
        if first_in_run:
            vals["attempts"] = existing.attempts + 1
        existing.write(vals)
        return first_in_run

    @api.model
    def _resolve(self, backend, entity, references):
        """Close the open errors of records that have now been imported (one query)."""
        if not references:
            return
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "UPDATE sm_sync_error SET state = 'resolved', write_date = now() at time zone 'UTC'"
                " WHERE backend_id = %s AND entity = %s AND state = 'open' AND reference = ANY(%s)",
                backend.id,
                entity,
                list(references),
            )
        )
        self.invalidate_model(["state"])

    def _payload_record(self):
        self.ensure_one()
        try:
            return json.loads(self.payload or "")
        except ValueError:
            return None

    def action_retry(self):
        """Import these records again from SM's current version of them (REST), or from the
        record the export file had (file transport: a fixed record comes with a later export
        and resolves its error by itself)."""
        for (backend, entity), errors in (
            self.filtered(lambda e: e.state == "open")
            .grouped(lambda e: (e.backend_id, e.entity))
            .items()
        ):
            importer = backend._importer(entity)
            if backend.transport == "file" and not any(
                isinstance(err._payload_record(), dict) and err._payload_record().get("id")
                for err in errors
            ):
                raise UserError(
                    self.env._(
                        "These export rows could not be read: they are imported again when SM"
                        " exports the records once more."
                    )
                )
            run = self.env["sm.sync.run"]._start(
                {"backend_id": backend.id, "entity": entity, "mode": "retry"}
            )
            try:
                importer._retry_errors(backend, run, errors)
            except SmTransportError as exc:
                raise UserError(
                    self.env._("Silicon Master could not be reached: %(reason)s", reason=exc)
                ) from None
            run._finish("done")
        return True

    def action_ignore(self):
        """Stop retrying (e.g. a record fixed in SM will come back with the next sync)."""
        self.write({"state": "ignored"})
