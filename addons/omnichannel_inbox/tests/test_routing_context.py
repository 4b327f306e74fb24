# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.tests import HttpCase, new_test_user, tagged

from .common import InboxMixin

API_KEY = "routing-test-api-key-0123456789"
WAIT_FOR_360 = """
const deadline = Date.now() + 20000;
(function poll() {
    if (document.querySelector('.o_suite_360_action .o_suite_360_order')) {
        console.log('test successful');
    } else if (Date.now() > deadline) {
        console.error('the 360 did not render');
    } else {
        setTimeout(poll, 100);
    }
})();
"""


@tagged("post_install", "-at_install")
class TestRoutingContext(InboxMixin, HttpCase):
    """3CX's caller-ID lookup over HTTP: a caller with an open showroom order comes with the
    showroom and its 3CX queue (``routing``); the ContactUrl opens the customer 360."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_inbox()
        cls.env["tcx.pbx"].search([]).action_archive()
        cls.pbx = cls.env["tcx.pbx"].create(
            {"name": "3CX routing", "base_url": "http://127.0.0.1:9", "api_key": API_KEY}
        )
        cls.queue_lie = cls.env["tcx.queue"].create(
            {"name": "Liège", "extension": "801", "pbx_id": cls.pbx.id}
        )
        cls.env.ref("sm_connector.showroom_lie").inbox_tcx_queue_id = cls.queue_lie

    def lookup(self, number):
        response = self.url_open(
            f"/tcx/crm/lookup?Number={number}", headers={"X-Tcx-Api-Key": API_KEY}
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_open_order_routes_to_its_showroom(self):
        answer = self.lookup("0475123456")  # Julie: SO26-000123 awaiting stock at Liège
        self.assertEqual(answer["contact"]["ContactId"], str(self.julie.id))
        self.assertEqual(
            answer["routing"],
            {
                "Showroom": "Liège",
                "ShowroomCode": "LIE",
                "Extension": "801",
                "Queue": "Liège",
                "Order": "SO26-000123",
            },
        )
        self.assertTrue(
            answer["contact"]["ContactUrl"].endswith(f"/odoo/{self.julie.id}/customer-360")
        )
        # Marc's order waits at Gand, which has no 3CX queue: nothing to route to
        self.assertNotIn("routing", self.lookup("0486112233"))
        self.queue_lie.extension = "802"  # a renumbered queue is seen at once
        self.assertEqual(self.lookup("0475123456")["routing"]["Extension"], "802")
        # no open order (delivered): no routing, 3CX's default flow
        with sm_sync_writes():
            self.order.sm_status = "delivered"
        self.assertNotIn("routing", self.lookup("0475123456"))

    def test_contact_url_opens_the_360(self):
        agent = new_test_user(
            self.env,
            login="routing-agent",
            password="routing-agent",
            # the agent who clicks the link in the 3CX client
            groups="tcx_click2dial.group_tcx_agent,helpdesk_mgmt.group_helpdesk_user",
        )
        url = self.lookup("0475123456")["contact"]["ContactUrl"]
        path = url[url.index("/odoo/") :]
        self.browser_js(path, WAIT_FOR_360, login="routing-agent")
        opened = self.env["suite.usage.event"].search([("user_id", "=", agent.id)])
        self.assertEqual((opened.kind, opened.res_id), ("customer_360", self.julie.id))
