# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    inbox_canned = fields.Boolean(
        string="Canned reply",
        help="Offered to agents in the ticket's Canned reply button (tickets only).",
    )
