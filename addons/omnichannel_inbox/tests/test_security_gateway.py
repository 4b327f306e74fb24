# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The breaker's findings on the inbox (issue 10): the mail gateway's public entry points,
order links, computed SLA figures, unstorable text and far-future dates."""

import json
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..helpers.signature import sign
from ..helpers.working_hours import LATEST
from .common import ALIAS_DOMAIN, EMAIL, SECRET, InboxCase, InboxHttpCase
from .test_security_inbox import SecurityMixin

MSG = {
    "email_from": "Julie Lambert <julie.lambert@client.test>",
    "subject": "x",
    "body": "<p>x</p>",
    "to": f"webshop@{ALIAS_DOMAIN}",
    "message_id": "<forged@evil.test>",
}


def raw_email(sender="victim@somewhere.test", msg_id="forged-1@evil.test", extra=""):
    return EMAIL.format(
        sender=sender,
        sender_name="Victim",
        to=f"webshop@{ALIAS_DOMAIN}",
        subject="Hello",
        msg_id=msg_id,
        extra=extra,
        body="Hello",
    )


@tagged("post_install", "-at_install")
class TestGatewayEntryPoints(SecurityMixin, InboxCase):
    """``message_new``/``message_update``/``message_process`` are public: only the gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()
        cls.users["system"] = cls.users["admin"]

    def test_message_new_and_update_refused_to_users(self):
        ticket = self.ticket_a
        before = (ticket.inbox_request_count, ticket.inbox_last_request_date)
        messages = len(ticket.message_ids)
        for role in ("portal_a", "portal_b", "agent_own", "agent", "manager", "internal"):
            user = self.users[role]
            Ticket = self.env["helpdesk.ticket"].with_user(user)
            with self.subTest(role=role, method="message_new"), self.assertRaises(AccessError):
                Ticket.message_new(dict(MSG, author_id=user.partner_id.id),
                                   {"team_id": self.team_lie.id})  # fmt: skip
            with self.subTest(role=role, method="message_update"), self.assertRaises(AccessError):
                ticket.with_user(user).message_update(dict(MSG))
        ticket.invalidate_recordset()
        self.assertEqual((ticket.inbox_request_count, ticket.inbox_last_request_date), before)
        self.assertEqual(len(ticket.message_ids), messages)

    def test_message_process_with_a_forged_sender_refused_to_users(self):
        Ticket = self.env["helpdesk.ticket"]
        count = Ticket.search_count([])
        # as in production: the aliases already received mail (no status update to write)
        self.teams.alias_id.write({"alias_status": "valid"})
        for role in ("internal", "agent", "portal_a"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["mail.thread"].with_user(self.users[role]).message_process(
                    None, raw_email(msg_id=f"forged-{role}@evil.test")
                )
            with self.subTest(role=role, model="helpdesk.ticket"), self.assertRaises(AccessError):
                self.env["mail.thread"].with_user(self.users[role]).message_process(
                    "helpdesk.ticket", raw_email(msg_id=f"forged-2-{role}@evil.test")
                )
        self.assertEqual(Ticket.search_count([]), count)
        self.assertFalse(self.env["res.partner"].search([("email", "=", "victim@somewhere.test")]))

    def test_the_gateway_itself_still_delivers(self):
        # the odoo-mailgate script authenticates as a Settings user; fetchmail is superuser
        ticket_id = (
            self.env["mail.thread"]
            .with_user(self.users["system"])
            .message_process(
                None, raw_email(sender="julie.lambert@client.test", msg_id="mailgate-1@x.test")
            )
        )
        self.assertTrue(ticket_id)
        self.assertTrue(self.email("Via fetchmail", msg_id="fetchmail-1@x.test"))

    def test_vacation_responders_open_no_ticket(self):
        count = self.env["helpdesk.ticket"].search_count([])
        for header in ("X-Autoreply: yes\n", "X-Autorespond: yes\n"):
            with self.subTest(header=header):
                self.env["mail.thread"].message_process(
                    None, raw_email(msg_id=f"ooo-{len(header)}@x.test", extra=header)
                )
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)


