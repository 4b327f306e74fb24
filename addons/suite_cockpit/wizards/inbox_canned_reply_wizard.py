# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class InboxCannedReplyWizard(models.TransientModel):
    _inherit = "inbox.canned.reply.wizard"

    def action_send(self):
        """Log a canned reply sent from a ticket (adoption); a reply written from scratch
        in the wizard is a ticket answer only."""
        result = super().action_send()
        if self.template_id:
            self.env["suite.usage.event"]._suite_log("canned_reply", self.ticket_id)
        return result
