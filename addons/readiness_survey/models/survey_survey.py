# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    readiness_questionnaire = fields.Boolean(
        string="CRM Readiness Questionnaire",
        help="Can be used by readiness waves; its answers are scored with the scoring table.",
    )
    readiness_framework_id = fields.Many2one(
        "readiness.framework",
        ondelete="set null",
        help="Framework proposed for the waves of this questionnaire.",
    )
    readiness_wave_ids = fields.One2many("readiness.wave", "survey_id", string="Readiness Waves")

    def _create_answer(
        self,
        user=False,
        partner=False,
        email=False,
        test_entry=False,
        check_attempts=True,
        **additional_vals,
    ):
        # One answer per person and wave: a readiness questionnaire is answered through
        # a wave invitation, not by retaking it or through a bare link.
        if (
            not test_entry
            and not additional_vals.get("readiness_wave_id")
            and any(self.mapped("readiness_questionnaire"))
        ):
            raise UserError(
                self.env._("This questionnaire is answered through the invitations of a wave.")
            )
        return super()._create_answer(
            user=user,
            partner=partner,
            email=email,
            test_entry=test_entry,
            check_attempts=check_attempts,
            **additional_vals,
        )
