# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    """Order lines from SM carry SM's line number and per-line availability."""

    _inherit = "sale.order.line"

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

    def _check_line_unlink(self):
        if self.env.context.get("sm_sync"):
            return self.browse()  # SM removed the line: the sync mirrors it
        return super()._check_line_unlink()
