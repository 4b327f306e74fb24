# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SuiteUsageEvent(models.Model):
    """What staff did in the suite, one row per action (adoption figures read it).

    Append-only: rows are written by the suite's code through :meth:`_suite_log`, never by
    a client. Only aggregates are meant to be shown (managers' adoption figures)."""

    _name = "suite.usage.event"
    _description = "Suite usage event"
    _order = "date desc, id desc"
    _log_access = False

    kind = fields.Char(required=True, index=True, readonly=True)
    user_id = fields.Many2one("res.users", required=True, index=True, readonly=True)
    date = fields.Datetime(required=True, index=True, readonly=True)
    res_model = fields.Char(readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)

    @api.model
    def _suite_log(self, kind, record=None):
        """Record that the current user did ``kind`` (e.g. ``"customer_360"``), optionally on
        ``record`` (a recordset of one, or empty). Returns the new row (sudo)."""
        values = {"kind": kind, "user_id": self.env.uid, "date": fields.Datetime.now()}
        if record:
            values.update(res_model=record._name, res_id=record.id)
        # sudo: staff may not write this log themselves; the row only states their own action
        return self.sudo().create(values)
