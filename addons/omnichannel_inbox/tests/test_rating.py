# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import InboxCase, InboxHttpCase

RATE_LINK = re.compile(r"/rate/([0-9a-f-]+)/5")
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestClosingMailRating(InboxHttpCase):
    """One-click rating in the closing mail (Odoo ``rating`` through OCA helpdesk_mgmt_rating):
    the customer clicks the face in the mail, confirms on Odoo's page, the rating is on the
    ticket and on the dashboard."""

    def closed_ticket(self):
        ticket = self.email("Ma table est abîmée", body="Le plateau est rayé.")
        ticket.user_id = self.agent_a
        ticket.write({"stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id})
        self.env.flush_all()
        self.env.cr.precommit.run()  # mail tracking sends the stage's template here
        return ticket

    def test_rating_from_the_closing_mail_is_recorded(self):
        ticket = self.closed_ticket()
        mails = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        closing = mails.filtered(lambda m: RATE_LINK.search(m.body_html or ""))
        self.assertEqual(len(closing), 1, "one closing mail, with the rating links")
        self.assertIn(ticket.number, closing.subject)
        self.assertIn(self.julie, closing.recipient_ids)
        token = RATE_LINK.search(closing.body_html).group(1)

        page = self.url_open(f"/rate/{token}/5")
        self.assertEqual(page.status_code, 200)
        csrf = CSRF.search(page.text).group(1)
        answer = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": 5, "csrf_token": csrf, "feedback": "Très rapide"},
        )
        self.assertEqual(answer.status_code, 200)
        self.env.invalidate_all()
        rating = ticket.rating_ids.filtered("consumed")
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.feedback, "Très rapide")
        self.assertEqual(ticket.positive_rate_percentage, 100)
        self.assertEqual(ticket.rating_last_value, 5)

        csat = self.env["inbox.dashboard"].with_user(self.lead).get_dashboard_data(days=7)["csat"]
        self.assertGreaterEqual(csat["count"], 1)
        agent = next(r for r in csat["by_agent"] if r["name"] == self.agent_a.name)
        self.assertEqual(agent, {"name": self.agent_a.name, "count": 1, "satisfied_pct": 100.0})
        team = next(r for r in csat["by_team"] if r["name"] == self.team_web.name)
        self.assertEqual(team["count"], 1)

    def test_closing_mail_in_the_customers_language(self):
        self.julie.lang = "nl_BE"
        ticket = self.closed_ticket()
        closing = (
            self.env["mail.mail"]
            .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            .filtered(lambda m: RATE_LINK.search(m.body_html or ""))
        )
        self.assertIn("opgelost", closing.subject)

    def test_a_wrong_token_is_refused(self):
        self.closed_ticket()
        self.assertEqual(self.url_open("/rate/not-a-token/5").status_code, 404)


@tagged("post_install", "-at_install")
class TestDashboardResolutionCsat(InboxCase):
    """Resolution time (working hours, median and p90) and CSAT beside first response."""

    def test_resolution_median_and_p90(self):
        Ticket = self.env["helpdesk.ticket"]
        now = fields.Datetime.now()
        # other tickets (demo data) resolved in another period
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET inbox_resolution_date = inbox_resolution_date - "
            "interval '60 days' WHERE inbox_resolution_date IS NOT NULL"
        )
        channel = self.channel("email")
        for hours in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
            ticket = Ticket.create(
                {"name": f"h{hours}", "description": "x", "team_id": self.team_web.id}
            )
            ticket.sudo().write(
                {
                    "channel_id": channel.id,
                    "inbox_resolution_date": now - timedelta(days=1),
                    "inbox_resolution_minutes": hours * 60,
                    "inbox_resolution_status": "met" if hours <= 8 else "breached",
                }
            )
        data = self.env["inbox.dashboard"].with_user(self.lead).get_dashboard_data(days=7)
        resolution = data["resolution"]
        self.assertEqual(resolution["count"], 10)
        self.assertEqual(resolution["median_hours"], 5.5)
        self.assertEqual(resolution["p90_hours"], 9.1)
        self.assertEqual(resolution["breached"], 2)
        by_channel = {r["channel"]: r for r in resolution["by_channel"]}
        self.assertEqual(by_channel[channel.name]["count"], 10)
        self.assertIn("first_response", data)
