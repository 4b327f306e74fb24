# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class InboxMergeWizard(models.TransientModel):
    """Merge tickets of the same request: every message, attachment, activity, follower,
    order and call moves to the ticket kept; the others are closed as its duplicates."""

    _name = "inbox.merge.wizard"
    _description = "Merge tickets"

    ticket_ids = fields.Many2many("helpdesk.ticket", string="Tickets", required=True)
    target_id = fields.Many2one(
        "helpdesk.ticket",
        string="Keep",
        required=True,
        domain="[('id', 'in', ticket_ids)]",
        help="The ticket that receives everything (by default the oldest).",
    )

    @api.constrains("ticket_ids", "target_id")
    def _check_ticket_ids(self):
        """Ids come from the client: every ticket must be the user's to read."""
        for wizard in self:
            (wizard.ticket_ids | wizard.target_id).check_access("read")

    @api.onchange("ticket_ids")
    def _onchange_ticket_ids(self):
        if self.target_id not in self.ticket_ids:
            self.target_id = self.ticket_ids.sorted("create_date")[:1]

    def action_merge(self):
        self.ensure_one()
        if self.target_id not in self.ticket_ids:
            raise UserError(self.env._("The ticket to keep must be one of the merged tickets."))
        sources = self.ticket_ids - self.target_id
        if not sources:
            raise UserError(self.env._("Select at least two tickets to merge."))
        self.ticket_ids.check_access("write")
        if len(self.ticket_ids.company_id) > 1:
            raise UserError(self.env._("Only tickets of one company can be merged."))
        self.target_id._inbox_merge(sources)
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.target_id.id,
            "view_mode": "form",
            "target": "current",
        }
