# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
from odoo.tests import new_test_user, tagged

from ..helpers.request import IntakeRequest
from .common import ALIAS_DOMAIN, InboxCase


@tagged("post_install", "-at_install")
class TestRoutingAndAssignment(InboxCase):
    """Teams WEB + one per showroom; routing by order showroom, address, channel, customer;
    balanced assignment among available members, switchable per team."""

    def route(self, channel="phone", **values):
        req = IntakeRequest(
            channel=channel,
            company_id=self.env.company.id,
            received=fields.Datetime.now(),
            **values,
        )
        Ticket = self.env["helpdesk.ticket"]

        def create(vals):
            return Ticket.with_context(inbox_routing=True).create({**vals, "description": "x"})

        return self.env["inbox.router"]._route(req, create)[0]

    def test_teams_exist_for_the_web_shop_and_every_showroom(self):
        codes = (
            self.env["helpdesk.ticket.team"]
            .search([("inbox_showroom_id", "!=", False)])
            .mapped("inbox_showroom_id.code")
        )
        self.assertEqual(sorted(codes), ["BRU", "GAN", "LIE", "NAM", "PAR", "WEB"])

    def test_order_showroom_first(self):
        # only the customer's own orders route (and link): Marc cites his order
        ticket = self.email("Retrait SO26-000456", sender="marc.dubois@client.test",
                            sender_name="Marc", to=f"liege@{ALIAS_DOMAIN}")  # fmt: skip
        self.assertEqual(ticket.team_id, self.team_gan, "the order's showroom beats the address")
        web_client = self.env["res.partner"].create({"name": "Web Client", "phone": "+32471000001"})
        web_order = self._sm_order("SO26-000789", web_client, "bru")
        with sm_sync_writes():  # SM moved the order to the web shop
            web_order.write({"sm_showroom_id": False, "sm_channel": "web"})
        ticket = self.route(subject="SO26-000789", phone="+32471000001")
        self.assertEqual(ticket.team_id, self.team_web, "a web order without showroom: WEB team")

    def test_channel_then_customer_showroom_then_default(self):
        self.assertEqual(self.route(channel="chat", name="Visitor").team_id, self.team_web)
        self.channel("phone").inbox_team_id = False
        marc = self.route(phone="+32486112233")
        self.assertEqual(marc.partner_id, self.marc)
        self.assertEqual(marc.team_id, self.team_bru, "Marc's home showroom")
        nobody = self.route(phone="+32471000002")
        self.assertEqual(nobody.team_id, self.team_web, "the default team of the settings")
        log = self.env["inbox.request"].search(
            [("ticket_id", "in", (marc | nobody).ids)], order="id"
        )
        self.assertEqual(log.mapped("routed_by"), ["customer", "default"])

    def test_balanced_assignment_skips_unavailable_members(self):
        carla = new_test_user(
            self.env, login="inbox-agent-c", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        self.team_web.user_ids = [fields.Command.link(carla.id)]
        Ticket = self.env["helpdesk.ticket"]
        for _i in range(2):
            Ticket.create({"name": "old", "description": "x", "team_id": self.team_web.id,
                           "user_id": self.agent_a.id})  # fmt: skip
        carla.inbox_available = False
        first = self.route(channel="chat", name="One")
        self.assertEqual(first.user_id, self.agent_b, "fewest open tickets among available")
        second = self.route(channel="chat", name="Two")
        self.assertEqual(second.user_id, self.agent_b, "still fewer (1 vs 2)")
        third = self.route(channel="chat", name="Three")
        self.assertEqual(third.user_id, self.agent_a, "2 vs 2: the one assigned longest ago")
        carla.inbox_available = True
        self.assertEqual(self.route(channel="chat", name="Four").user_id, carla)

    def test_agents_switch_their_own_availability(self):
        self.agent_a.with_user(self.agent_a).write({"inbox_available": False})
        self.assertFalse(self.agent_a.inbox_available)
        self.assertEqual(self.route(channel="chat", name="X").user_id, self.agent_b)

    def test_manager_switches_assignment_off(self):
        self.team_web.inbox_auto_assign = False
        ticket = self.route(channel="chat", name="Nobody assigns me")
        self.assertFalse(ticket.user_id)
        self.assertEqual(ticket.team_id, self.team_web)

    def test_closed_tickets_do_not_count(self):
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        for _i in range(3):
            self.env["helpdesk.ticket"].create(
                {"name": "closed", "description": "x", "team_id": self.team_web.id,
                 "user_id": self.agent_a.id, "stage_id": done.id}
            )  # fmt: skip
        self.env["helpdesk.ticket"].create(
            {
                "name": "open",
                "description": "x",
                "team_id": self.team_web.id,
                "user_id": self.agent_b.id,
            }
        )
        self.assertEqual(self.route(channel="chat", name="X").user_id, self.agent_a)
