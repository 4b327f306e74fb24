# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestCourses(ReadinessCase):
    """A course per barrier point, assigned in one click, its completion read back."""

    def setUp(self):
        super().setUp()
        self.adkar = self._ref("framework_adkar")
        self.awareness = self._ref("dimension_awareness")
        self.course = self.env["slide.channel"].create(
            {
                "name": "Why our CRM (test)",
                "visibility": "connected",
                "enroll": "invite",
                "is_published": True,
            }
        )
        self.lesson = self.env["slide.slide"].create(
            {
                "name": "Why",
                "channel_id": self.course.id,
                "slide_category": "article",
                "html_content": "<p>Because.</p>",
                "is_published": True,
            }
        )
        self.awareness.channel_id = self.course
        self.wave = self._new_wave(name="ADKAR", framework_id=self.adkar.id)
        self.hesitant = self._answer(self.wave, self.agent_liege, APPREHENSIVE)

    def _membership(self, user):
        return self.env["slide.channel.partner"].search(
            [("channel_id", "=", self.course.id), ("partner_id", "=", user.partner_id.id)]
        )

    def test_assign_course_of_a_persons_barrier_then_read_completion_back(self):
        self.assertEqual(self.hesitant.barrier_channel_id, self.course)
        self.hesitant.with_user(self.manager).action_assign_course()
        membership = self._membership(self.agent_liege)
        self.assertEqual(membership.member_status, "joined")
        training = self.wave.training_ids
        self.assertRecordValues(
            training,
            [
                {
                    "user_id": self.agent_liege.id,
                    "channel_id": self.course.id,
                    "dimension_id": self.awareness.id,
                    "completion": 0,
                }
            ],
        )
        # One click is enough: a second one enrols nobody twice.
        self.hesitant.with_user(self.manager).action_assign_course()
        self.assertEqual(len(self.wave.training_ids), 1)
        # The trainee reads the lesson in eLearning.
        self.lesson.with_user(self.agent_liege).action_mark_completed()
        training.invalidate_recordset()
        self.assertEqual(training.completion, 100)
        self.assertEqual(training.member_status, "completed")
        # Shown beside the next wave's score, for the person and their group.
        self.wave.action_close()
        later = self._new_wave(name="ADKAR 2", framework_id=self.adkar.id)
        again = self._answer(
            later, self.agent_liege, CONFIDENT | {"q_showroom": "q_showroom_liege"}
        )
        self.assertEqual(again.training_ids, training)
        self.assertEqual(again.training_completion, 100.0)
        row = later.group_result_ids.filtered(lambda r: r.showroom_id == self.liege)
        self.assertEqual(row.training_count, 1)
        self.assertEqual(row.training_completion, 100.0)
        self.assertEqual(row.readiness_index, 100.0)

    def test_assign_course_to_a_group(self):
        row = self.wave.group_result_ids
        self.assertEqual(row.barrier_dimension_id, self.awareness)
        row.with_user(self.manager).action_assign_barrier_course()
        self.assertTrue(self._membership(self.agent_liege))
        self.assertFalse(self._membership(self.agent_namur), "not in the Liège group")
        cell = row.score_ids.filtered(lambda c: c.dimension_id == self.awareness)
        self.assertTrue(cell.is_barrier)
        cell.with_user(self.manager).action_assign_course()
        self.assertEqual(len(self.wave.training_ids), 1)

    def test_anonymous_group_assignment_enrols_the_invited_not_the_answers(self):
        wave = self._new_wave(
            name="Anonymous", framework_id=self.adkar.id, is_anonymous=True, min_group_size=2
        )
        self._answer(wave, self.agent_liege, APPREHENSIVE)
        self._answer(wave, self.agent_web, WEB_AGENT)
        wave._invite_users(self.agent_namur)  # invited, never answers
        wave.action_close()
        row = wave.with_user(self.manager).group_result_ids
        self.assertEqual(len(row), 1, "pooled: several teams")
        row.action_assign_barrier_course()
        self.assertEqual(
            wave.training_ids.user_id, self.agent_liege | self.agent_web | self.agent_namur
        )

    def test_no_course_no_assignment_and_no_forged_calls(self):
        self.awareness.channel_id = False
        with self.assertRaises(UserError):
            self.hesitant.with_user(self.manager).action_assign_course()
        self.awareness.channel_id = self.course
        with self.assertRaises(AccessError):
            self.hesitant.with_user(self.agent_liege).action_assign_course()
        with self.assertRaises(AccessError):
            self.wave.group_result_ids.with_user(self.agent_liege).action_assign_barrier_course()
        self.assertFalse(self._membership(self.agent_liege))
