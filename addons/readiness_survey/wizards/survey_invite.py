# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SurveyInvite(models.TransientModel):
    """Survey invitations scoped to a readiness wave (``readiness_wave_id`` in context).

    The same questionnaire serves every wave, so an invitation must only find, resend
    and create answers of its own wave.
    """

    _inherit = "survey.invite"

    def _readiness_wave(self):
        wave_id = self.env.context.get("readiness_wave_id")
        return self.env["readiness.wave"].browse(wave_id) if wave_id else None

    def _get_answers_values(self):
        values = super()._get_answers_values()
        wave = self._readiness_wave()
        if wave:
            values["readiness_wave_id"] = wave.id
        return values

    def _prepare_answers(self, partners, emails):
        wave = self._readiness_wave()
        if not wave:
            return super()._prepare_answers(partners, emails)
        existing = self.env["survey.user_input"].search(
            [
                ("survey_id", "=", self.survey_id.id),
                ("readiness_wave_id", "=", wave.id),
                ("partner_id", "in", partners.ids),
                ("state", "!=", "done"),
            ]
        )
        partners_done, _emails_done, answers = self._get_done_partners_emails(existing)
        for partner in partners - partners_done:
            answers |= self.survey_id._create_answer(
                partner=partner, check_attempts=False, **self._get_answers_values()
            )
        wave._link_answers(answers)
        return answers
