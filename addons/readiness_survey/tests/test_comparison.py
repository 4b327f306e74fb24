# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestComparison(ReadinessCase):
    """Is readiness rising after training? Wave against wave, group against group."""

    def setUp(self):
        super().setUp()
        self.before = self._new_wave(name="Before training", date_start="2026-01-10")
        self._answer(self.before, self.agent_liege, APPREHENSIVE)
        self._answer(self.before, self.agent_web, WEB_AGENT)
        self.after = self._new_wave(name="After training", date_start="2026-03-10")
        self._answer(self.after, self.agent_liege, {**CONFIDENT, "q_showroom": "q_showroom_liege"})
        self._answer(self.after, self.agent_web, WEB_AGENT)

    def _row(self, wave, showroom=False):
        return wave.group_result_ids.filtered(
            lambda r: r.showroom_id.id == (showroom.id if showroom else False)
        )

    def test_previous_wave_is_proposed(self):
        self.assertEqual(self.after.previous_wave_id, self.before)
        self.assertFalse(self.before.previous_wave_id)

    def test_deltas_per_group_and_wave(self):
        liege_after = self._row(self.after, self.liege)
        self.assertTrue(liege_after.has_previous)
        self.assertAlmostEqual(liege_after.index_delta, 100 - 2.86)
        web_after = self._row(self.after)
        self.assertTrue(web_after.has_previous)
        self.assertEqual(web_after.index_delta, 0.0)
        self.assertAlmostEqual(self.before.readiness_index, (2.86 + 80.12) / 2)
        self.assertAlmostEqual(self.after.readiness_index, (100 + 80.12) / 2)
        self.assertAlmostEqual(self.after.readiness_delta, (100 - 2.86) / 2, places=2)

    def test_new_group_has_no_delta(self):
        self._answer(self.after, self.agent_namur, CONFIDENT)
        namur = self._row(self.after, self.namur)
        self.assertFalse(namur.has_previous)
        self.assertEqual(namur.index_delta, 0.0)

    def test_earlier_wave_changes_flow_into_the_comparison(self):
        self._ref("rule_q_definition_no").points = 2
        self.assertAlmostEqual(self._row(self.after, self.liege).index_delta, 100 - 16.19)

    def test_dashboard_averages_are_weighted_by_people(self):
        """Pivot/graph averages are over respondents, not over group averages."""
        self._answer(self.after, self.agent_namur, CONFIDENT)
        web_2 = self._new_agent("rs-web-agent-2", self.team_web)
        apprehensive_web = {k: v for k, v in APPREHENSIVE.items() if k != "q_showroom"}
        self._answer(self.after, web_2, {**apprehensive_web, "q_team": "q_team_web"})
        self.assertEqual(self._row(self.after).respondent_count, 2)
        # People: Liège 100, Namur 100, WEB 80.12 and 2.86 -> 70.75;
        # a plain mean of the three group rows would say (100 + 100 + 41.49) / 3 = 80.5.
        Result = self.env["readiness.group.result"].with_user(self.manager)
        total = Result.formatted_read_group(
            [("wave_id", "=", self.after.id)], [], ["readiness_index:avg", "respondent_count:sum"]
        )[0]
        self.assertEqual(total["respondent_count:sum"], 4)
        self.assertAlmostEqual(
            total["readiness_index:avg"], (100 + 100 + 80.12 + 2.86) / 4, places=2
        )
        by_team = Result.formatted_read_group(
            [("wave_id", "=", self.after.id)], ["team_id"], ["readiness_index:avg"]
        )
        averages = {group["team_id"][0]: group["readiness_index:avg"] for group in by_team}
        self.assertAlmostEqual(averages[self.team_shops.id], 100.0)
        self.assertAlmostEqual(averages[self.team_web.id], (80.12 + 2.86) / 2, places=2)
