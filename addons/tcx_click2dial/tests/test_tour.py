# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import AGENT_EXT, TcxHttpCase


@tagged("post_install", "-at_install")
class TestCallButtonTour(TcxHttpCase):
    """Headless Chromium: an agent clicks the 3CX button next to a contact's mobile."""

    def test_call_button_on_contact(self):
        self.start_tour(
            f"/odoo/res.partner/{self.julie.id}", "tcx_click2dial_call_button", login="tcx-agent"
        )
        self.assertEqual(len(self.sim.calls), 1, "3CX received one makecall")
        self.assertEqual(self.sim.calls[0]["dn"], AGENT_EXT)
        self.assertEqual(self.sim.calls[0]["destination"], "+32476987654")
        call = self.env["tcx.call"].search([("user_id", "=", self.agent.id)])
        self.assertEqual((call.partner_id, call.status), (self.julie, "requested"))
