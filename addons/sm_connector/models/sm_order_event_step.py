# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..mappers.escalation import STILL_OPEN
from .sm_order_event_type import EVENT_TYPES

LADDERS = [(code, label) for code, label in EVENT_TYPES if code in STILL_OPEN]


class SmOrderEventStep(models.Model):
    """One rung of the escalation ladder that follows a kind of customer message: after N
    days, or when the date slips again by more than N days → a message, an activity or a call
    task. Each step fires once per order (its key is the order event's key)."""

    _name = "sm.order.event.step"
    _description = "Order follow-up step"
    _order = "ladder, sequence, id"

    name = fields.Char(required=True, translate=True, help="Summary of the task it creates.")
    active = fields.Boolean(default=True)
    ladder = fields.Selection(
        LADDERS, string="Follows", required=True, help="The customer message this step follows."
    )
    sequence = fields.Integer(default=10)
    key = fields.Char(
        required=True,
        help="Technical: the order event recording that this step fired (once per order).",
    )
    trigger = fields.Selection(
        [
            ("days_after", "Days after the message, order unchanged"),
            ("date_slips", "The promised date slips again by more than"),
        ],
        required=True,
        default="days_after",
    )
    days = fields.Integer(required=True, default=5)
    action = fields.Selection(
        [
            ("mail", "Message to the customer"),
            ("activity", "Activity for the order's responsible"),
            ("call", "Call task (showroom's To call list)"),
        ],
        required=True,
        default="mail",
    )
    message_type = fields.Selection(
        EVENT_TYPES,
        string="Message",
        help="Message to the customer: the kind of message sent (its template and its mode: "
        "automatic, prepared for an agent, off).",
    )

    _key_unique = models.Constraint("UNIQUE(key)", "A step's key must be unique.")
    _days_positive = models.Constraint("CHECK(days >= 0)", "Days cannot be negative.")

    @api.constrains("action", "message_type", "key")
    def _check_step(self):
        keys = set(self.env["sm.order.event"]._sm_detected_keys())
        for step in self:
            if step.action == "mail" and not step.message_type:
                raise ValidationError(self.env._("A message step needs the message to send."))
            if step.key in keys or step.key.startswith(("delay:", "line_unavailable:")):
                raise ValidationError(
                    self.env._("The key %s is the key of a change SM reports.", step.key)
                )
