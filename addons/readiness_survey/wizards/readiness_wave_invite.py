# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ReadinessWaveInvite(models.TransientModel):
    """Invite sales staff to a wave in one step, filtered by team and showroom."""

    _name = "readiness.wave.invite"
    _description = "Invite Sales Staff to a Readiness Wave"

    wave_id = fields.Many2one("readiness.wave", required=True, ondelete="cascade")
    team_ids = fields.Many2many("readiness.team", string="Teams")
    showroom_ids = fields.Many2many(
        "readiness.showroom",
        string="Showrooms",
        help="Leave empty to invite every showroom of the selected teams.",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="People to Invite",
        compute="_compute_user_ids",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
    )
    already_answered_count = fields.Integer(compute="_compute_already_answered_count")

    @api.depends("team_ids", "showroom_ids")
    def _compute_user_ids(self):
        for wizard in self:
            wizard.user_ids = self.env["res.users"]._readiness_invitable(
                wizard.team_ids, wizard.showroom_ids
            )

    @api.depends("user_ids", "wave_id")
    def _compute_already_answered_count(self):
        for wizard in self:
            done = wizard.wave_id.participation_ids.filtered(lambda p: p.state == "done")
            wizard.already_answered_count = len(wizard.user_ids & done.user_id)

    def action_invite(self):
        """Create the participations and mail everyone their personal link."""
        self.ensure_one()
        if not self.user_ids:
            raise UserError(self.env._("Nobody matches: pick teams, showrooms or people."))
        mailed = self.wave_id._invite_users(self.user_ids)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s invitation(s) sent.", count=len(mailed)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
