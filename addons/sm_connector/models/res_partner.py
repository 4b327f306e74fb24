# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sm_managed_mixin import email_same


class ResPartner(models.Model):
    """Contacts (customers and suppliers) whose master is Silicon Master."""

    _name = "res.partner"
    _inherit = ["res.partner", "sm.managed.mixin"]
    _sm_managed_fields = (
        "name",
        "is_company",
        "company_type",
        "parent_id",
        "vat",
        "street",
        "street2",
        "zip",
        "city",
        "country_id",
        "email",
        "phone",
        "mobile",
        "lang",
        "active",
        "sm_kind",
        "sm_segment",
        "sm_showroom_id",
    )

    sm_kind = fields.Selection(
        [("customer", "Customer"), ("supplier", "Supplier"), ("both", "Customer and supplier")],
        string="SM kind",
        readonly=True,
    )
    sm_segment = fields.Selection([("B2B", "B2B"), ("B2C", "B2C")], string="Segment", readonly=True)
    sm_showroom_id = fields.Many2one(
        "sm.showroom", string="Home showroom", readonly=True, index="btree_not_null"
    )

    def _sm_same_value(self, name, value):
        # Odoo's portal and user creation rewrite the e-mail normalised: the same address
        if name == "email":
            return email_same(self.email, value)
        return super()._sm_same_value(name, value)
