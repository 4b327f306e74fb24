# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

DEFAULT_LINK_DAYS = 30


class SmBackend(models.Model):
    """How long a customer's order status link keeps working once the order is closed."""

    _inherit = "sm.backend"  # pylint: disable=consider-merging-classes-inherited

    order_link_days = fields.Integer(
        string="Order link valid after closing (days)",
        default=DEFAULT_LINK_DAYS,
        help="The link to the order status page in customer messages stops working this many "
        "days after SM delivered or cancelled the order.",
    )

    _order_link_days_positive = models.Constraint(
        "CHECK(order_link_days >= 0)", "The link's validity cannot be negative."
    )

    @api.model
    def _default_link_days(self):
        return DEFAULT_LINK_DAYS
