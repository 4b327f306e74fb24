# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestTraining(ReadinessCase):
    """Least ready respondents and one-click personalised training for their manager."""

    def setUp(self):
        super().setUp()
        self.wave = self._new_wave(name="Before go-live")
        self.hesitant = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self.confident = self._answer(self.wave, self.agent_namur, CONFIDENT)
        self.web = self._answer(self.wave, self.agent_web, WEB_AGENT)
        self.training = self.env.ref("readiness_survey.mail_activity_type_training")
        self.team_web.manager_id = False  # demo data may set one

    def test_least_ready_with_apprehensions(self):
        wave = self.wave.with_user(self.manager)
        self.assertEqual(wave.least_ready_response_ids, self.hesitant)
        self.assertEqual(
            wave.least_ready_response_ids.apprehension_text,
            "Losing the human contact with customers.",
        )
        wave.least_ready_threshold = 90
        self.assertEqual(wave.least_ready_response_ids.ids, [self.hesitant.id, self.web.id])
        action = wave.action_view_least_ready()
        found = self.env["readiness.response"].with_user(self.manager).search(action["domain"])
        self.assertEqual(found, self.hesitant | self.web)

    def test_plan_training_creates_an_activity_for_the_manager(self):
        self.hesitant.with_user(self.manager).action_plan_training()
        activity = self.hesitant.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.training)
        self.assertEqual(activity.user_id, self.manager, "the SHOPS team manager")
        self.assertIn("Losing the human contact with customers.", str(activity.note))
        self.assertIn(self.agent_liege.name, activity.summary)
        self.assertGreater(activity.date_deadline, fields.Date.today())
        self.assertEqual(self.hesitant.training_date, fields.Date.today())
        # One click is enough: a second click does not pile up activities.
        self.hesitant.with_user(self.manager).action_plan_training()
        self.assertEqual(len(self.hesitant.activity_ids), 1)

    def test_showroom_or_personal_manager_comes_first(self):
        liege_manager = new_test_user(
            self.env, login="rs-liege-manager", groups="readiness_survey.group_readiness_manager"
        )
        self.liege.manager_id = liege_manager
        self.assertEqual(self.hesitant.coach_id, liege_manager)
        coach = new_test_user(
            self.env, login="rs-coach", groups="readiness_survey.group_readiness_manager"
        )
        self.agent_liege.readiness_manager_id = coach
        self.assertEqual(self.hesitant.coach_id, coach)
        (self.hesitant | self.web).with_user(self.manager).action_plan_training()
        self.assertEqual(self.hesitant.activity_ids.user_id, coach)
        self.assertEqual(
            self.web.activity_ids.user_id, self.wave.user_id, "no WEB manager: responsible"
        )
