# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestWave(ReadinessCase):
    """Campaigns: one-step invitations by team/showroom, reminders, closing."""

    def setUp(self):
        super().setUp()
        self.wave = self._new_wave(name="Before go-live")

    def _mails_to(self, users):
        return self.env["mail.mail"].sudo().search([("recipient_ids", "in", users.partner_id.ids)])

    def _invite_with_wizard(self, teams=(), showrooms=()):
        action = self.wave.with_user(self.manager).action_open_invite_wizard()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.manager).with_context(**action["context"])
        )
        for team in teams:
            wizard_form.team_ids.add(team)
        for showroom in showrooms:
            wizard_form.showroom_ids.add(showroom)
        wizard = wizard_form.save()
        return wizard, wizard.action_invite()

    def test_invite_by_team_and_showroom(self):
        wizard, _action = self._invite_with_wizard(teams=[self.team_shops], showrooms=[self.liege])
        self.assertIn(self.agent_liege, wizard.user_ids)
        self.assertNotIn(self.agent_namur, wizard.user_ids)
        self.assertNotIn(self.agent_web, wizard.user_ids)
        participation = self.wave.participation_ids.filtered(
            lambda p: p.user_id == self.agent_liege
        )
        self.assertEqual(len(participation), 1)
        self.assertEqual(self.wave.state, "running")
        self.assertEqual(participation.team_id, self.team_shops)
        self.assertEqual(participation.showroom_id, self.liege)
        answer = participation.user_input_id
        self.assertEqual(answer.readiness_wave_id, self.wave)
        self.assertEqual(answer.partner_id, self.agent_liege.partner_id)
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(len(self._mails_to(self.agent_liege)), 1)
        self.assertIn(answer.access_token, self._mails_to(self.agent_liege).body_html)

    def test_invite_a_whole_team(self):
        wizard, _action = self._invite_with_wizard(teams=[self.team_shops])
        self.assertTrue({self.agent_liege, self.agent_namur} <= set(wizard.user_ids))
        self.assertNotIn(self.agent_web, wizard.user_ids)

    def test_inviting_twice_resends_without_duplicates(self):
        self.wave._invite_users(self.agent_liege)
        first = self.wave.participation_ids.user_input_id
        self.wave._invite_users(self.agent_liege)
        self.assertEqual(len(self.wave.participation_ids), 1)
        self.assertEqual(self.wave.participation_ids.user_input_id, first)
        self.assertEqual(len(self._mails_to(self.agent_liege)), 2)

    def test_reminders_only_to_non_respondents(self):
        self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self.wave._invite_users(self.agent_namur)
        self.assertEqual(self.wave.answered_count, 1)
        self.assertEqual(self.wave.invited_count, 2)
        self.assertEqual(self.wave.response_rate, 50.0)
        before_liege = len(self._mails_to(self.agent_liege))
        before_namur = len(self._mails_to(self.agent_namur))
        self.wave.with_user(self.manager).action_send_reminders()
        self.assertEqual(len(self._mails_to(self.agent_liege)), before_liege)
        self.assertEqual(len(self._mails_to(self.agent_namur)), before_namur + 1)
        pending = self.wave.participation_ids.filtered(lambda p: p.state == "invited")
        self.assertEqual(pending.user_id, self.agent_namur)
        self.assertEqual(pending.reminder_count, 1)

    def test_cron_reminds_due_waves_only(self):
        self.wave._invite_users(self.agent_namur)
        self.wave.write({"auto_reminder": True, "reminder_interval": 3})
        other = self._new_wave(name="Other", auto_reminder=True)
        other._invite_users(self.agent_liege)
        participation = self.wave.participation_ids
        Cron = type(self.env["ir.cron"])
        # Outside a real cron run _commit_progress would commit the test transaction.
        with patch.object(Cron, "_commit_progress", return_value=60.0) as progress:
            self.env["readiness.wave"]._cron_send_reminders()
            self.assertEqual(participation.reminder_count, 0, "invited today: not due yet")
            self.wave.last_mailing_date = fields.Datetime.now() - timedelta(days=4)
            other.deadline = fields.Datetime.now() - timedelta(hours=1)
            other.last_mailing_date = fields.Datetime.now() - timedelta(days=4)
            progress.reset_mock()
            self.env["readiness.wave"]._cron_send_reminders()
        self.assertEqual(participation.reminder_count, 1)
        self.assertEqual(progress.call_args_list[0].kwargs, {"remaining": 1})
        self.assertEqual(other.participation_ids.reminder_count, 0, "deadline passed")

    def test_answers_only_through_waves(self):
        with self.assertRaises(UserError):
            self.survey._create_answer(user=self.agent_liege)
        test_answer = self.survey._create_answer(user=self.manager, test_entry=True)
        self.assertTrue(test_answer.test_entry, "the survey's Test button still works")

    def test_one_questionnaire_serves_several_waves(self):
        first = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        second_wave = self._new_wave(name="After training")
        second = self._answer(second_wave, self.agent_liege, CONFIDENT)
        self.assertNotEqual(first.user_input_id, second.user_input_id)
        self.assertEqual(first.readiness_index, 2.86)
        self.assertEqual(second.readiness_index, 100.0)
        self.assertEqual(second_wave.previous_wave_id, self.wave)

    def test_results_follow_the_declared_context(self):
        """Groups come from what people answered, even if their profile says otherwise."""
        response = self._answer(
            self.wave, self.agent_web, {**CONFIDENT, "q_showroom": "q_showroom_liege"}
        )
        self.assertEqual(response.team_id, self.team_shops)
        self.assertEqual(response.showroom_id, self.liege)

    def test_free_texts_by_theme(self):
        self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self._answer(self.wave, self.agent_web, WEB_AGENT)
        comments = self.wave.with_user(self.manager).comment_ids
        by_theme = {
            theme: comments.filtered(lambda c, t=theme: c.theme == t)
            for theme in ("tasks", "apprehension")
        }
        self.assertEqual(by_theme["apprehension"].text, "Losing the human contact with customers.")
        self.assertEqual(by_theme["apprehension"].user_id, self.agent_liege)
        self.assertEqual(by_theme["tasks"].text, "Delay emails, no-reply follow-ups.")
        self.assertEqual(by_theme["tasks"].team_id, self.team_web)

    def test_close_expires_pending_answers(self):
        self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self.wave._invite_users(self.agent_namur)
        pending = self.wave.participation_ids.filtered(lambda p: p.state == "invited")
        self.wave.with_user(self.manager).action_close()
        self.assertEqual(self.wave.state, "closed")
        self.assertLessEqual(pending.user_input_id.deadline, fields.Datetime.now())
        with self.assertRaises(UserError):
            self.wave._invite_users(self.agent_web)
        self.assertEqual(
            self.wave.action_send_reminders()["params"]["message"], "0 reminder(s) sent."
        )
