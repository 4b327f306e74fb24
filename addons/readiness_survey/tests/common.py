# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user

# Answer sets used across the tests, by xmlid of the questionnaire. Texts are answers to
# free-text questions; lists are several choices of the multiple-choice goals question.
CONFIDENT = {
    "q_team": "q_team_shops",
    "q_showroom": "q_showroom_namur",
    "q_definition": "q_definition_yes",
    "q_definition_text": "A commercial and marketing tool for the customer relationship.",
    "q_automate": "q_automate_yes",
    "q_automate_text": "Prospect pipeline, automated customer service replies.",
    "q_benefits": "q_benefits_yes",
    "q_benefits_text": "Better customer follow-up.",
    "q_goals": ["q_goals_decision", "q_goals_productivity", "q_goals_channels", "q_goals_customer"],
    "q_crm_used": "q_crm_used_yes",
    "q_crm_used_name": "Zendesk",
    "q_easy": "q_easy_yes",
    "q_implementation": "q_implementation_yes",
    "q_apprehension": "q_apprehension_no",
}
# Expected: every dimension at its best -> index 100.

APPREHENSIVE = {
    "q_team": "q_team_shops",
    "q_showroom": "q_showroom_liege",
    "q_definition": "q_definition_no",
    "q_automate": "q_automate_no",
    "q_benefits": "q_benefits_no",
    "q_goals": ["q_goals_customer"],
    "q_crm_used": "q_crm_used_no",
    "q_easy": "q_easy_no",
    "q_implementation": "q_implementation_no",
    "q_apprehension": "q_apprehension_yes",
    "q_apprehension_text": "Losing the human contact with customers.",
}
# Expected: understanding 0, automation 0, benefits 1/7, experience 0, apprehension 5/5
# -> index = 20 * 14.29 / 100 = 2.86.

WEB_AGENT = {
    "q_team": "q_team_web",
    "q_definition": "q_definition_partly",
    "q_definition_text": "A tool that centralises customer interactions.",
    "q_automate": "q_automate_yes",
    "q_automate_text": "Delay emails, no-reply follow-ups.",
    "q_benefits": "q_benefits_yes",
    "q_benefits_text": "Time saved.",
    "q_goals": ["q_goals_productivity", "q_goals_customer"],
    "q_crm_used": "q_crm_used_yes",
    "q_crm_used_name": "Salesforce",
    "q_easy": "q_easy_yes",
    "q_implementation": "q_implementation_no",
    "q_apprehension": "q_apprehension_no",
}
# Expected: understanding 2/3, automation 3/3, benefits 5/7, experience 2/4, apprehension 0
# -> index = (20*66.67 + 20*100 + 20*71.43 + 15*50 + 25*100) / 100 = 80.12.


class ReadinessCase(TransactionCase):
    """Shared fixtures: the shipped questionnaire, sales staff and a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, tracking_disable=True)
        )
        cls.survey = cls.env.ref("readiness_survey.survey_crm_readiness")
        cls.team_web = cls.env.ref("readiness_survey.team_web")
        cls.team_shops = cls.env.ref("readiness_survey.team_shops")
        cls.liege = cls.env.ref("readiness_survey.showroom_liege")
        cls.namur = cls.env.ref("readiness_survey.showroom_namur")
        cls.manager = new_test_user(
            cls.env,
            login="rs-manager",
            name="Readiness Manager",
            email="rs.manager@example.com",
            groups="readiness_survey.group_readiness_manager",
        )
        cls.admin = new_test_user(
            cls.env,
            login="rs-admin",
            email="rs.admin@example.com",
            groups="readiness_survey.group_readiness_admin",
        )
        cls.team_shops.manager_id = cls.manager
        cls.agent_liege = cls._new_agent("rs-liege", cls.team_shops, cls.liege)
        cls.agent_namur = cls._new_agent("rs-namur", cls.team_shops, cls.namur)
        cls.agent_web = cls._new_agent("rs-web-agent", cls.team_web)

    @classmethod
    def _new_agent(cls, login, team, showroom=None):
        return new_test_user(
            cls.env,
            login=login,
            email=f"{login}@example.com",
            groups="readiness_survey.group_readiness_agent",
            readiness_team_id=team.id,
            readiness_showroom_id=showroom.id if showroom else False,
        )

    def _new_wave(self, **values):
        return (
            self.env["readiness.wave"]
            .with_user(self.manager)
            .create({"name": "Wave", "survey_id": self.survey.id, **values})
        )

    def _ref(self, xmlid):
        return self.env.ref(f"readiness_survey.{xmlid}")

    def _fill(self, user_input, answers):
        """Save ``answers`` (see the answer sets above) on a survey answer, as submitted."""
        for question_xmlid, value in answers.items():
            question = self._ref(question_xmlid)
            if question.question_type in ("simple_choice", "multiple_choice"):
                values = value if isinstance(value, list) else [value]
                user_input._save_lines(question, [self._ref(v).id for v in values])
            else:
                user_input._save_lines(question, value)

    def _answer(self, wave, user, answers):
        """Invite ``user`` to ``wave`` if needed, then submit ``answers`` as they would."""
        participation = wave.participation_ids.filtered(lambda p: p.user_id == user)
        if not participation:
            wave.with_user(self.manager)._invite_users(user)
            participation = wave.participation_ids.filtered(lambda p: p.user_id == user)
        # The survey front end works on token-checked answers as superuser.
        user_input = participation.sudo().user_input_id
        self._fill(user_input.sudo(), answers)
        user_input.with_user(user).sudo()._mark_done()
        return self.env["readiness.response"].sudo().search([("user_input_id", "=", user_input.id)])
