# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What users may not type on a ticket (issue 10): the figures the inbox computes, and
orders of other customers (linking an order makes it readable to the ticket's agents)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

MODULE = "omnichannel_inbox"
# internal bookkeeping of the inbox: staff only, never shown to the ticket's customer
STAFF = "base.group_user"
ORDER_LINK_FIELDS = ("inbox_order_id", "inbox_order_ids")


def linked_ids(value):
    """Ids a Many2one value or x2many commands link (``4``/``6`` commands, plain ids)."""
    if not value:
        return set()
    if isinstance(value, int):
        return {value}
    ids = set()
    for command in value:
        if isinstance(command, int):
            ids.add(command)
        elif isinstance(command, (list, tuple)) and command:
            if command[0] == fields.Command.LINK and len(command) > 1:
                ids.add(command[1])
            elif command[0] == fields.Command.SET and len(command) > 2:
                ids.update(command[2] or ())
    return ids


class HelpdeskTicket(models.Model):
    """Pipeline-computed fields refused to users; order links checked on the server."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    # staff-only reading: the routing keys and the SLA clock are not the customer's business
    inbox_sender_key = fields.Char(groups=STAFF)
    inbox_name_key = fields.Char(groups=STAFF)
    inbox_request_count = fields.Integer(groups=STAFF)
    inbox_dedup_count = fields.Integer(groups=STAFF)
    inbox_sla_policy_id = fields.Many2one(groups=STAFF)
    inbox_sla_start_date = fields.Datetime(groups=STAFF)
    inbox_sla_deadline = fields.Datetime(groups=STAFF)
    inbox_sla_at_risk_date = fields.Datetime(groups=STAFF)
    inbox_sla_responded_date = fields.Datetime(groups=STAFF)
    inbox_sla_status = fields.Selection(groups=STAFF)
    inbox_sla_escalated = fields.Boolean(groups=STAFF)
    inbox_first_response_date = fields.Datetime(groups=STAFF)
    inbox_first_response_minutes = fields.Float(groups=STAFF)

    @api.model
    def _inbox_computed_fields(self):
        """Stored fields of this module the ORM computes (no inverse): only the pipeline's
        writes may change them."""
        return {
            name
            for name, field in self._fields.items()
            if field._module == MODULE and field.store and field.compute and not field.inverse
        }

    @api.model
    def _inbox_system_fields(self):
        """Also the stored computed fields of the inbox (first response minutes, open)."""
        return super()._inbox_system_fields() | self._inbox_computed_fields()

    @api.model_create_multi
    def create(self, vals_list):
        """Orders linked at creation must be the customer's or readable by the user."""
        if not self.env.su:
            for vals in vals_list:
                self._inbox_check_order_links(vals, self.browse())
        return super().create(vals_list)

    def write(self, vals):
        """Orders linked by a user must be the ticket customer's; a new customer drops the
        orders of the former one (a ticket's orders are always its customer's)."""
        if not self.env.su and any(f in vals for f in ORDER_LINK_FIELDS):
            for ticket in self:
                self._inbox_check_order_links(vals, ticket)
        res = super().write(vals)
        if "partner_id" in vals:
            self._inbox_drop_foreign_orders()
        return res

    def _inbox_drop_foreign_orders(self):
        """Unlink the orders that are not the customer's (after a change of customer)."""
        # sudo: only unlinks orders that are not the ticket customer's, never reads them out
        for ticket in self.sudo():
            linked = ticket.inbox_order_ids | ticket.inbox_order_id
            foreign = linked.filtered(
                lambda o, t=ticket: (
                    not t.commercial_partner_id
                    or o.partner_id.commercial_partner_id != t.commercial_partner_id
                )
            )
            if not foreign:
                continue
            vals = {"inbox_order_ids": [fields.Command.unlink(o.id) for o in foreign]}
            if ticket.inbox_order_id in foreign:
                vals["inbox_order_id"] = (ticket.inbox_order_ids - foreign)[:1].id or False
            ticket.write(vals)

    @api.model
    def _inbox_check_order_links(self, vals, ticket):
        """Refuse linking ``ticket`` (empty at creation) to an order that does not exist or
        is not its customer's (the link makes the order readable to the ticket's agents and
        canned replies send it to the customer). An order the user cannot read needs the
        customer the ticket already had: switching the customer in the same write (or
        creating a ticket for anyone) would reveal whose orders they are."""
        ids = set()
        for fname in ORDER_LINK_FIELDS:
            ids |= linked_ids(vals.get(fname))
        if not ids:
            return
        Order = self.env["sale.order"]
        # sudo: existence and customer of the ids given, compared below, never returned
        orders = Order.sudo().browse(sorted(ids)).exists()
        if len(orders) != len(ids):
            raise UserError(self.env._("This order does not exist (any more)."))
        Partner = self.env["res.partner"]
        before = ticket.partner_id
        after = Partner.browse(vals["partner_id"] or []) if "partner_id" in vals else before
        # sudo: the customers of the ticket, only compared
        before, after = before.sudo().commercial_partner_id, after.sudo().commercial_partner_id
        # already linked orders stay (the pipeline linked them; unlinking needs no check)
        # sudo: the ticket's current links, only compared
        current = ticket.sudo().inbox_order_ids | ticket.sudo().inbox_order_id
        for order in orders - current:
            customer = order.partner_id.commercial_partner_id
            if after and customer == after:
                if customer == before or order.with_env(self.env).has_access("read"):
                    continue
            raise AccessError(
                self.env._(
                    "You can only link orders of the ticket's customer (set the customer "
                    "first, in a separate change)."
                )
            )
