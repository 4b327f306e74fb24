# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestDashboard(InboxCase):
    """The manager dashboard: open tickets by channel/team, first response median and p90,
    SLA breaches, duplicates avoided, tickets per customer."""

    def test_figures(self):
        # what the demo data did today belongs to another period
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = create_date - interval '30 days', "
            "inbox_sla_start_date = inbox_sla_start_date - interval '30 days'"
        )
        self.env.cr.execute("UPDATE inbox_request SET date = date - interval '30 days'")
        self.env.invalidate_all()
        before = self.env["inbox.dashboard"].with_user(self.lead).get_dashboard_data(days=7)
        Ticket = self.env["helpdesk.ticket"]
        now = fields.Datetime.now()
        responses = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
        for minutes in responses:
            ticket = Ticket.create(
                {"name": f"r{minutes}", "description": "x", "team_id": self.team_web.id,
                 "channel_id": self.channel("email").id, "partner_id": self.marc.id}
            )  # fmt: skip
            ticket.inbox_first_response_date = ticket.create_date + timedelta(minutes=minutes)
        breached = Ticket.create({"name": "late", "description": "x", "team_id": self.team_lie.id,
                                  "channel_id": self.channel("chat").id})  # fmt: skip
        breached.write({"inbox_sla_status": "breached", "inbox_sla_start_date": now})
        first = self.email("SO26-000123", body="?")
        self.email("encore", body="?", msg_id="again@client.test")  # joins: a duplicate avoided
        data = self.env["inbox.dashboard"].with_user(self.lead).get_dashboard_data(days=7)
        self.assertEqual(data["first_response"]["count"], 10)
        self.assertEqual(data["first_response"]["median"], 55.0)
        self.assertEqual(data["first_response"]["p90"], 91.0)
        self.assertGreaterEqual(data["sla"]["breached"], 1)
        self.assertGreaterEqual(data["sla"]["breached_open"], 1)
        self.assertEqual(data["duplicates"]["deduplicated"], 1)
        matrix = data["open_by_team_channel"]
        key = f"{self.team_web.id}:{self.channel('email').id}"
        self.assertEqual(
            matrix["cells"][key] - before["open_by_team_channel"]["cells"].get(key, 0), 10
        )
        key = f"{first.team_id.id}:{first.channel_id.id}"
        self.assertEqual(
            matrix["cells"][key] - before["open_by_team_channel"]["cells"].get(key, 0), 1
        )
        top = {row["id"]: row["tickets"] for row in data["customers"]["top"]}
        self.assertEqual(top[self.marc.id], 10)
        self.assertEqual(top[self.julie.id], 1)
        requests = {row["channel"]: row for row in data["requests_by_channel"]}
        self.assertEqual(requests[self.channel("email").name]["total"], 2)
