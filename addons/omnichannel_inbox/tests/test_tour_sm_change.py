# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import InboxHttpCase


@tagged("post_install", "-at_install")
class TestSmChangeTour(InboxHttpCase):
    """Headless Chromium: an agent requests an address change in SM from the order panel."""

    def test_agent_requests_an_address_change(self):
        order = self._sm_order("SO26-777002", self.julie, "lie", promised="2026-12-18")
        keyer = new_test_user(self.env, login="tour-keyer", groups="sales_team.group_sale_salesman")
        self.team_lie.inbox_sm_keyer_id = keyer
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Tour: new address please",
                "description": "I moved, please deliver to my new address.",
                "team_id": self.team_lie.id,
                "partner_id": self.julie.id,
                "inbox_order_id": order.id,
                "user_id": self.agent_a.id,
            }
        )
        self.start_tour(
            "/odoo/helpdesk-inbox", "omnichannel_inbox_sm_change_tour", login="inbox-agent-a"
        )
        change = ticket.inbox_sm_change_ids
        self.assertEqual(len(change), 1)
        self.assertEqual(
            (change.kind, change.street, change.zip, change.city, change.state),
            ("address", "Chaussée de Louvain 12", "5000", "Namur", "requested"),
        )
        self.assertEqual(change.order_id, order)
        task = change.activity_id
        self.assertEqual(
            (task.res_model, task.res_id, task.user_id), ("sale.order", order.id, keyer)
        )
        self.assertIn("Chaussée de Louvain 12", task.note)
