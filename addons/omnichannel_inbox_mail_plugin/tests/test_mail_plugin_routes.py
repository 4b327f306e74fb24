# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo import fields
from odoo.addons.omnichannel_inbox.tests.common import InboxMixin
from odoo.tests import HttpCase, new_test_user, tagged

SCOPE = "odoo.plugin.outlook"


@tagged("post_install", "-at_install")
class TestOutlookPanel(InboxMixin, HttpCase):
    """The Outlook add-in's routes over HTTP, as the add-in calls them: JSON-RPC with the
    user's API key of scope odoo.plugin.outlook in the Authorization header (mail_plugin's
    auth="outlook", not mocked)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_inbox()
        cls.key_agent = cls._outlook_key(cls.agent_a)
        # an employee without helpdesk rights
        # a salesperson without helpdesk rights
        cls.clerk = new_test_user(
            cls.env, login="outlook-clerk", groups="sales_team.group_sale_salesman"
        )
        cls.key_clerk = cls._outlook_key(cls.clerk)

    @classmethod
    def _outlook_key(cls, user):
        expiry = fields.Datetime.now() + timedelta(days=1)
        return cls.env["res.users.apikeys"].with_user(user)._generate(SCOPE, "Outlook", expiry)

    def rpc(self, route, key, **params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        response = self.url_open(route, data=json.dumps(payload), headers=headers)
        return response

    def result(self, route, key, **params):
        response = self.rpc(route, key, **params)
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertNotIn("error", body, body)
        return body["result"]

    def test_panel_of_the_sender_shows_orders_and_open_tickets(self):
        ticket = self.email("Where is my sofa?", body="Order SO26-000123, any news?")
        self.assertEqual(ticket.partner_id, self.julie)
        panel = self.result(
            "/mail_plugin/partner/get",
            self.key_agent,
            email="julie.lambert@client.test",
            name="Julie Lambert",
        )
        self.assertEqual(panel["partner"]["id"], self.julie.id)
        orders = {order["name"]: order for order in panel["sm_orders"]}
        self.assertEqual(orders["SO26-000123"]["promised_date"], "2026-12-11")
        self.assertEqual(orders["SO26-000123"]["status"], "awaiting_stock")
        self.assertTrue(orders["SO26-000123"]["status_label"])
        self.assertEqual(orders["SO26-000123"]["showroom"], self.order.sm_showroom_id.name)
        self.assertEqual([t["ticket_id"] for t in panel["tickets"]], [ticket.id])
        self.assertFalse(panel["tickets"][0]["is_closed"])
        self.assertTrue(panel["can_create_ticket"])

    def test_panel_without_helpdesk_rights_has_no_ticket_and_cannot_create(self):
        self.email("Where is my sofa?", body="Order SO26-000123")
        tickets = self.env["helpdesk.ticket"].search_count([])
        panel = self.result(
            "/mail_plugin/partner/get",
            self.key_clerk,
            email="julie.lambert@client.test",
            name="Julie Lambert",
        )
        self.assertEqual(panel["tickets"], [])
        self.assertFalse(panel["can_create_ticket"])
        answer = self.result(
            "/mail_plugin/ticket/create",
            self.key_clerk,
            partner_id=self.julie.id,
            email_subject="Sofa",
            email_body="<p>Hi</p>",
        )
        self.assertEqual(answer["error"], "no_access")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets)
        # the order part is for whoever may read orders (sales, SM and helpdesk agents)
        self.assertEqual([o["name"] for o in panel["sm_orders"]], ["SO26-000123"])

    def test_create_ticket_from_this_mail_goes_through_the_intake(self):
        answer = self.result(
            "/mail_plugin/ticket/create",
            self.key_agent,
            partner_id=self.marc.id,
            email_subject="Retrait de ma commande SO26-000456",
            email_body="<p>Bonjour, quand puis-je passer à Gand ?</p><script>alert(1)</script>",
        )
        self.assertEqual(answer["outcome"], "new", answer)
        ticket = self.env["helpdesk.ticket"].browse(answer["ticket_id"])
        self.assertEqual(ticket.partner_id, self.marc)
        self.assertEqual(ticket.name, "Retrait de ma commande SO26-000456")
        self.assertIn("quand puis-je passer", ticket.description)
        self.assertNotIn("<script", ticket.description)
        # the intake did its work: channel, order detected, routed, assigned, logged
        self.assertEqual(ticket.channel_id, self.channel("email"))
        self.assertEqual(ticket.inbox_order_id, self.order_gan)
        self.assertTrue(ticket.team_id)
        self.assertTrue(self.requests_of(ticket))
        # the same customer writes again from Outlook: the open ticket takes it
        again = self.result(
            "/mail_plugin/ticket/create",
            self.key_agent,
            partner_id=self.marc.id,
            email_subject="Re: retrait",
            email_body="<p>Et samedi ?</p>",
        )
        self.assertEqual((again["ticket_id"], again["outcome"]), (ticket.id, "deduplicated"))

    def test_subject_is_plain_text_and_contacts_of_other_companies_are_refused(self):
        # Outlook sends the subject as text: "<SO26-000456>" is a reference, not a tag
        answer = self.result(
            "/mail_plugin/ticket/create",
            self.key_agent,
            partner_id=self.marc.id,
            email_subject="Commande <SO26-000456> : retrait < samedi",
            email_body="<p>Bonjour</p>",
        )
        ticket = self.env["helpdesk.ticket"].browse(answer["ticket_id"])
        self.assertEqual(ticket.name, "Commande <SO26-000456> : retrait < samedi")
        self.assertEqual(ticket.inbox_order_id, self.order_gan)
        # a contact the user may not read (another company's) cannot get a ticket
        other = self.env["res.company"].create({"name": "Outlook Other Co"})
        hidden = self.env["res.partner"].create({"name": "Hidden", "company_id": other.id})
        refused = self.result(
            "/mail_plugin/ticket/create",
            self.key_agent,
            partner_id=hidden.id,
            email_subject="x",
            email_body="y",
        )
        self.assertEqual(refused["error"], "partner_not_found")
        self.assertFalse(self.env["helpdesk.ticket"].search([("partner_id", "=", hidden.id)]))

    def test_create_ticket_checks_its_input(self):
        cases = (
            ({"partner_id": "3", "email_subject": "x", "email_body": "y"}, "invalid_params"),
            ({"partner_id": True, "email_subject": "x", "email_body": "y"}, "invalid_params"),
            (
                {"partner_id": 999999999, "email_subject": "x", "email_body": "y"},
                "partner_not_found",
            ),
            (
                {"partner_id": self.julie.id, "email_subject": ["x"], "email_body": "y"},
                "invalid_params",
            ),
        )
        for params, error in cases:
            with self.subTest(params=params):
                answer = self.result("/mail_plugin/ticket/create", self.key_agent, **params)
                self.assertEqual(answer["error"], error)

    def test_routes_refuse_without_a_valid_outlook_key(self):
        rpc_key = (
            self.env["res.users.apikeys"]
            .with_user(self.agent_a)
            ._generate("rpc", "RPC key, not Outlook's", fields.Datetime.now() + timedelta(days=1))
        )
        for key in (None, "not-a-key", rpc_key):
            with self.subTest(key=key):
                response = self.rpc(
                    "/mail_plugin/ticket/create",
                    key,
                    partner_id=self.julie.id,
                    email_subject="x",
                    email_body="y",
                )
                self.assertIn("error", response.json() if response.ok else {"error": 1})
                panel = self.rpc(
                    "/mail_plugin/partner/get", key, email="julie.lambert@client.test", name="J"
                )
                self.assertNotIn("SO26-000123", panel.text)
        self.assertFalse(self.env["helpdesk.ticket"].search([("partner_id", "=", self.julie.id)]))
