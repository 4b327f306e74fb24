# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import scoring

# Averages of these fields are weighted by the number of respondents of each row, so that
# the pivot and graph views give the true mean over people, not a mean of group means.
WEIGHTED_FIELDS = {
    "readiness_index",
    "score_understanding",
    "score_automation",
    "score_benefits",
    "score_experience",
    "score_apprehension",
    "index_delta",
}


def weighted_avg_select(model, aggregate_spec, query, weighted, delta_field, base_select):
    """SQL of a respondent-weighted average for ``weighted`` fields, else ``base_select``'s.

    ``delta_field`` is only weighted over rows that have a compared wave (``has_previous``).
    """
    fname, __, func = aggregate_spec.partition(":")
    if func != "avg" or fname not in weighted:
        return base_select(aggregate_spec, query)
    # Reuse the standard checks (field exists, is readable) before weighting.
    base_select(aggregate_spec, query)
    value = model._field_to_sql(model._table, fname, query)
    weight = model._field_to_sql(model._table, "respondent_count", query)
    if fname == delta_field:
        has_previous = model._field_to_sql(model._table, "has_previous", query)
        weight = SQL("CASE WHEN %s THEN %s ELSE 0 END", has_previous, weight)
    return SQL("SUM(%s * %s)::float / NULLIF(SUM(%s), 0)", value, weight, weight)


