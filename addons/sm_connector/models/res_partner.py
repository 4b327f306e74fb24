# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..mappers.contact_mapper import odoo_lang
from ..mappers.names import salutation_name
from .sm_importer import SYNC_CONTEXT
from .sm_managed_mixin import email_same, sm_sync_writes


class ResPartner(models.Model):
    """Contacts (customers and suppliers) whose master is Silicon Master."""

    _name = "res.partner"
    _inherit = ["res.partner", "sm.managed.mixin"]
    _sm_managed_fields = (
        "name",
        "is_company",
        "company_type",
        "parent_id",
        # an SM contact serves every company: a company set in Odoo would hide it from the others
        "company_id",
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
        "sm_lang",
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

    sm_lang = fields.Char(
        string="SM language",
        readonly=True,
        help="Language code SM gives (fr, nl, en); Odoo's language follows it as soon as "
        "that language is installed.",
    )
    sm_salutation_name = fields.Char(
        string="Greeting name",
        compute="_compute_sm_salutation_name",
        help="Given name and surname to greet a person by in customer messages; empty for a "
        "company or an unknown name (messages then say 'Dear Sir or Madam').",
    )

    @api.depends("name", "is_company", "sm_id")
    def _compute_sm_salutation_name(self):
        for partner in self:
            partner.sm_salutation_name = (
                False
                if partner.is_company
                else salutation_name(partner.name, surname_first=bool(partner.sm_id)) or False
            )

    @api.model
    def _sm_apply_languages(self):
        """Give SM contacts the Odoo language matching their SM language, now installed.

        The sync skips contacts whose SM payload did not change, so a language installed after
        the first sync is applied here rather than waiting for a change in SM.
        """
        installed = frozenset(dict(self.env["res.lang"].get_installed()))
        partners = self.with_context(active_test=False).search(
            [("sm_id", "!=", False), ("sm_lang", "!=", False)]
        )
        by_lang = {}
        for partner in partners:
            lang = odoo_lang(partner.sm_lang, partner.country_id.code or None, installed)
            if lang and lang != partner.lang:
                by_lang.setdefault(lang, partner.browse())
                by_lang[lang] |= partner
        with sm_sync_writes():  # the language SM gives, now installed: the sync's own value
            for lang, group in by_lang.items():
                group.with_context(**SYNC_CONTEXT).write({"lang": lang})
        return sum(len(group) for group in by_lang.values())
