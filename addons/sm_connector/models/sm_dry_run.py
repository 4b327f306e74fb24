# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..entities import ENTITY_SELECTION
from .sm_order_event import STATES
from .sm_order_event_type import EVENT_TYPES

LINE_KINDS = [
    ("count", "Records"),
    ("failed", "Record that would fail"),
    ("message", "Customer message"),
]


class SmDryRun(models.Model):
    """What the next run would do, computed without writing anything (the report is the only
    record a simulation leaves): creates, updates, archives, failures, customer messages."""

    _name = "sm.dry.run"
    _description = "SM simulated run"
    _order = "id desc"

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    line_ids = fields.One2many("sm.dry.run.line", "dry_run_id", string="Lines", readonly=True)
    message_count = fields.Integer(compute="_compute_totals", string="Messages")
    failed_count = fields.Integer(compute="_compute_totals", string="Failures")
    summary = fields.Text(readonly=True)

    def _compute_totals(self):
        for dry_run in self:
            lines = dry_run.line_ids
            dry_run.message_count = len(lines.filtered(lambda line: line.kind == "message"))
            dry_run.failed_count = len(lines.filtered(lambda line: line.kind == "failed"))


class SmDryRunLine(models.Model):
    """One line of a simulated run: counts per entity, a failing record, or a message."""

    _name = "sm.dry.run.line"
    _description = "SM simulated run: line"
    _order = "dry_run_id, kind, entity, id"

    dry_run_id = fields.Many2one("sm.dry.run", required=True, ondelete="cascade", index=True)
    backend_id = fields.Many2one(related="dry_run_id.backend_id", store=True)
    kind = fields.Selection(LINE_KINDS, required=True)
    entity = fields.Selection(ENTITY_SELECTION)
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    archived = fields.Integer()
    failed = fields.Integer()
    reference = fields.Char(string="SM id")
    reason = fields.Char()
    event_type = fields.Selection(EVENT_TYPES)
    outcome = fields.Selection(STATES, help="What the run would do with the message.")
    partner_name = fields.Char(string="Customer")
    order_name = fields.Char(string="Order")
    subject = fields.Char()
    body = fields.Html(readonly=True)
