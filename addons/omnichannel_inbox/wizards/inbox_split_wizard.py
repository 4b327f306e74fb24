# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.helpdesk_ticket_split import SPLITTABLE_TYPES


class InboxSplitWizard(models.TransientModel):
    """Split a ticket from one of its messages: that message and the later ones move into a
    new ticket linked to this one."""

    _name = "inbox.split.wizard"
    _description = "Split a ticket from a message"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, readonly=True)
    message_id = fields.Many2one(
        "mail.message",
        string="From the message",
        required=True,
        domain="[('model', '=', 'helpdesk.ticket'), ('res_id', '=', ticket_id), "
        "('message_type', 'in', %s)]" % (list(SPLITTABLE_TYPES),),
        help="This message and every later one move to the new ticket.",
    )
    moved_count = fields.Integer(string="Messages moved", compute="_compute_moved_count")

    @api.depends("ticket_id", "message_id")
    def _compute_moved_count(self):
        for wizard in self:
            wizard.moved_count = (
                len(wizard.ticket_id._inbox_split_messages(wizard.message_id))
                if wizard.ticket_id and wizard.message_id
                else 0
            )

    @api.constrains("ticket_id")
    def _check_ticket_id(self):
        """The id comes from the client: the ticket must be the user's to write."""
        for wizard in self:
            wizard.ticket_id.check_access("write")

    def action_split(self):
        self.ensure_one()
        if self.message_id.model != "helpdesk.ticket" or self.message_id.res_id != self.ticket_id.id:
            raise UserError(self.env._("Pick a message of this ticket to split from."))
        new = self.ticket_id._inbox_split_from(self.message_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }
