# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ReadinessCase

# Annex 3 of the thesis, as written (the French source of the questionnaire).
ANNEX_3 = {
    "q_definition": "Aviez-vous une idée claire de la définition d'un CRM avant que nous "
    "décidions d'en implémenter un ?",
    "q_definition_text": "Pourriez-vous définir avec vos mots ce qu'est un CRM ?",
    "q_automate": "Dans votre travail, au quotidien, aimeriez-vous que certaines tâches soient "
    "améliorées / automatisées ?",
    "q_automate_text": "(Si OUI, pourriez-vous expliquer lesquelles et pourquoi ?)",
    "q_benefits": "Avez-vous une idée claire des bénéfices que procure la mise en œuvre d'un "
    "système CRM ?",
    "q_benefits_text": "(Si OUI, pourriez-vous expliquer lesquelles ?)",
    "q_goals": "Sélectionnez les éléments qui correspondent aux enjeux souhaités en investissant "
    "dans cette solution CRM ?",
    "q_crm_used": "Avez-vous déjà eu l'occasion d'utiliser un CRM ?",
    "q_crm_used_name": "Si OUI, lequel ?",
    "q_easy": "D'après vous, le CRM est un outil facile à utiliser ?",
    "q_implementation": "Avez-vous déjà travaillé à la mise en œuvre d'un CRM ?",
    "q_apprehension": "Avez-vous des appréhensions face à ce projet ?",
    "q_suggestion": "Avez-vous des suggestions ?",
}
ANNEX_3_GOALS = [
    "Améliorer la prise de décision",
    "Améliorer la productivité",
    "Investir dans de nouveaux canaux de communication",
    "Améliorer la relation client",
]


@tagged("post_install", "-at_install")
class TestQuestionnaire(ReadinessCase):
    """The Annex 3 questionnaire ships as survey data, in English, French and Dutch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("fr_FR", "nl_NL"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["readiness_survey"], ["fr_FR", "nl_NL"], overwrite=True
        )

    def _title(self, xmlid, lang):
        return self._ref(xmlid).with_context(lang=lang).title

    def test_french_is_annex_3_as_written(self):
        for xmlid, french in ANNEX_3.items():
            self.assertEqual(self._title(xmlid, "fr_FR"), french, xmlid)
        goals = self._ref("q_goals").suggested_answer_ids.with_context(lang="fr_FR")
        self.assertEqual(goals.mapped("value"), ANNEX_3_GOALS)

    def test_english_and_dutch(self):
        self.assertEqual(
            self._title("q_apprehension", "en_US"),
            "Do you have any apprehensions about this project?",
        )
        self.assertEqual(
            self._title("q_apprehension", "nl_NL"), "Heeft u bedenkingen bij dit project?"
        )
        self.assertEqual(self.survey.with_context(lang="nl_NL").title, "Vragenlijst over het CRM")
        yes_no = self._ref("q_automate").suggested_answer_ids
        self.assertEqual(yes_no.with_context(lang="nl_NL").mapped("value"), ["Ja", "Nee"])
        self.assertEqual(yes_no.with_context(lang="fr_FR").mapped("value"), ["Oui", "Non"])

    def test_every_question_and_choice_is_translated(self):
        """No question nor choice falls back to English in French or Dutch (names written
        the same way, such as WEB, SHOPS or Paris in French, excepted)."""
        same = {
            "fr_FR": {"WEB", "SHOPS", "Paris", "Namur", "Liège"},
            "nl_NL": {"WEB", "SHOPS"},
        }
        items = self.survey.question_and_page_ids
        for lang, same_everywhere in same.items():
            for question in items:
                english = question.with_context(lang="en_US").title
                self.assertNotEqual(question.with_context(lang=lang).title, english, lang)
            for answer in items.suggested_answer_ids:
                english = answer.with_context(lang="en_US").value
                if english not in same_everywhere:
                    self.assertNotEqual(answer.with_context(lang=lang).value, english, lang)

    def test_question_types(self):
        """Yes/no questions with a follow-up text, multiple choice for the goals, free text."""
        self.assertEqual(self.survey.questions_layout, "page_per_section")
        self.assertEqual(self.survey.access_mode, "token")
        self.assertTrue(self.survey.users_login_required)
        for question, follow_up, trigger in (
            ("q_automate", "q_automate_text", "q_automate_yes"),
            ("q_benefits", "q_benefits_text", "q_benefits_yes"),
            ("q_crm_used", "q_crm_used_name", "q_crm_used_yes"),
            ("q_apprehension", "q_apprehension_text", "q_apprehension_yes"),
        ):
            self.assertEqual(self._ref(question).question_type, "simple_choice")
            self.assertEqual(
                self._ref(question).suggested_answer_ids.mapped("value"), ["Yes", "No"]
            )
            self.assertIn(self._ref(follow_up).question_type, ("text_box", "char_box"))
            self.assertEqual(self._ref(follow_up).triggering_answer_ids, self._ref(trigger))
        self.assertEqual(self._ref("q_goals").question_type, "multiple_choice")
        self.assertEqual(len(self._ref("q_goals").suggested_answer_ids), 4)
        self.assertEqual(self._ref("q_suggestion").question_type, "text_box")
        self.assertEqual(self._ref("q_definition_text").readiness_theme, "definition")
        self.assertEqual(self._ref("q_automate_text").readiness_theme, "tasks")
        self.assertEqual(self._ref("q_apprehension_text").readiness_theme, "apprehension")
        self.assertEqual(self._ref("q_suggestion").readiness_theme, "suggestion")

    def test_respondent_context(self):
        """Team (WEB or SHOPS) is asked first; the showroom only to SHOPS staff."""
        team = self._ref("q_team")
        self.assertEqual(team.suggested_answer_ids.mapped("value"), ["WEB", "SHOPS"])
        self.assertTrue(team.constr_mandatory)
        showroom = self._ref("q_showroom")
        self.assertEqual(showroom.triggering_answer_ids, self._ref("q_team_shops"))
        self.assertEqual(
            showroom.suggested_answer_ids.with_context(lang="fr_FR").mapped("value"),
            ["Liège", "Bruxelles", "Namur", "Gand", "Paris"],
        )
        self.assertEqual(self.team_shops.answer_id, self._ref("q_team_shops"))
        self.assertEqual(self.liege.answer_id, self._ref("q_showroom_liege"))
