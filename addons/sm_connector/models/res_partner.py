# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

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
        "sm_duplicate_ids",
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
    sm_duplicate_ids = fields.Many2many(
        "res.partner",
        "sm_partner_duplicate_rel",
        "partner_id",
        "duplicate_id",
        string="Possible duplicates",
        readonly=True,
        copy=False,
        help="Other SM contacts with the same e-mail, VAT number or phone: probably one "
        "customer entered twice in SM. Merge them in SM.",
    )
    sm_possible_duplicate = fields.Boolean(
        string="Possible duplicate",
        compute="_compute_sm_possible_duplicate",
        search="_search_sm_possible_duplicate",
    )

    @api.depends("sm_duplicate_ids")
    def _compute_sm_possible_duplicate(self):
        for partner in self:
            partner.sm_possible_duplicate = bool(partner.sm_duplicate_ids)

    def _search_sm_possible_duplicate(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        has = (operator == "=") == value
        return [("sm_duplicate_ids", "!=" if has else "=", False)]

    def _sm_same_value(self, name, value):
        # Odoo's portal and user creation rewrite the e-mail normalised: the same address
        if name == "email":
            return email_same(self.email, value)
        return super()._sm_same_value(name, value)
