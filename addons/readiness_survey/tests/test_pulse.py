# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ReadinessCase


@tagged("post_install", "-at_install")
class TestPulse(ReadinessCase):
    """Pulse waves on a cadence, created by cron, with reminders on day 3 and 5."""

    def setUp(self):
        super().setUp()
        # Outside a real cron run _commit_progress would commit the test transaction
        # (same approach as test_wave).
        patcher = patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=60.0)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.pulse_survey = self._ref("survey_crm_pulse")
        self.pulse = (
            self.env["readiness.pulse"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Pulse after go-live",
                    "survey_id": self.pulse_survey.id,
                    "framework_id": self._ref("framework_adkar").id,
                    "team_ids": [(6, 0, self.team_shops.ids)],
                    "start_date": "2026-03-02",
                    "interval_days": 14,
                    "answer_days": 7,
                    "reminder_days": "3,5",
                    "is_anonymous": False,
                }
            )
        )
        self.shops_staff = self.env["res.users"]._readiness_invitable(self.team_shops, None)
        self.Pulse = self.env["readiness.pulse"]
        self.Wave = self.env["readiness.wave"]

    def _answer_pulse(self, wave, user, choice):
        participation = wave.participation_ids.filtered(lambda p: p.user_id == user)
        user_input = participation.sudo().user_input_id
        for question in self.pulse_survey.question_ids:
            answer = question.suggested_answer_ids.filtered(lambda a: a.value == choice)
            user_input.sudo()._save_lines(question, [answer.id])
        user_input.with_user(user).sudo()._mark_done()

    def test_pulse_questionnaire_is_short_and_scored_on_adkar(self):
        questions = self.pulse_survey.question_ids.filtered(lambda q: not q.is_page)
        self.assertTrue(3 <= len(questions) <= 5)
        self.assertEqual(self.pulse_survey.readiness_framework_id, self._ref("framework_adkar"))
        rules = self.env["readiness.scoring.rule"].search(
            [("survey_id", "=", self.pulse_survey.id)]
        )
        self.assertEqual(
            set(rules.dimension_id.mapped("code")),
            {"awareness", "desire", "knowledge", "ability", "reinforcement"},
        )

    def test_cadence_creates_the_next_wave_by_cron(self):
        with freeze_time("2026-03-01 08:00"):
            self.Pulse._cron_create_waves()
            self.assertFalse(self.pulse.wave_ids, "not before the first date")
        with freeze_time("2026-03-02 08:00"):
            self.Pulse._cron_create_waves()
            first = self.pulse.wave_ids
            self.assertEqual(len(first), 1)
            self.assertEqual(first.state, "running")
            self.assertEqual(first.participation_ids.user_id, self.shops_staff)
            self.assertEqual(first.framework_id, self._ref("framework_adkar"))
            self.assertEqual(first.deadline, datetime.datetime(2026, 3, 9, 8, 0))
            self.assertEqual(self.pulse.next_date, datetime.date(2026, 3, 16))
            self.Pulse._cron_create_waves()
            self.assertEqual(len(self.pulse.wave_ids), 1, "idempotent the same day")
            self._answer_pulse(first, self.agent_liege, "No")
            liege = first.response_ids.filtered(lambda r: r.user_id == self.agent_liege)
            self.assertEqual(liege.readiness_index, 0.0)
            self.assertEqual(liege.barrier_dimension_id, self._ref("dimension_awareness"))
        with freeze_time("2026-03-16 08:00"):
            self.Pulse._cron_create_waves()
            second = self.pulse.wave_ids - first
            self.assertEqual(len(second), 1)
            self.assertEqual(second.previous_wave_id, first)
            self._answer_pulse(second, self.agent_liege, "Yes")
            row = second.group_result_ids.filtered(lambda r: r.showroom_id == self.liege)
            self.assertTrue(row.has_previous)
            self.assertEqual(row.index_delta, 100.0)
        # The cron stopped for a month: one wave, not a backlog.
        with freeze_time("2026-04-20 08:00"):
            self.Pulse._cron_create_waves()
            self.assertEqual(len(self.pulse.wave_ids), 3)
            self.assertEqual(self.pulse.next_date, datetime.date(2026, 4, 27))

    def test_reminders_on_day_3_and_5_once_each(self):
        with freeze_time("2026-03-02 08:00"):
            self.Pulse._cron_create_waves()
            wave = self.pulse.wave_ids
            self._answer_pulse(wave, self.agent_liege, "Yes")
        pending = wave.participation_ids.filtered(lambda p: p.state != "done")
        self.assertTrue(pending)
        answered = wave.participation_ids - pending

        def reminders():
            return sorted(set(pending.mapped("reminder_count")))

        for day, expected in (
            ("2026-03-03 09:00", [0]),
            ("2026-03-04 09:00", [0]),
            ("2026-03-05 09:00", [1]),  # day 3
            ("2026-03-05 17:00", [1]),  # cron again the same day: nothing more
            ("2026-03-06 09:00", [1]),
            ("2026-03-07 09:00", [2]),  # day 5
            ("2026-03-08 09:00", [2]),
        ):
            with freeze_time(day):
                self.Wave._cron_send_reminders()
                self.assertEqual(reminders(), expected, day)
        self.assertEqual(set(answered.mapped("reminder_count")), {0})
        self.assertEqual(wave.reminder_day_done, 5)
        # Past the deadline nobody is reminded any more.
        wave.reminder_days = "3,5,8"
        with freeze_time("2026-03-10 09:00"):
            self.Wave._cron_send_reminders()
            self.assertEqual(reminders(), [2])

    def test_a_pulse_wave_is_compared_with_the_pulse_previous_wave(self):
        with freeze_time("2026-02-20 08:00"):
            before = self._new_wave(survey_id=self.pulse_survey.id, name="Before go-live")
        with freeze_time("2026-03-02 08:00"):
            self.Pulse._cron_create_waves()
            first = self.pulse.wave_ids
        self.assertEqual(first.previous_wave_id, before, "its first: the questionnaire's latest")
        with freeze_time("2026-03-10 08:00"):
            between = self._new_wave(survey_id=self.pulse_survey.id, name="Showroom check")
        self.assertEqual(between.previous_wave_id, first, "a wave of no pulse: the latest")
        with freeze_time("2026-03-16 08:00"):
            self.Pulse._cron_create_waves()
            second = self.pulse.wave_ids - first
        self.assertEqual(second.previous_wave_id, first, "the pulse's own previous wave")

    def test_pulse_reminder_days_follow_the_waves_rule(self):
        with self.assertRaises(ValidationError):
            self.pulse.reminder_days = "3,zero"
        self.pulse.reminder_days = "2, 4"
        with freeze_time("2026-03-02 08:00"):
            self.Pulse._cron_create_waves()
        self.assertEqual(self.pulse.wave_ids.reminder_days, "2, 4")
