# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tcx_pbx_id = fields.Many2one(
        "tcx.pbx",
        string="3CX phone system",
        compute="_compute_tcx_pbx_id",
        groups="tcx_click2dial.group_tcx_admin",
    )

    def _compute_tcx_pbx_id(self):
        for settings in self:
            settings.tcx_pbx_id = self.env["tcx.pbx"].search(
                [("company_id", "=", settings.company_id.id)], limit=1
            )

    def action_tcx_open_pbx(self):
        """Open the company's PBX configuration (a new one when there is none yet)."""
        self.ensure_one()
        pbx = self.tcx_pbx_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("3CX phone system"),
            "res_model": "tcx.pbx",
            "view_mode": "form",
            "res_id": pbx.id or False,
            "target": "current",
        }

    def action_tcx_download_template(self):
        self.ensure_one()
        if not self.tcx_pbx_id:
            raise UserError(self.env._("Configure the 3CX phone system first."))
        return self.tcx_pbx_id.action_download_template()
