# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Managers' graphs average the readiness index instead of stacking it, and the
participant's submit dialog is in their language (issue 11, items 7 and 8)."""

from lxml import etree

from odoo.tests import tagged

from .common import APPREHENSIVE, CONFIDENT, ReadinessCase

AVERAGED = ("readiness_index", "answered_rate")


@tagged("post_install", "-at_install")
class TestManagerGraphs(ReadinessCase):
    def test_graphs_of_averages_are_not_stacked(self):
        views = self.env["ir.ui.view"].search(
            [("type", "=", "graph"), ("model", "like", "readiness.")]
        )
        checked = 0
        for view in views:
            arch = etree.fromstring(view.arch)
            measures = [f.get("name") for f in arch.iter("field") if f.get("type") == "measure"]
            if set(measures) & set(AVERAGED):
                checked += 1
                self.assertEqual(arch.get("stacked"), "0", view.xml_id)
                model = self.env[view.model]
                for name in set(measures) & set(AVERAGED):
                    self.assertEqual(model._fields[name].aggregator, "avg", name)
        self.assertGreaterEqual(checked, 3)

    def test_team_index_is_the_average_of_its_showrooms_on_0_to_100(self):
        wave = self._new_wave(name="Graphs", is_anonymous=False)
        self._answer(wave, self.agent_liege, APPREHENSIVE)  # SHOPS / Liège: 2.86
        self._answer(wave, self.agent_namur, CONFIDENT)  # SHOPS / Namur: 100
        wave.with_user(self.manager).action_close()
        rows = self.env["readiness.group.result"].search(
            [("wave_id", "=", wave.id), ("team_id", "!=", False)]
        )
        self.assertTrue(rows)
        for team, index in self.env["readiness.group.result"]._read_group(
            [("id", "in", rows.ids)], ["team_id"], ["readiness_index:avg"]
        ):
            mine = rows.filtered(lambda r, t=team: r.team_id == t).mapped("readiness_index")
            self.assertAlmostEqual(index, sum(mine) / len(mine), places=2)
            self.assertLessEqual(index, 100, "an average, never a sum of averages")

    def test_submit_dialog_of_the_questionnaire_in_french_and_dutch(self):
        installed = dict(self.env["res.lang"].get_installed())
        for lang, expected in (("fr_BE", "Êtes-vous sûr"), ("nl_BE", "Weet je zeker")):
            self.assertIn(lang, installed, "staff can take the questionnaire in their language")
            terms = self.env["ir.http"]._get_translations_for_webclient(["survey"], lang)[0]
            messages = terms["survey"]["messages"]
            if isinstance(messages, dict):
                text = messages.get("Are you sure you want to submit the survey?")
            else:
                text = {m["id"]: m["string"] for m in messages}.get(
                    "Are you sure you want to submit the survey?"
                )
            self.assertTrue(text and text.startswith(expected), (lang, text))
