# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestAdkar(ReadinessCase):
    """The ADKAR preset, the barrier point and the heatmap, all read from the data tables."""

    def setUp(self):
        super().setUp()
        self.adkar = self._ref("framework_adkar")
        self.wave = self._new_wave(name="ADKAR", framework_id=self.adkar.id)

    def _scores(self, response):
        return {line.dimension_id.code: line.score for line in response.score_ids if line.measured}

    def test_preset_is_data_beside_the_five_dimensions(self):
        self.assertEqual(
            self.adkar.dimension_ids.sorted("sequence").mapped("code"),
            ["awareness", "desire", "knowledge", "ability", "reinforcement"],
        )
        self.assertEqual(len(self._ref("framework_readiness").dimension_ids), 5)
        rules = self.env["readiness.scoring.rule"].search(
            [("survey_id", "=", self.survey.id), ("dimension_id.framework_id", "=", self.adkar.id)]
        )
        self.assertEqual(len(rules), 18)
        self.assertTrue(all(rules.mapped("note")))

    def test_adkar_scoring_on_known_answer_sets(self):
        confident = self._answer(self.wave, self.agent_namur, CONFIDENT)
        hesitant = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        web = self._answer(self.wave, self.agent_web, WEB_AGENT)
        # Reinforcement has no question before go-live: not measured, left out of the index.
        full = {"awareness": 100.0, "desire": 100.0, "knowledge": 100.0, "ability": 100.0}
        self.assertEqual(self._scores(confident), full)
        self.assertEqual(confident.readiness_index, 100.0)
        self.assertEqual(self._scores(hesitant), dict.fromkeys(full, 0.0))
        self.assertEqual(hesitant.readiness_index, 0.0)
        # WEB: definition partly + text 2/3, automate + no apprehension 4/4,
        # benefits + text + CRM used 5/5, easy but no implementation 2/4.
        self.assertEqual(
            self._scores(web),
            {"awareness": 66.67, "desire": 100.0, "knowledge": 100.0, "ability": 50.0},
        )
        self.assertEqual(web.readiness_index, 79.17)
        self.assertFalse(confident.score_understanding, "the five-dimension columns stay empty")

    def test_barrier_point_per_respondent_in_model_order(self):
        web = self._answer(self.wave, self.agent_web, WEB_AGENT)
        hesitant = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self.assertFalse(web.barrier_dimension_id, "ability 50 is not under 50")
        self.assertEqual(hesitant.barrier_dimension_id, self._ref("dimension_awareness"))
        self.wave.barrier_threshold = 70
        self.wave.action_refresh_results()
        # Ability (50) is lower, but Awareness (66.67) comes first in ADKAR.
        self.assertEqual(web.barrier_dimension_id, self._ref("dimension_awareness"))
        self.wave.barrier_threshold = 60
        self.wave.action_refresh_results()
        self.assertEqual(web.barrier_dimension_id, self._ref("dimension_ability"))

    def test_barrier_point_per_group_and_heatmap(self):
        self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self._answer(self.wave, self.agent_web, WEB_AGENT)
        rows = self.wave.with_user(self.manager).group_result_ids
        liege = rows.filtered(lambda r: r.showroom_id == self.liege)
        web = rows.filtered(lambda r: r.team_id == self.team_web)
        self.assertEqual(liege.barrier_dimension_id, self._ref("dimension_awareness"))
        self.assertFalse(web.barrier_dimension_id)
        cells = (
            self.env["readiness.group.score"]
            .with_user(self.manager)
            .search([("wave_id", "=", self.wave.id)])
        )
        self.assertEqual(len(cells), 8, "2 groups x 4 measured dimensions")
        cell = cells.filtered(
            lambda c: c.group_result_id == web and c.dimension_id.code == "ability"
        )
        self.assertEqual(cell.readiness, 50.0)
        self.assertEqual(cells.filtered("is_barrier").group_result_id, liege)
        # Pivot averages are weighted by respondents, like the dashboard's.
        [(awareness_avg,)] = (
            self.env["readiness.group.score"]
            .with_user(self.manager)
            ._read_group(
                [("wave_id", "=", self.wave.id), ("dimension_id.code", "=", "awareness")],
                [],
                ["readiness:avg"],
            )
        )
        self.assertAlmostEqual(awareness_avg, 33.335)

    def test_heatmap_shows_the_change_since_the_previous_wave(self):
        self._answer(self.wave, self.agent_web, WEB_AGENT)
        self.wave.action_close()
        later = self._new_wave(name="ADKAR 2", framework_id=self.adkar.id)
        self.assertEqual(later.previous_wave_id, self.wave)
        better = WEB_AGENT | {
            "q_definition": "q_definition_yes",
            "q_implementation": "q_implementation_yes",
        }
        self._answer(later, self.agent_web, better)
        cells = later.group_result_ids.score_ids
        ability = cells.filtered(lambda c: c.dimension_id.code == "ability")
        self.assertTrue(ability.has_previous)
        self.assertEqual(ability.delta, 50.0)
        awareness = cells.filtered(lambda c: c.dimension_id.code == "awareness")
        self.assertEqual(awareness.delta, 33.33)
        action = later.action_view_heatmap()
        self.assertEqual(
            self.env["readiness.group.score"].with_user(self.manager).search(action["domain"]),
            cells,
        )

    def test_a_new_dimension_needs_no_code(self):
        trust = (
            self.env["readiness.dimension"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Trust",
                    "code": "trust",
                    "framework_id": self.adkar.id,
                    "sequence": 1,
                    "weight": 20,
                }
            )
        )
        self.env["readiness.scoring.rule"].with_user(self.manager).create(
            {
                "question_id": self._ref("q_implementation").id,
                "answer_id": self._ref("q_implementation_yes").id,
                "dimension_id": trust.id,
                "points": 1,
            }
        )
        web = self._answer(self.wave, self.agent_web, WEB_AGENT)
        self.assertEqual(self._scores(web)["trust"], 0.0)
        # (0 + 66.67 + 100 + 100 + 50) / 5
        self.assertEqual(web.readiness_index, 63.33)
        self.assertEqual(web.barrier_dimension_id, trust, "first in the framework's order")
        cell = self.wave.group_result_ids.score_ids.filtered(lambda c: c.dimension_id == trust)
        self.assertEqual(cell.score, 0.0)
