# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

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


@tagged("post_install", "-at_install")
class TestMissedCallOwner(InboxCase):
    """One missed call, one task for one person: the callback lives on the call's ticket,
    assigned by the one rule (``tcx.call._tcx_callback_assignee``, extended by the inbox)."""

    report = TestPhoneChannel.report

    def callback_tasks(self, record):
        kind = self.env.ref("tcx_click2dial.mail_activity_type_tcx_callback")
        return self.env["mail.activity"].search(
            [
                ("activity_type_id", "=", kind.id),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
            ]
        )

    def assert_one_task(self, call):
        ticket = call.inbox_ticket_id
        task = self.callback_tasks(ticket)
        self.assertEqual(len(task), 1, "the callback is the ticket's task")
        self.assertFalse(self.callback_tasks(call), "not a second task on the call")
        self.assertEqual(call._tcx_callback_activities(), task)
        self.assertEqual(call.callback_state, "todo")
        self.assertEqual(task.user_id, ticket.user_id, "one person: the ticket's owner")
        self.assertEqual(call.callback_user_id, ticket.user_id)
        self.assertEqual(call._tcx_callback_assignee(), ticket.user_id, "the one rule")
        return task

    def test_missed_call_is_one_task_on_its_ticket_for_the_inbox_assignee(self):
        call = self.report("Missed", "+32486112233")
        task = self.assert_one_task(call)
        self.assertIn(task.user_id, self.agent_a | self.agent_b, "the inbox's balanced pick")
        again = self.report(
            "Missed", "0486 11 22 33", start=fields.Datetime.now() - timedelta(minutes=2)
        )
        self.assertEqual(again.inbox_ticket_id, call.inbox_ticket_id)
        self.assertEqual(self.assert_one_task(call), task, "the caller again: the same task")
        self.assertEqual(again.callback_user_id, task.user_id)

    def test_missed_call_joining_an_open_ticket_goes_to_its_owner(self):
        ticket = self.email(
            "Ma table", body="?", sender="marc.dubois@client.test", sender_name="Marc"
        )
        ticket.user_id = self.agent_b
        call = self.report("Missed", "0486 11 22 33")
        self.assertEqual(call.inbox_ticket_id, ticket)
        self.assertEqual(self.assert_one_task(call).user_id, self.agent_b)

    def test_ticket_nobody_got_falls_back_to_the_tcx_rule(self):
        self.teams.write({"inbox_auto_assign": False})
        self.marc.user_id = self.agent_a  # the 3CX rule: the contact's salesperson
        call = self.report("Missed", "+32486112233")
        self.assertEqual(self.assert_one_task(call).user_id, self.agent_a)
        self.assertEqual(call.inbox_ticket_id.user_id, self.agent_a, "and the ticket is theirs")

    def test_fallback_agent_outside_the_helpdesk_gets_no_ticket_task(self):
        self.teams.write({"inbox_auto_assign": False})
        phone_only = new_test_user(
            self.env, login="tcx-only", name="Tom Phone", groups="tcx_click2dial.group_tcx_agent"
        )
        self.marc.user_id = phone_only
        call = self.report("Missed", "+32486112233")
        self.assertEqual(call.callback_state, "todo")
        self.assertFalse(call.callback_user_id, "a ticket they could not open: not theirs")
        self.assertFalse(call.inbox_ticket_id.user_id, "the ticket waits in its team")
        self.assertFalse(self.callback_tasks(call.inbox_ticket_id) | self.callback_tasks(call))

    def test_reassigning_the_ticket_moves_its_callback(self):
        call = self.report("Missed", "+32486112233")
        ticket = call.inbox_ticket_id
        other = (self.agent_a | self.agent_b) - ticket.user_id
        ticket.with_user(self.lead).write({"user_id": other.id})
        self.assertEqual(self.assert_one_task(call).user_id, other)
        back = (self.agent_a | self.agent_b) - other
        call.with_user(other).write({"callback_user_id": back.id})
        self.assertEqual(ticket.user_id, back, "and back")
        self.assert_one_task(call)

    def test_logging_the_callback_closes_it_everywhere(self):
        call = self.report("Missed", "+32486112233")
        ticket = call.inbox_ticket_id
        self.assert_one_task(call)
        self.report("Outbound", "+32486112233", start=fields.Datetime.now() - timedelta(minutes=1))
        self.assertEqual(call.callback_state, "done")
        self.assertFalse(self.callback_tasks(ticket), "the ticket's callback task is done")
        self.assertFalse(call._tcx_callback_activities())
        self.assertTrue(ticket.inbox_open, "the conversation itself stays open")

    def test_closing_the_ticket_closes_the_callback(self):
        call = self.report("Missed", "+32486112233")
        ticket = call.inbox_ticket_id
        self.assert_one_task(call)
        closed = self.env["helpdesk.ticket.stage"].search([("closed", "=", True)], limit=1)
        ticket.with_user(ticket.user_id).write({"stage_id": closed.id})
        self.assertEqual(call.callback_state, "done")
        self.assertFalse(self.callback_tasks(ticket))
        self.assertFalse(call._tcx_callback_activities())

    def test_task_done_on_the_ticket_closes_the_call(self):
        call = self.report("Missed", "+32486112233")
        task = self.assert_one_task(call)
        task.with_user(task.user_id).action_feedback(feedback="Reached by e-mail.")
        self.assertEqual(call.callback_state, "done")
        self.assertTrue(call.inbox_ticket_id.inbox_open)
