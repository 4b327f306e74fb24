# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..helpers.reopen import DEFAULT_GRACE_DAYS


class HelpdeskTicketTeam(models.Model):
    """A team's ticket life cycle: reopening grace period, reminder and closing of tickets
    waiting for the customer."""

    _inherit = "helpdesk.ticket.team"  # pylint: disable=consider-merging-classes-inherited

    inbox_reopen_days = fields.Integer(
        string="Reopen within (days)",
        default=DEFAULT_GRACE_DAYS,
        help="A customer's reply to a closed ticket reopens it within this many days of the "
        "closing; later, a new ticket opens, linked to the closed one. A short thanks never "
        "reopens.",
    )
    inbox_waiting_reminder_days = fields.Integer(
        string="Remind after (days)",
        default=3,
        help="A ticket waiting for the customer this many days gets one reminder e-mail. "
        "0: no reminder and no automatic closing.",
    )
    inbox_waiting_close_days = fields.Integer(
        string="Close after the reminder (days)",
        default=4,
        help="Days after the reminder without an answer before the ticket closes by itself. "
        "0: never closed automatically.",
    )
