# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 10, second attack: orders of other customers and hand-made live chats."""

from odoo import fields
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestCitedOrders(InboxCase):
    """N3: an order number is no identification: only the customer's orders are linked."""

    def test_stranger_citing_an_order_does_not_get_it(self):
        ticket = self.email(
            "order SO26-000123", sender="stranger@evil.test", sender_name="Stranger"
        )
        self.assertFalse(ticket.inbox_order_ids | ticket.inbox_order_id)
        notes = ticket.message_ids.filtered(lambda m: "another customer" in (m.body or ""))
        self.assertTrue(notes, "the agent is told an order of someone else is mentioned")
        self.assertIn("SO26-000123", notes.body)
        self.assertTrue(notes.subtype_id.internal, "an internal note")

    def test_customer_citing_her_own_order_gets_it(self):
        ticket = self.email("ma commande SO26-000123 et SO26-000456")
        self.assertEqual(ticket.inbox_order_ids, self.order, "Marc's order is not Julie's")
        self.assertEqual(ticket.inbox_order_id, self.order)

    def test_request_joining_a_ticket_links_only_its_customers_orders(self):
        ticket = self.email("ma commande SO26-000123")
        again = self.email("et la SO26-000456 ?", msg_id="again@client.test")
        self.assertEqual(again, ticket)
        self.assertEqual(ticket.inbox_order_ids, self.order)


@tagged("post_install", "-at_install")
class TestOrderLinks(InboxCase):
    """N2: a ticket's linked orders are always its customer's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_agent = new_test_user(
            cls.env,
            login="inbox-own",
            name="Owen Own",
            groups="helpdesk_mgmt.group_helpdesk_user_own",
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Marc's", "description": "x", "partner_id": cls.marc.id,
             "user_id": cls.own_agent.id}
        )  # fmt: skip

    def test_switching_customer_in_the_same_write_is_refused(self):
        ticket = self.ticket.with_user(self.own_agent)
        with self.assertRaises(AccessError):
            ticket.write({"partner_id": self.julie.id, "inbox_order_id": self.order.id})

    def test_create_for_another_customer_is_no_oracle(self):
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.own_agent).create(
                {"name": "probe", "description": "x", "partner_id": self.julie.id,
                 "inbox_order_id": self.order.id, "user_id": self.own_agent.id}
            )  # fmt: skip

    def test_changing_the_customer_drops_the_former_customers_orders(self):
        self.ticket.write({"partner_id": self.julie.id})
        self.ticket.with_user(self.own_agent).write({"inbox_order_id": self.order.id})
        self.ticket.with_user(self.own_agent).write({"partner_id": self.marc.id})
        self.assertFalse(self.ticket.inbox_order_ids | self.ticket.inbox_order_id)

    def test_canned_reply_refuses_an_order_of_another_customer(self):
        # the system may still hold such a link (data from before this check)
        self.ticket.sudo().write({"inbox_order_id": self.order.id})
        template = self.env.ref(
            "omnichannel_inbox.mail_template_canned_delay", raise_if_not_found=False
        )
        template = template or self.env["mail.template"].search(
            [("inbox_canned", "=", True), ("model", "=", "helpdesk.ticket")], limit=1
        )
        with self.assertRaises(UserError):
            self.ticket._inbox_render_canned(template, "en_US")

    def test_merge_carries_only_the_target_customers_orders(self):
        source = self.env["helpdesk.ticket"].create(
            {"name": "Julie's", "description": "x", "partner_id": self.julie.id,
             "inbox_order_id": self.order.id, "inbox_order_ids": [fields.Command.link(self.order.id)]}
        )  # fmt: skip
        self.ticket._inbox_merge(source)
        self.assertFalse(self.ticket.inbox_order_ids | self.ticket.inbox_order_id)

    def test_being_the_customer_of_a_ticket_grants_no_order(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "mine", "description": "x", "partner_id": self.own_agent.partner_id.id}
        )
        ticket.sudo().write({"inbox_order_id": self.order.id})
        with self.assertRaises(AccessError):
            self.order.with_user(self.own_agent).check_access("read")


@tagged("post_install", "-at_install")
class TestHandMadeLiveChat(InboxCase):
    """N1: a live chat an internal user makes by hand is no customer's chat."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = new_test_user(
            cls.env, login="inbox-plain", name="Plain", groups="base.group_user"
        )
        cls.livechat = cls.env["im_livechat.channel"].create({"name": "Web shop chat"})

    def hand_made_chat(self, user):
        me = user.partner_id
        return (
            self.env["discuss.channel"]
            .with_user(user)
            .create(
                {
                    "name": "x",
                    "channel_type": "livechat",
                    "livechat_channel_id": self.livechat.id,
                    "livechat_operator_id": me.id,
                    "channel_member_ids": [
                        fields.Command.create(
                            {"partner_id": self.julie.id, "livechat_member_type": "visitor"}
                        ),
                        fields.Command.create(
                            {"partner_id": me.id, "livechat_member_type": "agent"}
                        ),
                    ],
                }
            )
        )

    def test_forged_chat_makes_no_ticket_and_no_note(self):
        self.julie_ticket = self.email("ma commande SO26-000123")  # Julie's open ticket
        count = self.julie_ticket.inbox_request_count
        messages = self.julie_ticket.message_ids
        chat = self.hand_made_chat(self.plain)
        chat.with_user(self.plain).message_post(
            body="Please refund to IBAN BE00 0000", message_type="comment", author_id=self.julie.id
        )
        chat.with_user(self.plain).write({"livechat_end_dt": fields.Datetime.now()})
        self.assertFalse(chat.inbox_ticket_id)
        self.assertEqual(self.julie_ticket.inbox_request_count, count)
        self.assertEqual(self.julie_ticket.message_ids, messages)

    def test_message_posted_as_the_customer_is_the_posters(self):
        chat = self.hand_made_chat(self.plain)
        message = chat.with_user(self.plain).message_post(
            body="Hello", message_type="comment", author_id=self.julie.id
        )
        self.assertEqual(chat._inbox_poster(message), self.plain.partner_id)
        kinds = [line[0] for line in chat._inbox_livechat_transcript()]
        self.assertEqual(kinds, ["operator"])

    def test_ticket_of_a_chat_is_not_writable(self):
        chat = self.hand_made_chat(self.plain)
        with self.assertRaises(AccessError):
            chat.with_user(self.plain).write({"inbox_ticket_id": self.email("x").id})


@tagged("post_install", "-at_install")
class TestCallerIdHijack(InboxCase):
    """N4: a contact created later with an SM customer's number does not take the number."""

    def test_sm_customer_wins_her_number(self):
        with sm_sync_writes():
            self.julie.write({"sm_id": "C-JULIE-1"})
        fake = self.env["res.partner"].create({"name": "Fake Julie", "phone": "+32 475 12 34 56"})
        rows = self.env["res.partner"]._suite_find_by_phone("0475123456")[1]
        self.assertIn(fake.id, [row["id"] for row in rows])
        self.assertEqual(rows[0]["id"], self.julie.id)
