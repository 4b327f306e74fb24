# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ReadinessResponseScore(models.Model):
    """The score of one respondent on one dimension (0-100), written by the scoring engine.

    One line per dimension of the wave's framework, so that a dimension added as data is
    scored, shown and searched without a new column.
    """

    _name = "readiness.response.score"
    _description = "Readiness Score per Dimension"
    _order = "response_id, dimension_sequence, dimension_id"

    response_id = fields.Many2one(
        "readiness.response", required=True, ondelete="cascade", index=True
    )
    wave_id = fields.Many2one(related="response_id.wave_id", store=True, index=True)
    is_anonymous = fields.Boolean(related="response_id.is_anonymous", store=True)
    user_id = fields.Many2one(related="response_id.user_id", store=True)
    dimension_id = fields.Many2one("readiness.dimension", required=True, ondelete="cascade")
    dimension_sequence = fields.Integer(related="dimension_id.sequence", store=True)
    score = fields.Float(aggregator="avg", help="0-100; for inverse dimensions, high is worse.")
    measured = fields.Boolean(help="False when the questionnaire's rules cannot vary this score.")

    _response_dimension_unique = models.Constraint(
        "UNIQUE(response_id, dimension_id)", "One score per respondent and dimension."
    )
