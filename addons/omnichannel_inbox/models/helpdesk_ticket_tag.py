# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTag(models.Model):
    """Tags that are skills: a ticket carrying one goes only to agents who have it."""

    _inherit = "helpdesk.ticket.tag"

    inbox_skill = fields.Boolean(
        string="Skill",
        help="Automatic assignment gives tickets with this tag only to agents who have it "
        "among their skills (Users > Inbox).",
    )
