# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..models.sm_managed_mixin import sm_sync_writes
from .common_orders import SmOrderCase

NUMBER = "+32476555123"


@tagged("post_install", "-at_install")
class TestToCall(SmOrderCase):
    """One *To call* list per showroom: the ladder's call tasks and missed calls to call back."""

    def setUp(self):
        super().setUp()
        self.lie = self.env.ref("sm_connector.showroom_lie")
        self.bru = self.env.ref("sm_connector.showroom_bru")
        # the delivery order's customer lives near Liège (home showroom) and called us
        self.caller = self.order(self.delivery_id).partner_id
        with sm_sync_writes():  # SM's contact data, as the sync writes it
            self.caller.write({"sm_showroom_id": self.lie.id, "phone": NUMBER})
        action = self.env.ref("sm_connector.action_sm_to_call")
        self.to_call_domain = safe_eval(action.domain)

    def to_call(self, showroom):
        return self.env["mail.activity"].search(
            [*self.to_call_domain, ("sm_showroom_id", "=", showroom.id)],
            order="date_deadline, id",
        )

    def call_task(self):
        """The ladder's call task: the Liège pickup order, not collected for 11 days."""
        self.sm_change(self.pickup_id, status="ready_for_pickup")
        self.env["sm.order.event"]._ladder_run(fields.Datetime.now() + timedelta(days=11))
        task = self.events(self.pickup_id, key="pickup_call").activity_id
        self.assertTrue(task)
        return task

    def missed_call(self):
        """A missed call of the Liège customer, with its *Call back* task (3CX's own flow)."""
        if "tcx.call" not in self.env:
            self.skipTest("tcx_click2dial is not installed: no missed calls")
        call = self.env["tcx.call"].create(
            {
                "direction": "inbound",
                "status": "missed",
                "number": NUMBER,
                "number_e164": NUMBER,
                "partner_id": self.caller.id,
                "start_date": fields.Datetime.now() - timedelta(hours=2),
            }
        )
        call._tcx_schedule_callback()
        task = call._tcx_callback_activities()
        self.assertEqual(len(task), 1)
        return call, task

    def test_generic_phone_call_activity_lands_on_the_customers_showroom(self):
        with sm_sync_writes():
            self.caller.sm_showroom_id = self.bru
        phone = self.env["mail.activity.type"].search([("category", "=", "phonecall")], limit=1)
        activity = self.caller.activity_schedule(activity_type_id=phone.id, summary="Call")
        self.assertEqual(activity.sm_showroom_id, self.bru)
        self.assertEqual(activity.sm_partner_id, self.caller)
        self.assertIn(activity, self.to_call(self.bru))
        todo = self.caller.activity_schedule("mail.mail_activity_data_todo", summary="Not a call")
        self.assertNotIn(todo, self.to_call(self.bru))

    def test_list_merges_missed_calls_and_call_tasks_and_closes_them(self):
        task = self.call_task()
        call, callback = self.missed_call()
        self.assertEqual(task.sm_showroom_id, self.lie)  # the order's pickup showroom
        self.assertEqual(callback.sm_showroom_id, self.lie)  # the caller's home showroom
        self.assertEqual(callback.sm_partner_id, self.caller)
        listed = self.to_call(self.lie)
        self.assertIn(task, listed)
        self.assertIn(callback, listed)
        self.assertEqual(listed, listed.sorted(lambda a: (a.date_deadline, a.id)))
        # my showroom's list
        self.env.user.sm_showroom_id = self.lie
        mine = self.env["mail.activity"].search(
            [*self.to_call_domain, ("sm_my_showroom", "=", True)]
        )
        self.assertEqual(mine & (task | callback), task | callback)
        self.env.user.sm_showroom_id = self.bru
        mine = self.env["mail.activity"].search(
            [*self.to_call_domain, ("sm_my_showroom", "=", True)]
        )
        self.assertFalse(mine & (task | callback))
        # the customer's 360 one click away
        action = callback.action_sm_open_customer()
        self.assertEqual(action["tag"], "suite_base.customer_360")
        self.assertEqual(action["params"], {"partner_id": self.caller.id})
        # the callback is logged: 3CX's outgoing call to the number closes the missed call's task
        back = self.env["tcx.call"].create(
            {
                "direction": "outbound",
                "status": "answered",
                "number": NUMBER,
                "number_e164": NUMBER,
                "partner_id": self.caller.id,
                "start_date": fields.Datetime.now(),
            }
        )
        back._tcx_close_callbacks()
        self.assertEqual(call.callback_state, "done")
        self.assertNotIn(callback, self.to_call(self.lie).exists())
        self.assertIn(task, self.to_call(self.lie))
        # the order moves on in SM: its call task leaves the list
        self.sm_change(self.pickup_id, status="delivered")
        self.assertFalse(self.to_call(self.lie) & (task | callback))
