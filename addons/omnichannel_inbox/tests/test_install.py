# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The inbox is installed on top of OCA helpdesk and its dependencies."""

    def test_module_and_dependencies_installed(self):
        modules = self.env["ir.module.module"].search(
            [
                (
                    "name",
                    "in",
                    ["omnichannel_inbox", "helpdesk_mgmt", "sm_connector", "tcx_click2dial"],
                )
            ]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 4)

    def test_helpdesk_agent_can_open_a_ticket(self):
        agent = new_test_user(
            self.env, login="inbox-agent", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(agent)
            .create({"name": "Where is my order?", "description": "Sent from the web shop"})
        )
        self.assertTrue(ticket.number)
        self.assertEqual(ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new"))
