# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.addons.sm_connector.tests.common import SmCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSmChange(SmCase):
    """Acting on the order while SM stays master, against the real SM simulator: a change
    asked from the ticket is a task for the person keying SM; the sync that shows it closes
    the task and notes the ticket. A message the sync sends about an order is noted on the
    open tickets linked to it."""

    sim_sizes = {"contacts": 40, "articles": 30, "orders": 12}

    def setUp(self):
        super().setUp()
        self.env["sm.order.event.type"].search([]).write({"settle_minutes": 0})
        self.backend.message_older_orders = True
        sm_id = next(
            sm_id
            for sm_id in sorted(self.live_ids("orders"))
            if (
                self.store.get("contacts", self.store.get("orders", sm_id)["customer_id"]) or {}
            ).get("email")
        )
        self.sm_id = sm_id
        record = self.store.get("orders", sm_id)
        lines = [dict(line, available=True, expected_date=None) for line in record["lines"]]
        self.store.set_field("orders", sm_id, "lines", lines)
        self.store.set_field("orders", sm_id, "status", "confirmed")
        self.store.set_field("orders", sm_id, "delivery_mode", "pickup")
        self.store.set_field("orders", sm_id, "showroom", "LIE")
        self.store.set_field("orders", sm_id, "promised_date", "2026-12-01")
        self.store.set_field("contacts", record["customer_id"], "lang", "en")
        run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)
        self.order = self.env["sale.order"].search([("sm_id", "=", sm_id)])
        self.keyer = new_test_user(
            self.env, login="sm-keyer", groups="sales_team.group_sale_salesman"
        )
        self.agent = new_test_user(
            self.env, login="sav-agent", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        self.team = self.env.ref("omnichannel_inbox.team_lie")
        self.team.write({"inbox_sm_keyer_id": self.keyer.id, "inbox_lang": "en_US"})
        self.ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Can I come later?",
                "description": "x",
                "team_id": self.team.id,
                "partner_id": self.order.partner_id.id,
                "inbox_order_id": self.order.id,
                "user_id": self.agent.id,
            }
        )

    def request(self, **vals):
        Change = self.env["inbox.sm.change"].with_user(self.agent)
        return Change.create({"ticket_id": self.ticket.id, "order_id": self.order.id, **vals})

    def tasks(self):
        kind = self.env.ref("omnichannel_inbox.mail_activity_type_sm_change")
        return self.order.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_pickup_date_change_closed_by_the_sync(self):
        change = self.request(kind="pickup_date", pickup_date="2026-12-18")
        task = self.tasks()
        self.assertEqual(task.user_id, self.keyer, "the team's person keying SM")
        self.assertIn(self.sm_id, task.note)
        self.assertEqual(change.state, "requested")
        # a sync that does not show the change leaves the task open
        self.store.set_field("orders", self.sm_id, "payment_status", "paid")
        self.sync("orders")
        self.assertEqual(change.state, "requested")
        self.assertTrue(self.tasks())
        # the person keys it into SM; the next sync brings it back
        self.store.set_field("orders", self.sm_id, "promised_date", "2026-12-18")
        self.sync("orders")
        self.assertEqual(change.state, "done")
        self.assertFalse(self.tasks(), "the task closed by itself")
        notes = self.ticket.message_ids.filtered(
            lambda m: "SM now shows the change" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertEqual(self.ticket.inbox_sm_change_done_id, change)
        # one click: the canned reply filled in with the change
        action = change.with_user(self.agent).action_inbox_tell_customer()
        wizard = (
            self.env["inbox.canned.reply.wizard"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({})
        )
        self.assertIn("pick up your order", wizard.body)
        self.assertIn(self.order.name, wizard.body)

    def test_cancel_and_address_changes(self):
        address = self.request(kind="address", street="Rue de l'Église 4", zip="4000", city="Liège")
        cancel = self.request(kind="cancel")
        partner = self.order.partner_id
        # the address comes back with the customer's contact from SM
        customer = self.store.get("orders", self.sm_id)["customer_id"]
        self.store.set_field("contacts", customer, "street", "rue de l eglise 4")
        self.store.set_field("contacts", customer, "zip", "4000")
        self.store.set_field("contacts", customer, "city", "LIEGE")
        self.sync("contacts")
        self.assertEqual(partner.street, "rue de l eglise 4")
        self.assertEqual(address.state, "done", "same address, other spelling")
        self.assertEqual(cancel.state, "requested")
        self.store.set_field("orders", self.sm_id, "status", "cancelled")
        self.sync("orders")
        self.assertEqual(cancel.state, "done")
        self.assertFalse(self.tasks())

    def test_only_the_tickets_orders_and_tickets_one_may_work_on(self):
        other = self.env["sale.order"].search(
            [("sm_id", "!=", False), ("id", "!=", self.order.id)], limit=1
        )
        with self.assertRaises(UserError):
            self.request(kind="cancel", order_id=other.id)
        outsider = new_test_user(
            self.env, login="own-agent", groups="helpdesk_mgmt.group_helpdesk_user_own"
        )
        with self.assertRaises(AccessError):
            self.env["inbox.sm.change"].with_user(outsider).create(
                {"ticket_id": self.ticket.id, "order_id": self.order.id, "kind": "cancel"}
            )
        change = self.request(kind="note", note="Call before delivery")
        with self.assertRaises(AccessError):
            change.with_user(self.agent).write({"state": "done"})

    def test_system_fields_not_forged_at_creation(self):
        """state, done date, answered, keyer and task are the system's: an agent creating a
        request over RPC (values or ``default_*`` context keys) cannot set them."""
        for forged in (
            {"state": "done"},
            {"done_date": "2026-11-30 10:00:00"},
            {"answered": True},
            {"user_id": self.agent.id},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                self.request(kind="cancel", **forged)
        change = (
            self.env["inbox.sm.change"]
            .with_user(self.agent)
            .with_context(default_state="done", default_answered=True)
            .create({"ticket_id": self.ticket.id, "order_id": self.order.id, "kind": "cancel"})
        )
        self.assertEqual((change.state, change.answered), ("requested", False))
        self.assertFalse(self.ticket.inbox_sm_change_done_id)
        self.assertEqual(change.user_id, self.keyer)

    def test_note_closed_when_the_keyer_marks_the_task_done(self):
        change = self.request(kind="note", note="Call before delivery")
        self.sync("orders")
        self.assertEqual(change.state, "requested", "SM's export has no notes: no sync sees it")
        change.activity_id.with_user(self.keyer).action_feedback(feedback="done")
        self.assertEqual(change.state, "done")
        self.assertTrue(
            self.ticket.message_ids.filtered(lambda m: "Keyed into SM by" in (m.body or ""))
        )

    def test_agent_cannot_close_or_drop_the_keyers_task(self):
        """The agent who asked is not the one keying SM: marking the task done (which tells
        the ticket the change is in SM) or deleting it is refused to them."""
        change = self.request(kind="pickup_date", pickup_date="2026-12-18")
        task = change.activity_id.with_user(self.agent)
        with self.assertRaises(AccessError):
            task.write({"user_id": self.agent.id})
        with self.assertRaises(AccessError):
            task.action_feedback(feedback="done")
        with self.assertRaises(AccessError):
            task.unlink()
        self.assertEqual(change.state, "requested")
        self.assertTrue(change.activity_id.exists())

    def test_message_sent_by_the_sync_is_noted_on_open_tickets(self):
        closed = self.env["helpdesk.ticket"].create(
            {
                "name": "Old question",
                "description": "x",
                "team_id": self.team.id,
                "inbox_order_ids": [fields.Command.link(self.order.id)],
                "stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
            }
        )
        self.store.set_field("orders", self.sm_id, "promised_date", "2026-12-20")
        self.sync("orders")
        event = self.env["sm.order.event"].search(
            [("order_id", "=", self.order.id), ("event_type", "=", "delay")]
        )
        self.assertEqual(event.state, "sent")
        notes = self.ticket.message_ids.filtered(
            lambda m: "The customer was sent a message about order" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertIn(event.message_id.subject, notes.body)
        self.assertFalse(
            closed.message_ids.filtered(lambda m: "was sent a message" in (m.body or "")),
            "closed tickets are not told",
        )