@tagged("post_install", "-at_install")
class TestOrderLinks(SecurityMixin, InboxCase):
    """Linking an order to a ticket makes it readable to the ticket's agents: checked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()
        cls.own = cls.users["agent_own"]
        # a ticket of Marc's the agent_own works on
        cls.ticket_own = cls.env["helpdesk.ticket"].create(
            {"name": "Marc's table", "description": "?", "partner_id": cls.marc.id,
             "team_id": cls.team_lie.id, "user_id": cls.own.id}
        )  # fmt: skip

    def test_another_customers_order_cannot_be_linked(self):
        ticket = self.ticket_own.with_user(self.own)
        with self.assertRaises(AccessError):
            self.order.with_user(self.own).read(["name"])  # Julie's order
        for vals in (
            {"inbox_order_id": self.order.id},
            {"inbox_order_ids": [(4, self.order.id)]},
            {"inbox_order_ids": [(6, 0, [self.order.id])]},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                ticket.write(vals)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.own).create(
                {"name": "x", "description": "x", "partner_id": self.marc.id,
                 "team_id": self.team_lie.id, "inbox_order_id": self.order.id}
            )  # fmt: skip
        with self.assertRaises(AccessError):
            self.order.with_user(self.own).read(["name"])
        # the customer's own order is fine
        ticket.write({"inbox_order_id": self.order_gan.id})
        self.assertEqual(self.order_gan.with_user(self.own).read(["name"])[0]["name"],
                         "SO26-000456")  # fmt: skip

    def test_a_missing_order_is_a_clear_error(self):
        with self.assertRaises(UserError):
            self.ticket_own.with_user(self.own).write({"inbox_order_id": 999999999})

    def test_orders_of_tickets_the_agent_cannot_see_stay_hidden(self):
        # ticket_a (Julie, assigned to agent_b) is not agent_own's: its order is not theirs
        self.ticket_a.inbox_order_id = self.order
        Order = self.env["sale.order"].with_user(self.own)
        self.assertFalse(Order.search([("id", "=", self.order.id)]))
        with self.assertRaises(AccessError):
            self.order.with_user(self.own).read(["name"])
        with self.assertRaises(AccessError):
            self.order.order_line[:1].with_user(self.own).read(["name"])
        # once the ticket is theirs, they read its order (read only)
        self.ticket_a.user_id = self.own
        self.assertEqual(Order.search([("id", "=", self.order.id)]), self.order)
        self.order.order_line[:1].with_user(self.own).read(["name"])
        with self.assertRaises(AccessError):
            self.order.with_user(self.own).write({"note": "x"})


@tagged("post_install", "-at_install")
class TestComputedFiguresAreLocked(SecurityMixin, InboxCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()

    def test_agents_cannot_write_computed_figures(self):
        ticket = self.ticket_a.with_user(self.users["agent"])
        for vals in ({"inbox_first_response_minutes": 1.0}, {"inbox_open": False}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                ticket.write(vals)
            with self.subTest(create=vals), self.assertRaises(AccessError):
                self.env["helpdesk.ticket"].with_user(self.users["agent"]).create(
                    {"name": "x", "description": "x", **vals}
                )
        computed = self.env["helpdesk.ticket"]._inbox_computed_fields()
        self.assertLessEqual({"inbox_open", "inbox_first_response_minutes"}, computed)

    def test_kept_fields_are_refused_as_context_defaults_at_creation(self):
        # a client sends its own context over RPC: default_<field> is a value like another
        Ticket = self.env["helpdesk.ticket"].with_user(self.users["agent"])
        for name, value in (
            ("inbox_sla_escalated", True),
            ("inbox_request_count", 42),
            ("inbox_waiting_since", "2026-11-20 09:00:00"),
            ("inbox_first_response_minutes", 1.0),
        ):
            with self.subTest(name=name), self.assertRaises(AccessError):
                Ticket.with_context(**{f"default_{name}": value}).create(
                    {"name": "x", "description": "x", "team_id": self.team_lie.id}
                )
        # a default of an ordinary field still works
        ticket = Ticket.with_context(default_description="from the context").create(
            {"name": "y", "team_id": self.team_lie.id}
        )
        self.assertIn("from the context", ticket.description)
        self.assertFalse(ticket.inbox_sla_escalated)

    def test_gateway_context_keys_from_a_client_do_not_switch_the_sla_off(self):
        # the mail gateway's context keys say "the pipeline starts the clock later"; sent by
        # an agent over RPC they made a ticket that no SLA would ever watch
        channel = self.env["helpdesk.ticket.channel"].search([("inbox_code", "=", "chat")])
        Ticket = self.env["helpdesk.ticket"].with_user(self.users["agent"])
        vals = {"name": "x", "description": "x", "team_id": self.team_lie.id}
        plain = Ticket.create(dict(vals, channel_id=channel[0].id))
        self.assertTrue(plain.sudo().inbox_sla_policy_id, "no SLA policy for the chat channel")
        for key in ("fetchmail_cron_running", "inbox_routing"):
            with self.subTest(key=key):
                ticket = Ticket.with_context(**{key: True}).create(
                    dict(vals, channel_id=channel[0].id)
                )
                self.assertEqual(
                    ticket.sudo().inbox_sla_policy_id, plain.sudo().inbox_sla_policy_id
                )

    def test_every_concern_s_kept_fields_are_refused_to_agents_in_one_check(self):
        # one field of each concern's set: pipeline, lifecycle, resolution clock, computed
        kept = {
            "inbox_request_count": 5,
            "inbox_waiting_since": "2026-11-20 09:00:00",
            "inbox_resolution_consumed": 0.0,
            "inbox_first_response_minutes": 1.0,
        }
        self.assertLessEqual(set(kept), self.env["helpdesk.ticket"]._inbox_system_fields())
        ticket = self.ticket_a.with_user(self.users["agent"])
        for name, value in kept.items():
            with self.subTest(name=name), self.assertRaises(AccessError) as refused:
                ticket.write({name: value})
            self.assertIn(self.env["helpdesk.ticket"]._fields[name].string, str(refused.exception))
        # written by trusted code, with the name the agent may still change
        self.ticket_a.sudo().write({"inbox_request_count": 5, "name": "Renamed"})
        ticket.write({"name": "Julie's sofa"})
        self.assertEqual(self.ticket_a.inbox_request_count, 5)

    def test_portal_customers_do_not_read_internal_sla_fields(self):
        portal = self.ticket_a.with_user(self.users["portal_a"])
        self.assertEqual(portal.read(["name"])[0]["name"], "Julie's sofa")
        for fname in ("inbox_sla_deadline", "inbox_sla_status", "inbox_sender_key",
                      "inbox_request_count", "inbox_first_response_minutes"):  # fmt: skip
            with self.subTest(fname=fname), self.assertRaises(AccessError):
                portal.read([fname])
        self.ticket_a.with_user(self.users["agent"]).read(["inbox_sla_deadline"])

    def test_deadlines_past_year_9999_are_clamped(self):
        policy = self.env["inbox.sla.policy"].search([("use_working_hours", "=", True)], limit=1)
        self.assertTrue(policy)
        start = datetime(9999, 12, 31, 23, 59)
        deadline, at_risk = policy._inbox_deadlines(self.team_lie, start, self.env.company)
        self.assertGreaterEqual(deadline, LATEST)
        self.assertGreaterEqual(at_risk, LATEST)
        policy.use_working_hours = False
        deadline, _at_risk = policy._inbox_deadlines(self.team_lie, start, self.env.company)
        self.assertEqual(deadline, start)
        policy.use_working_hours = True
        self.ticket_a._inbox_sla_start(start, channel=self.channel("email"))
        self.env.flush_all()  # PostgreSQL stores what was computed
        self.assertLessEqual(self.ticket_a.inbox_sla_deadline or start, max(start, LATEST))


@tagged("post_install", "-at_install")
class TestWebhookUnstorableText(InboxHttpCase):
    def test_lone_surrogate_in_a_signed_body_is_a_400(self):
        self.start_iadvize()
        raw = json.dumps(
            {"eventType": "\ud800", "projectId": int(self.connection.project_id),
             "conversationId": "c-1", "eventId": "e-1"}
        ).encode()  # fmt: skip
        self.assertIn(b"\\ud800", raw)
        response = self.webhook(raw_body=raw, signature=sign(raw, SECRET))
        self.assertEqual(response.status, 400)
        self.assertIn("surrogate", response.json()["message"])
