# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import api, models

from ..helpers.order_numbers import DEFAULT_FORMAT, DEFAULT_PATTERN, extract_order_numbers

_logger = logging.getLogger(__name__)


class InboxRouter(models.AbstractModel):
    """Step 2, detect orders: SM order numbers in the subject, the body or the chat
    (pattern in Settings), linked when the order exists in Odoo."""

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_order_pattern(self):
        return (
            self._param("order_number_pattern") or DEFAULT_PATTERN,
            self._param("order_number_format") or DEFAULT_FORMAT,
        )

    @api.model
    def _inbox_detect_orders(self, req):
        pattern, fmt = self._inbox_order_pattern()
        text = f"{req.subject or ''}\n{req.text or ''}"
        try:
            found = extract_order_numbers(text, pattern, fmt)
        except ValueError as exc:
            _logger.warning("order number pattern %r is invalid (%s): default used", pattern, exc)
            found = extract_order_numbers(text)
        # numbers the channel already knew (a form field, a chat's custom data) come first
        known = [str(ref).strip() for ref in req.order_refs if str(ref or "").strip()]
        found = list(dict.fromkeys([*known, *found]))
        req.order_numbers = found
        req.foreign_order_ids = []
        if not found:
            req.order_ids = []
            return self.env["sale.order"]
        orders = self.env["sale.order"].search([("sm_id", "in", found)])
        rank = {number: index for index, number in enumerate(found)}
        orders = orders.sorted(lambda o: rank.get(o.sm_id, len(rank)))
        # a number is no identification (anyone can type one): only the identified customer's
        # orders are linked, the others are noted on the ticket for an agent to check
        own = self._inbox_orders_of(orders, req.commercial_partner_id)
        req.order_ids = own.ids
        req.foreign_order_ids = (orders - own).ids
        return own

    @api.model
    def _inbox_orders_of(self, orders, commercial_partner_id):
        """The ``orders`` whose customer (commercial partner) is ``commercial_partner_id``."""
        if not commercial_partner_id:
            return orders.browse()
        return orders.filtered(
            lambda o: o.partner_id.commercial_partner_id.id == commercial_partner_id
        )

    @api.model
    def _inbox_note_foreign_orders(self, ticket, req):
        """Internal note on ``ticket`` for cited orders of another customer (not linked)."""
        orders = self.env["sale.order"].browse(req.foreign_order_ids).exists()
        orders -= ticket.inbox_order_ids | ticket.inbox_order_id
        if not orders:
            return False
        env = self._inbox_text_env(ticket.team_id)
        text = env._(
            "This request mentions order %(orders)s of another customer: check the sender's "
            "identity before linking it to this ticket.",
            orders=", ".join(orders.mapped(lambda o: o.sm_id or o.name)),
        )
        return ticket.message_post(
            body=Markup("<p>%s</p>") % text, subtype_xmlid="mail.mt_note", message_type="comment"
        )
