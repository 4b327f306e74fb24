# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import api, fields, models

from ..mappers.order_mapper import line_amounts, line_incl


class SaleOrderLine(models.Model):
    """Order lines from SM carry SM's line number and per-line availability."""

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "sm.locked.mixin", "sm.company.check.batch"]
    # a line of an SM order is SM's: what is sold, how many, at what price, and the line itself
    _sm_managed_fields = (
        "order_id",
        "sequence",
        "display_type",
        "name",
        "product_id",
        "product_template_id",
        "product_uom_qty",
        "product_uom_id",
        "price_unit",
        "discount",
        "tax_ids",
        "customer_lead",
        "analytic_distribution",
        "pricelist_item_id",
        # SM delivers its orders: Odoo never delivers an SM line
        "qty_delivered",
        "sm_line_no",
        "sm_available",
        "sm_expected_date",
    )

    sm_line_no = fields.Integer(string="SM line", readonly=True)
    sm_available = fields.Boolean(string="Available", readonly=True, default=True)
    sm_expected_date = fields.Date(
        string="Expected", readonly=True, help="When SM expects this line to be available."
    )

    @api.depends("order_id.sm_id")
    def _compute_invoice_status(self):
        # SM invoices its orders: nothing to invoice in Odoo
        sm_lines = self._sm_owned()
        sm_lines.invoice_status = "no"
        return super(SaleOrderLine, self - sm_lines)._compute_invoice_status()

    @api.depends("order_id.sm_id")
    def _compute_qty_to_invoice(self):
        # SM invoices its orders: no quantity is left to invoice from Odoo
        sm_lines = self._sm_owned()
        sm_lines.qty_to_invoice = 0.0
        return super(SaleOrderLine, self - sm_lines)._compute_qty_to_invoice()

    def _sm_line_incl(self):
        """What SM charges for this line (the contract's line_incl), from the stored values."""
        # floats of the stored line back to the decimals SM sent (repr: shortest round trip)
        return line_incl(
            Decimal(repr(self.product_uom_qty)),
            Decimal(repr(self.price_unit)),
            Decimal(repr(self.discount)),
        )

    def _prepare_base_line_for_taxes_computation(self, **kwargs):
        """SM is master of its order totals: Odoo's tax engine gets each SM line as the amount
        SM charges for it (SM rounds every line to the cent before VAT is extracted per rate),
        so Odoo's totals and tax summary equal SM's."""
        if self.order_id.sm_id and not self.display_type:
            amount = float(self._sm_line_incl())
            kwargs = {**kwargs, "price_unit": amount, "quantity": 1.0, "discount": 0.0}
        return super()._prepare_base_line_for_taxes_computation(**kwargs)

    def _sm_vat_rate(self):
        """The VAT rate (percent, Decimal) of an SM line whose one tax is a VAT-included percent
        tax, as the sync sets it; None for any other line (Odoo's tax engine computes those)."""
        taxes = self.tax_ids
        if len(taxes) == 1 and taxes.amount_type == "percent" and taxes.price_include:
            return Decimal(repr(taxes.amount))
        return None

    def _sm_fast_lines(self):
        return self.filtered(
            lambda line: (
                line.order_id.sm_id and not line.display_type and line._sm_vat_rate() is not None
            )
        )

    def _compute_amount(self):
        # SM is master of its amounts: SM's formula on the stored line instead of Odoo's tax
        # engine, which cost most of an order import (issue 17); any other line goes through it
        fast = self._sm_fast_lines()
        result = super(SaleOrderLine, self - fast)._compute_amount()
        for line in fast:
            excl, vat, incl = line_amounts(line._sm_line_incl(), line._sm_vat_rate())
            line.price_subtotal, line.price_tax, line.price_total = (
                float(excl),
                float(vat),
                float(incl),
            )
        # a line alone rounds base and VAT apart (0.14 at 12 %: 0.13 + 0.02); SM's line is 0.14
        for line in (self - fast).filtered(
            lambda line: line.order_id.sm_id and not line.display_type
        ):
            line.price_total = float(line._sm_line_incl())
            line.price_tax = line.price_total - line.price_subtotal
        return result

    def _sm_lines_never_invoiced(self):
        """SM lines no invoice in Odoo points to (all of them: SM invoices its orders)."""
        return self._sm_owned().filtered(lambda line: not line.invoice_lines)

    @api.depends("order_id.sm_id")
    def _compute_qty_invoiced(self):
        # nothing invoiced in Odoo: 0 without Odoo's per-line walk of invoice lines
        never = self._sm_lines_never_invoiced()
        never.qty_invoiced = 0.0
        return super(SaleOrderLine, self - never)._compute_qty_invoiced()

    @api.depends("order_id.sm_id")
    def _compute_untaxed_amount_invoiced(self):
        never = self._sm_lines_never_invoiced()
        never.untaxed_amount_invoiced = 0.0
        return super(SaleOrderLine, self - never)._compute_untaxed_amount_invoiced()

    def _compute_untaxed_amount_to_invoice(self):
        # SM invoices its orders (invoice status "no"): nothing left to invoice from Odoo, and no
        # tax engine run per line at import
        sm_lines = self._sm_owned()
        sm_lines.untaxed_amount_to_invoice = 0.0
        return super(SaleOrderLine, self - sm_lines)._compute_untaxed_amount_to_invoice()

    def _sm_owned(self):
        return self.filtered(lambda line: line.order_id.sm_id)

    @api.model
    def _sm_creates_owned(self, vals):
        order = self.env["sale.order"].browse(vals.get("order_id"))
        return bool(order.exists() and order.sm_id)

    def _check_line_unlink(self):
        if self._sm_trusted_writer():
            return self.browse()  # SM removed the line: the sync mirrors it
        return super()._check_line_unlink()
