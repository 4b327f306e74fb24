# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAdminToolsSecurity(TransactionCase):
    """Column maps, simulations, alerts and the push tables: admins edit, managers read, agents
    see nothing; the push secret is for SM administrators only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, login="sm-sec-agent", groups="sm_connector.group_sm_agent"
        )
        cls.manager = new_test_user(
            cls.env, login="sm-sec-manager", groups="sm_connector.group_sm_manager"
        )
        cls.backend = cls.env["sm.backend"].create({"name": "sec", "push_secret": "s3cret"})
        cls.column_map = cls.env["sm.column.map"].create(
            {"backend_id": cls.backend.id, "entity": "contacts"}
        )
        cls.alert = cls.env["sm.alert"].create(
            {"backend_id": cls.backend.id, "kind": "stale", "entity": "contacts"}
        )
        cls.dry_run = cls.env["sm.dry.run"].create({"backend_id": cls.backend.id})

    def test_agents_see_none_of_it(self):
        for record in (self.column_map, self.alert, self.dry_run):
            with self.assertRaises(AccessError):
                record.with_user(self.agent).read(["id"])
        for model in ("sm.push.signature", "sm.push.request"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.agent).search([])

    def test_managers_read_but_do_not_change(self):
        self.column_map.with_user(self.manager).read(["entity"])
        self.alert.with_user(self.manager).read(["kind"])
        with self.assertRaises(AccessError):
            self.column_map.with_user(self.manager).write({"entity": "articles"})
        with self.assertRaises(AccessError):
            self.alert.with_user(self.manager).write({"state": "resolved"})
        with self.assertRaises(AccessError):
            self.backend.with_user(self.manager).read(["push_secret"])
        with self.assertRaises(AccessError):
            self.env["sm.push.signature"].with_user(self.manager).search([])
