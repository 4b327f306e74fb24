# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import api, fields, models
from odoo.tools import float_compare

from ..mappers.order_mapper import order_amounts

SM_STATUSES = [
    ("quotation", "Quotation"),
    ("confirmed", "Confirmed"),
    ("awaiting_stock", "Awaiting stock"),
    ("ready_for_pickup", "Ready for pickup"),
    ("out_for_delivery", "Out for delivery"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
]
CLOSED = ("delivered", "cancelled")


class SaleOrder(models.Model):
    """Customer orders whose master is Silicon Master: visible in Sales and CRM, never
    invoiced or delivered from Odoo."""

    _name = "sale.order"
    _inherit = ["sale.order", "sm.managed.mixin", "sm.company.check.batch"]
    _sm_managed_fields = (
        "name",
        "partner_id",
        # each of these recomputes SM's taxes, prices or amounts when changed (pricelist and
        # currency follow the company and the addresses; an SM order has no fiscal position:
        # its lines carry the VAT SM charged, `_compute_fiscal_position_id`)
        "company_id",
        "partner_invoice_id",
        "partner_shipping_id",
        "fiscal_position_id",
        "pricelist_id",
        "currency_id",
        "date_order",
        "state",
        "order_line",
        "sm_status",
        "sm_channel",
        "sm_showroom_id",
        "sm_delivery_mode",
        "sm_promised_date",
        "sm_payment_status",
        "sm_total_incl_vat",
        "sm_total_excl_vat",
        "sm_removed",
    )

    sm_status = fields.Selection(SM_STATUSES, string="SM status", readonly=True, index=True)
    sm_channel = fields.Selection(
        [("web", "Web shop"), ("showroom", "Showroom")], string="Channel", readonly=True
    )
    sm_showroom_id = fields.Many2one(
        "sm.showroom", string="Showroom", readonly=True, index="btree_not_null"
    )
    sm_delivery_mode = fields.Selection(
        [("pickup", "Pickup at the showroom"), ("delivery", "Home delivery")],
        string="Delivery mode",
        readonly=True,
    )
    sm_promised_date = fields.Date(string="Promised date", readonly=True, index="btree_not_null")
    sm_payment_status = fields.Selection(
        [("unpaid", "Unpaid"), ("partial", "Partly paid"), ("paid", "Paid")],
        string="Payment",
        readonly=True,
    )
    sm_removed = fields.Boolean(string="Removed in SM", readonly=True)
    sm_total_incl_vat = fields.Float(string="SM total incl. VAT", readonly=True)
    sm_total_excl_vat = fields.Float(string="SM total excl. VAT", readonly=True)
    sm_totals_match = fields.Boolean(
        string="Totals match SM",
        compute="_compute_sm_totals_match",
        help="Odoo's amounts equal SM's totals.",
    )
    sm_event_ids = fields.One2many(
        "sm.order.event", "order_id", string="Order events", groups="sm_connector.group_sm_agent"
    )
    sm_unavailable_line_count = fields.Integer(
        compute="_compute_sm_unavailable_line_count", string="Lines not available"
    )
    sm_is_late = fields.Boolean(
        string="Late",
        compute="_compute_sm_is_late",
        search="_search_sm_is_late",
        help="Promised date passed and the order is neither delivered nor cancelled.",
    )

    @api.depends("sm_id")
    def _compute_fiscal_position_id(self):
        # SM applied its VAT regime: each line carries the tax SM charged. A fiscal position
        # would be Odoo's guess from the address, able to contradict those lines (and its
        # search per customer was a tenth of an order import)
        sm_orders = self.filtered("sm_id")
        sm_orders.fiscal_position_id = False
        return super(SaleOrder, self - sm_orders)._compute_fiscal_position_id()

    @api.depends("sm_id")
    def _compute_invoice_status(self):
        # SM invoices its orders (their lines say "no", sale_order_line.py): the same answer
        # without Odoo's per-order grouping query of the lines
        sm_orders = self.filtered("sm_id")
        sm_orders.invoice_status = "no"
        return super(SaleOrder, self - sm_orders)._compute_invoice_status()

    def _compute_amounts(self):
        # SM's formula for SM orders (their totals are SM's); Odoo's tax engine for the rest
        amounts = {order.id: order._sm_amounts() for order in self}
        for order in self:
            if amounts[order.id] is not None:
                excl, vat, incl = amounts[order.id]
                order.amount_untaxed = float(excl)
                order.amount_tax = float(vat)
                order.amount_total = float(incl)
        others = self.filtered(lambda order: amounts[order.id] is None)
        return super(SaleOrder, others)._compute_amounts()

    def _sm_amounts(self):
        """SM's ``(excl, vat, incl)`` (Decimals) for an SM order whose lines each carry one
        VAT-included percent tax; None for any other order (Odoo's tax engine computes it)."""
        if not self.sm_id or self.payment_term_id.early_discount:
            return None
        pairs = []
        for line in self.order_line:
            if line.display_type:
                continue
            rate = line._sm_vat_rate()
            if rate is None:
                return None
            # an SM line's total is SM's line amount (sale_order_line.py), to the cent
            pairs.append((Decimal(repr(line.price_total)), rate))
        return order_amounts(pairs)

    @api.depends("amount_total", "amount_untaxed", "sm_total_incl_vat", "sm_total_excl_vat")
    def _compute_sm_totals_match(self):
        for order in self:
            order.sm_totals_match = not order.sm_id or (
                float_compare(order.amount_total, order.sm_total_incl_vat, precision_digits=2) == 0
                and float_compare(order.amount_untaxed, order.sm_total_excl_vat, precision_digits=2)
                == 0
            )

    @api.depends("order_line.sm_available", "order_line.display_type")
    def _compute_sm_unavailable_line_count(self):
        for order in self:
            order.sm_unavailable_line_count = len(
                order.order_line.filtered(
                    lambda line: not line.display_type and not line.sm_available
                )
            )

    @api.depends("sm_promised_date", "sm_status")
    def _compute_sm_is_late(self):
        today = fields.Date.context_today(self)
        for order in self:
            order.sm_is_late = bool(
                order.sm_promised_date
                and order.sm_promised_date < today
                and order.sm_status not in CLOSED
            )

    def _search_sm_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        late = [
            ("sm_promised_date", "<", fields.Date.context_today(self)),
            ("sm_status", "not in", CLOSED),
        ]
        return late if (operator == "=") == value else ["!", "&", *late]

    def _get_invoiceable_lines(self, final=False):
        # SM invoices its orders: Odoo never does
        return super(
            SaleOrder, self.filtered(lambda order: not order.sm_id)
        )._get_invoiceable_lines(final)
