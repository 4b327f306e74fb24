# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SmKitLine(models.Model):
    """A component of a kit article (an article SM sells as a set of other articles)."""

    _name = "sm.kit.line"
    _description = "SM kit component"
    _inherit = ["sm.locked.mixin"]
    _sm_managed_fields = ("kit_tmpl_id", "component_code", "qty")

    kit_tmpl_id = fields.Many2one("product.template", required=True, ondelete="cascade", index=True)
    component_code = fields.Char(required=True, help="SM code of the component article.")
    qty = fields.Float(string="Quantity", digits="Product Unit", default=1.0)
    # Computed, not stored: a component may arrive later than its kit in the SM stream.
    component_tmpl_id = fields.Many2one("product.template", compute="_compute_component")

    @api.depends("component_code")
    def _compute_component(self):
        codes = set(self.mapped("component_code"))
        templates = (
            self.env["product.template"]
            .with_context(active_test=False)
            .search([("default_code", "in", list(codes))])
        )
        by_code = {t.default_code: t.id for t in templates}
        for line in self:
            line.component_tmpl_id = by_code.get(line.component_code, False)

    def _sm_owned(self):
        # rows written by the sync only: every one is SM's
        return self

    @api.model
    def _sm_creates_owned(self, vals):
        return True
