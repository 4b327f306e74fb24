# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import InboxCase, InboxHttpCase


@tagged("post_install", "-at_install")
class TestPortal(InboxHttpCase):
    """A customer on the portal sees their own tickets, from every channel, and no one else's."""

    def test_portal_user_sees_only_their_tickets(self):
        julie_user = new_test_user(self.env, login="julie-portal", groups="base.group_portal")
        julie_user.partner_id = self.julie
        mine = self.email("Ma commande SO26-000123", body="?")
        call_ticket = self.env["helpdesk.ticket"].create(
            {"name": "Callback", "description": "x", "partner_id": self.julie.id,
             "channel_id": self.channel("phone").id, "inbox_dedup_count": 0}
        )  # fmt: skip
        other = self.email("Autre client", sender="marc.dubois@client.test", sender_name="Marc")
        Ticket = self.env["helpdesk.ticket"].with_user(julie_user)
        visible = Ticket.search([])
        self.assertIn(mine, visible)
        self.assertIn(call_ticket, visible)
        self.assertNotIn(other, visible)
        with self.assertRaises(AccessError):
            other.with_user(julie_user).read(["name"])
        self.authenticate("julie-portal", "julie-portal")
        page = self.url_open("/my/tickets")
        self.assertEqual(page.status_code, 200)
        self.assertIn(mine.number, page.text)
        self.assertNotIn(other.number, page.text)
        forbidden = self.url_open(f"/my/ticket/{other.id}")
        self.assertNotIn(other.name, forbidden.text)


@tagged("post_install", "-at_install")
class TestAccess(InboxCase):
    """Access rules of the inbox's own records."""

    def test_agents_cannot_read_secrets_events_or_the_log(self):
        self.env["inbox.iadvize.connection"].create(
            {"name": "x", "project_id": "1", "webhook_secret": "s3cret", "password": "pw"}
        )
        agent = self.agent_a
        for model in ("inbox.iadvize.connection", "inbox.inbound.event", "inbox.request"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(agent).search([])
        lead = self.lead
        connection = (
            self.env["inbox.iadvize.connection"].with_user(lead).search([("project_id", "=", "1")])
        )
        self.assertEqual(connection.name, "x")
        with self.assertRaises(AccessError):
            connection.read(["webhook_secret"])
        with self.assertRaises(AccessError):
            connection.write({"name": "y"})

    def test_agents_read_sla_policies_managers_edit_them(self):
        policy = self.env.ref("omnichannel_inbox.sla_chat")
        self.assertTrue(policy.with_user(self.agent_a).name)
        with self.assertRaises(AccessError):
            policy.with_user(self.agent_a).write({"target": 5})
        policy.with_user(self.lead).write({"target": 20})

    def test_dashboard_is_for_managers(self):
        with self.assertRaises(AccessError):
            self.env["inbox.dashboard"].with_user(self.agent_a).get_dashboard_data()

    def test_own_team_agent_only_sees_team_tickets(self):
        own = new_test_user(
            self.env, login="inbox-own", groups="helpdesk_mgmt.group_helpdesk_user_team"
        )
        self.team_lie.user_ids = [(4, own.id)]
        lie = self.email("SO26-000123", body="?")
        gan = self.email(
            "SO26-000456", body="?", sender="marc.dubois@client.test", sender_name="Marc"
        )
        self.assertEqual((lie.team_id, gan.team_id), (self.team_lie, self.team_gan))
        visible = self.env["helpdesk.ticket"].with_user(own).search([("id", "in", (lie | gan).ids)])
        self.assertEqual(visible, lie)
