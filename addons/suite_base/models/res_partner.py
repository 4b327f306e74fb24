# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass

from odoo import api, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.tools import SQL, email_normalize

from ..tools.customer_ranking import rank_candidates

LOOKUP_LIMIT = 50


@dataclass
class Identification:
    """Who the hints mean, and how it was found (``partner`` may be empty)."""

    partner: object
    identified_by: str = ""  # customer_ref / email / phone
    email_normalized: str = ""
    phone_e164: str = ""
    phone_extension: str = ""
    candidates: tuple = ()  # the phone's ranked rows, when the phone decided


class ResPartner(models.Model):
    """Customer identification, once: the inbox (every channel), the 3CX caller-ID lookup
    and the customer 360 ask here which contact an e-mail, a number or a web-shop customer id
    means. Thin: the ranking rules are pure functions in ``tools/customer_ranking.py``."""

    _inherit = "res.partner"

    @api.model
    def _suite_identify(
        self, email="", phone="", region="", customer_ref="", company_id=None, lookup=True
    ):
        """The contact these hints mean: the web-shop/SM customer id first (exact), then the
        exact e-mail address (SM customers first, then the latest), then the phone number in
        any spelling (E.164 columns, ambiguity ranked by ``rank_candidates``). An order number
        is not an identification (anyone can type one): the inbox links orders, it does not
        take their customer for the sender. Ignores access rights (callers are gateways and
        API-key endpoints). ``lookup=False`` only normalises the hints (the caller already
        knows the contact). Returns an :class:`Identification`."""
        company_id = company_id or self.env.company.id
        result = Identification(self.browse())
        result.email_normalized = email_normalize(email or "", strict=False) or ""
        if phone:
            number = phone_number.normalize_phone(phone, region or phone_number.DEFAULT_REGION)
            result.phone_e164 = number.e164 or ""
            result.phone_extension = (number.e164 and number.extension) or ""
        if not lookup:
            return result
        partner = self._suite_find_by_customer_ref(customer_ref)
        if partner:
            result.identified_by = "customer_ref"
        if not partner and result.email_normalized:
            partner = self._suite_find_by_email(result.email_normalized, company_id)
            result.identified_by = "email" if partner else ""
        if not partner and result.phone_e164:
            rows = self._suite_find_by_phone(result.phone_e164, region, company_id)[1]
            partner = self.browse(rows[0]["id"]) if rows else self.browse()
            result.identified_by = "phone" if partner else ""
            result.candidates = tuple(rows)
        result.partner = partner
        return result

    @api.model
    def _suite_find_by_customer_ref(self, customer_ref):
        """The contact of a web-shop / SM customer id (``sm_id`` when sm_connector is there)."""
        if not customer_ref or "sm_id" not in self._fields:
            return self.browse()
        return self.search([("sm_id", "=", customer_ref[:64])], limit=1, order="id desc")

    @api.model
    def _suite_find_by_email(self, email_normalized, company_id):
        """The contact with this exact address (SM customers first, then the latest)."""
        sm_first = SQL("(sm_id IS NOT NULL) DESC,") if "sm_id" in self._fields else SQL("")
        self.flush_model(["email_normalized", "active", "company_id", "is_company"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM res_partner
                 WHERE email_normalized = %(email)s AND active
                   AND (company_id IS NULL OR company_id = %(company)s)
              ORDER BY %(sm_first)s is_company, id DESC
                 LIMIT 1
                """,
                email=email_normalized,
                company=company_id,
                sm_first=sm_first,
            )
        )
        row = self.env.cr.fetchone()
        return self.browse(row[0]) if row else self.browse()

    @api.model
    def _suite_find_by_phone(self, number, region=phone_number.DEFAULT_REGION, company_id=None):
        """Partners whose phone or mobile is ``number`` (any spelling), the best first.

        Returns ``(e164, rows)``; ``rows`` are dicts (id, name, is_company,
        commercial_partner_id, company_name, email, phone, mobile, phone_e164, mobile_e164,
        phone_extension, mobile_extension, last_activity) ranked by :func:`rank_candidates`.
        One SQL query on suite_phone's E.164 indexes, whatever the number of partners.
        """
        e164 = phone_number.to_e164(number, region or phone_number.DEFAULT_REGION)
        if not e164:
            return None, []
        self.flush_model(
            ["phone_e164", "mobile_e164", "phone_extension", "mobile_extension", "active",
             "company_id", "name", "email", "phone", "mobile", "is_company",
             "commercial_partner_id"]
        )  # fmt: skip
        company_filter = (
            SQL("(p.company_id IS NULL OR p.company_id = %s)", company_id)
            if company_id
            else SQL("TRUE")
        )
        activity_join, last_activity = self._suite_activity_sql()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, p.name, p.is_company, p.commercial_partner_id,
                       cp.name AS company_name, p.email, p.phone, p.mobile,
                       p.phone_e164, p.mobile_e164, p.phone_extension, p.mobile_extension,
                       %(last_activity)s AS last_activity, %(known)s AS known
                  FROM res_partner p
             LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id AND cp.id != p.id
                       %(activity_join)s
                 WHERE p.active AND (p.phone_e164 = %(n)s OR p.mobile_e164 = %(n)s) AND %(company)s
              ORDER BY known DESC, last_activity DESC NULLS LAST, p.id DESC
                 LIMIT %(limit)s
                """,
                n=e164,
                company=company_filter,
                limit=LOOKUP_LIMIT,
                activity_join=activity_join,
                last_activity=last_activity,
                known=self._suite_known_customer_sql(),
            )
        )
        return e164, rank_candidates(self.env.cr.dictfetchall(), e164)

    @api.model
    def _suite_activity_sql(self):
        """Hook: ``(join, expression)`` of a contact's last activity in the phone lookup (the
        partner alias is ``p``); an add-on adds its own (3CX: the last call), same query."""
        return SQL(""), SQL("p.write_date")

    @api.model
    def _suite_known_customer_sql(self):
        """Hook: boolean SQL (partner alias ``p``) of a contact the retailer's ERP knows; it
        wins a number over a contact typed in by hand later (anyone may create one)."""
        if "sm_id" in self._fields:
            return SQL("(p.sm_id IS NOT NULL)")
        return SQL("FALSE")

    def action_open_customer_360(self):
        """The customer 360 of this contact in the web client (side panel's *Open*, the
        ring-time pop-up, 3CX's ContactUrl, the showrooms' *To call* list). Logs the opening
        as a ``customer_360`` usage event."""
        self.ensure_one()
        self.check_access("read")
        self.env["suite.usage.event"]._suite_log("customer_360", self)
        return {
            "type": "ir.actions.client",
            "tag": "suite_base.customer_360",
            "name": self.env._("Customer 360: %(name)s", name=self.display_name),
            "params": {"partner_id": self.id},
            "context": {"active_id": self.id, "active_model": "res.partner"},
        }
