# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .. import scoring
from .readiness_dimension import LEGACY_SCORE_CODES

BAND_SELECTION = [
    (scoring.BAND_LOW, "Needs support"),
    (scoring.BAND_MEDIUM, "Getting ready"),
    (scoring.BAND_HIGH, "Ready"),
]
TRAINING_DELAY_DAYS = 7
# Derived from the answers by the scoring engine only (which runs as superuser).
COMPUTED_FIELDS = {
    "wave_id",
    "user_input_id",
    "user_id",
    "team_id",
    "showroom_id",
    "score_understanding",
    "score_automation",
    "score_benefits",
    "score_experience",
    "score_apprehension",
    "readiness_index",
    "readiness_band",
    "apprehension_text",
    "goal_ids",
    "barrier_dimension_id",
}


class ReadinessResponse(models.Model):
    """The scored answers of one respondent in one wave.

    Scores are computed from the survey answer with the scoring table (see
    :mod:`..scoring`). Responses of anonymous waves carry no identity and are readable
    by nobody: they only feed aggregated group results.
    """

    _name = "readiness.response"
    _description = "Readiness Response"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "readiness_index, id"

    wave_id = fields.Many2one("readiness.wave", required=True, ondelete="cascade", index=True)
    is_anonymous = fields.Boolean(related="wave_id.is_anonymous", store=True)
    user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Answer", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", string="Respondent", index="btree_not_null")
    partner_id = fields.Many2one(related="user_id.partner_id", string="Contact")
    team_id = fields.Many2one("readiness.team")
    showroom_id = fields.Many2one("readiness.showroom")
    coach_id = fields.Many2one(
        "res.users",
        string="Manager",
        compute="_compute_coach_id",
        store=True,
        readonly=False,
        help="Who plans the respondent's training: their readiness manager, else the "
        "showroom's, else the team's, else the wave's responsible.",
    )
    score_understanding = fields.Float(string="Understanding", aggregator="avg")
    score_automation = fields.Float(string="Desire to Automate", aggregator="avg")
    score_benefits = fields.Float(string="Expected Benefits", aggregator="avg")
    score_experience = fields.Float(string="Prior Experience", aggregator="avg")
    score_apprehension = fields.Float(string="Apprehension", aggregator="avg")
    readiness_index = fields.Float(aggregator="avg")
    readiness_band = fields.Selection(BAND_SELECTION, string="Readiness")
    is_least_ready = fields.Boolean(
        string="Needs Follow-up", compute="_compute_is_least_ready", store=True
    )
    apprehension_text = fields.Text(string="Apprehensions")
    goal_ids = fields.Many2many("survey.question.answer", string="Goals")
    comment_ids = fields.One2many("readiness.comment", "response_id", string="Free-text Answers")
    training_date = fields.Date(string="Training Planned On", readonly=True, copy=False)
    score_ids = fields.One2many("readiness.response.score", "response_id", string="Scores")
    barrier_dimension_id = fields.Many2one(
        "readiness.dimension",
        string="Barrier Point",
        help="First dimension of the wave's framework under the barrier threshold.",
    )
    barrier_channel_id = fields.Many2one(
        related="barrier_dimension_id.channel_id", string="Course for the Barrier"
    )
    training_ids = fields.One2many(
        "readiness.training",
        compute="_compute_training",
        string="Courses Since Compared Wave",
    )
    training_completion = fields.Float(
        string="Course Completion (%)",
        compute="_compute_training",
        help="Mean completion of the courses assigned to this person after the compared "
        "wave, read from eLearning.",
    )

    _user_input_unique = models.Constraint(
        "UNIQUE(user_input_id)", "A survey answer is scored once."
    )

    @api.depends("user_id", "is_anonymous")
    def _compute_display_name(self):
        for response in self:
            response.display_name = (
                response.user_id.name if response.user_id else self.env._("Anonymous respondent")
            )

    @api.depends(
        "user_id.readiness_manager_id",
        "showroom_id.manager_id",
        "team_id.manager_id",
        "wave_id.user_id",
    )
    def _compute_coach_id(self):
        for response in self:
            if response.is_anonymous:
                response.coach_id = False
                continue
            response.coach_id = (
                response.user_id.readiness_manager_id
                or response.showroom_id.manager_id
                or response.team_id.manager_id
                or response.wave_id.user_id
            )

    @api.depends("readiness_index", "wave_id.least_ready_threshold")
    def _compute_is_least_ready(self):
        for response in self:
            response.is_least_ready = (
                response.readiness_index < response.wave_id.least_ready_threshold
            )

    @api.depends("user_id", "wave_id.previous_wave_id")
    def _compute_training(self):
        for response in self:
            previous = response.wave_id.previous_wave_id
            if not previous or not response.user_id:
                response.training_ids = False
                response.training_completion = 0.0
                continue
            trainings = self.env["readiness.training"].search(
                [("wave_id", "=", previous.id), ("user_id", "=", response.user_id.id)]
            )
            response.training_ids = trainings
            response.training_completion = (
                round(sum(trainings.mapped("completion")) / len(trainings), 1) if trainings else 0.0
            )

    def write(self, vals):
        if not self.env.su and COMPUTED_FIELDS & set(vals):
            raise AccessError(
                self.env._("Scores follow the answers and the scoring table; edit the table.")
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------

    @api.model
    def _register_answers(self, answers):
        """Create or refresh the responses of completed survey answers of waves.

        Called when a respondent submits the questionnaire. For anonymous waves the
        response gets no identity and the survey answer forgets its respondent.
        """
        responses = self.browse()
        participations = self.env["readiness.participation"]
        for answer in answers:
            wave = answer.readiness_wave_id
            participation = wave.participation_ids.filtered(
                lambda p, a=answer: (
                    p.user_input_id == a or (a.partner_id and p.partner_id == a.partner_id)
                )
            )[:1]
            response = self.search([("user_input_id", "=", answer.id)])
            if not response:
                values = {
                    "wave_id": wave.id,
                    "user_input_id": answer.id,
                    "team_id": participation.team_id.id,
                    "showroom_id": participation.showroom_id.id,
                }
                model = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
                if wave.is_anonymous:
                    # sudo: created as superuser so that not even create_uid names the respondent.
                    model = model.with_user(SUPERUSER_ID)
                else:
                    user = participation.user_id or answer.partner_id.user_ids[:1]
                    values["user_id"] = user.id
                response = model.create(values)
            participation.write(
                {
                    "state": "done",
                    "user_input_id": False if wave.is_anonymous else answer.id,
                }
            )
            responses |= response
            participations |= participation
        responses._recompute_scores()
        anonymous = answers._readiness_anonymous()
        anonymous._readiness_forget_respondent()
        responses.wave_id._refresh_results()
        anonymous._readiness_coarsen_times(
            responses.filtered("is_anonymous"), participations.filtered("is_anonymous")
        )
        return responses

    @api.model
    def _recompute_all(self, waves=None):
        """Recompute stored scores, e.g. after the scoring table changed."""
        # sudo: scores follow a table managers edit, but anonymous responses are readable by
        # nobody: recomputation has to run as superuser (callers check write on the waves).
        domain = [("wave_id", "in", waves.ids)] if waves is not None else []
        responses = self.sudo().search(domain)
        responses._recompute_scores()
        # _refresh_results runs as superuser itself
        (waves if waves is not None else responses.wave_id)._refresh_results()

    def _collect_answers(self):
        """Turn the survey answer lines into plain :class:`~..scoring.Answer` values."""
        self.ensure_one()
        choices = defaultdict(set)
        filled = set()
        for line in self.user_input_id.user_input_line_ids:
            if line.skipped:
                continue
            question = line.question_id.id
            if line.answer_type == "suggestion" and line.suggested_answer_id:
                choices[question].add(line.suggested_answer_id.id)
            value = line._get_answer_value()
            if (isinstance(value, str) and value.strip()) or (
                value not in (None, False, "") and not isinstance(value, str)
            ):
                filled.add(question)
        return {
            question: scoring.Answer(choices=frozenset(choices[question]), filled=True)
            for question in filled | set(choices)
        }

    def _theme_texts(self):
        """``(theme, text)`` of every free-text answer, themes as set on the questions."""
        self.ensure_one()
        texts = []
        for line in self.user_input_id.user_input_line_ids.sorted("question_sequence"):
            theme = line.question_id.readiness_theme
            if not theme or line.skipped or line.answer_type not in ("text_box", "char_box"):
                continue
            text = (line._get_answer_value() or "").strip()
            if text:
                texts.append((theme, text))
        return texts

    def _recompute_scores(self):
        """Score each response with the scoring table and store the results."""
        teams = self.env["readiness.team"].search([("answer_id", "!=", False)])
        showrooms = self.env["readiness.showroom"].search([("answer_id", "!=", False)])
        team_by_answer = {team.answer_id.id: team for team in teams}
        showroom_by_answer = {showroom.answer_id.id: showroom for showroom in showrooms}
        rules_by_key = {}
        for response in self:
            survey = response.user_input_id.survey_id
            framework = response.wave_id.framework_id
            key = (survey.id, framework.id)
            if key not in rules_by_key:
                framework_dims = framework.dimension_ids.sorted(lambda d: (d.sequence, d.id))
                rules = self.env["readiness.scoring.rule"].search(
                    [("survey_id", "=", survey.id), ("dimension_id", "in", framework_dims.ids)]
                )
                multi = {q.id for q in rules.question_id if q.question_type == "multiple_choice"}
                rules_by_key[key] = (rules._to_scoring(), multi, framework_dims)
            rules, multi, framework_dims = rules_by_key[key]
            dimensions = framework_dims._to_scoring()
            answers = response._collect_answers()
            result = scoring.score(answers, rules, dimensions, multi)
            picked = set().union(*(answer.choices for answer in answers.values()))
            barrier = scoring.barrier(
                result.dimensions, dimensions, response.wave_id.barrier_threshold
            )
            values = {f"score_{code}": 0.0 for code in LEGACY_SCORE_CODES}
            values.update(
                {
                    f"score_{code}": value or 0.0
                    for code, value in result.dimensions.items()
                    if code in LEGACY_SCORE_CODES
                }
            )
            values["score_ids"] = [Command.clear()] + [
                Command.create(
                    {
                        "dimension_id": dimension.id,
                        "score": result.dimensions.get(dimension.code) or 0.0,
                        "measured": result.dimensions.get(dimension.code) is not None,
                    }
                )
                for dimension in framework_dims
            ]
            values["barrier_dimension_id"] = (
                framework_dims.filtered(lambda d, b=barrier: d.code == b)[:1].id or False
            )
            values.update(
                readiness_index=result.index or 0.0,
                readiness_band=result.band or scoring.BAND_LOW,
                apprehension_text="\n".join(
                    text for theme, text in response._theme_texts() if theme == "apprehension"
                )
                or False,
                goal_ids=[
                    Command.set(
                        [
                            line.suggested_answer_id.id
                            for line in response.user_input_id.user_input_line_ids
                            if line.suggested_answer_id
                            and line.question_id.readiness_theme == "goals"
                        ]
                    )
                ],
            )
            team = next((team_by_answer[a] for a in picked if a in team_by_answer), None)
            showroom = next(
                (showroom_by_answer[a] for a in picked if a in showroom_by_answer), None
            )
            if team:
                values["team_id"] = team.id
            if showroom:
                values["showroom_id"] = showroom.id
                values.setdefault("team_id", showroom.team_id.id or response.team_id.id)
            response.write(values)

    def _to_respondent(self):
        self.ensure_one()
        return scoring.Respondent(
            team=self.team_id.id or None,
            showroom=self.showroom_id.id or None,
            index=self.readiness_index,
            dimensions={
                line.dimension_id.code: line.score if line.measured else None
                for line in self.score_ids
            },
        )

    def _comment_values(self, anonymous):
        """Values of the free-text lines of the responses, without identity if anonymous."""
        values = []
        for response in self:
            for theme, text in response._theme_texts():
                line = {"wave_id": response.wave_id.id, "theme": theme, "text": text}
                if not anonymous:
                    line.update(
                        response_id=response.id,
                        user_id=response.user_id.id,
                        team_id=response.team_id.id,
                        showroom_id=response.showroom_id.id,
                    )
                values.append(line)
        if anonymous:
            # Sorted by content, so that neither order nor ids hint at who wrote what.
            values.sort(key=lambda line: (line["theme"], line["text"].casefold()))
        return values

    # ------------------------------------------------------------------
    # Follow-up
    # ------------------------------------------------------------------

    def _training_note(self):
        self.ensure_one()
        theme_labels = dict(
            self.env["readiness.comment"]._fields["theme"]._description_selection(self.env)
        )
        lines = self.score_ids.filtered("measured")
        weakest = lines.sorted(
            lambda line: scoring.readiness_of(line.score, line.dimension_id.inverse)
        )[:2]
        parts = [
            Markup("<p>%s</p>")
            % self.env._(
                "Readiness index %(index)s/100. Weakest points: %(weak)s. "
                "Barrier point: %(barrier)s.",
                index=round(self.readiness_index),
                weak=", ".join(weakest.dimension_id.mapped("name")),
                barrier=self.barrier_dimension_id.name or self.env._("none"),
            )
        ]
        for theme, text in self._theme_texts():
            if theme in ("apprehension", "tasks", "suggestion"):
                parts.append(Markup("<p><b>%s</b>: %s</p>") % (theme_labels[theme], escape(text)))
        return Markup("").join(parts)

    def action_plan_training(self):
        """Plan a personalised training: one activity for each respondent's manager."""
        if any(self.mapped("is_anonymous")):
            raise UserError(self.env._("Anonymous waves have no per-person follow-up."))
        today = fields.Date.context_today(self)
        training_type = self.env.ref("readiness_survey.mail_activity_type_training")
        planned = self.browse()
        for response in self:
            if training_type in response.activity_ids.activity_type_id:
                continue
            response.activity_schedule(
                "readiness_survey.mail_activity_type_training",
                date_deadline=today + relativedelta(days=TRAINING_DELAY_DAYS),
                summary=self.env._(
                    "Personalised CRM training: %(name)s", name=response.display_name
                ),
                note=response._training_note(),
                user_id=(response.coach_id or self.env.user).id,
            )
            response.training_date = today
            planned |= response
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if planned else "info",
                "message": self.env._(
                    "%(count)s training activity(ies) planned.", count=len(planned)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_assign_course(self):
        """Enrol each respondent in the course matching their barrier point (one click)."""
        self.check_access("read")
        if any(self.mapped("is_anonymous")):
            raise UserError(self.env._("Anonymous waves have no per-person follow-up."))
        Training = self.env["readiness.training"]
        enrolled = Training
        for response in self:
            if not response.barrier_dimension_id:
                raise UserError(
                    self.env._(
                        "%(name)s has no barrier point: nothing to train.",
                        name=response.display_name,
                    )
                )
            enrolled |= Training._assign(
                response.wave_id, response.barrier_dimension_id, response.user_id
            )
        return Training._notification(enrolled)

    def action_open_answers(self):
        """Show the full survey answers of the respondent (printable page)."""
        self.ensure_one()
        self.check_access("read")
        if self.is_anonymous:
            raise UserError(self.env._("Anonymous waves have no per-person results."))
        # sudo: respondents cannot read survey answers; reading this response (their own,
        # or as a manager of a non-anonymous wave) was just checked.
        url = self.user_input_id.sudo().get_print_url()
        return {
            "type": "ir.actions.act_url",
            "name": self.env._("Answers"),
            "url": url,
            "target": "self",
        }
