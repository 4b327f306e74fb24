# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

# Polls until the contacts action has rendered a view, then signals success.
WAIT_FOR_CONTACTS = """
const deadline = Date.now() + 20000;
(function poll() {
    if (document.querySelector('.o_action_manager .o_kanban_view, .o_action_manager .o_list_view')) {
        console.log('test successful');
    } else if (Date.now() > deadline) {
        console.error('contacts view did not render');
    } else {
        setTimeout(poll, 100);
    }
})();
"""


@tagged("post_install", "-at_install")
class TestWebClient(HttpCase):
    """The backend (full asset bundle) boots in headless Chromium for a sales agent."""

    def test_agent_opens_contacts(self):
        new_test_user(self.env, login="sm-agent-web", groups="sm_connector.group_sm_agent")
        self.browser_js("/odoo/contacts", WAIT_FOR_CONTACTS, login="sm-agent-web", timeout=120)
