# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import InboxMixin


@tagged("post_install", "-at_install")
class TestCustomer360Panel(InboxMixin, HttpCase):
    """Headless Chromium: the 360 side panel on a ticket, for an agent without Sales rights,
    and its *Open* (the client action, logged as a ``customer_360`` usage event)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_inbox()
        cls.desk = new_test_user(
            cls.env,
            login="c360-desk-tour",
            password="c360-desk-tour",
            name="Dora Desk",
            groups="helpdesk_mgmt.group_helpdesk_user,tcx_click2dial.group_tcx_agent",
        )
        cls.team_web.write({"user_ids": [fields.Command.link(cls.desk.id)]})

    def test_panel_on_ticket_then_open(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Where is my sofa?",
                "description": "Hello",
                "partner_id": self.julie.id,
                "team_id": self.team_web.id,
                "user_id": self.desk.id,
            }
        )
        self.assertFalse(self.desk.has_group("sales_team.group_sale_salesman"))
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "suite_base_customer_360_panel",
            login="c360-desk-tour",
        )
        event = self.env["suite.usage.event"].search([("user_id", "=", self.desk.id)])
        self.assertEqual((event.kind, event.res_id), ("customer_360", self.julie.id))
