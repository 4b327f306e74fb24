# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUsageEvent(TransactionCase):
    """``suite.usage.event``: the suite logs a user's own action; staff cannot read or forge it."""

    def test_log_own_action_only_through_code(self):
        agent = new_test_user(self.env, login="usage_agent", groups="base.group_user")
        partner = self.env["res.partner"].create({"name": "Usage Customer"})
        row = self.env["suite.usage.event"].with_user(agent)._suite_log("customer_360", partner)
        self.assertEqual(
            (row.kind, row.user_id, row.res_model, row.res_id),
            ("customer_360", agent, "res.partner", partner.id),
        )
        Usage = self.env["suite.usage.event"].with_user(agent)
        with self.assertRaises(AccessError):
            Usage.search([])
        with self.assertRaises(AccessError):
            Usage.create({"kind": "forged", "user_id": agent.id, "date": "2026-01-01"})
