# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ReadinessFramework(models.Model):
    """A set of dimensions read together, e.g. the five shipped ones or ADKAR.

    A wave scores its answers on the dimensions of its framework only; their order is the
    order in which the barrier point is searched (Awareness before Desire...).
    """

    _name = "readiness.framework"
    _description = "Readiness Framework"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable technical code, e.g. adkar.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    dimension_ids = fields.One2many("readiness.dimension", "framework_id", string="Dimensions")

    _code_unique = models.Constraint("UNIQUE(code)", "A framework code must be unique.")

    def _scoring_dimensions(self):
        """Dimensions of the framework, in order, as plain :class:`~..scoring.Dimension`."""
        self.ensure_one()
        return self.dimension_ids.sorted(lambda d: (d.sequence, d.id))._to_scoring()
