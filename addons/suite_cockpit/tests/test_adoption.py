# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CockpitCase


@tagged("post_install", "-at_install")
class TestAdoption(CockpitCase):
    """Adoption per team/showroom and week, from known activity; aggregated only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Where is my sofa?", "description": "?", "partner_id": cls.customer.id}
        )
        # two answers to the customer, one internal note (not an answer)
        for agent, subtype in (
            (cls.agent_a, "mail.mt_comment"),
            (cls.agent_b, "mail.mt_comment"),
            (cls.agent_a, "mail.mt_note"),
        ):
            cls.ticket.with_user(agent).message_post(
                body="Your sofa leaves on Monday.", message_type="comment", subtype_xmlid=subtype
            )
        cls._call(
            direction="outbound",
            status="requested",
            source="click2dial",
            user_id=cls.agent_a.id,
        )
        cls._call(
            direction="inbound",
            status="missed",
            callback_state="done",
            callback_user_id=cls.agent_b.id,
            callback_date=cls.now,
        )
        Usage = cls.env["suite.usage.event"]
        Usage.with_user(cls.agent_a)._suite_log("customer_360", cls.customer)
        Usage.with_user(cls.agent_b)._suite_log("customer_360", cls.customer)
        Usage.with_user(cls.agent_a)._suite_log("canned_reply", cls.ticket)
        # the lone member of the small showroom: identifiable, never shown under a minimum
        Usage.with_user(cls.lone_agent)._suite_log("customer_360", cls.customer)
        # an anonymous wave with a minimum of 2 people per group is the latest one
        cls.anonymous_wave = cls.env["readiness.wave"].create(
            {
                "name": "Cockpit anonymous wave",
                "is_anonymous": True,
                "min_group_size": 2,
                "date_start": "2099-01-01",
            }
        )

    def _adoption(self, showroom):
        self.env.flush_all()
        rows = (
            self.env["suite.adoption.report"]
            .with_user(self.manager)
            ._read_group([("showroom_id", "=", showroom.id)], ["kind"], ["action_count:sum"])
        )
        return dict(rows)

    def test_adoption_figures_from_known_activity(self):
        self.assertEqual(
            self._adoption(self.showroom),
            {
                "ticket_answered": 2,
                "call_logged": 1,
                "callback_done": 1,
                "customer_360": 2,
                "canned_reply": 1,
            },
        )
        row = (
            self.env["suite.adoption.report"]
            .with_user(self.manager)
            .search([("showroom_id", "=", self.showroom.id), ("kind", "=", "customer_360")])
        )
        self.assertEqual((row.people_count, row.headcount), (2, 2))
        self.assertEqual(row.week.weekday(), 0, "weeks start on Monday")

    def test_groups_under_the_anonymity_minimum_are_hidden(self):
        self.assertEqual(self._adoption(self.small_showroom), {}, "1 person < minimum 2")
        self.anonymous_wave.min_group_size = 3
        self.assertEqual(self._adoption(self.showroom), {}, "2 people < minimum 3")

    def test_readiness_of_the_latest_wave_beside_adoption(self):
        closed = self.env["readiness.wave"].create(
            {"name": "Cockpit closed wave", "date_start": "2099-01-02", "state": "closed"}
        )
        self.env["readiness.group.result"].create(
            {
                "wave_id": closed.id,
                "team_id": self.team.id,
                "showroom_id": self.showroom.id,
                "respondent_count": 2,
                "readiness_index": 64.0,
            }
        )
        self.env.flush_all()
        rows = (
            self.env["suite.adoption.report"]
            .with_user(self.manager)
            .search([("showroom_id", "=", self.showroom.id)])
        )
        self.assertEqual(set(rows.mapped("readiness_index")), {64.0})

    def test_prepared_order_message_sent_by_an_agent_is_logged(self):
        order = self._order("confirmed", 5)
        event = self._event(order, "procedure", "prepared")
        with self.assertRaises(AccessError):
            # agents never read the log, even their own rows
            self.env["suite.usage.event"].with_user(self.agent_a).search([])
        event.with_user(self.agent_a).action_send()
        self.assertEqual(event.state, "sent")
        self.assertEqual(self._adoption(self.showroom).get("order_message_sent"), 1)

    def test_no_per_person_figure_and_managers_only(self):
        Report = self.env["suite.adoption.report"]
        self.assertNotIn("user_id", Report._fields)
        with self.assertRaises(AccessError):
            Report.with_user(self.agent_a).search([])

    def test_canned_reply_sent_from_a_ticket_is_logged(self):
        before = self._adoption(self.showroom)
        delay = self.env.ref("omnichannel_inbox.mail_template_canned_delay")
        wizard = (
            self.env["inbox.canned.reply.wizard"]
            .with_user(self.agent_a)
            .create({"ticket_id": self.ticket.id, "template_id": delay.id})
        )
        wizard.action_send()
        after = self._adoption(self.showroom)
        self.assertEqual(after["canned_reply"], before["canned_reply"] + 1)
        self.assertEqual(after["ticket_answered"], before["ticket_answered"] + 1)
