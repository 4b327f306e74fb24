# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import InboxCase


@tagged("post_install", "-at_install")
class TestReplyToClosedTicket(InboxCase):
    """A customer's e-mail reply to a closed ticket, through the real mail gateway: reopen
    within the team's grace period, a new linked ticket after it, nothing for a thanks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")

    def closed_ticket(self, days_ago):
        ticket = self.email("Ma table est abîmée", body="Le plateau est rayé.")
        ticket.write({"stage_id": self.done.id})
        # helpdesk_mgmt stamps closed_date with now: move it back in time
        ticket.closed_date = fields.Datetime.now() - timedelta(days=days_ago)
        self.assertFalse(ticket.inbox_open)
        return ticket

    def reply(self, ticket, body):
        first = ticket.message_ids.filtered(lambda m: m.message_type == "email")[-1:]
        return self.email(
            f"Re: {ticket.name}",
            body=body,
            extra_headers={"In-Reply-To": first.message_id, "References": first.message_id},
        )

    def test_reply_within_grace_period_reopens(self):
        ticket = self.closed_ticket(days_ago=3)
        landed = self.reply(ticket, "Le nouveau plateau est aussi rayé.")
        self.assertEqual(landed, ticket)
        self.assertTrue(ticket.inbox_open)
        self.assertEqual(ticket.stage_id, self.in_progress)
        self.assertTrue(ticket.message_ids.filtered(lambda m: "Reopened" in (m.body or "")))
        self.assertFalse(ticket.inbox_derived_ticket_ids)

    def test_reply_after_grace_period_opens_a_linked_ticket(self):
        ticket = self.closed_ticket(days_ago=10)
        count = self.env["helpdesk.ticket"].search_count([])
        self.reply(ticket, "Bonjour, le pied de la table est maintenant cassé.")
        self.env.invalidate_all()
        self.assertFalse(ticket.inbox_open, "the closed ticket stays closed")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count + 1)
        new = ticket.inbox_derived_ticket_ids
        self.assertEqual(len(new), 1)
        self.assertEqual(new.inbox_origin_ticket_id, ticket)
        self.assertEqual(new.inbox_origin_kind, "follow_up")
        self.assertEqual(new.partner_id, self.julie)
        self.assertIn("pied de la table", new.description)
        self.assertTrue(new.inbox_open)
        self.assertTrue(new.message_ids.filtered(lambda m: ticket.number in (m.body or "")))
        self.assertTrue(ticket.message_ids.filtered(lambda m: new.number in (m.body or "")))

    def test_grace_period_is_the_teams(self):
        self.team_web.inbox_reopen_days = 2
        ticket = self.closed_ticket(days_ago=3)
        self.reply(ticket, "Toujours pas réglé.")
        self.assertFalse(ticket.inbox_open)
        self.assertTrue(ticket.inbox_derived_ticket_ids)

    def test_short_thanks_reopens_nothing(self):
        ticket = self.closed_ticket(days_ago=1)
        count = self.env["helpdesk.ticket"].search_count([])
        status = ticket.inbox_sla_status
        landed = self.reply(ticket, "Merci beaucoup, bonne journée !")
        self.assertEqual(landed, ticket)
        self.assertFalse(ticket.inbox_open)
        self.assertEqual(ticket.stage_id, self.done)
        self.assertEqual(ticket.inbox_sla_status, status, "no new SLA clock for a thanks")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        self.assertTrue(ticket.message_ids.filtered(lambda m: "Merci beaucoup" in (m.body or "")))

    def test_thanks_after_grace_period_opens_nothing_either(self):
        ticket = self.closed_ticket(days_ago=30)
        count = self.env["helpdesk.ticket"].search_count([])
        self.reply(ticket, "Bedankt!")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        self.assertFalse(ticket.inbox_derived_ticket_ids)

    def test_reply_to_a_ticket_waiting_for_the_customer_brings_it_back(self):
        ticket = self.email("Ma table", body="Le plateau est rayé.")
        ticket.write({"stage_id": self.awaiting.id})
        self.assertTrue(ticket.inbox_waiting_since)
        self.reply(ticket, "Voici les photos demandées.")
        self.assertEqual(ticket.stage_id, self.in_progress)
        self.assertFalse(ticket.inbox_waiting_since)


@tagged("post_install", "-at_install")
class TestWaitingForTheCustomer(InboxCase):
    """Tickets waiting for the customer: one reminder after N days, then closed (cron)."""

    def test_one_reminder_then_closed_idempotent(self):
        self.team_web.write({"inbox_waiting_reminder_days": 3, "inbox_waiting_close_days": 4})
        ticket = self.email("Ma table", body="Le plateau est rayé.")
        ticket.write({"stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting").id})
        since = ticket.inbox_waiting_since
        Ticket = self.env["helpdesk.ticket"]

        reminded, closed = Ticket._cron_inbox_waiting(now=since + timedelta(days=2))
        self.assertNotIn(ticket, reminded)

        reminded, closed = Ticket._cron_inbox_waiting(now=since + timedelta(days=3, hours=1))
        self.assertIn(ticket, reminded)
        self.assertNotIn(ticket, closed)
        reminders = ticket.message_ids.filtered(
            lambda m: "waiting for your answer" in (m.subject or "")
        )
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.partner_ids, self.julie)
        # the cron runs again: no second reminder
        reminded, closed = Ticket._cron_inbox_waiting(now=since + timedelta(days=3, hours=2))
        self.assertNotIn(ticket, reminded)
        self.assertEqual(
            len(
                ticket.message_ids.filtered(
                    lambda m: "waiting for your answer" in (m.subject or "")
                )
            ),
            1,
        )
        self.assertTrue(ticket.inbox_open)

        reminded, closed = Ticket._cron_inbox_waiting(
            now=ticket.inbox_waiting_reminded_date + timedelta(days=4, hours=1)
        )
        self.assertIn(ticket, closed)
        self.assertFalse(ticket.inbox_open)
        self.assertEqual(ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done"))
        reminded, closed = Ticket._cron_inbox_waiting(
            now=fields.Datetime.now() + timedelta(days=30)
        )
        self.assertNotIn(ticket, closed | reminded)

    def test_reminder_in_the_customers_language(self):
        self.julie.lang = "fr_BE"
        ticket = self.email("Ma table", body="Le plateau est rayé.")
        ticket.write({"stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting").id})
        self.env["helpdesk.ticket"]._cron_inbox_waiting(
            now=ticket.inbox_waiting_since + timedelta(days=10)
        )
        reminder = ticket.message_ids.filtered(lambda m: f"[{ticket.number}]" in (m.subject or ""))
        self.assertTrue(reminder)
        self.assertIn("attendons votre réponse", reminder[0].subject)
