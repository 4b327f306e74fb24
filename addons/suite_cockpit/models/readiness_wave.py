# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReadinessWave(models.Model):
    _inherit = "readiness.wave"

    @api.model
    def _cockpit_latest_closed(self):
        """The latest closed wave (by start date): the readiness shown beside adoption."""
        return self.search([("state", "=", "closed")], order="date_start desc, id desc", limit=1)
