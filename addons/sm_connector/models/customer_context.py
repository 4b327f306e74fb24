# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from textwrap import shorten

from odoo import api, models
from odoo.tools import html2plaintext

from .sale_order import CLOSED

SECTION_LIMIT = 5
PREVIEW_CHARS = 160


class SuiteCustomerContext(models.AbstractModel):
    """The customer 360's SM part: home showroom and data to check, the latest SM orders
    (status, promised date, availability per line, next restock, pickup showroom) and the
    last customer messages the sync sent."""

    _inherit = "suite.customer.context"

    @api.model
    def _suite_360_identity(self, partner):
        identity = super()._suite_360_identity(partner)
        commercial = partner.commercial_partner_id
        showroom = partner.sm_showroom_id or commercial.sm_showroom_id
        identity.update(
            sm_id=partner.sm_id or commercial.sm_id or "",
            home_showroom={"id": showroom.id, "name": showroom.name} if showroom else None,
        )
        if partner.sm_data_issues:
            identity["flags"].append(partner.sm_data_issues_text or partner.sm_data_issues)
        if partner.sm_possible_duplicate:
            identity["flags"].append(
                self.env._("Possible duplicate in SM: merge the contacts in SM.")
            )
        return identity

    @api.model
    def _suite_360_sections(self, partner):
        sections = super()._suite_360_sections(partner)
        if not self.env["sale.order"].has_access("read"):
            return sections  # neither sales nor an agent reading orders: no order part
        # sudo: the caller is staff who may read this customer (checked by get_context); like
        # the ticket's order panel, agents without Sales rights see the customer's SM orders,
        # read only, only the fields chosen here. SM contacts serve every company, their
        # orders do not: only the caller's companies (sudo would ignore the company rules)
        company_ids = self.env.companies.ids
        orders = self.env["sale.order"].sudo().with_context(active_test=False)
        domain = [
            ("partner_id", "child_of", partner.commercial_partner_id.id),
            ("company_id", "in", company_ids),
            ("sm_id", "!=", False),
            ("sm_removed", "=", False),
        ]
        latest = orders.search(domain, order="date_order desc, id desc", limit=SECTION_LIMIT)
        open_count = orders.search_count([*domain, ("sm_status", "not in", CLOSED)])
        sections["orders"] = {
            "open_count": open_count,
            "items": [self._suite_360_order(order) for order in latest],
        }
        events = (
            self.env["sm.order.event"]
            .sudo()
            .search(  # sudo: as above, read only
                [
                    ("partner_id", "child_of", partner.commercial_partner_id.id),
                    ("order_id.company_id", "in", company_ids),
                    ("state", "=", "sent"),
                    ("message_id", "!=", False),
                ],
                order="sent_date desc, id desc",
                limit=SECTION_LIMIT,
            )
        )
        sections["messages"] = [
            {
                "id": event.message_id.id,
                "date": self._suite_360_date(event.sent_date),
                "order": {"id": event.order_id.id, "name": event.order_id.name},
                "kind": self._suite_360_label(event, "event_type"),
                "subject": event.message_id.subject or "",
                "preview": shorten(html2plaintext(event.message_id.body or ""), PREVIEW_CHARS),
            }
            for event in events
        ]
        return sections

    @api.model
    def _suite_360_order(self, order):
        """One order of the 360 (``order`` in sudo, see the caller) → dict."""
        showroom = order.sm_showroom_id
        return {
            "id": order.id,
            "name": order.name,
            "date": self._suite_360_date(order.date_order),
            "sm_status": order.sm_status or "",
            "sm_status_label": self._suite_360_label(order, "sm_status"),
            "open": order.sm_status not in CLOSED,
            "late": order.sm_is_late,
            "promised_date": self._suite_360_date(order.sm_promised_date),
            "delivery_mode": order.sm_delivery_mode or "",
            "delivery_mode_label": self._suite_360_label(order, "sm_delivery_mode"),
            "showroom": {"id": showroom.id, "name": showroom.name} if showroom else None,
            "amount": order.sm_total_incl_vat or order.amount_total,
            "currency": order.currency_id.name or "",
            "lines": [
                {
                    "product": line.product_id.display_name or line.name,
                    "qty": line.product_uom_qty,
                    "available": line.sm_available,
                    "expected_date": self._suite_360_date(line.sm_expected_date),
                    "next_restock_date": self._suite_360_date(
                        line.product_id.product_tmpl_id.sm_next_restock_date
                    ),
                }
                for line in order.order_line
                if not line.display_type
            ],
        }
