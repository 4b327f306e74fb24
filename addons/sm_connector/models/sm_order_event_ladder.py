# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models

from ..mappers.escalation import LadderFacts, Step, step_due
from .sale_order import CLOSED
from .sm_managed_mixin import sm_sync_writes
from .sm_order_event import SmOrderEvent as SmOrderEventBase

_logger = logging.getLogger(__name__)

CALL_TASK = "sm_connector.mail_activity_type_sm_call"
FOLLOW_UP = "sm_connector.mail_activity_type_sm_follow_up"


class SmOrderEvent(models.Model):
    """The escalation ladder: follow-up steps fired once per order, recorded as order events
    under the step's key (the same dedupe as every change: UNIQUE(order, key))."""

    _inherit = "sm.order.event"  # pylint: disable=consider-merging-classes-inherited
    _sm_managed_fields = (*SmOrderEventBase._sm_managed_fields, "step_id")

    step_id = fields.Many2one(
        "sm.order.event.step", string="Follow-up step", readonly=True, ondelete="set null"
    )
    state = fields.Selection(
        selection_add=[("task", "Follow-up task for staff")], ondelete={"task": "set default"}
    )

    @api.model
    def _sm_detected_keys(self):
        """Keys of the changes the sync detects itself (a step may not reuse them)."""
        return ("procedure", "ready_for_pickup", "cancelled", "delivered")

    @api.model
    def _cron_dispatch(self):
        """Send what waited for its date to settle; fire the ladders' due steps."""
        self.search([("state", "=", "pending")])._dispatch()
        self._ladder_run()

    @api.model
    def _create_pickup_reminders(self, now=None):
        """Kept for callers of the single reminder: the ladders (pickup reminder included)."""
        return self._ladder_run(now)

    @api.model
    def _ladder_run(self, now=None, orders=None):
        """Fire every due step of every ladder, once per order; return the events fired.

        :param now: naive UTC datetime (default: now); :param orders: sale.order to look at
            (default: every order with a sent message a ladder follows).
        Each order's steps run in a savepoint: a step that fails is logged and retried at the
        next run, the other orders go on. A step fired concurrently (the sync, the cron) is
        recorded once: the second insert of the key fails and that step is skipped.
        """
        now = now or fields.Datetime.now()
        steps = self.env["sm.order.event.step"].search([("active", "=", True)])
        if not steps:
            return self.browse()
        domain = [
            ("event_type", "in", list(set(steps.mapped("ladder")))),
            ("state", "=", "sent"),
            # a closed order needs no follow-up: keeps the cron's reading to open orders
            ("order_id.sm_status", "not in", CLOSED),
        ]
        if orders is not None:
            domain.append(("order_id", "in", orders.ids))
        anchors = self.search(domain, order="sent_date, id")
        fired = {
            (event.order_id.id, event.key)
            for event in self.search(
                [("order_id", "in", anchors.order_id.ids), ("key", "in", steps.mapped("key"))]
            )
        }
        first = {}  # (order id, ladder) → the first sent message the ladder follows
        for event in anchors:
            first.setdefault((event.order_id.id, event.event_type), event)
        done = self.browse()
        for (order_id, ladder), anchor in first.items():
            for step in steps.filtered(lambda s, ladder=ladder: s.ladder == ladder):
                if (order_id, step.key) in fired:
                    continue
                if not step_due(ladder, _step(step), anchor._ladder_facts(), now):
                    continue
                done |= anchor._fire_step(step, now)
        return done

    def _ladder_facts(self):
        order = self.order_id
        return LadderFacts(
            status=order.sm_status,
            sent_at=self.sent_date,
            first_announced=self.new_value if self.event_type == "delay" else None,
            promised=order.sm_promised_date and order.sm_promised_date.isoformat(),
        )

    def _fire_step(self, step, now):
        """Record ``step`` for this message's order and act (message, activity, call task)."""
        self.ensure_one()
        order = self.order_id
        vals = {
            "order_id": order.id,
            "event_type": step.message_type if step.action == "mail" else self.event_type,
            "key": step.key,
            "step_id": step.id,
            "new_value": self.new_value,
        }
        try:
            with self.env.cr.savepoint(), sm_sync_writes():
                event = self.create(vals)
                if step.action == "mail":
                    event._dispatch(now)
                else:
                    event._schedule_step_task(step)
        except UniqueViolation:
            # fired by a concurrent run, which committed first: once is enough
            return self.browse()
        except Exception:
            _logger.exception("Follow-up step %s of order %s failed", step.key, order.name)
            return self.browse()
        return event

    def _schedule_step_task(self, step):
        kind = CALL_TASK if step.action == "call" else FOLLOW_UP
        order = self.order_id
        note = self.env._(
            "%(step)s — order %(order)s (%(status)s), customer %(customer)s.",
            step=step.name,
            order=order.name,
            status=dict(order._fields["sm_status"]._description_selection(self.env)).get(
                order.sm_status, ""
            ),
            customer=order.partner_id.display_name,
        )
        activity = self._schedule(kind, step.name, note)
        self.write(
            {
                "state": "task",
                "activity_id": activity.id,
                "state_reason": self.with_context(lang="en_US").env._("Follow-up task for staff."),
            }
        )

    def _close_step_tasks(self, feedback):
        """The order moved on: its open follow-up tasks (activities, call tasks) are done."""
        tasks = self.filtered(lambda e: e.step_id and e.state == "task").activity_id.exists()
        tasks = tasks.filtered("active")
        if tasks:
            tasks.action_feedback(feedback=feedback)
        return tasks


def _step(step):
    return Step(key=step.key, trigger=step.trigger, days=step.days)
