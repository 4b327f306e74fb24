# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

OUTCOMES = [
    ("new", "New ticket"),
    ("threaded", "Reply to a ticket"),
    ("deduplicated", "Joined the customer's open ticket"),
    ("merged", "Merged by an agent"),
]


class InboxRequestLog(models.Model):
    """One line per incoming request and what the routing did with it (the dashboard counts
    duplicates avoided and requests per channel from these lines)."""

    _name = "inbox.request"
    _description = "Incoming request"
    _order = "date desc, id desc"
    _rec_name = "ticket_id"

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", ondelete="set null", index=True)
    ticket_id = fields.Many2one("helpdesk.ticket", ondelete="cascade", index=True)
    team_id = fields.Many2one(related="ticket_id.team_id", string="Team")
    partner_id = fields.Many2one("res.partner", string="Customer", ondelete="set null")
    outcome = fields.Selection(OUTCOMES, required=True, index=True)
    identified_by = fields.Selection(
        [
            ("author", "E-mail author"),
            ("visitor", "Web-shop login (chat)"),
            ("email", "E-mail address"),
            ("phone", "Phone number"),
        ],
        string="Identified by",
    )
    sender = fields.Char()
    order_refs = fields.Char(string="Orders mentioned")
    routed_by = fields.Selection(
        [
            ("order", "Order's showroom"),
            ("address", "Address written to"),
            ("channel", "Channel's team"),
            ("customer", "Customer's showroom"),
            ("default", "Default team"),
        ],
        string="Team chosen by",
    )
    duration_ms = fields.Float(string="Routing time (ms)", aggregator="avg")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
