# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .. import cadence


class ReadinessPulse(models.Model):
    """A pulse: a short questionnaire sent again and again on a cadence, e.g. every two
    weeks after go-live, each run being a new wave compared with the one before.
    """

    _name = "readiness.pulse"
    _description = "Readiness Pulse"
    _inherit = ["mail.thread"]
    _order = "next_date, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        ondelete="restrict",
        domain=[("readiness_questionnaire", "=", True)],
    )
    framework_id = fields.Many2one("readiness.framework", required=True, ondelete="restrict")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    team_ids = fields.Many2many("readiness.team", string="Teams")
    showroom_ids = fields.Many2many(
        "readiness.showroom",
        string="Showrooms",
        help="Leave empty to invite every showroom of the selected teams.",
    )
    start_date = fields.Date(
        string="First Wave On", required=True, help="E.g. two weeks after go-live."
    )
    interval_days = fields.Integer(string="Every (days)", required=True, default=14)
    answer_days = fields.Integer(
        string="Answer Within (days)", default=7, help="Deadline of each wave."
    )
    reminder_days = fields.Char(
        default="3,5",
        help="Days after each wave's start on which those who did not answer are reminded.",
    )
    is_anonymous = fields.Boolean(string="Anonymous", default=True)
    min_group_size = fields.Integer(string="Minimum Group Size", default=3)
    next_date = fields.Date(
        string="Next Wave On",
        compute="_compute_next_date",
        store=True,
        readonly=False,
    )
    wave_ids = fields.One2many("readiness.wave", "pulse_id", string="Waves")
    wave_count = fields.Integer(compute="_compute_wave_count")

    _interval_positive = models.Constraint(
        "CHECK(interval_days > 0)", "A pulse needs an interval of at least one day."
    )

    @api.depends("start_date")
    def _compute_next_date(self):
        for pulse in self:
            pulse.next_date = pulse.next_date if pulse.wave_ids else pulse.start_date

    @api.depends("wave_ids")
    def _compute_wave_count(self):
        for pulse in self:
            pulse.wave_count = len(pulse.wave_ids)

    @api.constrains("reminder_days")
    def _check_reminder_days(self):
        for pulse in self:
            # the waves' own rule: each wave of the pulse gets these reminder days
            self.env["readiness.wave"]._check_reminder_days_text(pulse.reminder_days)

    def _invitees(self):
        self.ensure_one()
        return self.env["res.users"]._readiness_invitable(self.team_ids, self.showroom_ids)

    def _create_wave(self):
        """Create, start and send this pulse's next wave, compared with the previous one
        (the wave's own rule: ``readiness.wave._default_previous_wave()``)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        wave = self.env["readiness.wave"].create(
            {
                "name": f"{self.name} {fields.Date.to_string(today)}",
                "pulse_id": self.id,
                "survey_id": self.survey_id.id,
                "framework_id": self.framework_id.id,
                "user_id": self.user_id.id,
                "date_start": today,
                "deadline": fields.Datetime.now() + relativedelta(days=self.answer_days)
                if self.answer_days
                else False,
                "is_anonymous": self.is_anonymous,
                "min_group_size": self.min_group_size,
                "reminder_days": self.reminder_days,
            }
        )
        # starts the wave, then mails the invitations (nobody to invite: started all the same)
        wave._invite_users(self._invitees())
        return wave

    @api.model
    def _cron_create_waves(self):
        """Create the waves of the pulses that are due (idempotent: moves ``next_date``)."""
        today = fields.Date.context_today(self)
        due = self.search([("next_date", "<=", today)])
        self.env["ir.cron"]._commit_progress(remaining=len(due))
        for pulse in due:
            pulse._create_wave()
            pulse.next_date = cadence.next_run(pulse.next_date, today, pulse.interval_days)
            if not self.env["ir.cron"]._commit_progress(1):
                break

    def action_view_waves(self):
        """Waves created by this pulse."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "readiness_survey.readiness_wave_action"
        )
        action["domain"] = [("pulse_id", "in", self.ids)]
        action["context"] = {}
        return action
