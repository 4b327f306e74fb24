# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SmStockLevel(models.Model):
    """Stock of an article at one SM location (showroom or warehouse), as SM last said.

    Information for agents, not Odoo inventory: Odoo never moves stock for SM articles.
    """

    _name = "sm.stock.level"
    _description = "SM stock per location"
    _inherit = ["sm.locked.mixin"]
    _sm_managed_fields = ("product_tmpl_id", "location_code", "showroom_id", "qty")
    _order = "location_code"

    product_tmpl_id = fields.Many2one(
        "product.template", required=True, ondelete="cascade", index=True
    )
    location_code = fields.Char(string="Location", required=True)
    showroom_id = fields.Many2one("sm.showroom", index="btree_not_null")
    qty = fields.Float(string="Quantity", digits="Product Unit")

    def _sm_owned(self):
        # rows written by the sync only: every one is SM's
        return self

    @api.model
    def _sm_creates_owned(self, vals):
        return True
