# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Access of every model this module defines or extends, as each kind of user (issue 10):
the ACL matrix, then the record rules with real records, the RPC methods and wizards with
forged ids, and the module's HTTP routes with forged ids."""

import json

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..helpers.signature import sign
from .common import PROJECT, SECRET, InboxCase, InboxHttpCase

OPS = ("create", "read", "write", "unlink")
ROLES = ("agent_own", "agent", "manager", "admin", "internal", "portal_a", "portal_b")

# model -> role -> allowed operations (c/r/w/u); everything not listed is refused
MATRIX = {
    "inbox.sla.policy": {"agent_own": "r", "agent": "r", "manager": "crwu"},
    "inbox.request": {"manager": "r", "admin": "crwu"},
    "inbox.iadvize.connection": {"manager": "r", "admin": "crwu"},
    "inbox.inbound.event": {"manager": "rw", "admin": "crwu"},
    "inbox.merge.wizard": {"agent_own": "crwu", "agent": "crwu", "manager": "crwu"},
    "inbox.link.partner.wizard": {"agent_own": "crwu", "agent": "crwu", "manager": "crwu"},
    "inbox.canned.reply.wizard": {"agent_own": "crwu", "agent": "crwu", "manager": "crwu"},
    # extended models (OCA helpdesk_mgmt's ACL, unchanged by this module)
    "helpdesk.ticket": {
        "agent_own": "crw",
        "agent": "crw",
        "manager": "crwu",
        "admin": "r",
        "internal": "r",
        "portal_a": "r",
        "portal_b": "r",
    },
    "helpdesk.ticket.team": {
        "agent_own": "r",
        "agent": "r",
        "manager": "crwu",
        "admin": "r",
        "internal": "r",
        "portal_a": "r",
        "portal_b": "r",
    },
    "helpdesk.ticket.channel": {
        "agent_own": "r",
        "agent": "r",
        "manager": "crwu",
        "admin": "r",
        "internal": "r",
    },
}
LETTER = {"create": "c", "read": "r", "write": "w", "unlink": "u"}


class SecurityMixin:
    @classmethod
    def setup_users(cls):
        env = cls.env
        cls.users = {
            "agent_own": new_test_user(
                env, login="sec-agent-own", groups="helpdesk_mgmt.group_helpdesk_user_own"
            ),
            "agent": cls.agent_a,
            "manager": cls.lead,
            "admin": new_test_user(env, login="sec-admin", groups="base.group_system"),
            "internal": new_test_user(env, login="sec-internal", groups="base.group_user"),
            "portal_a": new_test_user(env, login="sec-portal-a", groups="base.group_portal"),
            "portal_b": new_test_user(env, login="sec-portal-b", groups="base.group_portal"),
        }
        cls.users["portal_a"].partner_id = cls.julie
        cls.users["portal_b"].partner_id = cls.marc
        cls.team_lie.user_ids = [(4, cls.users["agent_own"].id)]
        Ticket = env["helpdesk.ticket"]
        cls.ticket_a = Ticket.create(
            {"name": "Julie's sofa", "description": "?", "partner_id": cls.julie.id,
             "team_id": cls.team_lie.id, "user_id": cls.agent_b.id}
        )  # fmt: skip
        cls.ticket_b = Ticket.create(
            {"name": "Marc's table", "description": "?", "partner_id": cls.marc.id,
             "team_id": cls.team_gan.id, "user_id": cls.agent_b.id}
        )  # fmt: skip


