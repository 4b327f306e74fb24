# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import APPREHENSIVE, CONFIDENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestActionPlan(ReadinessCase):
    """Action plans per group, and the group's change since the plan in the next wave."""

    def test_plan_effect_across_two_waves(self):
        wave = self._new_wave(name="Before")
        self._answer(wave, self.agent_liege, APPREHENSIVE)
        self._answer(wave, self.agent_namur, CONFIDENT)
        liege = wave.group_result_ids.filtered(lambda r: r.showroom_id == self.liege)
        self.assertEqual(liege.readiness_index, 2.86)
        self.assertEqual(liege.barrier_dimension_id, self._ref("dimension_understanding"))
        action = liege.with_user(self.manager).action_new_plan()
        self.assertEqual(action["context"]["default_group_result_id"], liege.id)
        plan = (
            self.env["readiness.action.plan"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Liège: CRM basics session",
                    "group_result_id": liege.id,
                    "date_deadline": fields.Date.today(),
                }
            )
        )
        self.assertRecordValues(
            plan,
            [
                {
                    "wave_id": wave.id,
                    "team_id": self.team_shops.id,
                    "showroom_id": self.liege.id,
                    "dimension_id": self._ref("dimension_understanding").id,
                    "user_id": self.manager.id,
                    "state": "todo",
                    "baseline_index": 2.86,
                }
            ],
        )
        self.assertFalse(plan.latest_result_id, "no later wave yet")
        plan.state = "done"
        wave.action_close()
        after = self._new_wave(name="After")
        # The Liège salesperson is now partly confident: understanding 2/3, the rest as before.
        self._answer(after, self.agent_liege, APPREHENSIVE | {"q_definition": "q_definition_yes"})
        row = after.group_result_ids.filtered(lambda r: r.showroom_id == self.liege)
        self.assertEqual(row.plan_id, plan)
        # understanding 2/3 = 66.67, weight 20 of 100: +13.33
        self.assertEqual(row.since_plan_delta, round(row.readiness_index - 2.86, 2))
        self.assertAlmostEqual(row.since_plan_delta, 13.33, places=2)
        plan.invalidate_recordset()
        self.assertEqual(plan.latest_result_id, row)
        self.assertAlmostEqual(plan.index_change, 13.33, places=2)
        # Other groups have no plan.
        self.assertFalse(
            self.env["readiness.group.result"]
            .search([("wave_id", "=", wave.id), ("showroom_id", "=", self.namur.id)])
            .plan_id
        )

    def test_respondents_cannot_plan(self):
        wave = self._new_wave(name="Before")
        self._answer(wave, self.agent_liege, APPREHENSIVE)
        with self.assertRaises(AccessError):
            self.env["readiness.action.plan"].with_user(self.agent_liege).create(
                {
                    "name": "Mine",
                    "wave_id": wave.id,
                    "dimension_id": self._ref("dimension_understanding").id,
                    "date_deadline": fields.Date.today(),
                }
            )
