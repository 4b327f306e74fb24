# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's order status page, reached through the signed link of customer messages."""

from odoo import http
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError
from odoo.http import request

from ..models.sale_order_status_link import STATUS_PATH

# the token is in the URL: never cached, never sent on as a referrer, never indexed
PRIVATE_HEADERS = [
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Robots-Tag", "noindex, nofollow"),
]


class SmOrderStatus(http.Controller):
    @http.route(
        STATUS_PATH.replace("%d", "<int:order_id>"),
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        methods=["GET"],
    )
    def sm_order_status(self, order_id, access_token=None, **kwargs):
        """Status of one SM order for whoever holds its link. 404 for a wrong, revoked or
        expired token (no hint which), 429 past the rate limit (per IP and per order)."""
        # sudo: the page checks its own token (constant time) before showing anything, and the
        # counter is bookkeeping nobody reads over RPC
        if (
            request.env["sm.order.link.hit"]
            .sudo()
            ._sm_throttled(request.httprequest.remote_addr or "", order_id)
        ):
            return self._answer("sm_connector.sm_order_link_throttled", {}, 429)
        # sudo: a public page; the order is shown only if its access token checks out (next line)
        order = request.env["sale.order"].sudo().browse(order_id).exists()
        if not order or not order._sm_link_valid(access_token):
            return self._answer("sm_connector.sm_order_link_invalid", {}, 404)
        # the customer's language, whatever the browser's
        lang = order.partner_id.lang or request.env.lang
        request.update_context(lang=lang)
        order = order.with_context(lang=lang)
        values = {"order": order, "sm": order._sm_status_values(), "main_object": order}
        return self._answer("sm_connector.sm_order_status_page", values, 200)

    def _answer(self, template, values, status):
        response = request.render(template, values, status=status)
        response.headers.extend(PRIVATE_HEADERS)
        return response


class SmCustomerPortal(CustomerPortal):
    def _document_check_access(self, model_name, document_id, access_token=None):
        """The sale portal's token access to an SM order dies with the status link (revoked,
        expired); access from the customer's own account is unchanged."""
        document_sudo = super()._document_check_access(model_name, document_id, access_token)
        if model_name == "sale.order" and document_sudo.sm_id:
            own = request.env[model_name].browse(document_id).has_access("read")
            if not own and not document_sudo._sm_link_valid(access_token):
                raise AccessError(request.env._("This link is no longer valid."))
        return document_sudo
