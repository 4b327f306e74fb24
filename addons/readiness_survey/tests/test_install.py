# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The module is installed in a real database and its access levels stack."""

    def test_module_is_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "readiness_survey")])
        self.assertEqual(module.state, "installed")

    def test_access_levels_imply_each_other(self):
        manager = new_test_user(
            self.env, login="readiness-manager", groups="readiness_survey.group_readiness_manager"
        )
        self.assertTrue(manager.has_group("readiness_survey.group_readiness_agent"))
        self.assertTrue(manager.has_group("base.group_user"))
        self.assertFalse(manager.has_group("readiness_survey.group_readiness_admin"))
        self.assertTrue(
            self.env.ref("base.user_admin").has_group("readiness_survey.group_readiness_admin")
        )
