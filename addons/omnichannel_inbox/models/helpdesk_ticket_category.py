# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    """Ticket types: a category can require a skill and be the *After-sales* type."""

    _inherit = "helpdesk.ticket.category"

    inbox_skill_tag_id = fields.Many2one(
        "helpdesk.ticket.tag",
        string="Skill needed",
        domain=[("inbox_skill", "=", True)],
        ondelete="set null",
        help="Tickets of this category go only to agents with this skill.",
    )
    inbox_after_sales = fields.Boolean(
        string="After-sales",
        help="Tickets of this category are after-sales files: order line, kind of problem, "
        "photos and a summary for SM's after-sales file.",
    )
