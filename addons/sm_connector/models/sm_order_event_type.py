# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

EVENT_TYPES = [
    ("procedure", "Order confirmed: how pickup/delivery works"),
    ("delay", "Delay (promised date moved later)"),
    ("line_unavailable", "Article out of stock"),
    ("ready_for_pickup", "Ready for pickup"),
    ("pickup_reminder", "Pickup reminder"),
    ("cancelled", "Cancelled"),
    ("delivered", "Delivered"),
]


class SmOrderEventType(models.Model):
    """Per kind of order change, what to do: send the message, prepare it for an agent, or nothing.

    Agents who prefer to stay in control (Annex 4: "against automation, except to pre-fill")
    get the message ready in an activity and send it in one click.
    """

    _name = "sm.order.event.type"
    _description = "Order event type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(EVENT_TYPES, required=True)
    sequence = fields.Integer(default=10)
    mode = fields.Selection(
        [
            ("auto", "Send automatically"),
            ("prepare", "Prepare for an agent"),
            ("off", "Off"),
        ],
        required=True,
        default="prepare",
        help="Send automatically: the customer gets the message at once (it is on the order's "
        "chatter). Prepare: an activity with the message ready to send in one click. Off: the "
        "event is only recorded.",
    )
    mail_template_id = fields.Many2one(
        "mail.template", string="Message", domain=[("model", "=", "sm.order.event")]
    )
    settle_minutes = fields.Integer(
        string="Wait before sending (min)",
        default=0,
        help="A change must hold this long before the customer is told; a date that moves back "
        "in the meantime sends nothing.",
    )
    _code_unique = models.Constraint("UNIQUE(code)", "One configuration per event type.")

    @api.constrains("mail_template_id")
    def _check_mail_template_model(self):
        # a template of another model would be rendered on the ids of order events
        for config in self:
            if config.mail_template_id and config.mail_template_id.model != "sm.order.event":
                raise ValidationError(
                    self.env._("A customer message template must be a template of order events.")
                )
