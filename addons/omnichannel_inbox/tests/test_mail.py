# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import tagged

from ..helpers.mail_threading import make_thread_index
from .common import ALIAS_DOMAIN, EMAIL, InboxCase

ROOT = bytes(range(1, 23))  # the 22-byte header of one Outlook conversation


@tagged("post_install", "-at_install")
class TestMailChannel(InboxCase):
    """E-mails to the teams' aliases become tickets; replies thread even when Outlook dropped
    References and In-Reply-To."""

    def test_email_opens_a_routed_ticket_that_knows_customer_and_order(self):
        ticket = self.email(
            "Où est ma commande so26 000123 ?",
            body="Bonjour, le canapé devait arriver. Julie",
        )
        self.assertTrue(ticket)
        self.assertEqual(ticket.channel_id, self.channel("email"))
        self.assertEqual(ticket.partner_id, self.julie, "identified by her e-mail address")
        self.assertEqual(ticket.inbox_order_ids, self.order)
        self.assertEqual(ticket.inbox_order_id, self.order)
        self.assertEqual(ticket.team_id, self.team_lie, "the order's showroom wins over the alias")
        self.assertIn(ticket.user_id, self.agent_a | self.agent_b)
        self.assertEqual(ticket.inbox_sla_policy_id, self.env.ref("omnichannel_inbox.sla_email"))
        self.assertTrue(ticket.inbox_sla_deadline)
        incoming = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(incoming), 1)
        self.assertEqual(incoming.inbox_channel_id, self.channel("email"), "badge of the message")
        log = self.requests_of(ticket)
        self.assertEqual(log.mapped("outcome"), ["new"])
        self.assertEqual((log.identified_by, log.routed_by), ("author", "order"))

    def test_alias_team_routes_when_no_order(self):
        ticket = self.email("Question", sender="nobody@example.net", sender_name="Nobody",
                            to=f"bruxelles@{ALIAS_DOMAIN}")  # fmt: skip
        self.assertEqual(ticket.team_id, self.team_bru)
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.partner_email, "nobody@example.net")
        self.assertEqual(ticket.inbox_sender_key, "email:nobody@example.net")

    def test_acknowledgement_sent_for_new_tickets_only(self):
        ack = self.env.ref("omnichannel_inbox.mail_template_inbox_ack")
        self.team_web.inbox_auto_ack_template_id = ack
        ticket = self.email("Livraison", sender="new.customer@example.net", sender_name="New")
        acks = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertEqual(len(acks), 1)
        self.assertIn(ticket.number, acks.subject)
        self.assertFalse(ticket.inbox_first_response_date, "an automatic answer is no response")
        self.email(f"RE: [{ticket.number}] Livraison", sender="new.customer@example.net",
                   sender_name="New")  # fmt: skip
        self.assertEqual(
            len(ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")), 1
        )
        self.team_web.inbox_auto_ack_template_id = False
        other = self.email("Autre", sender="third@example.net", sender_name="Third")
        self.assertFalse(other.message_ids.filtered(lambda m: m.message_type == "auto_comment"))

    def test_outlook_reply_without_references_threads_by_subject(self):
        ticket = self.email("Ma table", sender="marc.dubois@client.test", sender_name="Marc")
        # Outlook strips References/In-Reply-To and prefixes the subject
        reply = self.email(
            f"RE: TR: {ticket.display_name}",
            body="Merci, et pour la livraison ?",
            sender="marc.dubois@client.test",
            sender_name="Marc Dubois",
        )
        self.assertEqual(reply, ticket)
        self.assertEqual(len(ticket.message_ids.filtered(lambda m: m.message_type == "email")), 2)
        self.assertEqual(self.requests_of(ticket).mapped("outcome"), ["new", "threaded"])
        self.assertEqual(ticket.inbox_request_count, 2)

    def test_outlook_reply_threads_by_thread_index(self):
        ticket = self.email(
            "Commande en retard",
            sender="zoe@example.net",
            sender_name="Zoe",
            extra_headers={"Thread-Index": make_thread_index(ROOT), "Thread-Topic": "Commande"},
        )
        root = base64.b64encode(ROOT).decode()
        self.assertEqual(
            ticket.message_ids.filtered(lambda m: m.message_type == "email").inbox_thread_index,
            root,
        )
        reply = self.email(
            "Autre sujet sans référence",
            sender="zoe@example.net",
            sender_name="Zoe",
            extra_headers={"Thread-Index": make_thread_index(ROOT, depth=2)},
        )
        self.assertEqual(reply, ticket)
        self.assertEqual(self.requests_of(ticket)[-1].outcome, "threaded")

    def test_ticket_number_from_a_stranger_does_not_thread(self):
        ticket = self.email("Ma table", sender="marc.dubois@client.test", sender_name="Marc")
        intruder = self.email(
            f"RE: {ticket.number}", sender="someone.else@example.net", sender_name="Someone"
        )
        self.assertNotEqual(intruder, ticket)

    def test_odoo_threading_still_works_and_counts_the_reply(self):
        ticket = self.email("Première question SO26-000123")
        first = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        reply = self.email(
            "Re: something else",
            body="Et aussi la commande SO26-000456",
            extra_headers={"In-Reply-To": first.message_id, "References": first.message_id},
        )
        self.assertEqual(reply, ticket)
        # Marc's order is not Julie's: noted for the agent, not linked
        self.assertEqual(ticket.inbox_order_ids, self.order)
        self.assertTrue(ticket.message_ids.filtered(lambda m: "another customer" in (m.body or "")))
        self.assertEqual(self.requests_of(ticket).mapped("outcome"), ["new", "threaded"])

    def test_agent_reply_is_the_first_response_with_an_email_badge(self):
        ticket = self.email("Ma table", sender="marc.dubois@client.test", sender_name="Marc")
        message = ticket.with_user(self.agent_a).message_post(
            body="Bonjour, elle arrive demain.", message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )  # fmt: skip
        self.assertEqual(message.inbox_channel_id, self.channel("email"))
        self.assertEqual(ticket.inbox_first_response_date, message.date)
        self.assertEqual(ticket.inbox_sla_status, "met")
        note = ticket.with_user(self.agent_a).message_post(
            body="interne", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(note.inbox_channel_id, "internal notes carry no channel")

    def test_agent_answering_from_their_mailbox_is_a_response(self):
        ticket = self.email("Ma table", sender="marc.dubois@client.test", sender_name="Marc")
        self.agent_a.email = "alice@shop.test"
        first = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        reply = self.email(
            "Re: Ma table",
            body="Elle arrive demain.",
            sender="alice@shop.test",
            sender_name="Alice Agent",
            extra_headers={"In-Reply-To": first.message_id, "References": first.message_id},
        )
        self.assertEqual(reply, ticket)
        self.assertEqual(ticket.inbox_request_count, 1, "not a new customer request")
        self.assertEqual(ticket.inbox_sla_status, "met")
        self.assertTrue(ticket.inbox_first_response_date)


@tagged("post_install", "-at_install")
class TestThreadingSenderRule(InboxCase):
    """Issue 11 item 15: one sender rule for every threading fallback. B forwarded A's mail
    and wrote in: B's mail carries the Thread-Index (or the ticket number) of A's ticket but B
    takes no part in it, so B gets a ticket of their own."""

    def setUp(self):
        super().setUp()
        self.ticket = self.email(
            "Commande en retard",
            sender="anna@example.net",
            sender_name="Anna",
            extra_headers={"Thread-Index": make_thread_index(ROOT)},
        )
        self.bert = self.env["res.partner"].create({"name": "Bert", "email": "bert@example.net"})

    def reply(self, sender, name, subject="Autre sujet", **headers):
        return self.email(
            subject,
            sender=sender,
            sender_name=name,
            extra_headers=headers or {"Thread-Index": make_thread_index(ROOT, depth=2)},
        )

    def test_thread_index_from_a_stranger_opens_their_own_ticket(self):
        other = self.reply("bert@example.net", "Bert")
        self.assertNotEqual(other, self.ticket)
        self.assertEqual(other.partner_id, self.bert)
        self.assertEqual(self.ticket.inbox_request_count, 1, "A's ticket untouched")

    def test_subject_reference_from_a_stranger_opens_their_own_ticket(self):
        other = self.reply("bert@example.net", "Bert", subject=f"TR: {self.ticket.number}",
                           **{"X-Mailer": "Outlook"})  # fmt: skip
        self.assertNotEqual(other, self.ticket)

    def test_thread_index_from_a_follower_threads(self):
        self.ticket.message_subscribe(partner_ids=self.bert.ids)
        self.assertEqual(self.reply("bert@example.net", "Bert"), self.ticket)
        self.assertEqual(self.ticket.inbox_request_count, 2)

    def test_thread_index_and_subject_from_an_author_of_the_ticket_thread(self):
        self.ticket.message_post(
            body="Je suis le mari d'Anna", author_id=self.bert.id, message_type="comment",
            subtype_xmlid="mail.mt_note",
        )  # fmt: skip
        self.assertEqual(self.reply("bert@example.net", "Bert"), self.ticket)
        self.assertEqual(
            self.reply("Bert@Example.net", "Bert", subject=f"RE: {self.ticket.number}",
                       **{"X-Mailer": "Outlook"}),
            self.ticket,
        )  # fmt: skip

    def test_thread_index_from_the_customer_threads(self):
        self.assertEqual(self.reply("anna@example.net", "Anna"), self.ticket)


@tagged("post_install", "-at_install")
class TestAutoReplies(InboxCase):
    """Issue 11 item 14: automatic mail (RFC 3834 and what servers really send) to a team
    alias opens no ticket, gets no acknowledgement, creates no contact, starts no SLA clock;
    when it answers a ticket it is logged there."""

    AUTO_HEADERS = (
        {"Auto-Submitted": "auto-replied"},
        {"Auto-Submitted": "auto-generated; owner-email=it@example.net"},
        {"Auto-Submitted": "Auto-Notified"},
        {"X-Auto-Response-Suppress": "All"},
        {"X-Auto-Response-Suppress": "OOF, AutoReply"},
        {"Precedence": "bulk"},
        {"Precedence": "junk"},
        {"Precedence": "list"},
        {"Return-Path": "<>"},
    )

    def setUp(self):
        super().setUp()
        self.team_web.inbox_auto_ack_template_id = self.env.ref(
            "omnichannel_inbox.mail_template_inbox_ack"
        )

    def test_auto_reply_to_the_alias_is_dropped(self):
        for index, headers in enumerate(self.AUTO_HEADERS):
            with self.subTest(headers=headers):
                sender = f"ooo{index}@example.net"
                tickets_before = self.env["helpdesk.ticket"].search_count([])
                ticket = self.raw_email(headers, sender)
                self.assertFalse(ticket, "no ticket")
                self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets_before)
                self.assertFalse(
                    self.env["res.partner"].search([("email", "ilike", sender)]), "no contact"
                )
                self.assertFalse(
                    self.env["mail.mail"].sudo().search([("email_to", "ilike", sender)]),
                    "no acknowledgement",
                )

    def raw_email(self, headers, sender, subject="Absent du bureau", extra=None):
        """A mail through the gateway, with ``headers`` (a null Return-Path replaces the
        sender's); the ticket it landed in (empty when dropped)."""
        headers = {**dict(headers), **(extra or {})}
        null_path = headers.pop("Return-Path", None) == "<>"
        self._mail_counter = getattr(self, "_mail_counter", 0) + 1
        raw = EMAIL.format(
            sender=sender,
            sender_name="Out of office",
            to=f"webshop@{ALIAS_DOMAIN}",
            subject=subject,
            msg_id=f"auto-{self._mail_counter}-{id(self)}@example.com",
            extra="".join(f"{k}: {v}\n" for k, v in headers.items()),
            body="I am out of the office until Monday.",
        )
        if null_path:
            raw = raw.replace(f"Return-Path: <{sender}>", "Return-Path: <>")
        ticket_id = self.env["mail.thread"].message_process(None, raw)
        self.env.invalidate_all()
        return self.env["helpdesk.ticket"].browse(ticket_id or [])

    def test_a_person_saying_auto_submitted_no_opens_a_ticket(self):
        ticket = self.raw_email({"Auto-Submitted": "no", "Precedence": "normal"},
                                "person@example.net", subject="Ma commande")  # fmt: skip
        self.assertTrue(ticket)
        self.assertTrue(ticket.inbox_sla_deadline)
        self.assertTrue(ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment"))

    def test_auto_reply_to_a_ticket_is_logged_there_without_request_or_sla(self):
        ticket = self.email("Ma table", sender="marc.dubois@client.test", sender_name="Marc")
        ticket.inbox_sla_start_date = ticket.create_date  # the clock as it stands
        before = (ticket.inbox_request_count, ticket.inbox_sla_deadline, ticket.inbox_sla_status)
        acks = len(ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment"))
        first = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        # Marc's mailbox answers the acknowledgement by itself: threaded by References
        threaded = self.raw_email(
            {"Auto-Submitted": "auto-replied", "In-Reply-To": first.message_id,
             "References": first.message_id},
            "marc.dubois@client.test", subject="Réponse automatique : Ma table",
        )  # fmt: skip
        self.assertEqual(threaded, ticket)
        # ... and by the ticket number in the subject
        by_subject = self.raw_email(
            {"X-Auto-Response-Suppress": "All"},
            "marc.dubois@client.test",
            subject=f"Automatic reply: [{ticket.number}] Ma table",
        )
        self.assertEqual(by_subject, ticket)
        logged = ticket.message_ids.filtered(lambda m: "out of the office" in (m.body or ""))
        self.assertEqual(len(logged), 2)
        self.assertTrue(all(logged.mapped("inbox_auto_reply")), "marked as automatic mail")
        self.assertEqual(
            (ticket.inbox_request_count, ticket.inbox_sla_deadline, ticket.inbox_sla_status),
            before,
            "not a customer request: no count, the SLA clock untouched",
        )
        self.assertEqual(
            len(ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")), acks,
            "no acknowledgement to an automatic mail",
        )  # fmt: skip

    def test_auto_reply_from_a_stranger_quoting_a_ticket_is_dropped(self):
        ticket = self.email("Ma table", sender="marc.dubois@client.test", sender_name="Marc")
        dropped = self.raw_email({"Auto-Submitted": "auto-replied"}, "robot@example.net",
                                 subject=f"Auto: {ticket.number}")  # fmt: skip
        self.assertFalse(dropped)
