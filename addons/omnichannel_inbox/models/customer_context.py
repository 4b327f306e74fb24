# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

SECTION_LIMIT = 5


class SuiteCustomerContext(models.AbstractModel):
    """The customer 360's inbox part: open tickets (stage, SLA, channel) and the customer's
    last requests on every channel (mail, chat, phone, iAdvize)."""

    _inherit = "suite.customer.context"

    @api.model
    def _suite_360_sections(self, partner):
        sections = super()._suite_360_sections(partner)
        commercial = partner.commercial_partner_id
        Ticket = self.env["helpdesk.ticket"]
        # every employee may read tickets (helpdesk_mgmt: their own, as the customer would)
        if not self.env.user.has_group("helpdesk_mgmt.group_helpdesk_user_own"):
            return sections  # not a helpdesk agent: no inbox part
        # the caller's own rights: helpdesk's record rules decide which tickets they see
        domain = [("commercial_partner_id", "=", commercial.id), ("inbox_open", "=", True)]
        tickets = Ticket.search(
            domain, order="inbox_last_request_date desc, id desc", limit=SECTION_LIMIT
        )
        sections["tickets"] = {
            "open_count": Ticket.search_count(domain),
            "items": [self._suite_360_ticket(ticket) for ticket in tickets],
        }
        # sudo: the request log is managers' (routing figures), but when and on which channel
        # the customer last wrote or called is every agent's context; a ticket is named only
        # if the caller may read it
        requests = (
            self.env["inbox.request"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", commercial.id),
                    ("company_id", "in", [*self.env.companies.ids, False]),
                ],
                order="date desc, id desc",
                limit=SECTION_LIMIT,
            )
        )
        readable = requests.ticket_id.with_env(self.env)._filtered_access("read")
        sections["interactions"] = [
            {
                "date": self._suite_360_date(request.date),
                "channel": request.channel_id.name or "",
                "outcome": self._suite_360_label(request, "outcome"),
                "ticket": {"id": request.ticket_id.id, "name": request.ticket_id.display_name}
                if request.ticket_id in readable
                else None,
            }
            for request in requests
        ]
        return sections

    @api.model
    def _suite_360_ticket(self, ticket):
        """One open ticket of the 360 → dict (stage, SLA state and deadline, channel)."""
        return {
            "id": ticket.id,
            "number": ticket.number or "",
            "name": ticket.name or "",
            "stage": ticket.stage_id.name or "",
            "channel": ticket.channel_id.name or "",
            "sla_status": ticket.inbox_sla_status or "",
            "sla_status_label": self._suite_360_label(ticket, "inbox_sla_status"),
            "sla_deadline": self._suite_360_date(ticket.inbox_sla_deadline),
            "user": ticket.user_id.name or "",
            "last_request": self._suite_360_date(ticket.inbox_last_request_date),
        }
