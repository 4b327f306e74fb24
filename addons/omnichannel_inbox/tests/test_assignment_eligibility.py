# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from ..helpers.request import IntakeRequest
from .common import InboxCase


@tagged("post_install", "-at_install")
class TestAssignmentEligibility(InboxCase):
    """Assignment gives the ticket to a team member who can answer it: language, skill,
    not on leave, under the channel's capacity; nobody: the team lead is told once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lang = cls.env["res.lang"].with_context(active_test=False)
        for code in ("fr_BE", "nl_BE"):
            Lang._activate_lang(code)
        cls.fr = Lang._lang_get("fr_BE")
        cls.nl = Lang._lang_get("nl_BE")
        cls.sav = cls.env.ref("omnichannel_inbox.tag_skill_after_sales")
        # Alice answers in French only, Bruno in Dutch and French
        cls.agent_a.inbox_lang_ids = cls.fr
        cls.agent_b.inbox_lang_ids = cls.fr | cls.nl

    def route(self, channel="chat", **values):
        req = IntakeRequest(
            channel=channel,
            company_id=self.env.company.id,
            received=fields.Datetime.now(),
            **values,
        )
        Ticket = self.env["helpdesk.ticket"]

        def create(vals):
            return Ticket.with_context(inbox_routing=True).create(
                {**vals, "description": values.get("text") or "x"}
            )

        return self.env["inbox.router"]._route(req, create)[0]

    def lead_tasks(self, ticket):
        kind = self.env.ref("omnichannel_inbox.mail_activity_type_inbox_unassigned")
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_language_of_the_request_or_guessed_from_the_text(self):
        self.assertEqual(self.route(name="Piet", lang="nl").user_id, self.agent_b)
        self.assertEqual(self.route(name="Piet 2", lang="nl").user_id, self.agent_b)
        guessed = self.route(name="Anneke", text="Goedendag, wanneer komt mijn bestelling? Bedankt")
        self.assertEqual(guessed.user_id, self.agent_b, "Dutch, guessed from the text")
        french = self.route(name="Jean", lang="fr")
        self.assertEqual(french.user_id, self.agent_a, "both speak French: the least loaded")

    def test_skill_tag_of_the_ticket(self):
        self.agent_b.inbox_skill_ids = self.sav
        Ticket = self.env["helpdesk.ticket"]
        # Bruno is busier, but he is the one with the after-sales skill
        for _i in range(3):
            Ticket.create({"name": "old", "description": "x", "team_id": self.team_web.id,
                           "user_id": self.agent_b.id})  # fmt: skip
        ticket = Ticket.with_context(inbox_routing=True).create(
            {
                "name": "Pied cassé",
                "description": "x",
                "team_id": self.team_web.id,
                "category_id": self.env.ref("omnichannel_inbox.category_after_sales").id,
            }
        )
        self.env["inbox.router"].sudo()._inbox_assign(ticket)
        self.assertEqual(ticket.user_id, self.agent_b)
        plain = self.route(name="Question", lang="fr")
        self.assertEqual(plain.user_id, self.agent_a, "no skill needed: the least loaded")

    def test_agent_on_leave_is_skipped(self):
        now = fields.Datetime.now()
        resource = self.env["resource.resource"].create(
            {"name": self.agent_a.name, "user_id": self.agent_a.id}
        )
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holidays",
                "resource_id": resource.id,
                "calendar_id": self.team_web._inbox_calendar().id,
                "date_from": now - timedelta(days=1),
                "date_to": now + timedelta(days=20),
            }
        )
        for index in range(3):
            ticket = self.route(name=f"Julien {index}", lang="fr")
            self.assertEqual(ticket.user_id, self.agent_b, "Alice is on leave")

    def test_capacity_of_the_channel(self):
        chat = self.channel("chat")
        chat.inbox_max_open_per_agent = 1
        first = self.route(name="One", lang="fr")
        second = self.route(name="Two", lang="fr")
        self.assertEqual((first | second).user_id, self.agent_a | self.agent_b)
        third = self.route(name="Three", lang="fr")
        self.assertFalse(third.user_id, "both have their one chat")
        # the other channels are not limited by the chat's capacity
        call = self.route(channel="phone", name="Call", lang="fr")
        self.assertTrue(call.user_id)

    def test_nobody_eligible_tells_the_lead_once(self):
        self.agent_a.inbox_available = False
        ticket = self.route(name="Mr Smith", lang="en")
        self.assertFalse(ticket.user_id, "Alice is off, Bruno answers in French and Dutch")
        task = self.lead_tasks(ticket)
        self.assertEqual(task.user_id, self.lead)
        self.assertIn("not available", task.note)
        self.assertIn("does not answer in this language", task.note)
        self.env["inbox.router"].sudo()._inbox_assign(ticket)
        self.assertEqual(len(self.lead_tasks(ticket)), 1, "told once")
        self.agent_a.inbox_available = True
        self.agent_a.inbox_lang_ids = False  # every language
        self.env["inbox.router"].sudo()._inbox_assign(ticket)
        self.assertEqual(ticket.user_id, self.agent_a, "the manual switch back on")
