# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.suite_base.tools.calls import MISSED_STATUSES
from odoo.fields import Domain

SECTION_LIMIT = 5


class SuiteCustomerContext(models.AbstractModel):
    """The customer 360's phone part: the customer's missed calls and pending callbacks."""

    _inherit = "suite.customer.context"

    @api.model
    def _suite_360_sections(self, partner):
        sections = super()._suite_360_sections(partner)
        if not self.env["tcx.call"].has_access("read"):
            return sections  # not a 3CX agent: no phone part
        # sudo: 3CX agents see only their own calls, but whoever answers this customer next
        # needs to know they called and nobody took it; read only, the fields chosen here
        calls = self.env["tcx.call"].sudo()
        commercial = partner.commercial_partner_id
        numbers = [n for n in (partner.phone_e164, partner.mobile_e164) if n]
        of_customer = Domain("partner_id", "child_of", commercial.id)
        if numbers:
            of_customer |= Domain("number_e164", "in", numbers)
        of_customer &= Domain("company_id", "in", self.env.companies.ids)
        missed_domain = of_customer & Domain(
            [("direction", "=", "inbound"), ("status", "in", MISSED_STATUSES)]
        )
        missed = calls.search(missed_domain, order="start_date desc, id desc", limit=SECTION_LIMIT)
        pending = calls.search(
            of_customer & Domain("callback_state", "=", "todo"),
            order="start_date desc, id desc",
            limit=SECTION_LIMIT,
        )
        sections["calls"] = {
            "missed_count": calls.search_count(missed_domain),
            "missed": [self._suite_360_call(call) for call in missed],
            "callbacks_pending": [self._suite_360_call(call) for call in pending],
        }
        return sections

    @api.model
    def _suite_360_call(self, call):
        """One call of the 360 → dict (number, when, who it rang, who calls back)."""
        return {
            "id": call.id,
            "date": self._suite_360_date(call.start_date),
            "number": call.number or "",
            "status_label": self._suite_360_label(call, "status"),
            "agent": call.user_id.name or "",
            "queue": call.queue_id.display_name or call.queue_extension or "",
            "callback_state": call.callback_state or "",
            "callback_user": call.callback_user_id.name or "",
        }
