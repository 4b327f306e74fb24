# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo import fields
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.tests import tagged
from simulators.iadvize import Desk

from ..helpers import desk_token
from .common import PROJECT, InboxHttpCase

APP_SECRET = "test-desk-app-secret"


@tagged("post_install", "-at_install")
class TestIAdvizeDeskPanel(InboxHttpCase):
    """The iAdvize desk opens the custom app for a conversation (simulator's desk over HTTP):
    the visitor's customer 360 and canned replies filled with the order."""

    def setUp(self):
        super().setUp()
        self.start_iadvize()
        self.connection.write({"desk_app_secret": APP_SECRET, "desk_user_id": self.agent_a.id})
        self.desk = Desk(self.base_url(), APP_SECRET, PROJECT, session=self.opener)

    def julie_chat(self):
        return self.chat(
            [("visitor", "Bonjour, où en est mon canapé ?")],
            visitor={"firstName": "Julie", "email": "julie.lambert@client.test"},
        )

    def test_panel_shows_the_visitors_360_and_inserts_a_filled_canned_reply(self):
        cid = self.julie_chat()
        tickets_before = self.env["helpdesk.ticket"].search_count([])
        panel = self.desk.open_panel(cid)
        self.assertEqual(panel.page_status, 200)
        self.assertIn("https://ha.iadvize.com", panel.page_headers["Content-Security-Policy"])
        self.assertNotIn("X-Frame-Options", panel.page_headers)
        self.assertEqual(panel.status, 200, panel.answer)
        answer = panel.answer
        self.assertEqual(answer["conversation_id"], cid)
        self.assertEqual(answer["customer"]["id"], self.julie.id)
        self.assertEqual(answer["order"]["name"], "SO26-000123")
        self.assertIn("SO26-000123", answer["html"])
        delay = self.env.ref("omnichannel_inbox.mail_template_canned_delay")
        reply = next(r for r in answer["replies"] if r["id"] == delay.id)
        self.assertIn("SO26-000123", reply["text"])
        self.assertIn("Julie Lambert", reply["text"])
        text = self.desk.insert(cid, panel, delay.id)
        self.assertEqual(self.desk.compose_box[cid], text)
        # rendering the replies wrote nothing
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets_before)

    def test_replies_use_the_customers_open_ticket_of_that_order(self):
        ticket = self.email("Mon canapé", body="Commande SO26-000123 ?")
        self.assertEqual(ticket.inbox_order_id, self.order)
        panel = self.desk.open_panel(self.julie_chat())
        self.assertEqual(panel.status, 200, panel.answer)
        delay = self.env.ref("omnichannel_inbox.mail_template_canned_delay")
        reply = next(r for r in panel.replies if r["id"] == delay.id)
        self.assertIn(ticket.number, reply["subject"])

    def test_panel_shows_the_connections_company_only(self):
        """The desk user may belong to several companies: the panel of a project's chat shows
        the orders of that project's company, not the other companies' ones."""
        other = self.env["res.company"].create({"name": "SM France"})
        self.agent_a.company_ids = [fields.Command.link(other.id)]
        order_fr = self._sm_order("SO26-FR0001", self.julie, "lie", status="awaiting_stock")
        with sm_sync_writes():
            order_fr.company_id = other
        panel = self.desk.open_panel(self.julie_chat())
        self.assertEqual(panel.status, 200, panel.answer)
        self.assertIn("SO26-000123", panel.answer["html"])
        self.assertNotIn("SO26-FR0001", panel.answer["html"])
        # a desk user outside the connection's company is not a configuration that works
        self.agent_a.write({"company_id": other.id, "company_ids": [fields.Command.set(other.ids)]})
        self.assertEqual(self.desk.open_panel(self.julie_chat()).status, 503)

    def test_unknown_visitor(self):
        cid = self.chat([("visitor", "Bonjour")], visitor={"firstName": "Anonyme"})
        panel = self.desk.open_panel(cid)
        self.assertEqual(panel.status, 200, panel.answer)
        self.assertIsNone(panel.answer["customer"])
        self.assertEqual(panel.replies, [])
        self.assertIn("not a known customer", panel.answer["html"])

    def test_refused_without_a_valid_token(self):
        cid = self.julie_chat()
        cases = (
            ({"token": ""}, 401, "missing_token"),
            ({"secret": "not-the-app-secret"}, 403, "invalid_token"),
            ({"ttl": -3600}, 403, "invalid_token"),
            ({"now": time.time() + 3600}, 403, "invalid_token"),
            ({"project_id": "9999"}, 403, "invalid_token"),
            ({"token": "not.a.jwt"}, 403, "invalid_token"),
        )
        for options, status, error in cases:
            with self.subTest(options=options):
                panel = self.desk.open_panel(cid, **options)
                self.assertEqual((panel.status, panel.answer["error"]), (status, error))
                self.assertNotIn("Julie", str(panel.answer))
                self.assertNotIn("SO26", str(panel.answer))

    def test_one_custom_app_on_two_projects(self):
        """iAdvize's custom app has one secret token, whichever project installs it: the token
        of the second project's desk is that project's connection's, not refused."""
        first = self.connection.copy({"name": "Other project", "project_id": "9999"})
        first.desk_app_secret = APP_SECRET
        Connection = self.env["inbox.iadvize.connection"]
        for connection in (first, self.connection):
            claims = {
                "exp": time.time() + 300,
                "projectId": connection.project_id,
                "conversationId": "c-1",
            }
            token = desk_token.encode(claims, APP_SECRET)
            self.assertEqual(Connection._inbox_desk_authenticate(token)[0], connection)
        stranger = desk_token.encode({**claims, "projectId": "no-such-project"}, APP_SECRET)
        with self.assertRaisesRegex(desk_token.DeskTokenError, "another project"):
            Connection._inbox_desk_authenticate(stranger)

    def test_not_configured_and_iadvize_down(self):
        cid = self.julie_chat()
        self.connection.desk_user_id = False
        self.assertEqual(self.desk.open_panel(cid).status, 503)
        self.connection.desk_user_id = self.agent_a
        self.sim.faults.add("status", "/graphql", count=5, status=503)
        panel = self.desk.open_panel(cid)
        self.assertEqual((panel.status, panel.answer["error"]), (502, "iadvize_unavailable"))
