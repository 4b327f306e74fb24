# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

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
        if not found:
            req.order_ids = []
            return self.env["sale.order"]
        orders = self.env["sale.order"].search([("sm_id", "in", found)])
        rank = {number: index for index, number in enumerate(found)}
        orders = orders.sorted(lambda o: rank.get(o.sm_id, len(rank)))
        req.order_ids = orders.ids
        return orders
