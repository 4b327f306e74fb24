# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import AGENT_EXT, TcxHttpCase

# Polls until the action's view has rendered (any JS error fails the test).
WAIT_FOR_VIEW = """
const deadline = Date.now() + 20000;
(function poll() {
    if (document.querySelector('.o_action_manager %s')) {
        console.log('test successful');
    } else if (Date.now() > deadline) {
        console.error('view did not render');
    } else {
        setTimeout(poll, 100);
    }
})();
"""


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

    def test_call_views_render_for_a_manager(self):
        self.report(
            CallType="Missed",
            Number="+32476987654",
            Agent=AGENT_EXT,
            CallStartTimeUTC="2026-11-20T09:00:00Z",
        )
        for action, selector in (
            ("tcx_click2dial.action_tcx_call_missed", ".o_list_view .o_data_row"),
            ("tcx_click2dial.action_tcx_call", ".o_list_view .o_data_row"),
            ("tcx_click2dial.action_tcx_call_dashboard", ".o_graph_view"),
        ):
            with self.subTest(action=action):
                self.browser_js(
                    f"/odoo/action-{action}", WAIT_FOR_VIEW % selector, login="tcx-manager"
                )
