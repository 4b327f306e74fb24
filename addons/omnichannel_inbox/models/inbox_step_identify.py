# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..helpers.dedup import sender_key

IDENTIFIED_BY = {"customer_ref": "visitor", "email": "email", "phone": "phone"}


class InboxRouter(models.AbstractModel):
    """Step 1, identify: who is writing/calling? The e-mail's author when the gateway knows
    it, else the suite's one customer identification (``suite_base``:
    ``res.partner._suite_identify``): the web-shop customer id a chat visitor is logged in
    with, the exact e-mail address, then the phone number in any spelling (the same ranking
    as the 3CX lookup)."""

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_identify(self, req):
        Partner = self.env["res.partner"]
        partner = Partner.browse(req.partner_id).exists() if req.partner_id else Partner
        found = Partner._suite_identify(
            email=req.email,
            phone=req.phone,
            region=req.region,
            customer_ref=req.external_user_id,
            company_id=req.company_id,
            lookup=not partner,
        )
        req.email_normalized = found.email_normalized
        req.phone_e164 = found.phone_e164
        req.phone_extension = found.phone_extension
        req.identified_by = "author" if partner else IDENTIFIED_BY.get(found.identified_by, "")
        partner = partner or found.partner
        req.partner_id = partner.id or 0
        req.commercial_partner_id = partner.commercial_partner_id.id or 0
        req.sender_key = sender_key(req.email_normalized, req.phone_e164, req.visitor_id) or ""
        if partner:
            req.name = partner.name or req.name
            if not req.lang and partner.lang:
                req.lang = partner.lang
        return partner
