# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    inbox_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "inbox_ticket_sale_order_rel",
        "order_id",
        "ticket_id",
        string="Tickets",
        copy=False,
    )
    inbox_main_ticket_ids = fields.One2many(
        "helpdesk.ticket", "inbox_order_id", string="Tickets about this order (main)"
    )
    inbox_ticket_count = fields.Integer(
        string="Ticket count", compute="_compute_inbox_ticket_count"
    )

    def write(self, vals):
        # which tickets talk about an order is said on the ticket (pipeline or agent), not on
        # the order: a salesman linking an order to any ticket id would show it to its agents
        if "inbox_ticket_ids" in vals and not self.env.su:
            raise AccessError(self.env._("Link orders to tickets from the ticket."))
        return super().write(vals)

    def _compute_inbox_ticket_count(self):
        for order in self:
            order.inbox_ticket_count = len(order.inbox_ticket_ids)

    def action_inbox_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("inbox_order_ids", "in", self.ids)]
        action["context"] = {}
        return action
