# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import APPREHENSIVE, CONFIDENT, ReadinessCase


@tagged("post_install", "-at_install")
class TestViews(ReadinessCase):
    """Every menu of the app opens for the people who see it, with the fields shown."""

    def setUp(self):
        super().setUp()
        wave = self._new_wave(name="Views")
        self._answer(wave, self.agent_liege, APPREHENSIVE)
        self._answer(wave, self.agent_namur, CONFIDENT)

    def _specification(self, model, arch):
        fields = model.fields_get()
        spec = {}
        for node in etree.fromstring(arch).iter("field"):
            name = node.get("name")
            if name not in fields or node.xpath("ancestor::field"):
                continue
            if fields[name]["type"] in ("many2one", "one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def _open_menus(self, user):
        root = self.env.ref("readiness_survey.menu_readiness_root")
        menus = (
            self.env["ir.ui.menu"]
            .with_user(user)
            .search([("id", "child_of", root.id)])
            ._filter_visible_menus()
        )
        opened = []
        # The web client reads actions as superuser too; access is what menus allow.
        for menu in menus.sudo().filtered("action"):
            action = menu.action
            if action._name != "ir.actions.act_window":
                continue
            model = self.env[action.res_model].with_user(user)
            views = model.get_views([(False, mode) for mode in action.view_mode.split(",")])
            domain = safe_eval(action.domain, {"uid": user.id}) if action.domain else []
            for mode in ("list", "form"):
                if mode not in views["views"]:
                    continue
                spec = self._specification(model, views["views"][mode]["arch"])
                records = model.search(domain, limit=5)
                records.web_read(spec)
            opened.append(menu.name)
        return opened

    def test_agent_menus(self):
        opened = self._open_menus(self.agent_liege)
        self.assertEqual(sorted(opened), ["My Answers", "My Questionnaires"])

    def test_manager_menus(self):
        opened = self._open_menus(self.manager)
        self.assertIn("Readiness by Group", opened)
        self.assertIn("Scoring Table", opened)
        for name in ("Heatmap", "Action Plans", "Courses Assigned", "Pulses", "Frameworks"):
            self.assertIn(name, opened)
        self.assertNotIn("Sales Teams", opened)

    def test_admin_menus(self):
        opened = self._open_menus(self.admin)
        self.assertIn("Sales Teams", opened)
        self.assertIn("Questionnaire", opened)
