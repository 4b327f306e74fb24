# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every model of the module as each group, a plain internal user and two customers' portal
users; every action with forged ids; the wave named by a context key."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import APPREHENSIVE, CONFIDENT, ReadinessCase

OPERATIONS = ("read", "write", "create", "unlink")
# model -> group -> the operations allowed (ir.model.access.csv, as designed)
EXPECTED = {
    "readiness.team": {"agent": "r", "manager": "r", "admin": "rwcu"},
    "readiness.showroom": {"agent": "r", "manager": "r", "admin": "rwcu"},
    "readiness.dimension": {"agent": "r", "manager": "rwc", "admin": "rwcu"},
    "readiness.framework": {"agent": "r", "manager": "rwc", "admin": "rwcu"},
    "readiness.response.score": {"agent": "r", "manager": "r", "admin": "r"},
    "readiness.group.score": {"agent": "", "manager": "r", "admin": "r"},
    "readiness.training": {"agent": "r", "manager": "rc", "admin": "rcu"},
    "readiness.action.plan": {"agent": "", "manager": "rwc", "admin": "rwcu"},
    "readiness.pulse": {"agent": "", "manager": "rwc", "admin": "rwcu"},
    "readiness.scoring.rule": {"agent": "", "manager": "rwcu", "admin": "rwcu"},
    "readiness.wave": {"agent": "r", "manager": "rwc", "admin": "rwcu"},
    "readiness.participation": {"agent": "r", "manager": "rwc", "admin": "rwcu"},
    "readiness.response": {"agent": "r", "manager": "rw", "admin": "rwu"},
    "readiness.group.result": {"agent": "", "manager": "r", "admin": "r"},
    "readiness.comment": {"agent": "r", "manager": "r", "admin": "r"},
    "readiness.wave.invite": {"agent": "", "manager": "rwcu", "admin": "rwcu"},
}
LETTER = {"read": "r", "write": "w", "create": "c", "unlink": "u"}


@tagged("post_install", "-at_install")
class TestSecurityReadiness(ReadinessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, login="rs-employee", groups="base.group_user")
        customers = cls.env["res.partner"].create(
            [
                {"name": "Customer One", "is_company": True},
                {"name": "Customer Two", "is_company": True},
            ]
        )
        cls.portals = cls.env["res.users"]
        for index, customer in enumerate(customers, start=1):
            portal = new_test_user(cls.env, login=f"rs-portal{index}", groups="base.group_portal")
            portal.partner_id.parent_id = customer
            cls.portals |= portal

    def setUp(self):
        super().setUp()
        self.wave = self._new_wave(name="Security")
        self.mine = self._answer(self.wave, self.agent_liege, APPREHENSIVE)
        self.other = self._answer(self.wave, self.agent_namur, CONFIDENT)

    def test_acl_matrix_of_every_model_and_group(self):
        users = {"agent": self.agent_liege, "manager": self.manager, "admin": self.admin}
        for model, by_group in EXPECTED.items():
            for group, user in users.items():
                for operation in OPERATIONS:
                    allowed = LETTER[operation] in by_group[group]
                    with self.subTest(model=model, group=group, operation=operation):
                        Model = self.env[model].with_user(user)
                        if allowed:
                            Model.check_access(operation)
                        else:
                            with self.assertRaises(AccessError):
                                Model.check_access(operation)

    def test_outsiders_reach_no_model(self):
        for user in self.employee | self.portals:
            for model in EXPECTED:
                for operation in OPERATIONS:
                    with self.subTest(user=user.login, model=model, operation=operation):
                        with self.assertRaises(AccessError):
                            self.env[model].with_user(user).check_access(operation)

    def test_records_of_others_are_out_of_reach(self):
        participation = self.wave.participation_ids.filtered(
            lambda p: p.user_id == self.agent_namur
        )
        for user in self.employee | self.portals | self.agent_liege:
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.other.with_user(user).read(["readiness_index"])
                with self.assertRaises(AccessError):
                    participation.with_user(user).read(["answer_url"])
                with self.assertRaises(AccessError):
                    self.other.with_user(user).write({"coach_id": user.id})
                with self.assertRaises(AccessError):
                    self.other.user_input_id.with_user(user).read(["access_token"])

    def test_wave_actions_with_forged_ids(self):
        """An action is a write: callers who cannot write the wave are refused, before any
        superuser step runs (expiry, recomputation, mails)."""
        actions = (
            "action_start",
            "action_close",
            "action_send_reminders",
            "action_refresh_results",
        )
        for user in self.employee | self.portals | self.agent_liege:
            for action in actions:
                with self.subTest(user=user.login, action=action):
                    with self.assertRaises(AccessError):
                        getattr(self.wave.with_user(user), action)()
        self.assertEqual(self.wave.state, "running")
        self.wave.with_user(self.manager).action_refresh_results()
        self.wave.with_user(self.manager).action_close()
        self.assertEqual(self.wave.state, "closed")

    def test_response_actions_with_forged_ids(self):
        for user in self.employee | self.portals | self.agent_liege:
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.other.with_user(user).action_open_answers()
                with self.assertRaises(AccessError):
                    self.other.with_user(user).action_plan_training()
        participation = self.wave.participation_ids.filtered(
            lambda p: p.user_id == self.agent_namur
        )
        with self.assertRaises(UserError):  # AccessError or "only the invited person"
            participation.with_user(self.agent_liege).action_answer()

    def test_invite_wizard_for_managers_only(self):
        for user in self.employee | self.portals | self.agent_liege:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["readiness.wave.invite"].with_user(user).create(
                    {"wave_id": self.wave.id, "user_ids": [(6, 0, user.ids)]}
                )

    def test_wave_in_context_is_checked(self):
        """``readiness_wave_id`` in the context of a survey invitation comes from the client:
        a survey officer who does not run the wave cannot attach answers to it."""
        officer = new_test_user(self.env, login="rs-officer", groups="survey.group_survey_user")
        invite = (
            self.env["survey.invite"]
            .with_user(officer)
            .with_context(readiness_wave_id=self.wave.id)
            .create({"survey_id": self.survey.id, "emails": "someone@example.com"})
        )
        with self.assertRaises(AccessError):
            invite.action_invite()
        other_survey = self.env["survey.survey"].create({"title": "Another survey"})
        invite = (
            self.env["survey.invite"]
            .with_user(self.manager)
            .with_context(readiness_wave_id=self.wave.id)
            .create({"survey_id": other_survey.id, "emails": "someone@example.com"})
        )
        with self.assertRaises(UserError):
            invite.action_invite()
        answers = self.env["survey.user_input"].search([("readiness_wave_id", "=", self.wave.id)])
        self.assertNotIn("someone@example.com", answers.mapped("email"))


