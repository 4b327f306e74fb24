# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestPhoneChannel(InboxCase):
    """3CX calls reported through tcx_click2dial's journal (``_tcx_log_report`` ->
    ``_on_call_logged``) become callback tickets; answered calls in one click."""

    def report(self, call_type, number, start=None, **extra):
        start = start or fields.Datetime.now() - timedelta(minutes=5)
        payload = {
            "Agent": "",
            "CallType": call_type,
            "Number": number,
            "CallStartTimeUTC": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            **extra,
        }
        if call_type in ("Inbound", "Outbound"):
            payload["CallEstablishedTimeUTC"] = (start + timedelta(seconds=8)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            )
            payload["CallEndTimeUTC"] = (start + timedelta(seconds=100)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            )
            payload["Duration"] = "00:01:32"
        info = {"id": 0, "company_id": self.env.company.id, "region": "BE", "odoo_url": ""}
        _outcome, call = self.env["tcx.call"].sudo()._tcx_log_report(payload, info)
        self.env.invalidate_all()
        return call

    def test_missed_call_becomes_a_callback_ticket(self):
        # 3CX sends 32475123456 (Prefix="Off"); the contact's phone is "0475 12 34 56"
        call = self.report("Missed", "32475123456")
        ticket = call.inbox_ticket_id
        self.assertTrue(ticket, "a missed call becomes a ticket")
        self.assertEqual(ticket.channel_id, self.channel("phone"))
        self.assertEqual(ticket.partner_id, self.julie, "identified by phone in another format")
        self.assertTrue(ticket.name.startswith("Callback: Julie Lambert"))
        self.assertEqual(ticket.inbox_sla_policy_id, self.env.ref("omnichannel_inbox.sla_phone"))
        self.assertEqual(ticket.inbox_sla_status, "running")
        note = ticket.message_ids.filtered(lambda m: m.inbox_channel_id == self.channel("phone"))
        self.assertIn("Missed call", note.body)
        self.assertEqual(ticket.inbox_call_ids, call)

    def test_unknown_caller_gets_a_ticket_keyed_by_number(self):
        call = self.report("Missed", "+32 471 99 88 77")
        ticket = call.inbox_ticket_id
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.inbox_sender_key, "phone:+32471998877")
        again = self.report(
            "Missed", "0471998877", start=fields.Datetime.now() - timedelta(minutes=1)
        )
        self.assertEqual(again.inbox_ticket_id, ticket, "the same unknown caller joins the ticket")
        self.assertEqual(ticket.inbox_request_count, 2)

    def test_hidden_number_without_contact_makes_no_ticket(self):
        call = self.report("Missed", "1234")
        self.assertFalse(call.inbox_ticket_id)

    def test_answered_call_turns_into_a_ticket_in_one_click(self):
        self.agent_a.tcx_extension = "201"
        call = self.report("Inbound", "+32486112233", Agent="201")
        self.assertEqual(call.user_id, self.agent_a, "the agent who answered")
        self.assertFalse(call.inbox_ticket_id, "answered calls make tickets on demand only")
        action = call.with_user(self.agent_a).action_inbox_create_ticket()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.partner_id, self.marc)
        self.assertEqual(ticket.channel_id, self.channel("phone"))
        self.assertEqual(call.inbox_ticket_id, ticket)
        self.assertEqual(ticket.inbox_sla_status, "met", "the call itself was the answer")
        self.assertEqual(ticket.inbox_first_response_date, call.answer_date)
        again = call.with_user(self.agent_a).action_inbox_create_ticket()
        self.assertEqual(again["res_id"], ticket.id, "one click, one ticket")

    def test_calling_back_answers_the_waiting_ticket(self):
        missed = self.report("Missed", "+32486112233")
        ticket = missed.inbox_ticket_id
        self.assertEqual(ticket.inbox_sla_status, "running")
        self.report("Outbound", "+32486112233", start=fields.Datetime.now() - timedelta(minutes=1))
        self.assertEqual(ticket.inbox_sla_status, "met")
        self.assertTrue(ticket.inbox_sla_responded_date)

    def test_missed_call_of_a_customer_with_an_open_ticket_joins_it(self):
        ticket = self.email(
            "Ma table", body="?", sender="marc.dubois@client.test", sender_name="Marc"
        )
        call = self.report("Missed", "0486 11 22 33")
        self.assertEqual(call.inbox_ticket_id, ticket)
        self.assertEqual(ticket.inbox_dedup_count, 1)
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "added to this ticket" in (m.body or ""))
        )
