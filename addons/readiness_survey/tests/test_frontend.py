# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestFrontend(ReadinessCase, HttpCase):
    """A respondent answers through the survey front end; the browser tours."""

    def setUp(self):
        super().setUp()
        self.wave = self._new_wave(name="Front end")
        self.respondent = self._new_agent("rs-front-agent", self.team_shops, self.liege)
        self.wave._invite_users(self.respondent)
        self.participation = self.wave.participation_ids
        self.answer = self.participation.user_input_id

    def _post_data(self, page, answers):
        data = {"page_id": page.id}
        for xmlid, value in answers.items():
            question = self._ref(xmlid)
            if question.page_id != page:
                continue
            if isinstance(value, list):
                data[str(question.id)] = [str(self._ref(v).id) for v in value]
            elif question.question_type == "simple_choice":
                data[str(question.id)] = str(self._ref(value).id)
            else:
                data[str(question.id)] = value
        return data

    def _complete_through_front_end(self):
        """Open the personal link, begin, and submit every page as the respondent does."""
        survey_token, token = self.survey.access_token, self.answer.access_token
        self.authenticate(self.respondent.login, self.respondent.login)
        response = self.url_open(f"/survey/start/{survey_token}?answer_token={token}")
        self.assertEqual(response.status_code, 200)
        response = self.url_open(f"/survey/{survey_token}/{token}")
        csrf_token = CSRF.search(response.text).group(1)
        begin = self.url_open(
            f"/survey/begin/{survey_token}/{token}", json={"params": {"lang_code": "en_US"}}
        )
        self.assertEqual(begin.status_code, 200)
        for page in self.survey.page_ids:
            post = {
                **self._post_data(page, APPREHENSIVE),
                "csrf_token": csrf_token,
                "token": token,
                "button_submit": "next",
            }
            result = self.url_open(f"/survey/submit/{survey_token}/{token}", json={"params": post})
            self.assertEqual(result.status_code, 200)
            self.assertNotIn("error", result.json()["result"][1])
        return result

    def test_respondent_completes_the_survey_through_the_front_end(self):
        last_page = self._complete_through_front_end()
        self.assertNotIn("/survey/retry/", last_page.json()["result"][1]["survey_content"])
        self.answer.invalidate_recordset()
        self.assertEqual(self.answer.state, "done")
        scored = self.env["readiness.response"].search([("user_input_id", "=", self.answer.id)])
        self.assertRecordValues(
            scored,
            [
                {
                    "user_id": self.respondent.id,
                    "team_id": self.team_shops.id,
                    "showroom_id": self.liege.id,
                    "readiness_index": 2.86,
                    "apprehension_text": "Losing the human contact with customers.",
                }
            ],
        )
        self.assertEqual(self.participation.state, "done")
        # No second answer outside the wave, even through the retry route.
        before = self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)])
        self.url_open(f"/survey/retry/{self.survey.access_token}/{self.answer.access_token}")
        after = self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)])
        self.assertEqual(before, after)

    def test_anonymous_respondent_through_the_front_end(self):
        wave = self._new_wave(name="Anonymous", is_anonymous=True, min_group_size=2)
        wave._invite_users(self.respondent)
        self.answer = wave.participation_ids.sudo().user_input_id
        last_page = self._complete_through_front_end()
        finished = last_page.json()["result"][1]["survey_content"]
        self.assertIn("o_survey_finished", finished)
        self.assertNotIn("/survey/retry/", finished, "one answer per invitation")
        answer = self.answer.sudo()
        answer.invalidate_recordset()
        self.assertEqual(answer.state, "done")
        self.assertFalse(answer.partner_id)
        scored = self.env["readiness.response"].sudo().search([("user_input_id", "=", answer.id)])
        self.assertFalse(scored.user_id)
        self.assertEqual(scored.readiness_index, 2.86)
        self.assertFalse(wave.participation_ids.user_input_id)

    def test_tour_salesperson_answers(self):
        """A SHOPS salesperson follows their personal link and answers in the browser."""
        url = self.participation.with_user(self.respondent).answer_url
        self.start_tour(url, "readiness_survey_answer_tour", login=self.respondent.login)
        scored = self.env["readiness.response"].search([("wave_id", "=", self.wave.id)])
        self.assertEqual(scored.user_id, self.respondent)
        self.assertEqual(scored.showroom_id, self.liege)
        # No (0) + definition (1): 1/3; automation 3/3; benefits 1/7; experience 0;
        # apprehension "don't know" (1) + yes (3) = 4/5.
        self.assertAlmostEqual(scored.score_understanding, 33.33)
        self.assertAlmostEqual(scored.score_apprehension, 80.0)
        self.assertAlmostEqual(scored.readiness_index, 34.52)
        self.assertEqual(scored.apprehension_text, "Losing the human contact with customers.")

    def test_tour_manager_opens_the_dashboard(self):
        self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self._answer(self.wave, self.agent_namur, CONFIDENT)
        self._answer(self.wave, self.agent_web, WEB_AGENT)
        self.start_tour("/odoo", "readiness_survey_dashboard_tour", login=self.manager.login)

    def test_tour_manager_assigns_a_course_from_the_heatmap(self):
        wave = self._new_wave(name="Heatmap tour")
        self._answer(wave, self.agent_liege, APPREHENSIVE)
        self._answer(wave, self.agent_web, WEB_AGENT)
        course = self.env["slide.channel"].create(
            {"name": "CRM basics (tour)", "visibility": "connected", "enroll": "invite"}
        )
        understanding = self._ref("dimension_understanding")
        understanding.channel_id = course
        liege = wave.group_result_ids.filtered(lambda r: r.showroom_id == self.liege)
        self.assertEqual(liege.barrier_dimension_id, understanding)
        self.start_tour("/odoo", "readiness_survey_heatmap_tour", login=self.manager.login)
        members = self.env["slide.channel.partner"].search([("channel_id", "=", course.id)])
        # the course's responsible is a member from the start
        self.assertEqual(
            members.partner_id - course.user_id.partner_id, self.agent_liege.partner_id
        )
        self.assertEqual(wave.training_ids.user_id, self.agent_liege)
