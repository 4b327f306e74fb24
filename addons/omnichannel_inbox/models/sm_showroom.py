# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

ROUTING_FIELDS = {"inbox_tcx_queue_id", "name", "code", "is_web", "active"}


class SmShowroom(models.Model):
    """A showroom's 3CX queue: where a caller whose order is there can be routed."""

    _inherit = "sm.showroom"

    inbox_tcx_queue_id = fields.Many2one(
        "tcx.queue",
        string="3CX queue",
        ondelete="set null",
        help="The 3CX queue (or ring group) of this showroom: the caller-ID lookup tells 3CX "
        "to route a customer with an open order here straight to it.",
    )

    def write(self, vals):
        res = super().write(vals)
        if ROUTING_FIELDS & set(vals):
            self.env.registry.clear_cache()  # res.partner._inbox_routing_rooms
        return res
