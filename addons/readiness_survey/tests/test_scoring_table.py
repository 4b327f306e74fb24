# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..scoring import score
from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestScoringTable(ReadinessCase):
    """Scores follow the scoring table shipped as data and edited by managers."""

    def setUp(self):
        super().setUp()
        self.wave = self._new_wave(name="Scoring")

    def test_table_is_data_covering_every_dimension(self):
        framework = self._ref("framework_readiness")
        rules = self.env["readiness.scoring.rule"].search(
            [("survey_id", "=", self.survey.id), ("dimension_id.framework_id", "=", framework.id)]
        )
        self.assertEqual(len(rules), 23)
        dimensions = framework.dimension_ids
        self.assertEqual(
            set(dimensions.mapped("code")),
            {"understanding", "automation", "benefits", "experience", "apprehension"},
        )
        self.assertEqual(rules.dimension_id, dimensions)
        self.assertEqual(sum(dimensions.mapped("weight")), 100)
        self.assertTrue(self._ref("dimension_apprehension").inverse)
        self.assertEqual(self._ref("rule_q_apprehension_yes").points, 3)
        self.assertTrue(all(rules.mapped("note")), "every rule explains why it counts")

    def test_confident_respondent(self):
        response = self._answer(self.wave, self.agent_namur, CONFIDENT)
        self.assertRecordValues(
            response,
            [
                {
                    "score_understanding": 100.0,
                    "score_automation": 100.0,
                    "score_benefits": 100.0,
                    "score_experience": 100.0,
                    "score_apprehension": 0.0,
                    "readiness_index": 100.0,
                    "readiness_band": "high",
                    "team_id": self.team_shops.id,
                    "showroom_id": self.namur.id,
                }
            ],
        )

    def test_apprehensive_respondent(self):
        response = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self.assertRecordValues(
            response,
            [
                {
                    "score_understanding": 0.0,
                    "score_automation": 0.0,
                    "score_benefits": 14.29,
                    "score_experience": 0.0,
                    "score_apprehension": 100.0,
                    "readiness_index": 2.86,
                    "readiness_band": "low",
                    "apprehension_text": "Losing the human contact with customers.",
                }
            ],
        )

    def test_web_agent(self):
        response = self._answer(self.wave, self.agent_web, WEB_AGENT)
        self.assertAlmostEqual(response.score_understanding, 66.67)
        self.assertAlmostEqual(response.score_benefits, 71.43)
        self.assertAlmostEqual(response.score_experience, 50.0)
        self.assertAlmostEqual(response.readiness_index, 80.12)
        self.assertEqual(response.team_id, self.team_web)
        self.assertFalse(response.showroom_id)
        self.assertEqual(
            set(response.goal_ids.ids),
            {self._ref("q_goals_productivity").id, self._ref("q_goals_customer").id},
        )

    def test_stored_scores_match_the_pure_formula(self):
        response = self._answer(self.wave, self.agent_web, WEB_AGENT)
        rules = self.env["readiness.scoring.rule"].search(
            [
                ("survey_id", "=", self.survey.id),
                ("dimension_id.framework_id", "=", self.wave.framework_id.id),
            ]
        )
        expected = score(
            response._collect_answers(),
            rules._to_scoring(),
            self._ref("framework_readiness")._scoring_dimensions(),
            {self._ref("q_goals").id},
        )
        self.assertEqual(response.readiness_index, expected.index)

    def test_manager_edits_the_table_and_scores_follow(self):
        response = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        rule = self._ref("rule_q_definition_no").with_user(self.manager)
        rule.points = 2  # "No" now counts like "Yes": understanding 2/3
        self.assertAlmostEqual(response.score_understanding, 66.67)
        self.assertAlmostEqual(response.readiness_index, 16.19)
        self.assertEqual(self.wave.group_result_ids.readiness_index, 16.19)

    def test_manager_edits_a_weight_and_scores_follow(self):
        response = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self._ref("dimension_apprehension").with_user(self.manager).weight = 0
        # Apprehension left out: 20 * 14.29 / 75.
        self.assertAlmostEqual(response.readiness_index, 3.81)

    def test_new_rule_on_a_free_text(self):
        response = self._answer(self.wave, self.agent_web, WEB_AGENT)
        self.assertEqual(response.score_experience, 50.0)
        self.env["readiness.scoring.rule"].with_user(self.manager).create(
            {
                "question_id": self._ref("q_definition_text").id,
                "match": "filled",
                "dimension_id": self._ref("dimension_experience").id,
                "points": 2,
            }
        )
        # Experience now ranges 0..6 and the WEB agent gets 2 (used a CRM) + 2 (definition).
        self.assertAlmostEqual(response.score_experience, 66.67)

    def test_choice_rule_needs_its_choice(self):
        with self.assertRaises(ValidationError):
            self.env["readiness.scoring.rule"].with_user(self.manager).create(
                {
                    "question_id": self._ref("q_easy").id,
                    "match": "answer",
                    "answer_id": self._ref("q_automate_yes").id,
                    "dimension_id": self._ref("dimension_apprehension").id,
                    "points": 1,
                }
            )
