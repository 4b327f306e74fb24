# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ReadinessTeam(models.Model):
    """A sales team (WEB, SHOPS) used to invite people and to group results."""

    _name = "readiness.team"
    _description = "Readiness Sales Team"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable technical code, e.g. web or shops.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    manager_id = fields.Many2one(
        "res.users",
        string="Team Manager",
        domain=[("share", "=", False)],
        help="Receives the training activities of team members without a showroom manager.",
    )
    answer_id = fields.Many2one(
        "survey.question.answer",
        string="Questionnaire Choice",
        ondelete="set null",
        help="The choice of the team question that designates this team.",
    )
    showroom_ids = fields.One2many("readiness.showroom", "team_id", string="Showrooms")

    _code_unique = models.Constraint("UNIQUE(code)", "A team code must be unique.")
