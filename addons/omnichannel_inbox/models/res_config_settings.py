# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..helpers.order_numbers import DEFAULT_FORMAT, DEFAULT_PATTERN, compile_pattern


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    inbox_dedup_window_hours = fields.Float(
        string="Join open tickets for (hours)",
        config_parameter="omnichannel_inbox.dedup_window_hours",
        default=72.0,
        help="A new request of a customer whose open ticket got a request within this many "
        "hours joins that ticket instead of opening a new one (0: never).",
    )
    inbox_order_number_pattern = fields.Char(
        string="Order number pattern",
        config_parameter="omnichannel_inbox.order_number_pattern",
        default=DEFAULT_PATTERN,
        help="Regular expression (case-insensitive) finding SM order numbers in messages; "
        "its groups feed the format below.",
    )
    inbox_order_number_format = fields.Char(
        string="Order number format",
        config_parameter="omnichannel_inbox.order_number_format",
        default=DEFAULT_FORMAT,
        help="Canonical SM number built from the pattern's groups, e.g. SO{0}-{1}.",
    )
    inbox_default_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Default team",
        config_parameter="omnichannel_inbox.default_team_id",
        help="Team of the requests no other rule routes.",
    )

    @api.constrains("inbox_order_number_pattern")
    def _check_inbox_order_number_pattern(self):
        for settings in self:
            try:
                compile_pattern(settings.inbox_order_number_pattern or DEFAULT_PATTERN)
            except ValueError as exc:
                raise ValidationError(
                    self.env._("Invalid order number pattern: %(reason)s", reason=exc)
                ) from exc
