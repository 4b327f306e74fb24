# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class SurveyInvite(models.TransientModel):
    """Survey invitations scoped to a readiness wave (``readiness_wave_id`` in context).

    The same questionnaire serves every wave, so an invitation must only find, resend
    and create answers of its own wave.
    """

    _inherit = "survey.invite"

    def _readiness_wave(self):
        """The wave named by the context, once checked: a client can send any context, so
        only who may run the wave (or the server, as superuser) invites to it."""
        wave_id = self.env.context.get("readiness_wave_id")
        if not wave_id:
            return None
        if not isinstance(wave_id, int) or isinstance(wave_id, bool):
            raise UserError(self.env._("This readiness wave does not exist."))
        wave = self.env["readiness.wave"].browse(wave_id).exists()
        if not wave:
            raise UserError(self.env._("This readiness wave does not exist."))
        if not self.env.su:
            wave.check_access("write")
        if self.survey_id and wave.survey_id != self.survey_id:
            raise UserError(self.env._("This invitation is not for the wave's questionnaire."))
        return wave

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
