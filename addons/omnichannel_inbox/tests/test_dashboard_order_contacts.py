# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.tests import tagged

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestDashboardOrderContacts(InboxCase):
    """ "Where is my order?" tickets per order, before and after a message went automatic."""

    def _event(self, order, when, key):
        with sm_sync_writes():
            event = self.env["sm.order.event"].create(
                {"order_id": order.id, "event_type": "delay", "key": key, "state": "sent"}
            )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sm_order_event SET create_date = %s WHERE id = %s", (when, event.id)
        )
        return event

    def _ticket(self, order, when):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Where is my order?", "description": "?", "inbox_order_id": order.id}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s", (when, ticket.id)
        )
        return ticket

    def test_tickets_per_order_before_and_after_the_switch(self):
        now = fields.Datetime.now()
        switch = now - timedelta(days=10)
        delay = self.env.ref("sm_connector.event_type_delay")
        delay.write({"mode": "prepare"})
        delay.write({"mode": "auto"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sm_order_event_type SET auto_since = %s WHERE id = %s", (switch, delay.id)
        )
        before_order, after_order = self.order, self.order_gan
        self._event(before_order, switch - timedelta(days=5), "delay:a")
        self._ticket(before_order, switch - timedelta(days=4))
        self._ticket(before_order, switch - timedelta(days=3))
        self._event(after_order, switch + timedelta(days=2), "delay:b")
        # a ticket long after the event is another matter; one on an order without an event too
        self._ticket(after_order, switch + timedelta(days=30))
        self.env.invalidate_all()
        data = self.env["inbox.dashboard"].with_user(self.lead).get_dashboard_data(days=30)
        row = next(r for r in data["order_contacts"] if r["event_type"] == "delay")
        self.assertEqual(row["auto_since"], switch.date().isoformat())
        self.assertEqual(row["before"], {"orders": 1, "tickets": 2, "per_order": 2.0})
        self.assertEqual(row["after"], {"orders": 1, "tickets": 0, "per_order": 0.0})
