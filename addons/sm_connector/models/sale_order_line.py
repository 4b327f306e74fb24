# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models



class SaleOrderLine(models.Model):
    """Order lines from SM carry SM's line number and per-line availability."""

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "sm.locked.mixin"]
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
        result = super()._compute_invoice_status()
        # SM invoices its orders: nothing to invoice in Odoo
        for line in self.filtered(lambda line: line.order_id.sm_id):
            line.invoice_status = "no"
        return result

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
