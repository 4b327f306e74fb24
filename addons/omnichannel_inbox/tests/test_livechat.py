# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import tagged

from .common import InboxHttpCase


@tagged("post_install", "-at_install")
class TestLiveChat(InboxHttpCase):
    """Odoo's live chat: a visitor's finished conversation becomes a ticket too."""

    def setUp(self):
        super().setUp()
        self.operator = self.agent_a
        self.operator.group_ids = [
            fields.Command.link(self.env.ref("im_livechat.im_livechat_group_user").id)
        ]
        self.env["mail.presence"]._update_presence(self.operator)
        self.livechat = self.env["im_livechat.channel"].create(
            {"name": "Web shop chat", "user_ids": [fields.Command.set(self.operator.ids)]}
        )
        self.patch(
            type(self.env["im_livechat.channel"]),
            "_compute_available_operator_ids",
            lambda channels: [setattr(c, "available_operator_ids", c.user_ids) for c in channels],
        )

    def start_live_chat(self):
        self.authenticate(None, None)  # an anonymous visitor of the web shop
        data = self.make_jsonrpc_request(
            "/im_livechat/get_session",
            {"channel_id": self.livechat.id, "previous_operator_id": self.operator.partner_id.id},
        )
        channel = self.env["discuss.channel"].browse(data["channel_id"])
        guest = channel.channel_member_ids.guest_id
        return channel, guest

    def test_finished_live_chat_becomes_a_ticket(self):
        channel, guest = self.start_live_chat()
        self.assertTrue(guest, "an anonymous visitor is a guest")
        guest.write({"name": "Visiteur Julie", "email": "julie.lambert@client.test"})
        # the visitor writes through the live chat's own route (as the guest of this session)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "discuss.channel",
                "thread_id": channel.id,
                "post_data": {
                    "body": "Bonjour, ma commande SO26-000123 ?",
                    "message_type": "comment",
                },
            },
        )
        channel.with_user(self.operator).message_post(
            body="Bonjour, elle est en retard.", message_type="comment"
        )
        channel._close_livechat_session()
        ticket = channel.inbox_ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.channel_id, self.channel("livechat"))
        self.assertEqual(ticket.partner_id, self.julie, "identified by the e-mail she gave")
        self.assertEqual(ticket.inbox_order_id, self.order)
        transcript = ticket.message_ids.filtered(
            lambda m: m.inbox_channel_id == self.channel("livechat")
        )
        self.assertIn("elle est en retard", transcript.body)
        self.assertEqual(ticket.inbox_sla_status, "met", "the operator answered in the chat")

    def test_empty_live_chat_makes_no_ticket(self):
        channel, _guest = self.start_live_chat()
        channel._close_livechat_session()
        self.assertFalse(channel.inbox_ticket_id)
