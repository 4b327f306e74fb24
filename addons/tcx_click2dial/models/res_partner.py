# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.tools import SQL

from ..helpers.crm_template import rank_candidates

LOOKUP_LIMIT = 50


class ResPartner(models.Model):
    _inherit = "res.partner"

    tcx_call_ids = fields.One2many("tcx.call", "partner_id", string="3CX calls")
    tcx_call_count = fields.Integer(string="Calls", compute="_compute_tcx_call_count")

    def _compute_tcx_call_count(self):
        if not self.ids:
            self.tcx_call_count = 0
            return
        partners = self.with_context(active_test=False).search([("id", "child_of", self.ids)])
        counts = dict(
            self.env["tcx.call"]._read_group(
                [("partner_id", "in", partners.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            family = partners.filtered_domain([("id", "child_of", partner.id)])
            partner.tcx_call_count = sum(counts.get(member, 0) for member in family)

    def action_tcx_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tcx_click2dial.action_tcx_call")
        action["domain"] = [("partner_id", "child_of", self.id)]
        action["context"] = {"default_partner_id": self.id, "search_default_group_by_day": 0}
        action["display_name"] = self.env._("Calls of %(partner)s", partner=self.display_name)
        return action

    @api.model
    def _tcx_lookup(self, number, region=phone_number.DEFAULT_REGION, company_id=None):
        """Partners whose phone or mobile is ``number`` (any spelling), the best first.

        Returns ``(e164, rows)``; ``rows`` are dicts (id, name, is_company,
        commercial_partner_id, company_name, email, phone, mobile, phone_e164, mobile_e164,
        phone_extension, mobile_extension, last_activity) ranked by :func:`rank_candidates`.
        ``number`` is read by the suite's normaliser, the columns are ``suite_phone``'s.
        One SQL query, on the E.164 indexes, whatever the number of partners. Ignores access rights: callers are the
        API-key endpoints and the server side of click-to-dial.
        """
        e164 = phone_number.to_e164(number, region)
        if not e164:
            return None, []
        self.env["res.partner"].flush_model(
            [
                "phone_e164",
                "mobile_e164",
                "phone_extension",
                "mobile_extension",
                "active",
                "company_id",
                "name",
                "email",
                "phone",
                "mobile",
            ]
        )
        self.env["tcx.call"].flush_model(["partner_id", "start_date"])
        company_filter = (
            SQL("(p.company_id IS NULL OR p.company_id = %s)", company_id)
            if company_id
            else SQL("TRUE")
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, p.name, p.is_company, p.commercial_partner_id,
                       cp.name AS company_name, p.email, p.phone, p.mobile,
                       p.phone_e164, p.mobile_e164, p.phone_extension, p.mobile_extension,
                       GREATEST(p.write_date, lc.last_call) AS last_activity
                  FROM res_partner p
             LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id AND cp.id != p.id
             LEFT JOIN LATERAL (
                        SELECT max(c.start_date) AS last_call FROM tcx_call c WHERE c.partner_id = p.id
                       ) lc ON TRUE
                 WHERE p.active AND (p.phone_e164 = %(n)s OR p.mobile_e164 = %(n)s) AND %(company)s
              ORDER BY last_activity DESC NULLS LAST, p.id DESC
                 LIMIT %(limit)s
                """,
                n=e164,
                company=company_filter,
                limit=LOOKUP_LIMIT,
            )
        )
        rows = self.env.cr.dictfetchall()
        return e164, rank_candidates(rows, e164)
