# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .. import scoring
from .readiness_dimension import DIMENSION_CODES


class ReadinessWave(models.Model):
    """A questionnaire campaign: who is invited, who answered, and the scored results.

    Waves reuse the survey engine (invitations, tokens, deadlines, answers); each wave
    tags the survey answers it creates so that one questionnaire serves every wave and
    waves can be compared.
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
    def _default_survey(self):
        return self.env.ref("readiness_survey.survey_crm_readiness", raise_if_not_found=False)

    @api.constrains("is_anonymous", "min_group_size")
    def _check_min_group_size(self):
        for wave in self:
            if wave.is_anonymous and wave.min_group_size < 2:
                raise ValidationError(
                    self.env._("An anonymous wave needs a minimum group size of at least 2.")
                )

    @api.constrains("previous_wave_id")
    def _check_previous_wave(self):
        if self._has_cycle("previous_wave_id"):
            raise ValidationError(
                self.env._("A wave cannot be compared with itself, even indirectly.")
            )

    @api.depends("response_ids.is_least_ready", "response_ids.readiness_index")
    def _compute_least_ready_response_ids(self):
        for wave in self:
            wave.least_ready_response_ids = wave.response_ids.filtered("is_least_ready").sorted(
                "readiness_index"
            )

    @api.depends("participation_ids.state")
    def _compute_participation_counts(self):
        data = {
            (wave.id, state): count
            for wave, state, count in self.env["readiness.participation"]._read_group(
                [("wave_id", "in", self.ids)], ["wave_id", "state"], ["__count"]
            )
        }
        for wave in self:
            invited = sum(count for (wave_id, _s), count in data.items() if wave_id == wave.id)
            answered = data.get((wave.id, "done"), 0)
            wave.invited_count = invited
            wave.answered_count = answered
            wave.response_rate = round(100.0 * answered / invited, 1) if invited else 0.0

    @api.depends("readiness_index", "previous_wave_id.readiness_index", "respondent_count")
    def _compute_readiness_delta(self):
        for wave in self:
            previous = wave.previous_wave_id
            if wave.respondent_count and previous.respondent_count:
                wave.readiness_delta = round(wave.readiness_index - previous.readiness_index, 2)
            else:
                wave.readiness_delta = 0.0

    @api.depends("is_anonymous", "state", "respondent_count", "min_group_size")
    def _compute_results_note(self):
        for wave in self:
            note = False
            if wave.is_anonymous and wave.state != "closed":
                note = self.env._(
                    "Anonymous wave: results are published when the wave is closed, so that "
                    "no single answer can be deduced from how the figures change."
                )
            elif wave.is_anonymous and not wave.respondent_count:
                note = self.env._(
                    "Fewer than %(size)s people answered: no result can be shown without "
                    "exposing someone.",
                    size=wave.min_group_size,
                )
            wave.results_note = note

    @api.model_create_multi
    def create(self, vals_list):
        waves = super().create(vals_list)
        for wave in waves.filtered(lambda w: not w.previous_wave_id):
            wave.previous_wave_id = self.search(
                [
                    ("id", "!=", wave.id),
                    ("survey_id", "=", wave.survey_id.id),
                    ("date_start", "<=", wave.date_start),
                ],
                order="date_start desc, id desc",
                limit=1,
            )
        return waves

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

    def action_open_invite_wizard(self):
        """Open the wizard inviting sales staff filtered by team and showroom."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "readiness_survey.readiness_wave_invite_action"
        )
        action["context"] = {"default_wave_id": self.id}
        return action

    def action_send_reminders(self):
        """Mail the invitation again to everyone who has not answered yet."""
        self.check_access("write")
        reminded = 0
        for wave in self:
            reminded += wave._send_reminders()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if reminded else "info",
                "message": self.env._("%(count)s reminder(s) sent.", count=reminded),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_refresh_results(self):
        """Recompute every score of the wave with the current scoring table."""
        # checked first: the recomputation runs as superuser (anonymous answers)
        self.check_access("write")
        self.env["readiness.response"]._recompute_all(waves=self)

    def action_print_report(self):
        """Printable / exportable readiness report of the wave."""
        return self.env.ref("readiness_survey.action_report_readiness_wave").report_action(self)

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

    def action_view_least_ready(self):
        """Least ready respondents first, with their apprehensions."""
        self._check_not_anonymous()
        return self._action_for(
            "readiness_survey.readiness_response_least_ready_action",
            domain=[("wave_id", "in", self.ids), ("is_least_ready", "=", True)],
        )

    def action_view_comments(self):
        """Free-text answers listed by theme."""
        return self._action_for("readiness_survey.readiness_comment_action")

    def _check_not_anonymous(self):
        if any(self.mapped("is_anonymous")):
            raise UserError(self.env._("Anonymous waves have no per-person results."))

    # ------------------------------------------------------------------
    # Invitations
    # ------------------------------------------------------------------

    def _invite_users(self, users):
        """Invite ``users`` (mail with their personal link); re-sends pending invitations.

        :return: the participations that were mailed.
        """
        self.ensure_one()
        if self.state == "closed":
            raise UserError(self.env._("The wave %(wave)s is closed.", wave=self.display_name))
        if self.state == "draft":
            self.action_start()
        users = users.filtered(lambda user: not user.share)
        known = self.participation_ids.user_id
        self.env["readiness.participation"].create(
            [
                {
                    "wave_id": self.id,
                    "user_id": user.id,
                    "team_id": user.readiness_team_id.id,
                    "showroom_id": user.readiness_showroom_id.id,
                }
                for user in users - known
            ]
        )
        pending = self.participation_ids.filtered(
            lambda p: p.user_id in users and p.state != "done"
        )
        if not pending:
            return pending
        template = self.env.ref("survey.mail_template_user_input_invite", raise_if_not_found=False)
        invite_model = self.env["survey.invite"]
        if self.is_anonymous:
            # sudo: a global rule hides anonymous answers from every user; the survey engine
            # still has to create and mail them for the people invited to this wave.
            invite_model = invite_model.sudo()
        invite = invite_model.with_context(
            readiness_wave_id=self.id,
            default_email_layout_xmlid="mail.mail_notification_light",
        ).create(
            {
                "survey_id": self.survey_id.id,
                "partner_ids": [Command.set(pending.partner_id.ids)],
                "template_id": template.id if template else False,
                "deadline": self.deadline,
                "existing_mode": "resend",
            }
        )
        invite.action_invite()
        self.last_mailing_date = fields.Datetime.now()
        return pending

    def _link_answers(self, answers):
        """Attach the survey answers created for this wave to the participations."""
        self.ensure_one()
        by_partner = {answer.partner_id.id: answer for answer in answers if answer.partner_id}
        for participation in self.participation_ids.filtered(lambda p: p.state != "done"):
            answer = by_partner.get(participation.partner_id.id)
            if answer and participation.user_input_id != answer:
                participation.user_input_id = answer

    def _send_reminders(self):
        """Re-send the invitation to participants who did not answer; return how many."""
        self.ensure_one()
        if self.state != "running":
            return 0
        pending = self.participation_ids.filtered(lambda p: p.state != "done")
        if not pending:
            return 0
        self._invite_users(pending.user_id)
        for participation in pending:
            participation.write(
                {
                    "reminder_count": participation.reminder_count + 1,
                    "last_reminder_date": fields.Datetime.now(),
                }
            )
        return len(pending)

    @api.model
    def _cron_send_reminders(self):
        """Remind non-respondents of running waves that ask for automatic reminders."""
        now = fields.Datetime.now()
        waves = self.search([("state", "=", "running"), ("auto_reminder", "=", True)])
        due = waves.filtered(
            lambda w: (
                (not w.deadline or w.deadline > now)
                and (
                    not w.last_mailing_date
                    or w.last_mailing_date + relativedelta(days=w.reminder_interval) <= now
                )
            )
        )
        self.env["ir.cron"]._commit_progress(remaining=len(due))
        for wave in due:
            wave._send_reminders()
            if not self.env["ir.cron"]._commit_progress(1):
                break

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------

    def _stored_groups(self):
        """Published group results of the wave as plain scoring values."""
        if not self:
            return []
        self.ensure_one()
        return [
            scoring.GroupResult(
                team=row.team_id.id or None,
                showroom=row.showroom_id.id or None,
                merged=row.merged,
                count=row.respondent_count,
                index=row.readiness_index,
                dimensions={},
                bands={},
            )
            for row in self.group_result_ids
        ]

    def _refresh_results(self):
        """Rebuild the aggregated results and the free-text lists of the waves.

        Anonymous waves publish nothing before they are closed, then only groups of at
        least ``min_group_size`` people and free texts without any attribution.
        """
        # sudo: results and free texts are derived data that no user may create directly;
        # responses of anonymous waves are readable by nobody.
        Result = self.env["readiness.group.result"].sudo()
        Comment = self.env["readiness.comment"].sudo()
        Response = self.env["readiness.response"].sudo()
        for wave in self.sudo():
            wave.group_result_ids.unlink()
            wave.comment_ids.unlink()
            publish = not wave.is_anonymous or wave.state == "closed"
            responses = Response.search([("wave_id", "=", wave.id)]) if publish else Response
            min_size = wave.min_group_size if wave.is_anonymous else 1
            groups = scoring.group_respondents(
                [response._to_respondent() for response in responses], min_size
            )
            deltas = scoring.compare_groups(wave.previous_wave_id._stored_groups(), groups)
            Result.create([wave._group_result_values(group, deltas) for group in groups])
            wave.write(
                {
                    "respondent_count": sum(group.count for group in groups),
                    "readiness_index": scoring.overall_index(groups) or 0.0,
                }
            )
            if groups:
                Comment.create(responses._comment_values(anonymous=wave.is_anonymous))
        # Later waves compare with these results.
        # sudo: the caller may not read every later wave; they only get refreshed
        followers = self.sudo().search([("previous_wave_id", "in", self.ids)]) - self
        if followers:
            followers._refresh_results()

    def _report_values(self):
        """Data of the printed report: dimension averages, least ready, texts by theme."""
        self.ensure_one()
        rows = self.group_result_ids
        count = sum(rows.mapped("respondent_count"))
        dimensions = []
        for dimension in self.env["readiness.dimension"].search([], limit=len(DIMENSION_CODES)):
            field_name = f"score_{dimension.code}"
            average = (
                round(sum(row[field_name] * row.respondent_count for row in rows) / count, 1)
                if count
                else 0.0
            )
            dimensions.append(
                {
                    "name": dimension.name,
                    "weight": dimension.weight,
                    "inverse": dimension.inverse,
                    "average": average,
                }
            )
        # Record rules already hide anonymous responses; the explicit test documents it.
        least_ready = (
            self.env["readiness.response"] if self.is_anonymous else self.least_ready_response_ids
        )
        theme_labels = dict(
            self.env["readiness.comment"]._fields["theme"]._description_selection(self.env)
        )
        themes = [
            {"label": theme_labels[theme], "comments": comments}
            for theme in theme_labels
            if (comments := self.comment_ids.filtered(lambda c, t=theme: c.theme == t))
        ]
        return {"dimensions": dimensions, "least_ready": least_ready, "themes": themes}

    def _group_result_values(self, group, deltas):
        self.ensure_one()
        previous = deltas.get(group.key)
        values = {
            "wave_id": self.id,
            "team_id": group.team,
            "showroom_id": group.showroom,
            "merged": group.merged,
            "respondent_count": group.count,
            "readiness_index": group.index,
            "has_previous": previous is not None,
            "index_delta": previous or 0.0,
            "count_low": group.bands[scoring.BAND_LOW],
            "count_medium": group.bands[scoring.BAND_MEDIUM],
            "count_high": group.bands[scoring.BAND_HIGH],
        }
        for code, value in group.dimensions.items():
            values[f"score_{code}"] = value or 0.0
        return values
