# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Security of the connector as an attacker tries it: every model as every group, forged
context, SM-owned data written from outside the sync, order events, portal access."""

from datetime import timedelta
from unittest.mock import patch

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL
from odoo.tools.mail import email_normalize

from ..models.sm_managed_mixin import sm_sync_writes
from .common import SmCase

FORGED = {"sm_sync": True}  # what an RPC client may put in its context: worth nothing

# expected model access (read, write, create, unlink) per group; None = no suite group
ACCESS = {
    "sm.backend": {"manager": "r", "admin": "rwcu"},
    "sm.binding": {"manager": "r", "admin": "r"},
    "sm.sync.run": {"manager": "rwc", "admin": "rwcu"},
    "sm.sync.error": {"manager": "rwc", "admin": "rwcu"},
    "sm.sync.state": {"manager": "rwc", "admin": "rwcu"},
    "sm.showroom": {"internal": "r", "agent": "r", "manager": "rwc", "admin": "rwcu"},
    "sm.stock.level": {"internal": "r", "agent": "r", "manager": "rwcu", "admin": "rwcu"},
    "sm.kit.line": {"internal": "r", "agent": "r", "manager": "rwcu", "admin": "rwcu"},
    "sm.order.event": {"agent": "rw", "manager": "rwc", "admin": "rwc"},
    "sm.order.event.type": {"agent": "r", "manager": "r", "admin": "rwcu"},
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestSecuritySm(SmCase):
    """One user per group (plain internal, two portal customers, agent, manager, admin)."""

    sim_sizes = {"contacts": 30, "articles": 20, "orders": 8}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="sm-admin",
            groups="sm_connector.group_sm_admin,base.group_system,sales_team.group_sale_manager",
        )
        cls.internal = new_test_user(cls.env, login="sm-internal", groups="base.group_user")

    def setUp(self):
        super().setUp()
        self.env["sm.order.event.type"].search([]).write({"settle_minutes": 0})
        self.backend.message_older_orders = True
        # one open order of a customer with an e-mail, as in test_order_sync
        contact = self.store.table("contacts").records
        dirty = str(self.store.dirty["contacts"])
        sm_order = next(
            sm_id
            for sm_id in sorted(self.live_ids("orders"))
            if (contact.get(self.store.get("orders", sm_id)["customer_id"]) or {}).get("email")
            and self.store.get("orders", sm_id)["customer_id"] not in dirty
        )
        record = self.store.get("orders", sm_order)
        lines = [dict(line, available=True, expected_date=None) for line in record["lines"]]
        self.store.set_field("orders", sm_order, "lines", lines)
        self.store.set_field("orders", sm_order, "status", "confirmed")
        self.store.set_field("orders", sm_order, "delivery_mode", "delivery")
        self.store.set_field("orders", sm_order, "promised_date", "2026-12-01")
        for entity in ("contacts", "articles", "orders"):
            run = self.sync(entity)
            self.assertEqual(run.state, "done", run.message)
        self.orders = self.env["sale.order"].browse(self.bound_ids("orders"))
        self.order = self.orders.filtered(lambda o: o.sm_id == sm_order)
        self.other_order = self.orders.filtered(lambda o: o.partner_id != self.order.partner_id)[:1]
        self.partner = self.order.partner_id
        self.product = self.order.order_line[:1].product_id.product_tmpl_id
        self.portal_a = self._portal_user(self.partner, "sm-portal-a")
        self.portal_b = self._portal_user(self.other_order.partner_id, "sm-portal-b")

    def _portal_user(self, partner, login):
        # creating the user of a synced customer rewrites its SM values unchanged: allowed
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "partner_id": partner.id,
                    "group_ids": [Command.set(self.env.ref("base.group_portal").ids)],
                }
            )
        )

    def users(self):
        return {
            "internal": self.internal,
            "portal_a": self.portal_a,
            "portal_b": self.portal_b,
            "agent": self.agent,
            "manager": self.manager,
            "admin": self.admin,
        }

    def prepared_event(self):
        """A delay message waiting for an agent on self.order."""
        self.env.ref("sm_connector.event_type_delay").mode = "prepare"
        self.store.set_field("orders", self.order.sm_id, "promised_date", "2027-03-01")
        self.sync("orders")
        event = self.env["sm.order.event"].search(
            [("order_id", "=", self.order.id), ("event_type", "=", "delay")]
        )
        self.assertEqual(event.state, "prepared", event.state_reason)
        return event

    # ------------------------------------------------------------ every model, every group
    def test_model_access_per_group(self):
        for model, rights in ACCESS.items():
            for group, user in self.users().items():
                allowed = rights.get(group, "")
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, group=group, operation=operation):
                        self.assertEqual(
                            self.env[model].with_user(user).has_access(operation),
                            letter in allowed,
                        )

    def test_portal_users_see_no_connector_data_and_only_their_orders(self):
        event = self.prepared_event()
        for user in (self.portal_a, self.portal_b):
            with self.assertRaises(AccessError):
                event.with_user(user).read(["state"])
            with self.assertRaises(AccessError):
                self.backend.with_user(user).read(["name"])
        # the portal customer reads their own SM order, never another customer's
        self.order.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.other_order.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.order.with_user(self.portal_b).read(["name"])

    def test_api_key_is_for_sm_admins_only(self):
        for user in (self.agent, self.manager, self.internal):
            with self.assertRaises(AccessError):
                self.backend.with_user(user).read(["api_key"])
        key = self.backend.with_user(self.admin).read(["api_key"])[0]["api_key"]
        self.assertEqual(key, "test-sm-key")

    # ------------------------------------------------------------ item 2: forged context
    def test_forged_sync_context_grants_nothing(self):
        partner = self.partner.with_user(self.agent).with_context(**FORGED)
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            partner.write({"email": "attacker@example.com"})
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            partner.unlink()
        product = self.product.with_user(self.admin).with_context(**FORGED)
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            product.write({"list_price": 1.0})
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            # sudo: on purpose, superuser mode is no way around the lock either
            product.sudo().write({"list_price": 1.0})
        line = self.order.order_line[:1].with_user(self.admin).with_context(**FORGED)
        with self.assertRaises(UserError):  # Odoo's own check on confirmed orders may come first
            line.unlink()
        # the sync itself still writes
        self.store.set_field("contacts", self.partner.sm_id, "email", "new.address@example.com")
        self.sync("contacts")
        self.assertEqual(self.partner.email, "new.address@example.com")

    # ------------------------------------------------------------ item 5: every SM-owned field
    def test_partner_sm_fields_refused(self):
        partner = self.partner.with_user(self.manager)
        locked = self.env["res.partner"]._sm_locked_fields()
        values = {
            "sm_id": False,
            "sm_data_issues": "forged",
            # a day back: the sync of setUp may have stamped this very second (same value passes)
            "sm_last_sync": fields.Datetime.now() - timedelta(days=1),
            "phone": "+32 2 000 00 00",
        }
        for name in ("phone_e164", "mobile_e164", "phone_sanitized", "email_normalized"):
            if name in self.env["res.partner"]._fields:
                self.assertIn(name, locked, "derived from SM values: locked too")
                values[name] = "+3220000000" if "phone" in name else "x@example.com"
        for name, value in values.items():
            with self.subTest(field=name), self.assertRaisesRegex(UserError, "Silicon Master"):
                partner.write({name: value})
        loner = (
            self.env["res.partner"]
            .browse(self.bound_ids("contacts"))
            .filtered(lambda p: p.active and not p.user_ids)[:1]
        )
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            loner.with_user(self.manager).write({"active": False})
        # a contact created in Odoo cannot pose as a synced one
        own = self.env["res.partner"].with_user(self.agent).create({"name": "Walk-in"})
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            own.write({"sm_id": "C0000001"})
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            self.env["res.partner"].with_user(self.agent).create({"name": "Fake", "sm_id": "C1"})

    def test_order_lines_and_totals_refused(self):
        order = self.order.with_user(self.agent)
        line = order.order_line[:1]
        for vals in ({"price_unit": 0.01}, {"product_uom_qty": 99}, {"discount": 50}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "Silicon Master"):
                line.write(vals)
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            self.env["sale.order.line"].with_user(self.agent).create(
                {"order_id": order.id, "product_id": line.product_id.id, "price_unit": 1.0}
            )
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            new_line = Command.create({"product_id": line.product_id.id, "price_unit": 1})
            order.write({"order_line": [new_line]})
        for vals in (
            {"sm_total_incl_vat": 1.0},
            {"sm_total_excl_vat": 1.0},
            {"sm_status": "delivered"},
            {"sm_removed": True},
            {"sm_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "Silicon Master"):
                order.write(vals)
        self.assertIn("amount_total", self.env["sale.order"]._sm_locked_fields())
        # Odoo-only data of an SM order stays editable
        tag = self.env["crm.tag"].create({"name": "VIP"})
        order.write({"tag_ids": [Command.link(tag.id)]})

    def test_product_stock_and_kit_refused(self):
        product = self.product.with_user(self.admin)
        for vals in (
            {"list_price": 1.0},
            {"sm_stock_qty": 999},
            {"sm_stock_summary": "LIE 999"},
            {"active": False},
            {"sm_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "Silicon Master"):
                product.write(vals)
        variant = product.product_variant_ids[:1]
        for vals in ({"barcode": "5400000000000"}, {"default_code": "FORGED"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "Silicon Master"):
                variant.write(vals)
        Level = self.env["sm.stock.level"].with_user(self.manager)
        level = Level.search([("product_tmpl_id", "=", product.id)], limit=1)
        if not level:
            with sm_sync_writes():
                level = Level.create(
                    {"product_tmpl_id": product.id, "location_code": "LIE", "qty": 1}
                )
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            level.write({"qty": 500})
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            level.unlink()
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            Level.create({"product_tmpl_id": product.id, "location_code": "XXX", "qty": 5})
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            new_level = Command.create({"location_code": "Y", "qty": 1})
            product.write({"sm_stock_level_ids": [new_level]})
        with sm_sync_writes():
            kit = self.env["sm.kit.line"].create(
                {"kit_tmpl_id": product.id, "component_code": "X1", "qty": 2}
            )
        kit = kit.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            kit.write({"qty": 3})
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            kit.unlink()

    def test_bindings_are_read_only_even_for_admins(self):
        binding = self.binding("contacts", self.partner.sm_id).with_user(self.admin)
        binding.read(["sm_id"])
        with self.assertRaises(AccessError):
            binding.write({"res_id": self.internal.partner_id.id})
        with self.assertRaises(AccessError):
            binding.unlink()

    def test_writing_the_same_value_passes(self):
        # the normalised address is what Odoo's user creation writes back: the same value
        self.partner.with_user(self.agent).write(
            {
                "name": self.partner.name,
                "email": email_normalize(self.partner.email),
                "active": True,
            }
        )

    # ------------------------------------------------------------ item 10b: portal access
    def test_admin_gives_portal_access_to_an_sm_customer(self):
        customer = (
            self.env["res.partner"]
            .browse(self.bound_ids("contacts"))
            .filtered(lambda p: p.email and not p.user_ids and not p.is_company)[:1]
        )
        email = customer.email
        wizard = (
            self.env["portal.wizard"]
            .with_user(self.admin)
            .with_context(active_ids=customer.ids, active_model="res.partner")
            .create({})
        )
        wizard_user = wizard.user_ids.filtered(lambda u: u.partner_id == customer)
        wizard_user.action_grant_access()
        self.assertTrue(customer.user_ids._is_portal())
        self.assertEqual(customer.email, email, "SM's e-mail kept as SM sent it")
        wizard_user.action_revoke_access()
        self.assertFalse(customer.with_context(active_test=False).user_ids._is_portal())
        self.assertTrue(customer.active)

    # ------------------------------------------------------------ item 3: order events
    def test_order_events_need_a_suite_group(self):
        event = self.prepared_event()
        with self.assertRaises(AccessError):
            event.with_user(self.internal).read(["state"])
        with self.assertRaises(AccessError):
            event.with_user(self.internal).write({"state": "off"})
        with self.assertRaises(AccessError):
            event.with_user(self.agent).unlink()
        with self.assertRaises(UserError):  # the lock or the access rights, whichever first
            self.env["sm.order.event"].with_user(self.agent).create(
                {"order_id": self.order.id, "event_type": "delay", "key": "forged"}
            )

    def test_event_state_changes_only_through_actions_and_sent_is_final(self):
        event = self.prepared_event()
        for user in (self.agent, self.manager, self.admin):
            with self.assertRaisesRegex(UserError, "buttons"):
                event.with_user(user).with_context(**FORGED).write({"state": "off"})
        event.with_user(self.agent).action_send()
        self.assertEqual(event.state, "sent")
        messages = event.message_id
        for user in (self.agent, self.manager, self.admin):
            with self.assertRaises(UserError):
                event.with_user(user).write({"state": "prepared"})
        with self.assertRaisesRegex(UserError, "stays sent"), sm_sync_writes():
            event.write({"state": "prepared"})
        with self.assertRaises(UserError):
            event.with_user(self.agent).action_send()
        # a send racing the first one finds the event sent and posts nothing
        config = event._event_type_config()[event.event_type]
        with sm_sync_writes():
            event._send(config)
        self.assertEqual(
            self.order.message_ids.filtered(lambda m: m.subject == messages.subject), messages
        )

    def test_agent_drops_a_prepared_message(self):
        event = self.prepared_event()
        event.with_user(self.agent).action_skip()
        self.assertEqual(event.state, "skipped")
        self.assertFalse(event.activity_id.active)
        with self.assertRaises(UserError):
            event.with_user(self.agent).action_skip()

    # ------------------------------------------------------------ item 9: queued e-mail
    def test_customer_email_waits_in_the_mail_queue(self):
        event = self.prepared_event()
        MailMail = type(self.env["mail.mail"])
        with (
            patch.object(MailMail, "send", autospec=True) as send_now,
            patch.object(MailMail, "send_after_commit", autospec=True) as send_at_commit,
        ):
            event.with_user(self.agent).with_context(mail_notify_force_send=True).action_send()
        # handed over by the mail queue's cron (its own transaction), never by this one
        self.assertFalse(send_now.called or send_at_commit.called)
        mails = self.env["mail.mail"].search([("mail_message_id", "=", event.message_id.id)])
        self.assertTrue(mails, "the e-mail is queued, not sent and deleted in the transaction")
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})

    # ------------------------------------------------------------ other ways in
    def test_failed_record_payload_cannot_be_forged_then_retried(self):
        Error = self.env["sm.sync.error"]
        Error._record_failure(
            self.backend, "contacts", self.partner.sm_id, "test", {"id": self.partner.sm_id}
        )
        error = Error.search([("reference", "=", self.partner.sm_id), ("state", "=", "open")])
        self.assertEqual(len(error), 1)
        forged = {"id": self.partner.sm_id, "email": "attacker@example.com"}
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            error.with_user(self.manager).write({"payload": str(forged)})
        with self.assertRaises(UserError):
            self.env["sm.sync.error"].with_user(self.manager).create(
                {
                    "backend_id": self.backend.id,
                    "entity": "contacts",
                    "reference": self.partner.sm_id,
                    "reason": "forged",
                    "payload": str(forged),
                }
            )
        error.with_user(self.manager).action_ignore()  # the managers' own action still works
        self.assertEqual(error.state, "ignored")

    def test_message_template_must_be_an_order_event_template(self):
        foreign = self.env.ref("auth_signup.set_password_email")
        config = self.env.ref("sm_connector.event_type_delay").with_user(self.admin)
        with self.assertRaises(UserError):
            config.write({"mail_template_id": foreign.id})

    def test_sync_buttons_need_access_to_the_backend(self):
        with self.assertRaises(AccessError):
            self.backend.with_user(self.internal).action_sync_contacts_now()
        with self.assertRaises(AccessError):
            self.backend.with_user(self.agent).action_full_reconcile()
        self.backend.with_user(self.manager).action_sync_contacts_now()

    def test_sync_state_is_written_by_the_sync_and_sm_admins_only(self):
        """A watermark, resume cursor or go-live written over RPC skips records or silences
        (or floods) customer messages: a manager's sync writes them, the manager cannot."""
        self.backend.with_user(self.manager).action_sync_contacts_now()
        self.env.invalidate_all()
        state = self.env["sm.sync.state"]._for(self.backend, "contacts")
        self.assertTrue(state.watermark, "the manager's sync wrote its watermark")
        as_manager = state.with_user(self.manager).with_context(**FORGED)
        for values in (
            {"watermark": "2099-01-01 00:00:00"},
            {"resume_cursor": "forged"},
            {"go_live": "2099-01-01 00:00:00"},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                as_manager.write(values)
        with self.assertRaises(AccessError):
            self.env["sm.sync.state"].with_user(self.manager).create(
                {"backend_id": self.backend.id, "entity": "orders", "go_live": "2099-01-01"}
            )
        with self.assertRaises(AccessError):
            self.backend.with_user(self.manager).action_reset_watermarks()
        self.assertTrue(state.watermark)
        # an SM administrator corrects it, and may re-read everything
        state.with_user(self.admin).write({"resume_cursor": False})
        self.backend.with_user(self.admin).action_reset_watermarks()
        self.assertFalse(state.watermark)

    def test_a_retry_takes_no_default_from_the_callers_context(self):
        """Review: a manager's *Retry* with `default_*` keys in its context filled the fields
        SM leaves out on the order it created, and a missing sync-state row's go-live."""
        victim = sorted(self.live_ids("orders"))[-1]
        lines = self.store.get("orders", victim)["lines"]
        broken = [dict(line, article_code="NO-SUCH-ARTICLE") for line in lines]
        self.store.set_field("orders", victim, "lines", broken)
        self.env.cr.execute(
            "DELETE FROM sm_binding WHERE backend_id = %s AND entity = 'orders' AND sm_id = %s",
            (self.backend.id, victim),
        )
        self.env.cr.execute("DELETE FROM sale_order WHERE sm_id = %s", (victim,))
        self.env.invalidate_all()
        self.sync("orders")
        error = self.env["sm.sync.error"].search(
            [("reference", "=", victim), ("entity", "=", "orders"), ("state", "=", "open")]
        )
        self.assertTrue(error)
        self.env["sm.sync.state"]._for(self.backend, "orders").unlink()
        self.store.set_field("orders", victim, "lines", lines)  # SM fixes the order
        forged = {
            "default_sm_removed": True,
            "default_client_order_ref": "FORGED",
            "default_go_live": "2099-01-01 00:00:00",
            "default_watermark": "2099-01-01 00:00:00",
            "default_resume_cursor": "forged",
        }
        error.with_user(self.manager).with_context(**forged).action_retry()
        self.env.invalidate_all()
        self.assertEqual(error.state, "resolved")
        order = self.env["sale.order"].search([("sm_id", "=", victim)])
        self.assertTrue(order)
        self.assertFalse(order.sm_removed)
        self.assertFalse(order.client_order_ref)
        state = self.env["sm.sync.state"].search(
            [("backend_id", "=", self.backend.id), ("entity", "=", "orders")]
        )
        self.assertFalse(state.go_live or state.watermark or state.resume_cursor)

    # ------------------------------------------------------------ moving data into SM's
    def _own_order_line(self):
        """A line of an order made in Odoo by the salesman (not SM's)."""
        own = (
            self.env["sale.order"]
            .with_user(self.agent)
            .create({"partner_id": self.internal.partner_id.id})
        )
        product = self.order.order_line.filtered(lambda line: not line.display_type)[:1].product_id
        return (
            self.env["sale.order.line"]
            .with_user(self.agent)
            .create(
                {
                    "order_id": own.id,
                    "product_id": product.id,
                    "product_uom_qty": 1,
                    "price_unit": 5,
                }
            )
        )

    def test_a_line_cannot_be_moved_into_an_sm_order(self):
        line = self._own_order_line()
        own, total = line.order_id, self.order.amount_total
        for user in (self.agent, self.admin):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "moved into"):
                line.with_user(user).with_context(**FORGED).write({"order_id": self.order.id})
        self.assertEqual(line.order_id, own)
        self.assertEqual(self.order.amount_total, total)
        # nor a variant under an SM article (it would become that article's variant)
        variant = self.env["product.product"].create({"name": "Odoo-only variant"})
        with self.assertRaisesRegex(UserError, "moved into"):
            variant.with_user(self.admin).write({"product_tmpl_id": self.product.id})

    def test_sync_removes_a_line_sm_never_sent_and_the_run_goes_on(self):
        line = self._own_order_line()
        # what the unguarded move left in databases before the lock refused it
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE sale_order_line SET order_id = %s WHERE id = %s", self.order.id, line.id)
        )
        self.env.invalidate_all()
        self.store.set_field("orders", self.order.sm_id, "promised_date", "2027-02-01")
        run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)
        self.assertFalse(line.exists(), "SM is master: its order has only its lines")
        self.assertTrue(self.order.sm_totals_match)

    def test_a_record_the_mapper_cannot_handle_fails_alone(self):
        Importer = type(self.env["sm.order.importer"])
        original = Importer._map
        broken_id = self.order.sm_id

        def mapper_bug(importer, record, lookups):
            if record["id"] == broken_id:
                raise TypeError("'<' not supported between instances of 'NoneType' and 'int'")
            return original(importer, record, lookups)

        self.store.set_field("orders", broken_id, "promised_date", "2027-02-01")
        self.store.set_field("orders", self.other_order.sm_id, "promised_date", "2027-02-02")
        with patch.object(Importer, "_map", mapper_bug):
            run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(run.failed, 1)
        error = self.env["sm.sync.error"].search(
            [("reference", "=", broken_id), ("state", "=", "open")]
        )
        self.assertIn("TypeError", error.reason)
        self.assertIn(broken_id, error.payload, "the payload is kept to retry")
        self.assertEqual(str(self.other_order.sm_promised_date), "2027-02-02")

    def test_fields_that_recompute_sm_values_are_refused(self):
        company = self.env["res.company"].create({"name": "Second company"})
        usd, eur = self.env.ref("base.USD"), self.env.ref("base.EUR")
        other_currency = eur if self.order.currency_id == usd else usd
        other = self.internal.partner_id
        tax = self.order.amount_tax
        order = self.order.with_user(self.admin).with_context(**FORGED)
        for vals in (
            {"company_id": company.id},
            {"fiscal_position_id": self.env["account.fiscal.position"].create({"name": "F"}).id},
            {"pricelist_id": self.env["product.pricelist"].create({"name": "Forged"}).id},
            {"currency_id": other_currency.id},
            {"partner_invoice_id": other.id},
            {"partner_shipping_id": other.id},
        ):
            # (Odoo itself already refuses another pricelist on a confirmed order)
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "Silicon Master|pricelist of a confirmed"),
            ):
                order.write(vals)
        self.assertEqual(self.order.amount_tax, tax)
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            self.partner.with_user(self.agent).write({"company_id": self.env.company.id})

    def test_delivered_quantity_runs_and_email_spellings_refused(self):
        line = self.order.order_line.filtered(lambda line: not line.display_type)[:1]
        with self.assertRaisesRegex(UserError, "Silicon Master"):
            line.with_user(self.admin).write({"qty_delivered": line.product_uom_qty})
        run = self.env["sm.sync.run"].search([("backend_id", "=", self.backend.id)], limit=1)
        for user in (self.manager, self.admin):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "only the sync"):
                run.with_user(user).with_context(**FORGED).write({"state": "failed"})
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "Silicon Master"):
                self.env["sm.sync.run"].with_user(user).create(
                    {"backend_id": self.backend.id, "entity": "orders", "state": "done"}
                )
        self.assertEqual(run.state, "done")
        email = self.partner.email
        partner = self.partner.with_user(self.agent)
        for forged in (f'"Attacker" <{email}>', email.upper(), f"{email} "):
            with self.subTest(email=forged), self.assertRaisesRegex(UserError, "Silicon Master"):
                partner.write({"email": forged})
        partner.write({"email": email})

    def test_a_second_click_on_send_is_refused_at_once_without_errors(self):
        event = self.prepared_event()
        Cursor = type(self.env.cr)
        execute = Cursor.execute
        for concurrent in (
            LockNotAvailable("the first click still holds the event"),
            SerializationFailure("could not serialize access due to concurrent update"),
        ):

            def first_click_holds_the_row(
                cr, query, params=None, log_exceptions=True, err=concurrent
            ):
                # what PostgreSQL answers the second click's lock of the event row (the first
                # click's transaction is still sending it, or has just committed)
                if "FOR UPDATE" in str(query) and "sm_order_event" in str(query):
                    raise err
                return execute(cr, query, params, log_exceptions)

            for action in ("action_send", "action_skip"):
                with (
                    self.subTest(action=action, concurrent=type(concurrent).__name__),
                    patch.object(Cursor, "execute", first_click_holds_the_row),
                    self.assertNoLogs("odoo.sql_db", "ERROR"),
                    self.assertRaisesRegex(UserError, "already being sent"),
                ):
                    getattr(event.with_user(self.agent), action)()
        self.assertEqual(event.state, "prepared", "the second click changed nothing")
        self.assertFalse(event.message_id)
        event.with_user(self.agent).action_send()  # no click in the way: sent once
        self.assertEqual(event.state, "sent")


