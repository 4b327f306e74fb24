# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import consteq

from .sale_order import CLOSED
from .sm_order_event import _long_date

STATUS_PATH = "/sm/order/%d"


class SaleOrder(models.Model):
    """The customer's status page of an SM order: a signed link (portal ``access_token``) that
    works without an account, revoked by an agent, dead N days after the order closed."""

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    sm_closed_date = fields.Datetime(
        string="Closed on",
        compute="_compute_sm_closed_date",
        store=True,
        readonly=True,
        help="When SM delivered or cancelled the order; its customer link dies some days later.",
    )

    sm_status_link = fields.Char(
        string="Customer link",
        compute="_compute_sm_status_link",
        help="The order status page as the customer's messages link it (to copy into a chat or "
        "read out on the phone). Empty until the first message, or after a revocation.",
    )

    @api.depends("access_token", "sm_id")
    def _compute_sm_status_link(self):
        for order in self:
            # never makes a token on read: only the link messages already carry
            order.sm_status_link = (
                f"{order.get_base_url()}{STATUS_PATH % order.id}?access_token={order.access_token}"
                if order.sm_id and order.access_token
                else False
            )

    @api.depends("sm_status")
    def _compute_sm_closed_date(self):
        now = fields.Datetime.now()
        for order in self:
            closed = order.sm_status in CLOSED
            order.sm_closed_date = (order.sm_closed_date or now) if closed else False

    # ------------------------------------------------------------------ link
    def _sm_status_url(self):
        """Absolute URL of this order's status page, token included (made on first use)."""
        self.ensure_one()
        self._portal_ensure_token()
        return self.sm_status_link

    def _sm_link_expiry(self):
        """When the customer link stops working (naive UTC), or False while the order is open."""
        self.ensure_one()
        if not self.sm_closed_date:
            return False
        backend = self.env["sm.binding"]._backends_of("orders", self.ids).get(self.id)
        days = backend.order_link_days if backend else self.env["sm.backend"]._default_link_days()
        return self.sm_closed_date + timedelta(days=days)

    def _sm_link_valid(self, token):
        """Whether ``token`` opens this SM order's status page: the order's own current token
        (constant-time compare), not revoked, not expired."""
        self.ensure_one()
        if not (self.sm_id and token and self.access_token):
            return False
        if not consteq(self.access_token, token):
            return False
        expiry = self._sm_link_expiry()
        return not expiry or fields.Datetime.now() < expiry

    def action_sm_revoke_link(self):
        """Agent's button: the link sent to the customer stops working at once; the next
        message carries a new one."""
        if not self.env.su and not self.env.user.has_group("sm_connector.group_sm_agent"):
            raise AccessError(self.env._("Only Silicon Master agents can revoke an order link."))
        for order in self:
            # sudo: the button is the agent's (checked by the write right just below); the token
            # field is portal bookkeeping an agent has no other way to change
            order.check_access("write")
            order.sudo().access_token = False
            order.message_post(
                body=self.env._("Customer link to the order status page revoked."),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------ page content
    def _sm_status_values(self):
        """What the status page shows, as display strings in the env's language.

        :return: dict(status, promised, delivery_mode, pickup, showroom, lines=[dict(name, qty,
            available, expected, restock)]); dates written out ("8 décembre 2026").
        """
        self.ensure_one()
        env, lang = self.env, self.env.lang
        selection = {
            name: dict(self._fields[name]._description_selection(env))
            for name in ("sm_status", "sm_delivery_mode")
        }
        lines = []
        for line in self.order_line.filtered(lambda line: not line.display_type):
            product = line.product_id
            lines.append(
                {
                    "name": product.display_name or line.name,
                    "qty": f"{line.product_uom_qty:g}",
                    "available": line.sm_available,
                    "expected": _long_date(env, line.sm_expected_date, lang),
                    "restock": ""
                    if line.sm_available
                    else _long_date(env, product.sm_next_restock_date, lang),
                }
            )
        showroom = self.sm_showroom_id
        return {
            "status": selection["sm_status"].get(self.sm_status, ""),
            "closed": self.sm_status in CLOSED,
            "promised": _long_date(env, self.sm_promised_date, lang),
            "delivery_mode": selection["sm_delivery_mode"].get(self.sm_delivery_mode, ""),
            "pickup": self.sm_delivery_mode == "pickup",
            "showroom": showroom if showroom and not showroom.is_web else showroom.browse(),
            "lines": lines,
        }
