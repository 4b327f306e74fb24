# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import cadence


class ReadinessWave(models.Model):
    """A questionnaire campaign: who is invited, who answered, and the scored results.

    Waves reuse the survey engine (invitations, tokens, deadlines, answers); each wave
    tags the survey answers it creates so that one questionnaire serves every wave and
    waves can be compared.

    This file holds the fields and the wave's lifecycle (draft, running, closed); each
    concern extends the model in its own file: ``readiness_wave_invitation`` (invitations
    and reminders), ``readiness_wave_results`` (results and scoring),
    ``readiness_wave_follow_up`` (who needs training follow-up).
    """

    _name = "readiness.wave"
    _description = "Readiness Survey Wave"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start, id"

    name = fields.Char(required=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        ondelete="restrict",
        domain=[("readiness_questionnaire", "=", True)],
        default=lambda self: self._default_survey(),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_start = fields.Date(string="Start Date", required=True, default=fields.Date.context_today)
    deadline = fields.Datetime(string="Answer Deadline")
    is_anonymous = fields.Boolean(
        string="Anonymous",
        tracking=True,
        help="No per-person result is kept or shown: managers only see aggregates over "
        "groups of at least the minimum group size, published when the wave is closed.",
    )
    min_group_size = fields.Integer(
        string="Minimum Group Size",
        default=3,
        help="Anonymous waves never show a result computed over fewer people.",
    )
    previous_wave_id = fields.Many2one(
        "readiness.wave",
        string="Compared With",
        domain="[('id', '!=', id), ('survey_id', '=', survey_id)]",
        help="Earlier wave the results are compared with, e.g. the one before training.",
    )
    framework_id = fields.Many2one(
        "readiness.framework",
        required=True,
        ondelete="restrict",
        default=lambda self: self._default_framework(),
        help="The dimensions the answers are scored on, in the order the barrier point is "
        "searched.",
    )
    barrier_threshold = fields.Float(
        string="Barrier Below",
        default=50.0,
        help="The barrier point is the first dimension of the framework whose readiness "
        "(100 - score for inverse dimensions) is below this value.",
    )
    pulse_id = fields.Many2one("readiness.pulse", ondelete="set null", index=True)
    reminder_days = fields.Char(
        string="Remind On Days",
        help="Days after the start on which those who did not answer are reminded once "
        "each, e.g. 3,5.",
    )
    reminder_day_done = fields.Integer(string="Last Reminder Day Sent", readonly=True, copy=False)
    plan_ids = fields.One2many("readiness.action.plan", "wave_id", string="Action Plans")
    training_ids = fields.One2many("readiness.training", "wave_id", string="Courses Assigned")
    least_ready_threshold = fields.Float(
        string="Follow-up Below",
        default=50.0,
        help="Respondents whose readiness index is below this value are listed for follow-up.",
    )
    auto_reminder = fields.Boolean(string="Automatic Reminders")
    reminder_interval = fields.Integer(string="Remind Every (days)", default=3)
    last_mailing_date = fields.Datetime(string="Last Invitation or Reminder", readonly=True)

    participation_ids = fields.One2many("readiness.participation", "wave_id", string="Invited")
    response_ids = fields.One2many("readiness.response", "wave_id", string="Responses")
    least_ready_response_ids = fields.One2many(
        "readiness.response",
        compute="_compute_least_ready_response_ids",
        string="Least Ready",
    )
    group_result_ids = fields.One2many("readiness.group.result", "wave_id", string="Results")
    comment_ids = fields.One2many("readiness.comment", "wave_id", string="Free-text Answers")

    invited_count = fields.Integer(compute="_compute_participation_counts")
    answered_count = fields.Integer(compute="_compute_participation_counts")
    response_rate = fields.Float(
        string="Response Rate (%)", compute="_compute_participation_counts"
    )
    respondent_count = fields.Integer(
        string="Respondents in Results",
        readonly=True,
        help="Number of respondents behind the published results.",
    )
    readiness_index = fields.Float(readonly=True, aggregator="avg")
    readiness_delta = fields.Float(
        string="Change vs Compared Wave",
        compute="_compute_readiness_delta",
        store=True,
    )
    results_note = fields.Char(compute="_compute_results_note")

    _min_group_size_positive = models.Constraint(
        "CHECK(min_group_size >= 1)", "The minimum group size must be at least 1."
    )

    @api.model
    def _default_framework(self):
        survey = self.env["survey.survey"].browse(self.env.context.get("default_survey_id"))
        return survey.readiness_framework_id or self.env.ref(
            "readiness_survey.framework_readiness", raise_if_not_found=False
        )

    @api.model
    def _default_survey(self):
        return self.env.ref("readiness_survey.survey_crm_readiness", raise_if_not_found=False)

    @api.constrains("is_anonymous", "min_group_size")
    def _check_min_group_size(self):
        for wave in self:
            if wave.is_anonymous and wave.min_group_size < 2:
                raise ValidationError(
                    self.env._("An anonymous wave needs a minimum group size of at least 2.")
                )

    @api.constrains("reminder_days")
    def _check_reminder_days(self):
        for wave in self:
            wave._check_reminder_days_text(wave.reminder_days)

    @api.model
    def _check_reminder_days_text(self, text):
        """Raise ValidationError unless ``text`` is reminder days (``cadence.parse_days``:
        whole days separated by commas); the pulses' reminder days are checked here too."""
        try:
            cadence.parse_days(text)
        except ValueError as error:
            raise ValidationError(
                self.env._("Reminder days are whole days separated by commas, e.g. 3,5.")
            ) from error

    @api.constrains("previous_wave_id")
    def _check_previous_wave(self):
        if self._has_cycle("previous_wave_id"):
            raise ValidationError(
                self.env._("A wave cannot be compared with itself, even indirectly.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        waves = super().create(vals_list)
        for wave in waves.filtered(lambda w: not w.previous_wave_id):
            wave.previous_wave_id = wave._default_previous_wave()
        return waves

    def _default_previous_wave(self):
        """The wave this one is compared with when none is chosen: for a pulse's wave, the
        pulse's latest wave; else (or for its first) the latest wave of the same
        questionnaire started on or before this one. Empty when there is none."""
        self.ensure_one()
        order = "date_start desc, id desc"
        previous = self.browse()
        if self.pulse_id:
            previous = self.search(
                [("id", "!=", self.id), ("pulse_id", "=", self.pulse_id.id)], order=order, limit=1
            )
        return previous or self.search(
            [
                ("id", "!=", self.id),
                ("survey_id", "=", self.survey_id.id),
                ("date_start", "<=", self.date_start),
            ],
            order=order,
            limit=1,
        )

    def write(self, vals):
        if "is_anonymous" in vals and any(
            wave.is_anonymous != bool(vals["is_anonymous"]) and wave.participation_ids
            for wave in self
        ):
            raise UserError(
                self.env._(
                    "Anonymity cannot change once people are invited: it was promised to them."
                )
            )
        if "min_group_size" in vals and any(
            wave.is_anonymous
            and wave.participation_ids
            and vals["min_group_size"] < wave.min_group_size
            for wave in self
        ):
            # A smaller minimum would re-slice published results into smaller groups.
            raise UserError(
                self.env._(
                    "The minimum group size of an anonymous wave can only grow once people "
                    "are invited."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Campaign actions
    # ------------------------------------------------------------------

    def action_start(self):
        """Open the wave: invitations and answers become possible."""
        self.check_access("write")
        self.filtered(lambda w: w.state == "draft").write({"state": "running"})

    def action_close(self):
        """Close the wave: pending invitations expire and results are published."""
        # checked first: the expiry below runs as superuser
        self.check_access("write")
        now = fields.Datetime.now()
        for wave in self.filtered(lambda w: w.state != "closed"):
            pending = wave.participation_ids.filtered(lambda p: p.state != "done")
            # sudo: anonymous answers are hidden from every user; expiring them still has to
            # happen, and only touches this wave's unfinished answers.
            pending.user_input_id.sudo().write({"deadline": now})
            wave.state = "closed"
        self._refresh_results()

    def _action_for(self, xmlid, domain=None, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain or [("wave_id", "in", self.ids)]
        action["context"] = dict(context or {})
        return action

    def action_view_results(self):
        """Dashboard restricted to this wave."""
        return self._action_for("readiness_survey.readiness_group_result_action")

    def action_view_participations(self):
        """Who was invited and who answered."""
        return self._action_for("readiness_survey.readiness_participation_action")

    def action_view_responses(self):
        """Per-person results (non-anonymous waves only)."""
        self._check_not_anonymous()
        return self._action_for("readiness_survey.readiness_response_action")

    def action_view_heatmap(self):
        """Heatmap: dimension x team/showroom, with the change since the compared wave."""
        return self._action_for("readiness_survey.readiness_heatmap_action")

    def action_view_plans(self):
        """Action plans made on this wave's results."""
        return self._action_for(
            "readiness_survey.readiness_action_plan_action",
            context={"default_wave_id": self.id} if len(self) == 1 else None,
        )

    def action_view_comments(self):
        """Free-text answers listed by theme."""
        return self._action_for("readiness_survey.readiness_comment_action")

    def _check_not_anonymous(self):
        if any(self.mapped("is_anonymous")):
            raise UserError(self.env._("Anonymous waves have no per-person results."))
