# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .. import scoring

# The five dimensions shipped first keep a column of their own on responses and group
# results (their graphs predate per-dimension score lines); any other dimension, ADKAR's
# included, lives in the score lines only, so adding one needs no code.
LEGACY_SCORE_CODES = ("understanding", "automation", "benefits", "experience", "apprehension")


class ReadinessDimension(models.Model):
    """A documented readiness dimension and its weight in the readiness index.

    Dimensions are data: a manager adds one with its scoring rules, without code.
    """

    _name = "readiness.dimension"
    _description = "Readiness Dimension"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable technical code, e.g. awareness.")
    framework_id = fields.Many2one(
        "readiness.framework",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "readiness_survey.framework_readiness", raise_if_not_found=False
        ),
    )
    sequence = fields.Integer(
        default=10, help="Order in the framework: the barrier point is the first one under."
    )
    weight = fields.Float(
        default=20.0,
        help="Relative weight of the dimension in the readiness index (0 leaves it out).",
    )
    inverse = fields.Boolean(
        help="A high score on this dimension lowers readiness (it counts as 100 - score).",
    )
    description = fields.Text(translate=True)
    rule_ids = fields.One2many("readiness.scoring.rule", "dimension_id", string="Scoring Rules")
    channel_id = fields.Many2one(
        "slide.channel",
        string="Training Course",
        ondelete="set null",
        help="eLearning course assigned to people whose barrier point is this dimension.",
    )

    _code_unique = models.Constraint("UNIQUE(code)", "Each dimension can only be defined once.")
    _weight_positive = models.Constraint("CHECK(weight >= 0)", "A weight cannot be negative.")

    def write(self, vals):
        res = super().write(vals)
        if {"weight", "inverse", "sequence", "framework_id"} & set(vals):
            self.env["readiness.response"]._recompute_all()
        return res

    @api.model_create_multi
    def create(self, vals_list):
        dimensions = super().create(vals_list)
        self.env["readiness.response"]._recompute_all()
        return dimensions

    def _to_scoring(self):
        """Return the dimensions as plain :class:`~..scoring.Dimension` values."""
        return [
            scoring.Dimension(code=dim.code, weight=dim.weight, inverse=dim.inverse) for dim in self
        ]
