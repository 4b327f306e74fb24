# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class TcxQueue(models.Model):
    """A queue renamed or renumbered: the routing facts of its showroom change."""

    _inherit = "tcx.queue"

    def write(self, vals):
        res = super().write(vals)
        if {"name", "extension"} & set(vals):
            self.env.registry.clear_cache()  # res.partner._inbox_routing_rooms
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
