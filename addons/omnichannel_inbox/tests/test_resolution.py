# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import InboxCase

THURSDAY_10 = datetime(2026, 11, 26, 9, 0)  # Thursday 10:00 in Brussels (UTC+1)
FRIDAY_11 = datetime(2026, 11, 27, 10, 0)  # Friday 11:00 in Brussels
SUNDAY_21 = datetime(2026, 11, 29, 20, 0)  # Sunday 21:00 in Brussels
MONDAY_14 = datetime(2026, 11, 30, 13, 0)  # Monday 14:00 in Brussels


@tagged("post_install", "-at_install")
class TestResolutionClock(InboxCase):
    """Resolution target beside the first answer, on the team's hours (customer service:
    09:00-12:30 and 13:00-17:00, Monday to Friday), paused while waiting for the customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["inbox.sla.policy"].create(
            {
                "name": "E-mail web shop: answer in 1 h, resolve in 16 h",
                "channel_id": cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email").id,
                "team_ids": [(6, 0, cls.team_web.ids)],
                "target": 1,
                "target_unit": "hours",
                "resolution_target": 16,
                "resolution_unit": "hours",
            }
        )
        cls.awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    def ticket(self):
        # as the router does: the clock starts when the customer wrote, not at create_date
        with freeze_time(THURSDAY_10):
            ticket = (
                self.env["helpdesk.ticket"]
                .with_context(inbox_routing=True)
                .create(
                    {
                        "name": "Resolution test",
                        "description": "x",
                        "channel_id": self.env.ref(
                            "helpdesk_mgmt.helpdesk_ticket_channel_email"
                        ).id,
                        "team_id": self.team_web.id,
                        "partner_id": self.julie.id,
                    }
                )
            )
            ticket._inbox_sla_start(THURSDAY_10)
        return ticket

    def test_clock_paused_over_the_weekend_and_resumed(self):
        ticket = self.ticket()
        self.assertEqual(ticket.inbox_resolution_policy_id, self.policy)
        self.assertEqual(ticket.inbox_resolution_target, 16 * 60)
        # Thu 6.5 h + Fri 7.5 h + Mon 2 h: Monday 11:00 Brussels
        self.assertEqual(ticket.inbox_resolution_deadline, datetime(2026, 11, 30, 10, 0))
        self.assertEqual(ticket.inbox_resolution_status, "running")

        with freeze_time(FRIDAY_11):
            ticket.write({"stage_id": self.awaiting.id})
        self.assertEqual(ticket.inbox_resolution_status, "paused")
        self.assertFalse(ticket.inbox_resolution_deadline)
        self.assertFalse(ticket.inbox_resolution_running_since)
        self.assertEqual(ticket.inbox_resolution_consumed, 390 + 120)  # Thu 6.5 h, Fri 2 h

        with freeze_time(SUNDAY_21):
            ticket.write({"stage_id": self.in_progress.id})
        self.assertEqual(ticket.inbox_resolution_running_since, SUNDAY_21)
        self.assertEqual(ticket.inbox_resolution_status, "running")
        # 7.5 h left, counted from Monday 09:00: Monday 17:00 Brussels (the pause moved the
        # deadline by Friday's 5.5 working hours spent waiting, not by the weekend)
        self.assertEqual(ticket.inbox_resolution_deadline, datetime(2026, 11, 30, 16, 0))

        with freeze_time(MONDAY_14):
            ticket.write({"stage_id": self.done.id})
        self.assertEqual(ticket.inbox_resolution_status, "met")
        self.assertEqual(ticket.inbox_resolution_date, MONDAY_14)
        self.assertEqual(ticket.inbox_resolution_minutes, 510 + 270)  # + Mon 09:00-14:00 - lunch

    def test_reopened_ticket_runs_on(self):
        ticket = self.ticket()
        with freeze_time(FRIDAY_11):
            ticket.write({"stage_id": self.done.id})
        self.assertEqual(ticket.inbox_resolution_minutes, 510)
        with freeze_time(SUNDAY_21):
            ticket.write({"stage_id": self.in_progress.id})
        self.assertEqual(ticket.inbox_resolution_consumed, 510)
        self.assertFalse(ticket.inbox_resolution_date)
        self.assertEqual(ticket.inbox_resolution_deadline, datetime(2026, 11, 30, 16, 0))

    def test_cron_marks_at_risk_then_breached_and_escalates_once(self):
        ticket = self.ticket()
        Ticket = self.env["helpdesk.ticket"]
        # a clock that started Thursday and never paused; at risk after 75 % (12 h)
        ticket.sudo().write({"inbox_resolution_status": "running"})
        Ticket._cron_inbox_resolution(now=datetime(2026, 11, 27, 14, 30))  # Fri 15:30
        self.assertEqual(ticket.inbox_resolution_status, "at_risk")
        Ticket._cron_inbox_resolution(now=datetime(2026, 11, 30, 10, 30))
        self.assertEqual(ticket.inbox_resolution_status, "breached")
        self.assertTrue(ticket.inbox_resolution_escalated)
        Ticket._cron_inbox_resolution(now=datetime(2026, 11, 30, 11, 30))
        escalations = ticket.activity_ids.filtered(
            lambda a: "Resolution target missed" in (a.summary or "")
        )
        self.assertEqual(len(escalations), 1)
        self.assertEqual(escalations.user_id, self.lead)

    def test_agents_cannot_write_the_clock(self):
        ticket = self.ticket()
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            ticket.with_user(self.agent_a).write({"inbox_resolution_consumed": 0})
