# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import APPREHENSIVE, CONFIDENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestAccess(ReadinessCase):
    """Respondents see only their own answers; managers see aggregates and their waves."""

    def setUp(self):
        super().setUp()
        self.wave = self._new_wave(name="Access")
        self.mine = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self.other = self._answer(self.wave, self.agent_namur, CONFIDENT)

    def test_agent_sees_only_own_answers(self):
        Response = self.env["readiness.response"].with_user(self.agent_liege)
        self.assertEqual(Response.search([]), self.mine)
        self.assertEqual(self.mine.with_user(self.agent_liege).readiness_index, 2.86)
        with self.assertRaises(AccessError):
            self.other.with_user(self.agent_liege).read(["readiness_index"])
        comments = self.env["readiness.comment"].with_user(self.agent_liege).search([])
        self.assertEqual(comments.user_id, self.agent_liege)
        participations = self.env["readiness.participation"].with_user(self.agent_liege).search([])
        self.assertEqual(participations.user_id, self.agent_liege)
        self.assertEqual(
            self.env["readiness.wave"].with_user(self.agent_namur).search([]), self.wave
        )
        # The full answers page opens through the response only.
        action = self.mine.with_user(self.agent_liege).action_open_answers()
        self.assertIn(self.mine.user_input_id.access_token, action["url"])

    def test_agent_reads_no_raw_answer_nor_aggregate(self):
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].with_user(self.agent_liege).search([])
        with self.assertRaises(AccessError):
            self.env["readiness.group.result"].with_user(self.agent_liege).search([])
        with self.assertRaises(AccessError):
            self.env["readiness.scoring.rule"].with_user(self.agent_liege).search([])
        with self.assertRaises(AccessError):
            self.other.with_user(self.agent_liege).action_open_answers()

    def test_personal_link_only_for_its_owner(self):
        newcomer = self._new_agent("rs-newcomer", self.team_shops, self.liege)
        self.wave._invite_users(newcomer)
        participation = self.wave.participation_ids.filtered(lambda p: p.user_id == newcomer)
        self.assertTrue(participation.with_user(newcomer).answer_url)
        self.assertFalse(participation.with_user(self.manager).answer_url)
        self.assertEqual(
            participation.with_user(newcomer).action_answer()["type"], "ir.actions.act_url"
        )

    def test_manager_sees_aggregates_and_named_responses(self):
        rows = (
            self.env["readiness.group.result"]
            .with_user(self.manager)
            .search([("wave_id", "=", self.wave.id)])
        )
        self.assertEqual(sum(rows.mapped("respondent_count")), 2)
        responses = (
            self.env["readiness.response"]
            .with_user(self.manager)
            .search([("wave_id", "=", self.wave.id)])
        )
        self.assertEqual(responses, self.mine | self.other)
        with self.assertRaises(AccessError):
            self.env["readiness.group.result"].with_user(self.manager).create(
                {"wave_id": self.wave.id, "respondent_count": 1, "readiness_index": 100}
            )
        with self.assertRaises(AccessError):
            rows.with_user(self.manager).write({"readiness_index": 100})
        with self.assertRaises(AccessError):
            self.mine.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            self.mine.with_user(self.manager).readiness_index = 90
        self.mine.with_user(self.manager).coach_id = self.admin
        self.assertEqual(self.mine.coach_id, self.admin)

    def test_manager_edits_scoring_but_not_teams(self):
        rule = self._ref("rule_q_easy_no").with_user(self.manager)
        rule.points = 1
        self.assertEqual(rule.points, 1)
        with self.assertRaises(AccessError):
            self.team_shops.with_user(self.manager).name = "Shops"
        self.team_shops.with_user(self.admin).manager_id = self.admin
        self.assertEqual(self.team_shops.manager_id, self.admin)
