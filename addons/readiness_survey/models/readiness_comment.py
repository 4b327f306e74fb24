# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .survey_question import THEMES


class ReadinessComment(models.Model):
    """A free-text answer filed under its theme, for managers to read.

    In anonymous waves the text is kept without any link to a person, team or showroom,
    and only once the wave has enough respondents.
    """

    _name = "readiness.comment"
    _description = "Readiness Free-text Answer"
    _order = "wave_id, theme, id"
    _rec_name = "theme"

    wave_id = fields.Many2one("readiness.wave", required=True, ondelete="cascade", index=True)
    is_anonymous = fields.Boolean(related="wave_id.is_anonymous", store=True)
    theme = fields.Selection(THEMES, required=True)
    text = fields.Text(required=True)
    response_id = fields.Many2one("readiness.response", ondelete="cascade", index="btree_not_null")
    user_id = fields.Many2one("res.users", string="Respondent", index="btree_not_null")
    team_id = fields.Many2one("readiness.team")
    showroom_id = fields.Many2one("readiness.showroom")
    readiness_index = fields.Float(related="response_id.readiness_index")
