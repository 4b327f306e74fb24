# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common_orders import SmOrderCase

CALL = "sm_connector.mail_activity_type_sm_call"
FOLLOW_UP = "sm_connector.mail_activity_type_sm_follow_up"


@tagged("post_install", "-at_install")
class TestEscalationLadder(SmOrderCase):
    """Follow-up steps per kind of message: each fires once per order, also after a crash."""

    def setUp(self):
        super().setUp()
        self.Event = self.env["sm.order.event"]
        self.now = fields.Datetime.now()

    def ready(self, sm_id):
        self.sm_change(sm_id, status="ready_for_pickup")
        self.assertEqual(self.events(sm_id, event_type="ready_for_pickup").state, "sent")

    def step_events(self, sm_id, key):
        return self.events(sm_id, key=key)

    def test_default_ladder_reminds_then_plans_a_call_once(self):
        self.ready(self.pickup_id)
        order = self.order(self.pickup_id)
        self.assertFalse(self.Event._ladder_run(self.now + timedelta(days=2)))
        fired = self.Event._ladder_run(self.now + timedelta(days=6))
        self.assertEqual(fired.mapped("key"), ["pickup_reminder"])
        self.assertEqual(fired.state, "sent")
        self.assertIn("waiting for you", self.customer_messages(order)[:1].body)
        fired = self.Event._ladder_run(self.now + timedelta(days=11))
        self.assertEqual(fired.mapped("key"), ["pickup_call"])
        self.assertEqual(fired.state, "task")
        self.assertEqual(fired.activity_id.activity_type_id, self.env.ref(CALL))
        self.assertEqual(fired.activity_id.res_id, order.id)
        # again and again: nothing more
        self.assertFalse(self.Event._ladder_run(self.now + timedelta(days=30)))
        self.assertEqual(len(self.step_events(self.pickup_id, "pickup_reminder")), 1)
        self.assertEqual(len(self.step_events(self.pickup_id, "pickup_call")), 1)
        self.assertEqual(len(self.customer_messages(order)), 2)  # ready + one reminder

    def test_each_step_fires_once_after_a_crash_and_resume(self):
        self.ready(self.pickup_id)
        self.sm_change(
            self.delivery_id, status="ready_for_pickup", delivery_mode="pickup", showroom="LIE"
        )
        later = self.now + timedelta(days=6)
        first = self.Event._ladder_run(later, orders=self.order(self.pickup_id))
        self.assertEqual(len(first), 1)  # committed before the crash
        crash = self.env.cr.savepoint()
        self.Event._ladder_run(later)
        self.assertEqual(len(self.step_events(self.delivery_id, "pickup_reminder")), 1)
        crash.rollback()  # the process dies before its transaction commits
        crash.close()
        self.env.invalidate_all()
        self.assertFalse(self.step_events(self.delivery_id, "pickup_reminder"))
        resumed = self.Event._ladder_run(later)
        self.assertEqual(resumed.order_id, self.order(self.delivery_id))
        for sm_id in (self.pickup_id, self.delivery_id):
            self.assertEqual(len(self.step_events(sm_id, "pickup_reminder")), 1)
            reminders = self.customer_messages(self.order(sm_id)).filtered(
                lambda m: "Reminder" in (m.subject or "")
            )
            self.assertEqual(len(reminders), 1, sm_id)

    def test_date_slipping_again_escalates_once_at_sync(self):
        self.sm_change(self.delivery_id, promised_date="2026-12-05")
        self.assertEqual(self.events(self.delivery_id, event_type="delay").state, "sent")
        self.sm_change(self.delivery_id, promised_date="2026-12-10")  # 5 days: not yet
        self.assertFalse(self.step_events(self.delivery_id, "delay_slip"))
        self.sm_change(self.delivery_id, promised_date="2026-12-20")  # 15 days past 12-05
        slip = self.step_events(self.delivery_id, "delay_slip")
        self.assertEqual(slip.state, "task")
        self.assertEqual(slip.activity_id.activity_type_id, self.env.ref(FOLLOW_UP))
        self.sm_change(self.delivery_id, promised_date="2027-01-20")
        self.assertEqual(len(self.step_events(self.delivery_id, "delay_slip")), 1)
        announced = self.events(self.delivery_id, event_type="delay").filtered(
            lambda e: not e.step_id
        )
        self.assertEqual(len(announced), 4)  # each new date still told to the customer

    def test_order_moving_on_closes_its_call_task(self):
        self.ready(self.pickup_id)
        self.Event._ladder_run(self.now + timedelta(days=11))
        task = self.step_events(self.pickup_id, "pickup_call").activity_id
        self.assertTrue(task.active)
        self.sm_change(self.pickup_id, status="delivered")
        self.assertFalse(task.exists() and task.active)
        done = self.order(self.pickup_id).message_ids.filtered(
            lambda m: "The order moved on" in (m.body or "")
        )
        self.assertTrue(done)

    def test_configured_step_replaces_the_default(self):
        self.env.ref("sm_connector.event_step_pickup_call").days = 3
        self.ready(self.pickup_id)
        fired = self.Event._ladder_run(self.now + timedelta(days=4))
        self.assertEqual(fired.mapped("key"), ["pickup_call"])
        self.env.ref("sm_connector.event_step_pickup_reminder").active = False
        self.assertFalse(self.Event._ladder_run(self.now + timedelta(days=9)))

    def test_step_cannot_take_a_change_key_or_send_nothing(self):
        Step = self.env["sm.order.event.step"]
        with self.assertRaises(ValidationError):
            Step.create({"name": "x", "ladder": "delay", "key": "delivered", "action": "call"})
        with self.assertRaises(ValidationError):
            Step.create({"name": "x", "ladder": "delay", "key": "delay_mail", "action": "mail"})

    def test_only_admins_change_the_ladder_and_nobody_reads_the_link_counter(self):
        step = self.env.ref("sm_connector.event_step_pickup_call")
        self.assertEqual(step.with_user(self.agent).days, 10)  # agents read the ladder
        for user in (self.agent, self.manager):
            with self.assertRaises(AccessError):
                step.with_user(user).write({"days": 1})
            with self.assertRaises(AccessError):
                self.env["sm.order.link.hit"].with_user(user).search([])
