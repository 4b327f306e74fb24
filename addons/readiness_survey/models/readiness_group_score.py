# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .readiness_group_result import weighted_avg_select


class ReadinessGroupScore(models.Model):
    """One cell of the heatmap: a group's mean score on one dimension in one wave.

    Rebuilt with the group results (same anonymity rules: in anonymous waves a cell covers
    at least the minimum group size), with the change since the same group in the compared
    wave.
    """

    _name = "readiness.group.score"
    _description = "Readiness Heatmap Cell"
    _order = "wave_date desc, wave_id, team_id, showroom_id, merged, dimension_sequence, id"

    group_result_id = fields.Many2one(
        "readiness.group.result", required=True, ondelete="cascade", index=True
    )
    wave_id = fields.Many2one(related="group_result_id.wave_id", store=True, index=True)
    wave_date = fields.Date(related="group_result_id.wave_date", store=True)
    is_anonymous = fields.Boolean(related="group_result_id.is_anonymous", store=True)
    team_id = fields.Many2one(related="group_result_id.team_id", store=True)
    showroom_id = fields.Many2one(related="group_result_id.showroom_id", store=True)
    merged = fields.Boolean(related="group_result_id.merged", store=True)
    group_name = fields.Char(string="Group", related="group_result_id.name")
    respondent_count = fields.Integer(
        related="group_result_id.respondent_count", store=True, aggregator="sum"
    )
    dimension_id = fields.Many2one("readiness.dimension", required=True, ondelete="cascade")
    dimension_sequence = fields.Integer(related="dimension_id.sequence", store=True)
    inverse = fields.Boolean(related="dimension_id.inverse")
    channel_id = fields.Many2one(related="dimension_id.channel_id", string="Training Course")
    score = fields.Float(aggregator="avg")
    readiness = fields.Float(
        aggregator="avg",
        help="Score read in the ready direction (100 - score for inverse dimensions): the "
        "colour of the heatmap cell.",
    )
    has_previous = fields.Boolean(string="Compared")
    delta = fields.Float(
        string="Change vs Compared Wave",
        aggregator="avg",
        help="Change of the score of the same group on this dimension since the compared wave.",
    )
    is_barrier = fields.Boolean(
        string="Barrier Point", help="First dimension under the threshold for this group."
    )

    @api.depends("group_name", "dimension_id")
    def _compute_display_name(self):
        for cell in self:
            cell.display_name = f"{cell.group_name} / {cell.dimension_id.name}"

    def _read_group_select(self, aggregate_spec, query):
        return weighted_avg_select(
            self,
            aggregate_spec,
            query,
            {"score", "readiness", "delta"},
            "delta",
            super()._read_group_select,
        )

    def action_assign_course(self):
        """Enrol the people of each cell's group in the course of the cell's dimension."""
        return self.group_result_id._assign_courses(
            [(cell.group_result_id, cell.dimension_id) for cell in self]
        )
