# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

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
        fname, __, func = aggregate_spec.partition(":")
        if func != "avg" or fname not in WEIGHTED_FIELDS:
            return super()._read_group_select(aggregate_spec, query)
        # Reuse the standard checks (field exists, is readable) before weighting.
        super()._read_group_select(aggregate_spec, query)
        value = self._field_to_sql(self._table, fname, query)
        weight = self._field_to_sql(self._table, "respondent_count", query)
        if fname == "index_delta":
            has_previous = self._field_to_sql(self._table, "has_previous", query)
            weight = SQL("CASE WHEN %s THEN %s ELSE 0 END", has_previous, weight)
        return SQL("SUM(%s * %s)::float / NULLIF(SUM(%s), 0)", value, weight, weight)