@tagged("post_install", "-at_install")
class TestSecuritySmRoutes(HttpCase):
    """The connector adds no route of its own; SM orders reach customers through Odoo's portal:
    a customer opens their own SM order, never another's (forged id or token)."""

    def setUp(self):
        super().setUp()
        Partner = self.env["res.partner"]
        product = self.env["product.product"].create({"name": "Canapé test", "list_price": 100})
        self.users, self.orders = [], []
        for n in (1, 2):
            with sm_sync_writes():
                partner = Partner.create(
                    {"name": f"Customer {n}", "email": f"c{n}@example.com", "sm_id": f"CT{n}"}
                )
                order = self.env["sale.order"].create(
                    {
                        "name": f"SO-SEC-{n}",
                        "sm_id": f"SO-SEC-{n}",
                        "partner_id": partner.id,
                        "order_line": [
                            Command.create({"product_id": product.id, "price_unit": 100})
                        ],
                    }
                )
                order.action_confirm()
            self.users.append(
                self.env["res.users"].create(
                    {
                        "login": f"sm-portal-{n}",
                        "password": f"sm-portal-{n}",
                        "partner_id": partner.id,
                        "group_ids": [Command.set(self.env.ref("base.group_portal").ids)],
                    }
                )
            )
            self.orders.append(order)

    def test_portal_order_pages_refuse_forged_ids_and_tokens(self):
        mine, other = self.orders
        self.authenticate("sm-portal-1", "sm-portal-1")
        own = self.url_open(f"/my/orders/{mine.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn("SO-SEC-1", own.text)
        for url in (f"/my/orders/{other.id}", f"/my/orders/{other.id}?access_token=forged"):
            with self.subTest(url=url):
                answer = self.url_open(url)
                self.assertNotIn("SO-SEC-2", answer.text)
