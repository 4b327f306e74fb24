# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    """Articles whose master is Silicon Master, with SM stock and restock information."""

    _name = "product.template"
    _inherit = ["product.template", "sm.managed.mixin"]
    _sm_managed_fields = (
        "name",
        "default_code",
        "barcode",
        "description_sale",
        "list_price",
        "standard_price",
        "categ_id",
        "taxes_id",
        "weight",
        "volume",
        "type",
        "sale_ok",
        "purchase_ok",
        "active",
        "sm_width_cm",
        "sm_depth_cm",
        "sm_height_cm",
        "sm_collection",
        "sm_brand",
        "sm_incoming_qty",
        "sm_next_restock_date",
        "sm_stock_qty",
        "sm_showroom_stock_qty",
        "sm_stock_summary",
        "sm_stock_level_ids",
        "sm_kit_line_ids",
    )

    sm_collection = fields.Char(string="Collection", index="btree_not_null")
    sm_brand = fields.Char(string="Brand")
    sm_width_cm = fields.Float(string="Width (cm)")
    sm_depth_cm = fields.Float(string="Depth (cm)")
    sm_height_cm = fields.Float(string="Height (cm)")
    sm_stock_level_ids = fields.One2many("sm.stock.level", "product_tmpl_id", string="SM stock")
    sm_stock_qty = fields.Float(string="SM stock (all locations)", readonly=True)
    sm_showroom_stock_qty = fields.Float(string="SM stock in showrooms", readonly=True)
    sm_stock_summary = fields.Char(
        string="Stock per location", readonly=True, help="As SM last reported, e.g. LIE 3 · BRU 0"
    )
    sm_incoming_qty = fields.Float(string="Incoming (SM)", readonly=True)
    sm_next_restock_date = fields.Date(string="Next restock", readonly=True, index="btree_not_null")
    sm_kit_line_ids = fields.One2many("sm.kit.line", "kit_tmpl_id", string="Kit components")
    sm_is_kit = fields.Boolean(string="Kit", compute="_compute_sm_is_kit", store=True)

    @api.depends("sm_kit_line_ids")
    def _compute_sm_is_kit(self):
        for template in self:
            template.sm_is_kit = bool(template.sm_kit_line_ids)