@tagged("post_install", "-at_install")
class TestSecurityReadinessRoutes(ReadinessCase, HttpCase):
    """The survey routes the waves use, with forged tokens and as every user."""

    SECRET = "Nobody may read this anonymous apprehension."

    def setUp(self):
        super().setUp()
        self.employee = new_test_user(self.env, login="rs-employee", groups="base.group_user")
        self.portal = new_test_user(self.env, login="rs-portal", groups="base.group_portal")
        self.wave = self._new_wave(name="Anonymous routes", is_anonymous=True, min_group_size=2)
        answers = dict(APPREHENSIVE, q_apprehension_text=self.SECRET)
        self.anonymous = self._answer(self.wave, self.agent_liege, answers)
        self._answer(self.wave, self.agent_namur, CONFIDENT)

    def test_results_page_never_shows_anonymous_answers(self):
        for login in ("rs-manager", "rs-admin"):
            self.authenticate(login, login)
            with self.subTest(login=login):
                response = self.url_open(f"/survey/results/{self.survey.id}")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(self.SECRET, response.text)
        for login in ("rs-liege", "rs-employee", "rs-portal"):
            self.authenticate(login, login)
            with self.subTest(login=login):
                response = self.url_open(f"/survey/results/{self.survey.id}")
                self.assertNotIn(self.SECRET, response.text)
                self.assertNotEqual(response.status_code, 200)

    def test_forged_answer_tokens_open_nothing(self):
        survey_token = self.survey.access_token
        for login in ("rs-namur", "rs-employee", "rs-portal", None):
            self.authenticate(login, login)
            for token in ("00000000-0000-0000-0000-000000000000", "x' OR 1=1 --"):
                with self.subTest(login=login, token=token):
                    response = self.url_open(
                        f"/survey/print/{survey_token}?answer_token={token}",
                        allow_redirects=False,
                    )
                    self.assertNotIn(self.SECRET, response.text)
                    self.assertNotEqual(response.status_code, 500)
