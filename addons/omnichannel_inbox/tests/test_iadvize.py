# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import time
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PROJECT, SECRET, InboxHttpCase

MESSAGES = [
    ("visitor", "Bonjour, ma commande SO26-000123 a du retard ?"),
    ("operator", "Je regarde : le canapé est attendu début décembre."),
    ("visitor", "Merci !"),
]


@tagged("post_install", "-at_install")
class TestIAdvizeWebhook(InboxHttpCase):
    """Signed webhooks from the iAdvize simulator to this Odoo, then the queue fetching the
    transcript from the simulator's GraphQL API."""

    def setUp(self):
        super().setUp()
        self.start_iadvize()

    def events(self):
        return self.env["inbox.inbound.event"].search([("connection_id", "=", self.connection.id)])

    def test_closed_conversation_becomes_a_ticket_with_its_transcript(self):
        cid = self.chat(
            MESSAGES,
            # the visitor typed her number another way than the contact's "0475 12 34 56"
            visitor={"firstName": "Julie", "lastName": "L.", "phoneNumber": "+32475123456"},
            custom_data={"page": "/compte/commandes"},
        )
        started = time.perf_counter()
        delivery = self.webhook(cid)
        elapsed = time.perf_counter() - started
        self.assertEqual(delivery.status, 202, delivery.attempts[-1].body)
        self.assertEqual(delivery.json()["status"], "accepted")
        self.assertLess(elapsed, 2.0, "the endpoint answers at once (the fetch is queued)")
        event = self.events()
        self.assertEqual((event.state, event.external_id), ("pending", cid))
        self.assertEqual(self.sim.store.counters["graphql"], 0, "no GraphQL call before the queue")

        self.assertEqual(self.process_events(), 1)
        self.assertEqual(event.state, "done")
        ticket = event.ticket_id
        self.assertEqual(ticket.channel_id, self.channel("chat"))
        self.assertEqual(ticket.partner_id, self.julie, "identified by phone in another format")
        self.assertEqual(ticket.inbox_order_id, self.order)
        self.assertEqual(ticket.team_id, self.team_lie)
        self.assertEqual(ticket.inbox_external_ref, cid)
        self.assertTrue(ticket.name.startswith("Chat: Bonjour"))
        transcript = ticket.message_ids.filtered(
            lambda m: m.inbox_channel_id == self.channel("chat")
        )
        self.assertEqual(len(transcript), 1)
        for _author, text in MESSAGES:
            self.assertIn(text.replace("'", "&#39;"), transcript.body)
        self.assertIn("/compte/commandes", transcript.body, "custom data kept")
        # a French chat; the install loads French (fr_BE) for the retailer's customers
        self.assertEqual(ticket.inbox_lang, "fr_BE")
        self.assertEqual(ticket.inbox_sla_status, "met", "an operator answered in the chat")
        self.assertTrue(ticket.inbox_first_response_date)
        self.assertEqual(event.outcome, "new")

    def test_event_stored_on_the_first_try(self):
        """The webhook route is read-write: before, auth="none" gave it a read-only cursor,
        the INSERT failed ("bad query" logged) and Odoo replayed the whole request."""
        cid = self.chat(MESSAGES)
        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            self.assertEqual(self.webhook(cid).status, 202)
        self.assertEqual(len(self.events()), 1)

    def test_iadvize_channels_map_to_ticket_channels(self):
        """WhatsApp, Messenger and SMS conversations get their own ticket channel (badge, SLA,
        team), not Chat; a channel nobody mapped (MOBILE_APP) stays Chat."""
        expected = {
            "WHATSAPP": self.env.ref("omnichannel_inbox.channel_whatsapp"),
            "FACEBOOK_BUSINESS_ON_MESSENGER": self.env.ref("omnichannel_inbox.channel_messenger"),
            "SMS": self.env.ref("omnichannel_inbox.channel_sms"),
            "VIDEO": self.channel("chat"),
            "MOBILE_APP": self.channel("chat"),
        }
        for number, (iadvize_channel, channel) in enumerate(expected.items()):
            with self.subTest(iadvize_channel=iadvize_channel):
                visitor = {"firstName": f"Visitor {number}", "email": f"v{number}@visitor.test"}
                cid = self.chat(MESSAGES[:1], visitor=visitor, channel=iadvize_channel)
                self.assertEqual(self.webhook(cid).status, 202)
                self.assertEqual(self.process_events(), 1)
                ticket = self.events().filtered(lambda e, cid=cid: e.external_id == cid).ticket_id
                self.assertEqual(ticket.channel_id, channel)
                transcript = ticket.message_ids.filtered(
                    lambda m, channel=channel: m.inbox_channel_id == channel
                )
                self.assertEqual(len(transcript), 1, "the transcript carries the channel's badge")

    def _langs(self):
        return [code for code, _name in self.env["res.lang"].get_installed()]

    def test_bad_or_missing_signature_is_refused(self):
        cid = self.chat(MESSAGES)
        bad = self.webhook(cid, bad_signature=True)
        self.assertEqual(bad.status, 401)
        self.assertEqual(bad.json()["error"], "invalid_signature")
        missing = self.webhook(cid, signature="")
        self.assertEqual(missing.status, 401)
        self.assertEqual(missing.json()["error"], "missing_signature")
        other_secret = self.webhook(cid, signature="sha256=" + "0" * 64)
        self.assertEqual(other_secret.status, 401)
        self.assertFalse(self.events(), "nothing stored before the signature is checked")

    def test_replay_is_ignored(self):
        cid = self.chat(MESSAGES)
        first = self.webhook(cid)
        self.assertEqual(first.status, 202, first.attempts[-1].body[:3000])
        replay = self.webhook(payload=first.payload)  # same body, signed again: a replay
        self.assertEqual(replay.status, 200)
        self.assertEqual(replay.json()["status"], "duplicate")
        again = self.webhook(cid)  # iAdvize's retry of the same close: new eventId, same key
        self.assertEqual(again.json()["status"], "duplicate")
        self.assertEqual(len(self.events()), 1)
        self.process_events()
        self.assertEqual(len(self.events().ticket_id), 1)
        self.assertEqual(self.process_events(), 0, "nothing left to process")
        stale = {**first.payload, "sentAt": "2020-01-01T00:00:00.000Z", "conversationId": "old-1"}
        old = self.webhook(payload=stale)
        self.assertEqual((old.status, old.json()["error"]), (422, "stale_event"))
        # processed events are purged after 90 days; failed ones are kept
        self.events().received_date = fields.Datetime.now() - timedelta(days=91)
        self.env["inbox.inbound.event"]._gc_done_events()
        self.assertFalse(self.events())

    def test_malformed_bodies_answer_400_with_a_reason(self):
        not_json = self.webhook(raw_body=b"{this is not json")
        self.assertEqual((not_json.status, not_json.json()["error"]), (400, "invalid_json"))
        array = self.webhook(raw_body=b"[1, 2]")
        self.assertEqual(array.status, 400)
        payload = {"eventType": "v2.conversation.closed", "projectId": int(PROJECT)}
        missing = self.webhook(raw_body=json.dumps(payload).encode())
        self.assertEqual(missing.status, 400)
        self.assertEqual(missing.json()["field"], "conversationId")
        self.assertFalse(self.events())

    def test_other_project_and_other_event_types(self):
        cid = self.chat(MESSAGES)
        payload = self.sim.closed_event(cid)
        wrong_project = self.webhook(payload={**payload, "projectId": 999})
        self.assertEqual(wrong_project.status, 403)
        pushed = self.webhook(payload={**payload, "eventType": "v2.conversation.pushed"})
        self.assertEqual(pushed.status, 202)
        self.assertEqual(pushed.json()["status"], "ignored")
        self.assertFalse(self.events())

    def test_graphql_failure_is_retried_without_losing_the_event(self):
        cid = self.chat(MESSAGES, visitor={"email": "julie.lambert@client.test"})
        self.webhook(cid)
        event = self.events()
        self.sim.faults.add("status", "/graphql", count=1, status=503)
        self.assertEqual(self.process_events(), 0)
        self.assertEqual(event.state, "pending", "kept for a later attempt")
        self.assertEqual(event.attempts, 1)
        self.assertIn("503", event.last_error)
        self.assertGreater(event.next_attempt_date, fields.Datetime.now())
        self.assertEqual(self.process_events(), 0, "not retried before its backoff")
        # the backoff passes, iAdvize answers again
        event.next_attempt_date = fields.Datetime.now() - timedelta(seconds=1)
        self.assertEqual(self.process_events(), 1)
        self.assertEqual(event.state, "done")
        self.assertEqual(event.ticket_id.partner_id, self.julie)

    def test_slow_answers_and_revoked_token(self):
        cid = self.chat(MESSAGES)
        self.webhook(cid)
        self.sim.faults.add("slow", "/graphql", seconds=0.5)
        self.sim.store.revoke_tokens()
        self.assertEqual(self.process_events(), 1)

    def test_failing_event_is_kept_for_a_manager(self):
        cid = self.chat(MESSAGES)
        self.webhook(cid)
        event = self.events()
        self.sim.faults.add("status", "/graphql", count=10, status=500)
        for _attempt in range(3):
            event.next_attempt_date = fields.Datetime.now() - timedelta(seconds=1)
            self.process_events()
        self.assertEqual((event.state, event.attempts), ("failed", 3))
        self.sim.faults.clear()
        event.action_retry()
        self.assertEqual(event.state, "pending")
        self.assertEqual(self.process_events(), 1)
        self.assertEqual(event.state, "done")

    def test_chat_of_a_customer_with_an_open_ticket_joins_it(self):
        ticket = self.email("Ma commande SO26-000123", body="Où est-elle ?")
        cid = self.chat(MESSAGES, visitor={"email": "Julie.Lambert@client.test"})
        self.webhook(cid)
        self.process_events()
        event = self.events()
        self.assertEqual(event.ticket_id, ticket)
        self.assertEqual(event.outcome, "deduplicated")
        self.assertEqual(ticket.inbox_request_count, 2)
        note = ticket.message_ids.filtered(lambda m: "added to this ticket" in (m.body or ""))
        self.assertEqual(note.inbox_channel_id, self.channel("chat"))

    def test_secrets_are_admin_only(self):
        agent = self.agent_a
        connection = self.connection.with_user(self.lead)
        self.assertEqual(connection.project_id, PROJECT)
        with self.assertRaises(AccessError):
            connection.read(["webhook_secret"])
        with self.assertRaises(AccessError):
            self.connection.with_user(agent).read(["name"])
        self.assertEqual(self.connection.webhook_secret, SECRET)
