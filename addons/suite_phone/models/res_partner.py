# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.phone_number import DEFAULT_REGION, is_mobile, normalize_phone


class ResPartner(models.Model):
    """The stored, comparable form of every partner phone and mobile (one owner: this file).

    ``phone``/``mobile`` stay as typed; ``*_e164`` and ``*_extension`` are computed here from
    them with :func:`~odoo.addons.suite_phone.tools.phone_number.normalize_phone`, and
    indexed: the SM sync writes the typed values, the 3CX lookup and the inbox search these
    columns. ``phone_sanitized`` (``mail.thread.phone``, the SMS blacklist key) follows the
    same rule through :meth:`_phone_format_number`.
    """

    _inherit = "res.partner"

    phone_e164 = fields.Char(
        string="Phone (E.164)",
        compute="_compute_phone_e164",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The phone in international form (+3225112233), whatever the spelling typed.",
    )
    phone_extension = fields.Char(
        string="Phone extension",
        compute="_compute_phone_e164",
        store=True,
        copy=False,
        help="Extension typed after the phone number (ext. 204, poste 117, toestel 12).",
    )
    mobile_e164 = fields.Char(
        string="Mobile (E.164)",
        compute="_compute_phone_e164",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The mobile in international form (+32475123456), whatever the spelling typed.",
    )
    mobile_extension = fields.Char(
        string="Mobile extension",
        compute="_compute_phone_e164",
        store=True,
        copy=False,
    )
    phone_unverified = fields.Boolean(
        string="Phone number to check",
        compute="_compute_phone_e164",
        store=True,
        help="The phone or mobile has a possible length but is outside the number ranges "
        "known for its country (a newly assigned block, or a typing error), or was read as "
        "another country's number than the contact's: it is still used to recognise callers.",
    )
    phone_check_reason = fields.Char(
        string="Why check the phone",
        compute="_compute_phone_check_reason",
        help="Why the phone or mobile is to check, in your language.",
    )

    @api.depends("phone", "mobile", "country_id", "parent_id.country_id")
    def _compute_phone_e164(self):
        for partner in self:
            region = partner._phone_region()
            phone = normalize_phone(partner.phone, region)
            mobile = normalize_phone(partner.mobile, region)
            partner.phone_e164 = phone.e164 or False
            partner.phone_extension = (phone.e164 and phone.extension) or False
            partner.mobile_e164 = mobile.e164 or False
            partner.mobile_extension = (mobile.e164 and mobile.extension) or False
            partner.phone_unverified = phone.flagged or mobile.flagged

    @api.depends("phone", "mobile", "country_id", "parent_id.country_id")
    @api.depends_context("lang")
    def _compute_phone_check_reason(self):
        # not stored: the text follows the reader's language
        texts = {
            "outside_known_ranges": self.env._(
                "This number is outside the ranges known for its country: check it."
            ),
            "read_as_FR": self.env._("Read as a French number: check it."),
            "read_as_BE": self.env._("Read as a Belgian number: check it."),
            "read_as_other_region": self.env._("Read as a number of another country: check it."),
        }
        for partner in self:
            region = partner._phone_region()
            numbers = (normalize_phone(value, region) for value in (partner.phone, partner.mobile))
            reasons = [texts.get(n.reason, "") for n in numbers if n.flagged]
            partner.phone_check_reason = " ".join(dict.fromkeys(filter(None, reasons))) or False

    def _phone_region(self):
        """ISO code national numbers are read in: the contact's country, its company's, BE."""
        self.ensure_one()
        country = self.country_id or self.parent_id.country_id
        return country.code or DEFAULT_REGION

    @api.model
    def _phone_field_vals(self, raw, region=None):
        """``{"phone" or "mobile": number as stored}`` for a contact created from ``raw``
        (a caller, a chat visitor), or ``{}`` when ``raw`` is no phone number."""
        number = normalize_phone(raw, region or DEFAULT_REGION)
        if not number.e164:
            return {}
        return {("mobile" if is_mobile(number.e164) else "phone"): number.as_text()}

    @api.model
    def _phone_domain(self, e164):
        """Domain of the contacts whose phone or mobile is ``e164`` (indexed columns)."""
        return ["|", ("phone_e164", "=", e164), ("mobile_e164", "=", e164)]

    def _phone_format_number(self, number, country, force_format="E164", raise_exception=False):
        """E.164 by the suite's rule, so that ``phone_sanitized`` agrees with ``*_e164``;
        other formats (and numbers the suite cannot read) stay Odoo's."""
        if force_format == "E164" and number:
            e164 = normalize_phone(number, country.code or DEFAULT_REGION).e164
            if e164:
                return e164
        return super()._phone_format_number(
            number, country, force_format=force_format, raise_exception=raise_exception
        )