@tagged("post_install", "-at_install")
class TestSecurityInbox(SecurityMixin, InboxCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()

    # ------------------------------------------------------------------------ ACL matrix
    def test_acl_matrix(self):
        for model, allowed in MATRIX.items():
            for role in ROLES:
                user = self.users[role]
                for op in OPS:
                    expected = LETTER[op] in allowed.get(role, "")
                    with self.subTest(model=model, role=role, op=op):
                        self.assertEqual(self.env[model].with_user(user).has_access(op), expected)

    # ---------------------------------------------------------------------- record rules
    def test_ticket_rules(self):
        Ticket = self.env["helpdesk.ticket"]
        both = self.ticket_a | self.ticket_b

        def visible(role):
            return Ticket.with_user(self.users[role]).search([("id", "in", both.ids)])

        self.assertEqual(visible("portal_a"), self.ticket_a)
        self.assertEqual(visible("portal_b"), self.ticket_b)
        self.assertEqual(visible("agent"), both)
        self.assertEqual(visible("manager"), both)
        self.assertFalse(visible("agent_own"), "assigned to someone else")
        self.assertFalse(visible("internal"), "neither customer nor follower")
        refused = (
            ("portal_a", self.ticket_b),
            ("portal_b", self.ticket_a),
            ("internal", self.ticket_a),
            ("agent_own", self.ticket_b),
        )
        for role, ticket in refused:
            with self.subTest(role=role), self.assertRaises(AccessError):
                ticket.with_user(self.users[role]).read(["name"])
        for role in ("portal_a", "internal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.ticket_a.with_user(self.users[role]).write({"name": "mine now"})
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.users["agent"]).unlink()
        self.ticket_a.with_user(self.users["agent"]).write({"priority": "2"})

    def test_inbox_fields_of_a_ticket_are_not_for_portal_users(self):
        # the SLA and routing fields are bookkept by the server, even for the ticket's customer
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.users["portal_a"]).write({"inbox_sla_status": "met"})

    def test_order_panel_is_for_staff(self):
        self.ticket_a.inbox_order_id = self.order
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.users["portal_a"]).read(["inbox_order_panel"])
        panel = self.ticket_a.with_user(self.agent_a).read(["inbox_order_panel"])[0]
        self.assertIn("SO26-000123", panel["inbox_order_panel"])

    def test_wizards_of_other_users_are_invisible(self):
        for model, vals in (
            ("inbox.link.partner.wizard", {"ticket_id": self.ticket_a.id}),
            ("inbox.canned.reply.wizard", {"ticket_id": self.ticket_a.id}),
            ("inbox.merge.wizard", {"ticket_ids": [(6, 0, self.ticket_a.ids)],
                                    "target_id": self.ticket_a.id}),
        ):  # fmt: skip
            with self.subTest(model=model):
                wizard = self.env[model].with_user(self.agent_b).create(vals)
                other = self.env[model].with_user(self.agent_a)
                self.assertFalse(other.search([("id", "=", wizard.id)]))
                with self.assertRaises(AccessError):
                    wizard.with_user(self.agent_a).read(["id"])

    def test_orders_of_tickets_are_readable_by_agents_other_orders_are_not(self):
        own = self.users["agent_own"]
        self.ticket_a.inbox_order_ids = self.order
        self.ticket_a.user_id = own  # orders of the tickets the agent sees (their own here)
        Order = self.env["sale.order"].with_user(own)
        self.assertEqual(Order.search([("id", "in", (self.order | self.order_gan).ids)]),
                         self.order)  # fmt: skip
        with self.assertRaises(AccessError):
            self.order.with_user(own).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.order_gan.with_user(own).read(["name"])

    def test_templates_sent_by_the_system_are_ticket_templates(self):
        signup = self.env.ref("auth_signup.set_password_email")
        with self.assertRaises(ValidationError):
            self.team_web.with_user(self.lead).inbox_auto_ack_template_id = signup
        with self.assertRaises(ValidationError):
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").with_user(
                self.lead
            ).mail_template_id = signup
        ack = self.env.ref("omnichannel_inbox.mail_template_inbox_ack")
        self.team_web.with_user(self.lead).inbox_auto_ack_template_id = ack

    def test_orders_are_linked_to_tickets_from_the_ticket_only(self):
        salesman = self.agent_a  # also a salesman
        order = self.order.with_user(salesman)
        with self.assertRaises(AccessError):
            order.write({"inbox_ticket_ids": [(4, self.ticket_b.id)]})
        self.ticket_a.write({"inbox_order_ids": [(4, self.order.id)]})  # the pipeline's way
        self.assertIn(self.ticket_a, self.order.inbox_ticket_ids)

    def test_secrets_and_other_companies(self):
        connection = self.env["inbox.iadvize.connection"].create(
            {"name": "x", "project_id": "77", "webhook_secret": "s3cret", "password": "pw"}
        )
        with self.assertRaises(AccessError):
            connection.with_user(self.lead).read(["webhook_secret"])
        other = self.env["res.company"].create({"name": "Other shop"})
        foreign = self.env["inbox.iadvize.connection"].create(
            {"name": "y", "project_id": "78", "company_id": other.id}
        )
        self.assertFalse(
            self.env["inbox.iadvize.connection"]
            .with_user(self.users["admin"])
            .search([("id", "=", foreign.id)])
        )

    # ----------------------------------------------------------- RPC with forged ids
    def test_link_partner_wizard_with_forged_ids(self):
        own = self.users["agent_own"]
        Wizard = self.env["inbox.link.partner.wizard"].with_user(own)
        with self.assertRaises(AccessError):  # a ticket the agent may not read
            Wizard.create({"ticket_id": self.ticket_b.id}).read(["email", "name"])
        hidden = self.env["res.partner"].create({"name": "Hidden", "email": "h@example.net"})
        hidden.company_id = self.env["res.company"].create({"name": "Elsewhere"})
        self.ticket_a.user_id = own
        with self.assertRaises(AccessError):  # a contact the agent may not read
            Wizard.create(
                {"ticket_id": self.ticket_a.id, "mode": "link", "partner_id": hidden.id}
            ).action_apply()
        self.assertEqual(self.ticket_a.partner_id, self.julie)

    def test_merge_wizard_with_forged_ids(self):
        own = self.users["agent_own"]
        self.ticket_a.user_id = own
        Wizard = self.env["inbox.merge.wizard"].with_user(own)
        with self.assertRaises(AccessError):  # a ticket the agent may not read
            Wizard.create(
                {"ticket_ids": [(6, 0, (self.ticket_a | self.ticket_b).ids)],
                 "target_id": self.ticket_a.id}
            ).action_merge()  # fmt: skip
        other_ticket = self.env["helpdesk.ticket"].create(
            {"name": "Also Julie", "description": "?", "partner_id": self.julie.id,
             "user_id": own.id}
        )  # fmt: skip
        with self.assertRaises(UserError):  # the ticket kept is not among the merged ones
            Wizard.create(
                {"ticket_ids": [(6, 0, self.ticket_a.ids)], "target_id": other_ticket.id}
            ).action_merge()
        self.assertFalse(self.ticket_b.duplicate_id)

    def test_canned_reply_wizard_with_forged_ids(self):
        signup = self.env.ref("auth_signup.set_password_email")
        with self.assertRaises(AccessError):
            self.env["inbox.canned.reply.wizard"].with_user(self.agent_a).create(
                {"ticket_id": self.ticket_a.id, "template_id": signup.id}
            )

    def test_call_to_ticket_needs_helpdesk_rights(self):
        tcx_only = new_test_user(
            self.env, login="sec-tcx-only", groups="tcx_click2dial.group_tcx_agent"
        )
        call = self.env["tcx.call"].create(
            {"number": "+3242223344", "direction": "inbound", "status": "answered",
             "user_id": tcx_only.id}
        )  # fmt: skip
        with self.assertRaises(AccessError):
            call.with_user(tcx_only).action_inbox_create_ticket()
        self.assertFalse(call.inbox_ticket_id)

    def test_dashboard_and_events_buttons(self):
        with self.assertRaises(AccessError):
            self.env["inbox.dashboard"].with_user(self.users["internal"]).get_dashboard_data()
        self.assertTrue(self.env["inbox.dashboard"].with_user(self.lead).get_dashboard_data())


