# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The inbox identifies senders by exact address: one index scan whatever the number of
    # contacts (mail's own email_normalized column has no index).
    _inbox_email_normalized_idx = models.Index(
        "(email_normalized) WHERE email_normalized IS NOT NULL"
    )

    inbox_open_ticket_count = fields.Integer(
        string="Open tickets", compute="_compute_inbox_open_ticket_count"
    )

    def _compute_inbox_open_ticket_count(self):
        if not self.ids:
            self.inbox_open_ticket_count = 0
            return
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                    ("inbox_open", "=", True),
                ],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.inbox_open_ticket_count = counts.get(partner.commercial_partner_id, 0)
