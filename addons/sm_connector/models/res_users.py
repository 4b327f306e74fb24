# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    """Staff: the showroom an agent works in (for "my showroom's orders")."""

    _inherit = "res.users"

    sm_showroom_id = fields.Many2one(
        "sm.showroom",
        string="Showroom",
        help="Showroom this person works in: their order list opens on its orders.",
    )

    def _sm_is_person(self):
        """Whether this user is a person who reads activities: an active internal user,
        not OdooBot (the superuser) nor a portal/public account."""
        self.ensure_one()
        return bool(self.active and not self._is_superuser() and not self.share)
