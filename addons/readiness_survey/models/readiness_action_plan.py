# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ReadinessActionPlan(models.Model):
    """What a manager commits to do for one group after a wave, and whether it worked.

    The plan keeps the group's readiness index when it was made; the next waves show the
    group's change since then.
    """

    _name = "readiness.action.plan"
    _description = "Readiness Action Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"

    name = fields.Char(required=True, tracking=True)
    wave_id = fields.Many2one("readiness.wave", required=True, ondelete="cascade", index=True)
    group_result_id = fields.Many2one(
        "readiness.group.result",
        ondelete="set null",
        help="The group's row when the plan was made (rows are rebuilt with the results).",
    )
    team_id = fields.Many2one("readiness.team")
    showroom_id = fields.Many2one("readiness.showroom")
    merged = fields.Boolean(string="Pooled Group")
    group_name = fields.Char(string="Group", compute="_compute_group_name")
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    dimension_id = fields.Many2one(
        "readiness.dimension", string="Barrier Addressed", required=True, tracking=True
    )
    date_deadline = fields.Date(string="Due Date", required=True, tracking=True)
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
        tracking=True,
    )
    description = fields.Html()
    baseline_index = fields.Float(
        string="Index When Planned", readonly=True, help="The group's readiness index then."
    )
    latest_result_id = fields.Many2one(
        "readiness.group.result",
        compute="_compute_latest",
        help="The same group in the most recent later wave of the questionnaire.",
    )
    latest_index = fields.Float(string="Index Now", compute="_compute_latest")
    index_change = fields.Float(string="Change Since Plan", compute="_compute_latest")

    @api.depends("team_id", "showroom_id", "merged")
    def _compute_group_name(self):
        for plan in self:
            plan.group_name = (
                self.env["readiness.group.result"]
                .new(
                    {
                        "team_id": plan.team_id.id,
                        "showroom_id": plan.showroom_id.id,
                        "merged": plan.merged,
                    }
                )
                .name
            )

    @api.depends("wave_id", "team_id", "showroom_id", "merged", "baseline_index")
    def _compute_latest(self):
        Result = self.env["readiness.group.result"]
        for plan in self:
            latest = Result.search(
                [
                    ("team_id", "=", plan.team_id.id),
                    ("showroom_id", "=", plan.showroom_id.id),
                    ("merged", "=", plan.merged),
                    ("wave_id.survey_id", "=", plan.wave_id.survey_id.id),
                    ("wave_id.date_start", ">=", plan.wave_id.date_start),
                    ("wave_id", "!=", plan.wave_id.id),
                ],
                order="wave_date desc, wave_id desc",
                limit=1,
            )
            plan.latest_result_id = latest
            plan.latest_index = latest.readiness_index
            plan.index_change = (
                round(latest.readiness_index - plan.baseline_index, 2) if latest else 0.0
            )

    @api.onchange("group_result_id")
    def _onchange_group_result_id(self):
        row = self.group_result_id
        if row:
            self.wave_id = row.wave_id
            self.team_id, self.showroom_id, self.merged = row.team_id, row.showroom_id, row.merged
            self.dimension_id = self.dimension_id or row.barrier_dimension_id
            if not self.name and row.barrier_dimension_id:
                self.name = self.env._(
                    "%(group)s: %(barrier)s", group=row.name, barrier=row.barrier_dimension_id.name
                )

    @api.model_create_multi
    def create(self, vals_list):
        Result = self.env["readiness.group.result"]
        for vals in vals_list:
            row = Result.browse(vals.get("group_result_id"))
            if row:
                # checked: the group row must be readable by the planner (ids come from the client)
                row.check_access("read")
                vals.setdefault("wave_id", row.wave_id.id)
                vals.setdefault("team_id", row.team_id.id)
                vals.setdefault("showroom_id", row.showroom_id.id)
                vals.setdefault("merged", row.merged)
                vals.setdefault("dimension_id", row.barrier_dimension_id.id)
        plans = super().create(vals_list)
        plans._set_baseline()
        return plans

    def _set_baseline(self):
        """Store the group's index in the plan's wave (the reference of the change)."""
        for plan in self:
            row = self.env["readiness.group.result"].search(
                [
                    ("wave_id", "=", plan.wave_id.id),
                    ("team_id", "=", plan.team_id.id),
                    ("showroom_id", "=", plan.showroom_id.id),
                    ("merged", "=", plan.merged),
                ],
                limit=1,
            )
            if not row:
                raise ValidationError(
                    self.env._(
                        "The wave %(wave)s has no result for this group.", wave=plan.wave_id.name
                    )
                )
            plan.baseline_index = row.readiness_index
            plan.group_result_id = row
