# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .. import scoring

DIMENSION_CODES = [
    ("understanding", "Understanding of the CRM"),
    ("automation", "Desire to automate"),
    ("benefits", "Expected benefits"),
    ("experience", "Prior experience"),
    ("apprehension", "Apprehension"),
]


class ReadinessDimension(models.Model):
    """A documented readiness dimension and its weight in the readiness index."""

    _name = "readiness.dimension"
    _description = "Readiness Dimension"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(DIMENSION_CODES, required=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        default=20.0,
        help="Relative weight of the dimension in the readiness index (0 leaves it out).",
    )
    inverse = fields.Boolean(
        help="A high score on this dimension lowers readiness (it counts as 100 - score).",
    )
    description = fields.Text(translate=True)
    rule_ids = fields.One2many("readiness.scoring.rule", "dimension_id", string="Scoring Rules")

    _code_unique = models.Constraint("UNIQUE(code)", "Each dimension can only be defined once.")
    _weight_positive = models.Constraint("CHECK(weight >= 0)", "A weight cannot be negative.")

    def write(self, vals):
        res = super().write(vals)
        if {"weight", "inverse"} & set(vals):
            self.env["readiness.response"]._recompute_all()
        return res

    @api.model
    def _scoring_dimensions(self):
        """Return the dimensions as plain :class:`~..scoring.Dimension` values."""
        return [
            scoring.Dimension(code=dim.code, weight=dim.weight, inverse=dim.inverse)
            for dim in self.search([], limit=len(DIMENSION_CODES))
        ]
