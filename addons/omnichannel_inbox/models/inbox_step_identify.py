# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.suite_phone.tools.phone_number import DEFAULT_REGION, normalize_phone
from odoo.tools import SQL, email_normalize

from ..helpers.dedup import sender_key


class InboxRouter(models.AbstractModel):
    """Step 1, identify: who is writing/calling? The e-mail's author, the web-shop customer id
    a chat visitor is logged in with, the exact e-mail address, then the phone number in any
    spelling (E.164, indexed, the 3CX lookup)."""

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_identify(self, req):
        Partner = self.env["res.partner"]
        req.email_normalized = email_normalize(req.email or "", strict=False) or ""
        if req.phone:
            number = normalize_phone(req.phone, req.region or DEFAULT_REGION)
            req.phone_e164 = number.e164 or ""
            req.phone_extension = (number.e164 and number.extension) or ""
        partner = Partner
        if req.partner_id:
            partner = Partner.browse(req.partner_id).exists()
            req.identified_by = "author" if partner else ""
        if not partner and req.external_user_id:
            partner = Partner.search(
                [("sm_id", "=", req.external_user_id[:64])], limit=1, order="id desc"
            )
            req.identified_by = "visitor" if partner else ""
        if not partner and req.email_normalized:
            partner = self._inbox_partner_by_email(req.email_normalized, req.company_id)
            req.identified_by = "email" if partner else ""
        if not partner and req.phone_e164:
            best = Partner._tcx_lookup(req.phone_e164, req.region, req.company_id)[1]
            partner = Partner.browse(best[0]["id"]) if best else Partner
            req.identified_by = "phone" if partner else ""
        req.partner_id = partner.id or 0
        req.commercial_partner_id = partner.commercial_partner_id.id or 0
        req.sender_key = sender_key(req.email_normalized, req.phone_e164, req.visitor_id) or ""
        if partner:
            req.name = partner.name or req.name
            if not req.lang and partner.lang:
                req.lang = partner.lang
        return partner

    @api.model
    def _inbox_partner_by_email(self, email_normalized, company_id):
        """The contact with this exact address (SM customers first, then the latest)."""
        Partner = self.env["res.partner"]
        Partner.flush_model(["email_normalized", "active", "company_id", "sm_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM res_partner
                 WHERE email_normalized = %(email)s AND active
                   AND (company_id IS NULL OR company_id = %(company)s)
              ORDER BY (sm_id IS NOT NULL) DESC, is_company, id DESC
                 LIMIT 1
                """,
                email=email_normalized,
                company=company_id,
            )
        )
        row = self.env.cr.fetchone()
        return Partner.browse(row[0]) if row else Partner
