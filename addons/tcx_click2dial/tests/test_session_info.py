# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSessionInfo(HttpCase):
    """The page tells the web client whether to show the 3CX button (no RPC per form)."""

    def _page_of(self, login, groups):
        new_test_user(self.env, login=login, password=f"{login}-pw", groups=groups)
        self.authenticate(login, f"{login}-pw")
        return self.url_open("/odoo").text

    def test_an_agent_page_says_show_the_button(self):
        page = self._page_of("tcx-si-agent", "tcx_click2dial.group_tcx_manager")
        self.assertIn('"tcx_agent": true', page)

    def test_another_user_page_says_hide_it(self):
        page = self._page_of("tcx-si-clerk", "base.group_user")
        self.assertIn('"tcx_agent": false', page)
