# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestCallsDashboard(TransactionCase):
    """The calls dashboard opens on calls per agent stacked by status (issue 11, item 8)."""

    def test_calls_graph_is_grouped_by_agent_then_status_and_stacked(self):
        action = self.env.ref("tcx_click2dial.action_tcx_call_dashboard")
        context = safe_eval(action.context)
        # the search defaults replace the graph's own groupings: both must be there, in order
        defaults = sorted(
            (value, key) for key, value in context.items() if key.startswith("search_default_")
        )
        self.assertEqual(
            [key for _v, key in defaults],
            ["search_default_group_by_agent", "search_default_group_by_status"],
        )
        arch = self.env["tcx.call"].get_view(
            self.env.ref("tcx_click2dial.tcx_call_view_graph").id, "graph"
        )["arch"]
        self.assertIn('stacked="1"', arch)
        search = self.env["tcx.call"].get_view(view_type="search")["arch"]
        self.assertIn("'group_by': 'status'", search)
