# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SmOrderEvent(models.Model):
    _inherit = "sm.order.event"

    def action_send(self):
        """Log each prepared message an agent sends (adoption; sm_connector does not
        depend on suite_base, the cockpit does)."""
        result = super().action_send()
        Usage = self.env["suite.usage.event"]
        for event in self:
            Usage._suite_log("order_message_sent", event)
        return result
