# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models

from ..tools.figures import Figure

# a customer was told, or an agent has the message in hand
TOLD = ("sent", "prepared", "call")
DEFAULT_PICKUP_DAYS = 7


class SuiteCockpitFigure(models.Model):
    """Orders at risk and the customer messages on order changes (SM connector)."""

    _inherit = "suite.cockpit.figure"  # pylint: disable=consider-merging-classes-inherited

    def _figure_orders_late_no_message(self, _param):
        """Late orders (promised date passed, neither delivered nor cancelled) whose customer
        got no delay message: none sent, prepared for an agent or planned as a call. Orders
        ready for pickup are not late: they are counted as *ready, not collected*."""
        return Figure(
            "sale.order",
            [
                ("sm_is_late", "=", True),
                ("sm_status", "!=", "ready_for_pickup"),
                ("sm_removed", "=", False),
                (
                    "sm_event_ids",
                    "not any",
                    [("event_type", "=", "delay"), ("state", "in", TOLD)],
                ),
            ],
        )

    def _figure_orders_ready_not_collected(self, _param):
        """Orders ready for pickup for more than *suite_cockpit.pickup_days* days (7)."""
        # sudo: a display setting; ir.config_parameter is readable by admins only
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("suite_cockpit.pickup_days", DEFAULT_PICKUP_DAYS)
        )
        ready_before = fields.Datetime.now() - timedelta(days=days)
        return Figure(
            "sale.order",
            [
                ("sm_status", "=", "ready_for_pickup"),
                ("sm_removed", "=", False),
                (
                    "sm_event_ids",
                    "any",
                    [("event_type", "=", "ready_for_pickup"), ("create_date", "<", ready_before)],
                ),
            ],
        )

    def _figure_messages_sent(self, event_type):
        """Customer messages of one kind of order change sent in the period."""
        return Figure(
            "sm.order.event",
            [
                ("event_type", "=", event_type),
                ("state", "=", "sent"),
                ("sent_date", ">=", self._since()),
            ],
        )
