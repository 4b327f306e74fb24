# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.tools import SQL


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
        """The caller-ID lookup: ``(e164, rows)`` of the suite's one identification by phone
        (``suite_base``: ``res.partner._suite_find_by_phone``), the last call counting as
        activity. Ignores access rights: callers are the API-key endpoints and the server side
        of click-to-dial."""
        return self._suite_find_by_phone(number, region, company_id)

    @api.model
    def _tcx_routing(self, partner_id):
        """Hook: where 3CX's call flow should send this caller (JSON ``routing`` of the
        lookup answer): ``{}`` here; the inbox adds the showroom of an open order and its
        3CX queue. Superuser mode (the API-key endpoint)."""
        return {}

    @api.model
    def _suite_activity_sql(self):
        """A recent call makes a contact the likelier one (same single query)."""
        self.env["tcx.call"].flush_model(["partner_id", "start_date"])
        return (
            SQL(
                """
                LEFT JOIN LATERAL (
                   SELECT max(c.start_date) AS last_call FROM tcx_call c WHERE c.partner_id = p.id
                ) lc ON TRUE
                """
            ),
            SQL("GREATEST(p.write_date, lc.last_call)"),
        )
