# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ReadinessShowroom(models.Model):
    """A showroom of the SHOPS team (Liège, Brussels, ...)."""

    _name = "readiness.showroom"
    _description = "Readiness Showroom"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    team_id = fields.Many2one("readiness.team", ondelete="restrict")
    manager_id = fields.Many2one(
        "res.users",
        string="Showroom Manager",
        domain=[("share", "=", False)],
        help="Receives the training activities planned for the showroom's staff.",
    )
    answer_id = fields.Many2one(
        "survey.question.answer",
        string="Questionnaire Choice",
        ondelete="set null",
        help="The choice of the showroom question that designates this showroom.",
    )
