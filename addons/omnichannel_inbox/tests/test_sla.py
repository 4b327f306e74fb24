# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import InboxCase

FRIDAY_16 = datetime(2026, 11, 27, 15, 0)  # Friday 16:00 in Brussels (UTC+1)
SATURDAY_1820 = datetime(2026, 11, 28, 17, 20)  # Saturday 18:20 in Brussels


@tagged("post_install", "-at_install")
class TestSla(InboxCase):
    """SLA per channel and priority on the team's working hours; at risk, breached, escalated."""

    def ticket(self, channel, team, priority="1", **vals):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "SLA test",
                "description": "x",
                "channel_id": self.channel(channel).id,
                "team_id": team.id,
                "priority": priority,
                **vals,
            }
        )

    def test_email_one_business_day_on_customer_service_hours(self):
        ticket = self.ticket("email", self.team_web)
        ticket._inbox_sla_start(FRIDAY_16)
        # Fri 16:00-17:00, Mon 09:00-12:30 and 13:00-16:00 (Brussels): 7.5 working hours
        self.assertEqual(ticket.inbox_sla_deadline, datetime(2026, 11, 30, 15, 0))
        self.assertEqual(ticket.inbox_sla_policy_id, self.env.ref("omnichannel_inbox.sla_email"))
        expected = "breached" if fields.Datetime.now() >= ticket.inbox_sla_deadline else "running"
        self.assertEqual(ticket.inbox_sla_status, expected)

    def test_chat_minutes_on_showroom_hours_skip_sunday(self):
        ticket = self.ticket("chat", self.team_lie)
        ticket._inbox_sla_start(SATURDAY_1820)
        # 10 minutes on Saturday (closes 18:30), 20 on Monday from 10:00
        self.assertEqual(ticket.inbox_sla_deadline, datetime(2026, 11, 30, 9, 20))
        self.assertEqual(ticket.inbox_sla_at_risk_date, datetime(2026, 11, 30, 9, 12, 30))

    def test_phone_callback_hours_skip_public_holidays(self):
        calendar = self.env.ref("omnichannel_inbox.calendar_customer_service")
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 11, 29, 23, 0),  # Monday 00:00 Brussels
                "date_to": datetime(2026, 11, 30, 23, 0),
            }
        )
        ticket = self.ticket("phone", self.team_web)
        ticket._inbox_sla_start(FRIDAY_16)
        # 1 h on Friday, Monday is closed, 3 h on Tuesday: 09:00-12:00 local
        self.assertEqual(ticket.inbox_sla_deadline, datetime(2026, 12, 1, 11, 0))

    def test_policy_by_priority_and_team(self):
        urgent = self.ticket("email", self.team_web, priority="3")
        urgent._inbox_sla_start(FRIDAY_16)
        self.assertEqual(
            urgent.inbox_sla_policy_id, self.env.ref("omnichannel_inbox.sla_email_urgent")
        )
        # 4 working hours: 1 on Friday, 09:00-12:00 on Monday (Brussels)
        self.assertEqual(urgent.inbox_sla_deadline, datetime(2026, 11, 30, 11, 0))
        special = self.env["inbox.sla.policy"].create(
            {
                "name": "Liège e-mails: 2 hours",
                "channel_id": self.channel("email").id,
                "team_ids": [fields.Command.link(self.team_lie.id)],
                "target": 2,
                "target_unit": "hours",
            }
        )
        lie = self.ticket("email", self.team_lie)
        lie._inbox_sla_start(FRIDAY_16)
        self.assertEqual(lie.inbox_sla_policy_id, special, "a team's own policy first")
        web = self.ticket("email", self.team_web)
        web._inbox_sla_start(FRIDAY_16)
        self.assertEqual(web.inbox_sla_policy_id, self.env.ref("omnichannel_inbox.sla_email"))

    def test_no_policy_no_sla(self):
        ticket = self.ticket("other", self.team_web)
        self.assertEqual(ticket.inbox_sla_status, "none")
        self.assertFalse(ticket.inbox_sla_deadline)

    def test_at_risk_breached_and_escalated_to_the_team_lead(self):
        # started an hour ago: the cron replays the half hour that followed, the answer is late
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=1)
        ticket = self.ticket("chat", self.team_web)
        policy = self.env.ref("omnichannel_inbox.sla_chat")
        policy.use_working_hours = False  # round the clock: the test runs any day
        ticket._inbox_sla_start(start)
        self.assertEqual(ticket.inbox_sla_deadline, start + timedelta(minutes=30))
        ticket.inbox_sla_status = "running"  # as it was when the hour started
        Policy = self.env["inbox.sla.policy"]
        Policy._cron_check_deadlines(now=start + timedelta(minutes=10))
        self.assertEqual(ticket.inbox_sla_status, "running")
        Policy._cron_check_deadlines(now=start + timedelta(minutes=23))
        self.assertEqual(ticket.inbox_sla_status, "at_risk")
        self.assertIn(
            ticket, self.env["helpdesk.ticket"].search([("inbox_sla_status", "=", "at_risk")])
        )
        Policy._cron_check_deadlines(now=start + timedelta(minutes=31))
        self.assertEqual(ticket.inbox_sla_status, "breached")
        activity = ticket.activity_ids
        self.assertEqual(activity.user_id, self.lead, "escalated to the team lead")
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("omnichannel_inbox.mail_activity_type_sla_escalation"),
        )
        Policy._cron_check_deadlines(now=start + timedelta(minutes=40))
        self.assertEqual(len(ticket.activity_ids), 1, "escalated once")
        # a late answer keeps the breach on record
        ticket.with_user(self.agent_a).message_post(
            body="Sorry!", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(ticket.inbox_sla_status, "breached")
        self.assertTrue(ticket.inbox_sla_responded_date)

    def test_the_watch_writes_only_the_clocks_whose_status_changed(self):
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=1)
        self.env.ref("omnichannel_inbox.sla_chat").use_working_hours = False
        moving, steady = self.ticket("chat", self.team_web), self.ticket("chat", self.team_web)
        (moving | steady)._inbox_sla_start(start)
        moving.inbox_sla_status = "running"
        steady.inbox_sla_status = "at_risk"  # as the watch left it a moment ago
        self.env.flush_all()
        writer = steady.write_uid
        self.assertNotEqual(writer, self.agent_a)
        # the watch runs as another user here: write_uid tells which rows it wrote
        Policy = self.env["inbox.sla.policy"].with_user(self.agent_a)
        Policy._cron_check_deadlines(now=start + timedelta(minutes=25))
        self.env.flush_all()
        self.assertEqual((moving | steady).mapped("inbox_sla_status"), ["at_risk", "at_risk"])
        self.assertEqual(moving.write_uid, self.agent_a)
        self.assertEqual(steady.write_uid, writer, "an unchanged status is not written")
        self.assertFalse(moving.activity_ids | steady.activity_ids, "at risk: no escalation yet")
        breached = (moving | steady)._inbox_clock_refresh("sla", start + timedelta(minutes=31))
        self.assertEqual(breached, moving | steady, "breached, not escalated yet: the caller's")
        breached._inbox_escalate()
        self.assertFalse(
            (moving | steady)._inbox_clock_refresh("sla", start + timedelta(minutes=40)),
            "escalated once",
        )

    def test_answer_in_time_is_met_and_a_new_request_restarts_the_clock(self):
        ticket = self.email("Question", body="?")
        self.assertEqual(ticket.inbox_sla_status, "running")
        ticket.with_user(self.agent_b).message_post(
            body="Answer", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(ticket.inbox_sla_status, "met")
        first_response = ticket.inbox_first_response_date
        self.email(f"RE: {ticket.display_name}", body="Thanks, and?", msg_id="again@client.test")
        self.assertEqual(ticket.inbox_sla_status, "running", "the customer waits again")
        self.assertFalse(ticket.inbox_sla_responded_date)
        self.assertEqual(ticket.inbox_first_response_date, first_response, "kept for the metrics")
