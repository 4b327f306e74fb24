# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.addons.suite_base.tools.calls import MISSED_STATUSES as MISSED
from odoo.addons.suite_phone.tools import phone_number
from odoo.exceptions import AccessError

from ..helpers.request import IntakeRequest

HELPDESK_USER = "helpdesk_mgmt.group_helpdesk_user"


class TcxCall(models.Model):
    """3CX calls in the inbox: a missed call becomes a callback ticket (or joins the caller's
    open ticket) that holds the one *Call back* task, for the ticket's owner; an answered call
    becomes a ticket in one click; an answered callback counts as the answer of the caller's
    waiting phone ticket."""

    _inherit = "tcx.call"

    inbox_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index="btree_not_null", ondelete="set null", copy=False
    )

    def write(self, vals):
        # the call-ticket link is the journal's (the callback task follows it): server code only
        if "inbox_ticket_id" in vals and not self.env.su:
            raise AccessError(
                self.env._("A call is linked to its ticket by the 3CX journal, not by hand.")
            )
        return super().write(vals)

    def _on_call_logged(self):
        # the ticket first: it holds the callback task, and its owner is who calls back
        for call in self:
            if call.direction == "inbound" and call.status in MISSED and not call.inbox_ticket_id:
                if call.number_e164 or call.partner_id:
                    call._inbox_ticket()
        res = super()._on_call_logged()
        for call in self:
            if call.direction == "outbound" and call.status == "answered":
                call._inbox_answer_waiting_tickets()
        return res

    def _tcx_callback_assignee(self):
        """The one rule, with the inbox: whoever the inbox's assignment gave the call's ticket
        to (balanced, or the owner of the open ticket the call joined); a ticket nobody got
        goes to the 3CX rule's agent if they work in the helpdesk, else waits in its team."""
        self.ensure_one()
        ticket = self.inbox_ticket_id
        if not ticket:
            return super()._tcx_callback_assignee()
        if ticket.user_id:
            return ticket.user_id
        agent = super()._tcx_callback_assignee()
        # the 3CX rule may find nobody (no agent rang, no default agent on the PBX)
        return agent if agent and agent.has_group(HELPDESK_USER) else self.env["res.users"]

    def _tcx_callback_holder(self):
        """The callback task of a missed call lives on its ticket: one task, not two."""
        self.ensure_one()
        return self.inbox_ticket_id or super()._tcx_callback_holder()

    def _tcx_callback_reassigned(self):
        """The callback is its ticket's task: whoever owns the callback owns the ticket."""
        for call in self.filtered(lambda c: c.callback_state == "todo" and c.callback_user_id):
            ticket = call.inbox_ticket_id
            if ticket and ticket.user_id != call.callback_user_id:
                # sudo: the writer may write this call's callback (3CX record rules); its
                # ticket is the same task, whose helpdesk rights they may not have
                ticket.sudo().user_id = call.callback_user_id
        return super()._tcx_callback_reassigned()

    @api.model
    def _tcx_calls_of_callback_task(self, res_model, res_ids):
        if res_model != "helpdesk.ticket":
            return super()._tcx_calls_of_callback_task(res_model, res_ids)
        return self.search([("inbox_ticket_id", "in", res_ids), ("callback_state", "=", "todo")])

    def _inbox_request(self):
        self.ensure_one()
        missed = self.direction == "inbound" and self.status in MISSED
        who = self._tcx_who()
        env = self.env["inbox.router"]._inbox_text_env()
        if missed:
            subject = env._("Callback: %(who)s", who=who)
        else:
            subject = env._("Call with %(who)s", who=who)
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
        env = self.env["inbox.router"]._inbox_text_env()
        if self.direction == "inbound" and self.status in MISSED:
            text = env._(
                "Missed call from %(number)s at %(when)s (UTC): call back.",
                number=number,
                when=when,
            )
        elif self.direction == "inbound":
            text = env._(
                "Call from %(number)s at %(when)s (UTC), answered by %(agent)s (%(duration)s).",
                number=number,
                when=when,
                agent=self.user_id.name or self.extension or "?",
                duration=self.duration_display,
            )
        else:
            text = env._("Call to %(number)s at %(when)s (UTC).", number=number, when=when)
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


class HelpdeskTicket(models.Model):
    """A callback ticket closed: the callbacks of its missed calls are done, everywhere."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        res = super().write(vals)
        if vals.get("user_id"):
            self._inbox_callbacks_follow_owner()
        if "stage_id" in vals or "active" in vals:
            closed = self.filtered(lambda ticket: not ticket.inbox_open)
            if closed:
                # sudo: closing the ticket closes its calls' callbacks (callback bookkeeping
                # only, on the calls linked to the tickets the user could write)
                calls = (
                    self.env["tcx.call"].sudo()._tcx_calls_of_callback_task(self._name, closed.ids)
                )
                calls._tcx_callback_done(
                    fields.Datetime.now(), self.env._("The ticket was closed.")
                )
        return res

    def _inbox_callbacks_follow_owner(self):
        """The ticket's owner is who calls back: its pending callbacks and their one task go
        to the new owner."""
        # sudo: callback bookkeeping of the calls linked to tickets the user could write
        calls = self.env["tcx.call"].sudo()._tcx_calls_of_callback_task(self._name, self.ids)
        for call in calls:
            if call.callback_user_id != call.inbox_ticket_id.user_id:
                call.callback_user_id = call.inbox_ticket_id.user_id
        for ticket in self.filtered("user_id"):
            ticket_calls = calls.filtered(lambda c, t=ticket: c.inbox_ticket_id == t)
            tasks = ticket_calls._tcx_callback_activities().filtered(
                lambda a, user=ticket.user_id: a.user_id != user
            )
            if tasks:
                tasks.write({"user_id": ticket.user_id.id})
