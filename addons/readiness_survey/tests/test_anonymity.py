# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestAnonymity(ReadinessCase):
    """Anonymous waves: no per-person data anywhere, aggregates over groups >= N only."""

    def setUp(self):
        super().setUp()
        self.wave = self._new_wave(name="Anonymous", is_anonymous=True, min_group_size=3)

    def _answer_all(self):
        return (
            self._answer(self.wave, self.agent_liege, APPREHENSIVE)
            | self._answer(self.wave, self.agent_namur, CONFIDENT)
            | self._answer(self.wave, self.agent_web, WEB_AGENT)
        )

    def test_responses_carry_no_identity(self):
        responses = self._answer_all()
        self.assertEqual(len(responses), 3)
        self.assertFalse(responses.user_id)
        self.assertEqual(set(responses.create_uid.ids), {SUPERUSER_ID})
        self.assertFalse(any(responses.mapped("coach_id")))
        answers = responses.user_input_id
        self.assertFalse(answers.partner_id)
        self.assertFalse(any(answers.mapped("email")))
        self.assertFalse(any(answers.mapped("nickname")))
        self.assertEqual(set(answers.create_uid.ids), {SUPERUSER_ID})
        self.assertEqual(set(answers.user_input_line_ids.create_uid.ids), {SUPERUSER_ID})
        self.assertEqual(set(answers.user_input_line_ids.write_uid.ids), {SUPERUSER_ID})
        # Who answered is known (reminders need it), never which answer is theirs.
        participations = self.wave.participation_ids
        self.assertEqual(set(participations.mapped("state")), {"done"})
        self.assertFalse(participations.user_input_id)

    def test_no_participation_message_signs_an_answer(self):
        subtype = self.env.ref("survey.mt_survey_survey_user_input_completed")
        self.survey.message_subscribe(
            partner_ids=self.manager.partner_id.ids, subtype_ids=subtype.ids
        )
        named_wave = self._new_wave(name="Named")
        named = self._answer(named_wave, self.agent_namur, CONFIDENT)
        anonymous = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "survey.user_input"),
                    ("res_id", "in", (named | anonymous).user_input_id.ids),
                ]
            )
        )
        self.assertEqual(messages.mapped("res_id"), named.user_input_id.ids)

    def test_nobody_reads_anonymous_answers(self):
        responses = self._answer_all()
        survey_admin = new_test_user(
            self.env, login="rs-survey-admin", groups="survey.group_survey_manager"
        )
        for user in (self.manager, self.admin):
            Response = self.env["readiness.response"].with_user(user)
            self.assertFalse(Response.search([("wave_id", "=", self.wave.id)]), user.login)
            with self.assertRaises(AccessError):
                responses.with_user(user).read(["readiness_index"])
        # Survey administrators (the Surveys app) do not see them either.
        for user in (self.manager, self.admin, survey_admin):
            UserInput = self.env["survey.user_input"].with_user(user)
            self.assertFalse(UserInput.search([("readiness_wave_id", "=", self.wave.id)]))
            Line = self.env["survey.user_input.line"].with_user(user)
            self.assertFalse(Line.search([("user_input_id", "in", responses.user_input_id.ids)]))
        with self.assertRaises(UserError):
            self.wave.with_user(self.manager).action_view_responses()
        with self.assertRaises(UserError):
            self.wave.with_user(self.manager).action_view_least_ready()

    def test_results_published_at_closing_over_groups_of_n(self):
        self._answer_all()
        self.assertFalse(self.wave.group_result_ids, "nothing before closing")
        self.assertFalse(self.wave.comment_ids)
        self.assertTrue(self.wave.results_note)
        self.wave.with_user(self.manager).action_close()
        rows = (
            self.env["readiness.group.result"]
            .with_user(self.manager)
            .search([("wave_id", "=", self.wave.id)])
        )
        # Liège, Namur and WEB have one respondent each: only one pooled row of 3 is shown.
        self.assertEqual(len(rows), 1)
        self.assertRecordValues(
            rows, [{"respondent_count": 3, "merged": True, "team_id": False, "showroom_id": False}]
        )
        self.assertAlmostEqual(rows.readiness_index, (2.86 + 100 + 80.12) / 3, places=2)
        self.assertAlmostEqual(self.wave.readiness_index, 60.99, places=2)
        self.assertTrue(all(row.respondent_count >= 3 for row in rows))

    def test_large_groups_stay_separate(self):
        in_liege = {**CONFIDENT, "q_showroom": "q_showroom_liege"}
        liege = [self.agent_liege] + [
            self._new_agent(f"rs-liege-{i}", self.team_shops, self.liege) for i in range(2, 5)
        ]
        web = [self.agent_web] + [
            self._new_agent(f"rs-web-agent-{i}", self.team_web) for i in range(2, 4)
        ]
        for user in liege[:2]:
            self._answer(self.wave, user, APPREHENSIVE)
        for user in liege[2:]:
            self._answer(self.wave, user, in_liege)
        for user in web:
            self._answer(self.wave, user, WEB_AGENT)
        # A lone Namur answer would expose its author: it is pooled with Liège, the only
        # other SHOPS group.
        self._answer(self.wave, self.agent_namur, CONFIDENT)
        self.wave.action_close()
        self.assertEqual(
            sorted(
                (r.team_id.code, r.showroom_id.name or "", r.merged, r.respondent_count)
                for r in self.wave.group_result_ids
            ),
            [("shops", "", True, 5), ("web", "", False, 3)],
        )
        web_row = self.wave.group_result_ids.filtered(lambda r: r.team_id == self.team_web)
        self.assertAlmostEqual(web_row.readiness_index, 80.12)

    def test_groups_of_n_keep_their_showroom(self):
        in_liege = {**CONFIDENT, "q_showroom": "q_showroom_liege"}
        for i in range(3):
            self._answer(
                self.wave, self._new_agent(f"rs-liege-{i}", self.team_shops, self.liege), in_liege
            )
        for i in range(3):
            self._answer(
                self.wave, self._new_agent(f"rs-namur-{i}", self.team_shops, self.namur), CONFIDENT
            )
        self.wave.action_close()
        self.assertEqual(
            sorted((r.showroom_id.name, r.respondent_count) for r in self.wave.group_result_ids),
            [("Liège", 3), ("Namur", 3)],
        )

    def test_below_minimum_nothing_is_shown(self):
        self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self._answer(self.wave, self.agent_namur, CONFIDENT)
        self.wave.action_close()
        self.assertFalse(self.wave.group_result_ids)
        self.assertFalse(self.wave.comment_ids)
        self.assertEqual(self.wave.respondent_count, 0)
        self.assertIn("Fewer than 3", self.wave.results_note)

    def test_free_texts_without_attribution(self):
        self._answer_all()
        for login in ("rs-liege-2", "rs-liege-3"):
            self._answer(
                self.wave, self._new_agent(login, self.team_shops, self.liege), APPREHENSIVE
            )
        self.wave.action_close()
        comments = (
            self.env["readiness.comment"]
            .with_user(self.manager)
            .search([("wave_id", "=", self.wave.id)])
        )
        self.assertIn("Losing the human contact with customers.", comments.mapped("text"))
        # Namur and WEB have one respondent each: their texts could name them.
        self.assertNotIn(CONFIDENT["q_definition_text"], comments.mapped("text"))
        self.assertNotIn(WEB_AGENT["q_definition_text"], comments.mapped("text"))
        self.assertFalse(comments.user_id)
        self.assertFalse(comments.response_id)
        self.assertFalse(comments.team_id)
        self.assertFalse(comments.showroom_id)
        # Respondents do not get their anonymous texts back either.
        own = self.env["readiness.comment"].with_user(self.agent_liege).search([])
        self.assertFalse(own)

    def test_report_has_no_names(self):
        self._answer_all()
        self.wave.action_close()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("readiness_survey.report_readiness_wave", self.wave.ids)[0]
            .decode()
        )
        self.assertIn("Several teams", html)
        for user in (self.agent_liege, self.agent_namur, self.agent_web):
            self.assertNotIn(user.name, html)

    def test_anonymity_is_a_promise(self):
        self.wave._invite_users(self.agent_liege)
        with self.assertRaises(UserError):
            self.wave.is_anonymous = False
        with self.assertRaises(UserError):
            self.wave.min_group_size = 2
        self.wave.min_group_size = 5
        self.assertEqual(self.wave.min_group_size, 5)
        with self.assertRaises(ValidationError):
            self._new_wave(name="Too small", is_anonymous=True, min_group_size=1)

    def test_training_is_refused(self):
        responses = self._answer_all()
        with self.assertRaises(UserError):
            responses.sudo().action_plan_training()

    def _times(self, table, column, ids):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM %s WHERE %s IN %s",
                SQL.identifier(column),
                SQL.identifier(table),
                SQL.identifier("id"),
                tuple(ids),
            )
        )
        return [value for (value,) in self.env.cr.fetchall() if value]

    def _all_times(self, responses):
        answers = responses.sudo().user_input_id
        participations = responses.sudo().wave_id.participation_ids
        columns = {
            "survey_user_input": (
                answers.ids,
                ("create_date", "write_date", "start_datetime", "end_datetime"),
            ),
            "survey_user_input_line": (
                answers.user_input_line_ids.ids,
                ("create_date", "write_date"),
            ),
            "readiness_response": (responses.ids, ("create_date", "write_date")),
            "readiness_response_score": (responses.sudo().score_ids.ids, ("create_date",)),
            "readiness_participation": (participations.ids, ("write_date",)),
        }
        return {
            (table, column): self._times(table, column, ids)
            for table, (ids, cols) in columns.items()
            for column in cols
        }

    def test_completion_times_kept_to_the_day_only(self):
        with freeze_time("2026-03-05 10:42:17"):
            anonymous = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
            named_wave = self._new_wave(name="Named")
            named = self._answer(named_wave, self.agent_liege, APPREHENSIVE)
        for key, values in self._all_times(anonymous).items():
            with self.subTest(column=key):
                # the test answers are saved without opening the survey page: no start time
                self.assertTrue(values or key[1] == "start_datetime", key)
                for value in values:
                    self.assertEqual(
                        value, value.replace(hour=0, minute=0, second=0, microsecond=0)
                    )
        # Non-anonymous waves keep the exact time survey records.
        end = self._times("survey_user_input", "end_datetime", named.user_input_id.ids)
        self.assertEqual(end[0].strftime("%H:%M:%S"), "10:42:17")
