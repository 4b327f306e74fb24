# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import scoring


class ReadinessScoringRule(models.Model):
    """One line of the scoring table: an answer gives points to a dimension.

    The table is data, shipped with the module and editable by managers, so that how
    every answer counts is visible instead of being buried in code.
    """

    _name = "readiness.scoring.rule"
    _description = "Readiness Scoring Rule"
    _order = "survey_id, question_sequence, sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    question_id = fields.Many2one(
        "survey.question",
        required=True,
        ondelete="cascade",
        domain=[("is_page", "=", False), ("survey_id.readiness_questionnaire", "=", True)],
    )
    survey_id = fields.Many2one(related="question_id.survey_id", store=True, index=True)
    question_sequence = fields.Integer(
        related="question_id.sequence", store=True, string="Question Sequence"
    )
    question_type = fields.Selection(related="question_id.question_type")
    match = fields.Selection(
        [
            (scoring.MATCH_ANSWER, "This choice is picked"),
            (scoring.MATCH_FILLED, "The question is answered"),
        ],
        string="Applies When",
        required=True,
        default=scoring.MATCH_ANSWER,
    )
    answer_id = fields.Many2one(
        "survey.question.answer",
        string="Choice",
        ondelete="cascade",
        domain="[('question_id', '=', question_id)]",
    )
    dimension_id = fields.Many2one("readiness.dimension", required=True, ondelete="cascade")
    points = fields.Float(required=True, default=1.0)
    note = fields.Char(string="Why", translate=True, help="Why this answer counts this way.")

    @api.constrains("match", "answer_id", "question_id")
    def _check_answer(self):
        for rule in self:
            if rule.match == scoring.MATCH_ANSWER and not rule.answer_id:
                raise ValidationError(self.env._("Pick the choice this rule scores."))
            if rule.answer_id and rule.answer_id.question_id != rule.question_id:
                raise ValidationError(self.env._("The choice must belong to the rule's question."))

    @api.onchange("question_id")
    def _onchange_question_id(self):
        if self.answer_id.question_id != self.question_id:
            self.answer_id = False
        if self.question_id.question_type not in ("simple_choice", "multiple_choice"):
            self.match = scoring.MATCH_FILLED

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env["readiness.response"]._recompute_all()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self.env["readiness.response"]._recompute_all()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["readiness.response"]._recompute_all()
        return res

    def _to_scoring(self):
        """Return the rules as plain :class:`~..scoring.Rule` values."""
        return [
            scoring.Rule(
                question=rule.question_id.id,
                dimension=rule.dimension_id.code,
                points=rule.points,
                match=rule.match,
                answer=rule.answer_id.id or None,
            )
            for rule in self
        ]
