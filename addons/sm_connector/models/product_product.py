# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ProductProduct(models.Model):
    """The variant of an SM article holds some of its SM values (code, EAN, weight, price)."""

    _name = "product.product"
    _inherit = ["product.product", "sm.locked.mixin"]
    # stored on the variant in Odoo, so the template's lock alone would not cover them
    _sm_managed_fields = (
        "product_tmpl_id",
        "default_code",
        "barcode",
        "weight",
        "volume",
        "standard_price",
        "lst_price",
        "active",
    )

    def _sm_owned(self):
        return self.filtered(lambda variant: variant.product_tmpl_id.sm_id)

    @api.model
    def _sm_creates_owned(self, vals):
        # a variant of an SM article is SM's (created or moved there by the sync only)
        template = self.env["product.template"].browse(vals.get("product_tmpl_id"))
        return bool(template.exists() and template.sm_id)