class ReadinessGroupResult(models.Model):
    """Aggregated readiness of one group of respondents in one wave.

    Rows are rebuilt from the responses by :meth:`readiness.wave._refresh_results`. In
    anonymous waves each row covers at least the wave's minimum group size, which makes
    these rows (not the responses) what managers read, chart and export.
    """

    _name = "readiness.group.result"
    _description = "Readiness by Group"
    _order = "wave_date, wave_id, team_id, showroom_id, merged, id"

    wave_id = fields.Many2one("readiness.wave", required=True, ondelete="cascade", index=True)
    wave_date = fields.Date(related="wave_id.date_start", store=True, string="Wave Date")
    is_anonymous = fields.Boolean(related="wave_id.is_anonymous", store=True)
    team_id = fields.Many2one("readiness.team")
    showroom_id = fields.Many2one("readiness.showroom")
    merged = fields.Boolean(
        string="Pooled Group",
        help="Several small groups pooled together to reach the minimum group size.",
    )
    name = fields.Char(string="Group", compute="_compute_name")
    respondent_count = fields.Integer(string="Respondents", aggregator="sum")
    readiness_index = fields.Float(aggregator="avg")
    score_understanding = fields.Float(string="Understanding", aggregator="avg")
    score_automation = fields.Float(string="Desire to Automate", aggregator="avg")
    score_benefits = fields.Float(string="Expected Benefits", aggregator="avg")
    score_experience = fields.Float(string="Prior Experience", aggregator="avg")
    score_apprehension = fields.Float(string="Apprehension", aggregator="avg")
    count_low = fields.Integer(string="Needs Support", aggregator="sum")
    count_medium = fields.Integer(string="Getting Ready", aggregator="sum")
    count_high = fields.Integer(string="Ready", aggregator="sum")
    has_previous = fields.Boolean(string="Compared")
    index_delta = fields.Float(
        string="Change vs Compared Wave",
        aggregator="avg",
        help="Change of the readiness index of the same group since the compared wave.",
    )
    score_ids = fields.One2many("readiness.group.score", "group_result_id", string="Heatmap")
    barrier_dimension_id = fields.Many2one(
        "readiness.dimension",
        string="Barrier Point",
        help="First dimension of the framework whose group score is under the wave's "
        "barrier threshold: where to act first.",
    )
    barrier_channel_id = fields.Many2one(
        related="barrier_dimension_id.channel_id", string="Course for the Barrier"
    )
    training_count = fields.Integer(
        string="Trained Since Compared Wave",
        compute="_compute_training",
        help="People of this group enrolled in a course after the compared wave.",
    )
    training_completion = fields.Float(
        string="Course Completion (%)",
        compute="_compute_training",
        help="Mean completion of the courses assigned after the compared wave, read from "
        "eLearning.",
    )
    plan_id = fields.Many2one(
        "readiness.action.plan",
        string="Action Plan",
        compute="_compute_plan",
        help="Latest action plan made for this group on an earlier wave.",
    )
    since_plan_delta = fields.Float(
        string="Change Since Plan",
        compute="_compute_plan",
        help="Readiness index now minus the group's index when the plan was made.",
    )

    @api.depends("team_id", "showroom_id", "merged")
    def _compute_name(self):
        for row in self:
            if not row.team_id:
                row.name = self.env._("Several teams")
            elif row.showroom_id:
                row.name = f"{row.team_id.name} / {row.showroom_id.name}"
            elif row.merged:
                row.name = self.env._("%(team)s / several showrooms", team=row.team_id.name)
            else:
                row.name = row.team_id.name

    def _read_group_select(self, aggregate_spec, query):
        return weighted_avg_select(
            self,
            aggregate_spec,
            query,
            WEIGHTED_FIELDS,
            "index_delta",
            super()._read_group_select,
        )

    def _key(self):
        self.ensure_one()
        return (self.team_id.id or None, self.showroom_id.id or None, self.merged)

    def _shown_keys(self):
        self.ensure_one()
        return {row._key() for row in self.wave_id.group_result_ids}

    @api.depends("wave_id.previous_wave_id", "team_id", "showroom_id", "merged")
    def _compute_training(self):
        Training = self.env["readiness.training"]
        for row in self:
            previous = row.wave_id.previous_wave_id
            trainings = Training.search([("wave_id", "=", previous.id)]) if previous else Training
            shown = row._shown_keys()
            mine = trainings.filtered(
                lambda t, row=row, shown=shown: (
                    scoring.group_of(t.team_id.id or None, t.showroom_id.id or None, shown)
                    == row._key()
                )
            )
            row.training_count = len(mine)
            row.training_completion = (
                round(sum(mine.mapped("completion")) / len(mine), 1) if mine else 0.0
            )

    @api.depends("wave_id.date_start", "team_id", "showroom_id", "merged")
    def _compute_plan(self):
        Plan = self.env["readiness.action.plan"]
        for row in self:
            plan = Plan.search(
                [
                    ("team_id", "=", row.team_id.id),
                    ("showroom_id", "=", row.showroom_id.id),
                    ("merged", "=", row.merged),
                    ("wave_id.survey_id", "=", row.wave_id.survey_id.id),
                    ("wave_id.date_start", "<=", row.wave_id.date_start),
                    ("wave_id", "!=", row.wave_id.id),
                    ("state", "!=", "cancelled"),
                ],
                order="create_date desc, id desc",
                limit=1,
            )
            row.plan_id = plan
            row.since_plan_delta = (
                round(row.readiness_index - plan.baseline_index, 2) if plan else 0.0
            )

    def _member_users(self):
        """Users this group stands for: who answered in it (non-anonymous waves), else the
        people invited whose team and showroom fall in it, so that no answer is revealed.
        """
        self.ensure_one()
        shown = self._shown_keys()
        if self.is_anonymous:
            people = self.wave_id.participation_ids
        else:
            people = self.wave_id.response_ids
        return people.filtered(
            lambda p: (
                scoring.group_of(p.team_id.id or None, p.showroom_id.id or None, shown)
                == self._key()
            )
        ).user_id

    def _assign_courses(self, pairs):
        """Enrol the members of each group in the course of the paired dimension.

        :param pairs: ``[(group result, dimension)]``
        :return: a notification action saying how many people were enrolled.
        """
        self.check_access("read")
        Training = self.env["readiness.training"]
        enrolled = Training
        for row, dimension in pairs:
            if not dimension:
                raise UserError(
                    self.env._("%(group)s has no barrier point: nothing to train.", group=row.name)
                )
            enrolled |= Training._assign(
                row.wave_id, dimension, row._member_users(), group_result=row
            )
        return Training._notification(enrolled)

    def action_assign_barrier_course(self):
        """Enrol each group in the course matching its barrier point (one click)."""
        return self._assign_courses([(row, row.barrier_dimension_id) for row in self])

    def action_new_plan(self):
        """Open a new action plan for the group, on its barrier point."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "readiness_survey.readiness_action_plan_action"
        )
        action.update(
            views=[(False, "form")],
            view_mode="form",
            context={"default_group_result_id": self.id},
        )
        return action

    def action_open_heatmap(self):
        """Heatmap cells of these groups."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "readiness_survey.readiness_heatmap_action"
        )
        action["domain"] = [("group_result_id", "in", self.ids)]
        return action
