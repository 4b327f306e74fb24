# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import fields, models
from odoo.addons.suite_base.tools.calls import MISSED_STATUSES as MISSED
from odoo.addons.suite_phone.tools import phone_number

from ..helpers.request import IntakeRequest


class TcxCall(models.Model):
    """3CX calls in the inbox: a missed call becomes a callback ticket (or joins the caller's
    open ticket); an answered call becomes a ticket in one click; an answered callback
    counts as the answer of the caller's waiting phone ticket."""

    _inherit = "tcx.call"

    inbox_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index="btree_not_null", ondelete="set null", copy=False
    )

    def _on_call_logged(self):
        res = super()._on_call_logged()
        for call in self:
            if call.direction == "inbound" and call.status in MISSED and not call.inbox_ticket_id:
                if call.number_e164 or call.partner_id:
                    call._inbox_ticket()
            elif call.direction == "outbound" and call.status == "answered":
                call._inbox_answer_waiting_tickets()
        return res

    def _inbox_request(self):
        self.ensure_one()
        missed = self.direction == "inbound" and self.status in MISSED
        who = self._tcx_who()
        if missed:
            subject = self.env._("Callback: %(who)s", who=who)
        else:
            subject = self.env._("Call with %(who)s", who=who)
        region = phone_number.region_of(self.number_e164) or phone_number.DEFAULT_REGION
        return IntakeRequest(
            channel="phone",
            company_id=self.company_id.id,
            received=self.start_date or fields.Datetime.now(),
            subject=subject,
            phone=self.number_e164 or self.number or "",
            name=self.contact_name or "",
            region=region,
            partner_id=self.partner_id.id or 0,
            user_id=0 if missed else self.user_id.id or 0,
            external_id=f"tcx.call:{self.id}",
            first_response=None if missed else (self.answer_date or self.start_date),
            description=self._inbox_call_summary(),
            note=self._inbox_call_summary(),
            note_author_id=self.partner_id.id or 0,
            note_from=phone_number.pretty(self.number_e164) or self.number or "",
        )

    def _inbox_ticket(self):
        """The ticket of this call (new or the caller's open one), linked to the call."""
        self.ensure_one()
        ticket, outcome = self.env["inbox.router"]._intake(self._inbox_request())
        # sudo: link the call (3CX journal rights differ from helpdesk rights)
        self.sudo().inbox_ticket_id = ticket
        return ticket, outcome

    def _inbox_call_summary(self):
        self.ensure_one()
        number = phone_number.pretty(self.number_e164) or self.number or ""
        when = fields.Datetime.to_string(self.start_date)
        if self.direction == "inbound" and self.status in MISSED:
            text = self.env._(
                "Missed call from %(number)s at %(when)s (UTC): call back.",
                number=number,
                when=when,
            )
        elif self.direction == "inbound":
            text = self.env._(
                "Call from %(number)s at %(when)s (UTC), answered by %(agent)s (%(duration)s).",
                number=number,
                when=when,
                agent=self.user_id.name or self.extension or "?",
                duration=self.duration_display,
            )
        else:
            text = self.env._("Call to %(number)s at %(when)s (UTC).", number=number, when=when)
        return Markup("<p>%s</p>") % escape(text)

    def action_inbox_create_ticket(self):
        """One click from an answered call: its ticket (new, or the caller's open one)."""
        self.ensure_one()
        self.check_access("read")
        ticket = self.inbox_ticket_id
        if not ticket:
            # the pipeline below creates as superuser: the caller must be allowed to
            self.env["helpdesk.ticket"].check_access("create")
            ticket, _outcome = self._inbox_ticket()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_inbox_open_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.inbox_ticket_id.id,
            "view_mode": "form",
        }

    def _inbox_answer_waiting_tickets(self):
        """An answered outbound call answers the open phone tickets of that number."""
        self.ensure_one()
        domain = [("inbox_open", "=", True), ("inbox_sla_responded_date", "=", False),
                  ("inbox_sla_status", "in", ("running", "at_risk", "breached"))]  # fmt: skip
        if self.partner_id:
            domain.append(("commercial_partner_id", "=", self.partner_id.commercial_partner_id.id))
        elif self.number_e164:
            domain.append(("inbox_sender_key", "=", f"phone:{self.number_e164}"))
        else:
            return
        # sudo: the 3CX report runs as superuser already; SLA bookkeeping only
        tickets = self.env["helpdesk.ticket"].sudo().search(domain, limit=20)
        tickets._inbox_register_response(self.answer_date or self.start_date)
