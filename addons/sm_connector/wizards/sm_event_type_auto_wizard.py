# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SmEventTypeAutoWizard(models.TransientModel):
    """Switching a kind of message to Send automatically: first see what the last simulated
    run would have sent to customers, then confirm."""

    _name = "sm.event.type.auto.wizard"
    _description = "Confirm automatic customer messages"

    event_type_id = fields.Many2one("sm.order.event.type", required=True, ondelete="cascade")
    line_ids = fields.Many2many("sm.dry.run.line", string="Messages of the last simulation")
    simulated = fields.Datetime(related="line_ids.dry_run_id.date", string="Simulated on")

    def action_confirm(self):
        """Switch the kind of message to automatic."""
        self.ensure_one()
        self.event_type_id.mode = "auto"
        return {"type": "ir.actions.act_window_close"}
