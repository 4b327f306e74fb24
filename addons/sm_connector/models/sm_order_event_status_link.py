# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SmOrderEvent(models.Model):
    """Every customer message about an order carries the link to its status page."""

    _inherit = "sm.order.event"  # pylint: disable=consider-merging-classes-inherited

    status_url = fields.Char(
        string="Order status link",
        compute="_compute_status_url",
        help="The customer's link to the order status page (for message templates).",
    )

    def _compute_status_url(self):
        for event in self:
            order = event.order_id
            # sudo: the token is made once per order, whoever renders the first message
            event.status_url = order.sudo()._sm_status_url() if order.sm_id else False

    def _render(self, config):
        """(subject, body) with the status link appended, unless the template placed it."""
        subject, body = super()._render(config)
        return subject, self._with_status_link(body)

    def _with_status_link(self, body):
        order = self.order_id
        if not order.sm_id:
            return body
        url = self.status_url
        if url in body:
            return body
        lang = order.partner_id.lang or self.env.lang
        link = (
            self.env["ir.qweb"]
            .with_context(lang=lang)
            ._render("sm_connector.sm_order_status_link", {"url": url, "order": order})
        )
        return body + link
