# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from types import SimpleNamespace

from odoo import fields
from odoo.tests import tagged

from ..helpers.iadvize import parse_conversation
from .common import InboxHttpCase

# Polls until the action's view has rendered (any JS error fails the test).
WAIT_FOR = """
const deadline = Date.now() + 20000;
(function poll() {
    if (document.querySelector('.o_action_manager %s')) {
        console.log('test successful');
    } else if (Date.now() > deadline) {
        console.error('view did not render');
    } else {
        setTimeout(poll, 100);
    }
})();
"""


@tagged("post_install", "-at_install")
class TestInboxTour(InboxHttpCase):
    """Headless Chromium: an agent works a chat ticket from the inbox."""

    def chat_ticket(self):
        order = self._sm_order(
            "SO26-777001",
            self.julie,
            "lie",
            status="awaiting_stock",
            promised="2026-12-18",
            lines=[(self.sofa, False, "2026-12-04")],
        )
        stamp = "2026-11-23T09:00:00.000Z"
        conversation = {
            "id": "tour-conversation",
            "channel": "CHAT",
            "createdAt": stamp,
            "closedAt": stamp,
            "language": "en",
            "visitor": {"firstName": "Julie", "email": "julie.lambert@client.test"},
            "customData": [],
            "messages": {"edges": [{"node": {
                "id": "1", "createdAt": stamp, "author": {"__typename": "Visitor"},
                "text": "Tour chat about SO26-777001: when will my sofa arrive?",
            }}]},
        }  # fmt: skip
        connection = self.env["inbox.iadvize.connection"].create(
            {"name": "tour", "project_id": "tour", "api_url": "http://127.0.0.1:9"}
        )
        event = SimpleNamespace(visitor_id="v1", received_date=fields.Datetime.now())
        ticket, _outcome = connection._inbox_chat_ticket(parse_conversation(conversation), event)
        self.assertEqual(ticket.inbox_order_id, order)
        return ticket

    def test_agent_answers_a_chat_with_a_canned_reply(self):
        ticket = self.chat_ticket()
        self.start_tour("/odoo/helpdesk-inbox", "omnichannel_inbox_tour", login="inbox-agent-a")
        reply = ticket.message_ids.filtered(
            lambda m: m.author_id == self.agent_a.partner_id and m.message_type == "comment"
        )
        self.assertEqual(len(reply), 1, "the canned reply was sent from the ticket")
        self.assertIn("12/18/2026", reply.body, "filled with the order's promised date")
        self.assertIn(ticket.number, reply.subject)
        self.assertEqual(reply.inbox_channel_id, self.channel("email"))
        self.assertEqual(ticket.inbox_first_response_date, reply.date)

    def test_dashboard_and_views_render_for_a_manager(self):
        self.chat_ticket()
        self.email("Ma commande SO26-000123", body="?")
        for action, selector in (
            ("omnichannel_inbox.action_inbox_dashboard", ".o_inbox_dashboard .o_inbox_matrix"),
            ("omnichannel_inbox.action_inbox", ".o_kanban_view .o_kanban_record"),
            ("omnichannel_inbox.action_inbox_request", ".o_list_view .o_data_row"),
            ("omnichannel_inbox.action_inbox_sla_policy", ".o_list_view .o_data_row"),
            ("omnichannel_inbox.action_inbox_possible_duplicates", ".o_list_view"),
        ):
            with self.subTest(action=action):
                self.browser_js(f"/odoo/action-{action}", WAIT_FOR % selector, login="inbox-lead")
