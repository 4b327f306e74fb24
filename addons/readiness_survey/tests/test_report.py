# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import APPREHENSIVE, CONFIDENT, WEB_AGENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestReport(ReadinessCase):
    """The printable report of a non-anonymous wave: groups, least ready, free texts."""

    def test_report_content(self):
        wave = self._new_wave(name="Before go-live")
        self._answer(wave, self.agent_liege, APPREHENSIVE)
        self._answer(wave, self.agent_namur, CONFIDENT)
        self._answer(wave, self.agent_web, WEB_AGENT)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("readiness_survey.report_readiness_wave", wave.ids)[0]
            .decode()
        )
        self.assertIn("SHOPS / Liège", html)
        self.assertIn("SHOPS / Namur", html)
        self.assertIn("Least ready respondents", html)
        self.assertIn(self.agent_liege.name, html)
        self.assertNotIn(self.agent_namur.name, html, "only the least ready are named")
        self.assertIn("Losing the human contact with customers.", html)
        self.assertIn("Delay emails, no-reply follow-ups.", html)
        values = wave._report_values()
        understanding = next(
            d for d in values["dimensions"] if d["name"] == "Understanding of the CRM"
        )
        self.assertAlmostEqual(understanding["average"], round((0 + 100 + 66.67) / 3, 1))
        action = wave.with_user(self.manager).action_print_report()
        self.assertEqual(action["report_name"], "readiness_survey.report_readiness_wave")