@tagged("post_install", "-at_install")
class TestSecurityInboxRoutes(SecurityMixin, InboxHttpCase):
    """The module's HTTP routes with forged ids."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()

    def test_ticket_close_with_forged_ticket_ids(self):
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        forged = (
            ("sec-portal-a", self.ticket_b),
            ("sec-portal-b", self.ticket_a),
            ("sec-internal", self.ticket_a),
            ("sec-agent-own", self.ticket_b),
        )
        for login, ticket in forged:
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(
                    "/ticket/close",
                    data={"ticket_id": ticket.id, "stage_id": done.id,
                          "csrf_token": http.Request.csrf_token(self)},
                    allow_redirects=False,
                )  # fmt: skip
                self.assertEqual(response.status_code, 404)
        (self.ticket_a | self.ticket_b).invalidate_recordset()
        self.assertFalse((self.ticket_a | self.ticket_b).filtered("closed"))

    def test_webhook_with_forged_project_or_secret(self):
        self.start_iadvize()
        cid = self.chat([("visitor", "Bonjour")])
        payload = self.sim.closed_event(cid)
        other = self.env["inbox.iadvize.connection"].create(
            {"name": "other", "project_id": "999", "webhook_secret": "other-secret"}
        )
        # signed with the other connection's secret, but claiming our project
        forged = self.webhook(
            raw_body=json.dumps(payload).encode(),
            signature=sign(json.dumps(payload).encode(), other.webhook_secret),
        )
        self.assertEqual(forged.status, 403)
        self.assertEqual(forged.json()["error"], "unknown_project")
        self.assertEqual(str(payload["projectId"]), PROJECT)
        wrong = self.webhook(raw_body=json.dumps(payload).encode(), signature=sign(b"{}", SECRET))
        self.assertEqual(wrong.status, 401)
        self.assertFalse(self.env["inbox.inbound.event"].search([("external_id", "=", cid)]))


@tagged("post_install", "-at_install")
class TestSystemFieldsAreLocked(SecurityMixin, InboxCase):
    """Holes the security matrix found: fields kept by the pipeline were writable over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()

    def test_agents_cannot_fake_the_sla_or_the_request_count(self):
        agent = self.users["agent"]
        for vals in (
            {"inbox_sla_status": "met"},
            {"inbox_sla_deadline": "2099-01-01 00:00:00"},
            {"inbox_first_response_date": "2026-01-01 00:00:00"},
            {"inbox_request_count": 0},
            {"inbox_external_ref": "someone-elses-chat"},
            {"inbox_sender_key": "email:ceo@example.net"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.ticket_a.with_user(agent).write(vals)
            with self.subTest(create=vals), self.assertRaises(AccessError):
                self.env["helpdesk.ticket"].with_user(agent).create(
                    {"name": "x", "description": "x", **vals}
                )
        # what agents do type still works
        self.ticket_a.with_user(agent).write({"inbox_possible_duplicate": False, "priority": "1"})

    def test_merging_still_keeps_the_books(self):
        agent = self.users["agent"]
        target, source = self.ticket_a, self.ticket_b
        wizard = (
            self.env["inbox.merge.wizard"]
            .with_user(agent)
            .create({"ticket_ids": [(6, 0, (target | source).ids)], "target_id": target.id})
        )
        wizard.action_merge()
        self.assertEqual(target.inbox_request_count, 2)
        self.assertEqual(source.duplicate_id, target)

    def test_webhook_events_change_only_through_their_buttons(self):
        connection = self.env["inbox.iadvize.connection"].create(
            {"name": "x", "project_id": "55", "webhook_secret": "s"}
        )
        event = self.env["inbox.inbound.event"].create(
            {"source": "iadvize", "connection_id": connection.id,
             "event_type": "v2.conversation.closed",
             "external_id": "c-1", "idempotency_key": "k-1", "state": "failed"}
        )  # fmt: skip
        lead = event.with_user(self.lead)
        for vals in ({"external_id": "someone-elses"}, {"state": "done"}, {"ticket_id": 1}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                lead.write(vals)
        lead.action_retry()
        self.assertEqual(event.state, "pending")
        with self.assertRaises(AccessError):
            event.with_user(self.users["agent"]).action_retry()
