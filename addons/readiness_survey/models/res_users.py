# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    readiness_team_id = fields.Many2one("readiness.team", string="Sales Team (Readiness)")
    readiness_showroom_id = fields.Many2one(
        "readiness.showroom",
        domain="[('team_id', '=?', readiness_team_id)]",
    )
    readiness_manager_id = fields.Many2one(
        "res.users",
        domain=[("share", "=", False)],
        help="Plans this person's CRM training; defaults to the showroom or team manager.",
    )

    @api.onchange("readiness_showroom_id")
    def _onchange_readiness_showroom_id(self):
        if self.readiness_showroom_id.team_id:
            self.readiness_team_id = self.readiness_showroom_id.team_id

    @api.model
    def _readiness_invitable(self, teams, showrooms):
        """Internal users of ``teams`` (all teams if empty) and ``showrooms`` (all if empty)."""
        domain = [("share", "=", False), ("readiness_team_id", "!=", False)]
        if teams:
            domain.append(("readiness_team_id", "in", teams.ids))
        if showrooms:
            domain.append(("readiness_showroom_id", "in", showrooms.ids))
        return self.search(domain)
