# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..entities import ENTITY_SELECTION
from .sm_managed_mixin import sync_writer

COUNTERS = ("created", "updated", "unchanged", "archived", "failed")


class SmSyncRun(models.Model):
    """One sync run: what it did, how long it took, how far it got, why it stopped."""

    _name = "sm.sync.run"
    _description = "SM sync run"
    # what the sync did, as it wrote it: a run marked done by hand would hide a failure
    _inherit = ["sm.locked.mixin"]
    _sm_managed_fields = (
        "backend_id",
        "entity",
        "mode",
        "state",
        "date_start",
        "date_end",
        "duration",
        "user_id",
        *COUNTERS,
        "processed",
        "remaining",
        "watermark_from",
        "watermark_to",
        "source",
        "message",
        "error_ids",
    )
    _order = "id desc"
    _rec_name = "display_name"

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    entity = fields.Selection(ENTITY_SELECTION, required=True)
    mode = fields.Selection(
        [
            ("incremental", "Incremental"),
            ("full", "Full re-read"),
            ("reconcile", "Full reconciliation"),
            ("file", "File export"),
            ("retry", "Retry of failed records"),
        ],
        required=True,
        default="incremental",
    )
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        default="running",
        required=True,
        index=True,
    )
    date_start = fields.Datetime(default=fields.Datetime.now, required=True)
    date_end = fields.Datetime()
    duration = fields.Float(string="Duration (s)", digits=(16, 1))
    user_id = fields.Many2one("res.users", string="Started by", default=lambda self: self.env.user)
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    archived = fields.Integer()
    failed = fields.Integer()
    processed = fields.Integer(help="Records read from SM so far.")
    remaining = fields.Integer(help="Records SM still had to send at the last page (progress).")
    progress = fields.Float(compute="_compute_progress", help="Percentage done while running.")
    watermark_from = fields.Datetime(string="Changes since")
    watermark_to = fields.Datetime(string="Watermark reached")
    source = fields.Char(help="File name for file exports.")
    message = fields.Text()
    error_ids = fields.One2many("sm.sync.error", "run_id", string="Record errors")

    @api.depends("processed", "remaining", "state")
    def _compute_progress(self):
        for run in self:
            total = run.processed + run.remaining
            run.progress = (
                100.0
                if run.state != "running"
                else (100.0 * run.processed / total if total else 0.0)
            )

    @api.depends("backend_id", "entity", "date_start")
    def _compute_display_name(self):
        labels = dict(self._fields["entity"]._description_selection(self.env))
        for run in self:
            run.display_name = self.env._(
                "%(entity)s sync of %(date)s",
                entity=labels.get(run.entity, run.entity),
                date=fields.Datetime.to_string(run.date_start),
            )

    def _sm_owned(self):
        # every run is the sync's record
        return self

    @api.model
    def _sm_creates_owned(self, vals):
        return True

    def _sm_refuse(self, names):
        raise UserError(
            self.env._("Sync runs record what the sync did: only the sync writes them.")
        )

    @api.model
    @sync_writer  # private: the importer opens its runs
    def _start(self, vals):
        """Open a run (the importer's own record)."""
        return self.create(vals)

    @sync_writer  # private: the importer records its progress
    def _set(self, vals):
        """Write the sync's own values on the run."""
        return self.write(vals)

    @sync_writer  # private: the importer records its progress
    def _add_counts(self, counts, processed=0, remaining=None):
        """Add a chunk's counters (dict of COUNTERS) to the run."""
        vals = {name: self[name] + counts.get(name, 0) for name in COUNTERS}
        vals["processed"] = self.processed + processed
        if remaining is not None:
            vals["remaining"] = remaining
        self.write(vals)

    @sync_writer  # private: the importer closes its runs
    def _finish(self, state, message=None, watermark=None, keep_remaining=False):
        """Close the run(s) with a final state; a done run read everything SM had
        (``remaining`` 0) unless ``keep_remaining`` (stopped by the cron's time budget)."""
        if not self:
            return
        if len(self) > 1:
            for run in self:
                run._finish(state, message, watermark, keep_remaining)
            return
        end = fields.Datetime.now()
        vals = {
            "state": state,
            "date_end": end,
            "duration": (end - self.date_start).total_seconds(),
        }
        if state == "done" and not keep_remaining:
            vals["remaining"] = 0
        if message:
            vals["message"] = message
        if watermark:
            vals["watermark_to"] = watermark
        self.write(vals)

    def action_view_errors(self):
        """The record errors of this run."""
        action = self.env["ir.actions.act_window"]._for_xml_id("sm_connector.action_sm_sync_error")
        action["domain"] = [("run_id", "in", self.ids)]
        return action
