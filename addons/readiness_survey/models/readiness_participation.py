# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ReadinessParticipation(models.Model):
    """One invited person in a wave: invitation, reminders and whether they answered.

    It says who answered, never what: in anonymous waves the link to the survey answer
    is cut as soon as it is submitted.
    """

    _name = "readiness.participation"
    _description = "Readiness Wave Participation"
    _order = "wave_id desc, state, id"
    _rec_name = "user_id"

    wave_id = fields.Many2one("readiness.wave", required=True, ondelete="cascade", index=True)
    wave_state = fields.Selection(related="wave_id.state", string="Wave Status")
    is_anonymous = fields.Boolean(related="wave_id.is_anonymous", store=True)
    user_id = fields.Many2one("res.users", string="Respondent", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="user_id.partner_id", store=True)
    team_id = fields.Many2one("readiness.team")
    showroom_id = fields.Many2one("readiness.showroom")
    state = fields.Selection(
        [("invited", "Invited"), ("done", "Answered")], default="invited", required=True
    )
    answered_rate = fields.Float(
        string="Response Rate (%)",
        compute="_compute_answered_rate",
        store=True,
        aggregator="avg",
        help="100 when answered, 0 otherwise: its average is the response rate.",
    )
    user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Answer", ondelete="set null"
    )
    reminder_count = fields.Integer(string="Reminders")
    last_reminder_date = fields.Datetime(string="Last Reminder")
    answer_url = fields.Char(compute="_compute_answer_url", compute_sudo=True)

    _wave_user_unique = models.Constraint(
        "UNIQUE(wave_id, user_id)", "A person is invited once per wave."
    )

    @api.depends("state")
    def _compute_answered_rate(self):
        for participation in self:
            participation.answered_rate = 100.0 if participation.state == "done" else 0.0

    @api.depends("user_input_id.access_token", "state")
    @api.depends_context("uid")
    def _compute_answer_url(self):
        for participation in self:
            answer = participation.user_input_id
            # The personal link is a credential: only its owner gets it.
            mine = participation.user_id == self.env.user
            participation.answer_url = (
                answer.get_start_url()
                if mine and answer and participation.state != "done"
                else False
            )

    def action_answer(self):
        """Open the questionnaire with the respondent's personal link."""
        self.ensure_one()
        if self.user_id != self.env.user:
            raise UserError(self.env._("Only the invited person can answer their questionnaire."))
        if not self.answer_url:
            raise UserError(self.env._("There is nothing left to answer in this wave."))
        return {"type": "ir.actions.act_url", "url": self.answer_url, "target": "self"}
