# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Command

from .. import scoring
from .readiness_dimension import LEGACY_SCORE_CODES


class ReadinessWave(models.Model):
    """Results and scoring: aggregated results, comparison with an earlier wave, the report."""

    _inherit = "readiness.wave"  # pylint: disable=consider-merging-classes-inherited

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

    def action_refresh_results(self):
        """Recompute every score of the wave with the current scoring table."""
        # checked first: the recomputation runs as superuser (anonymous answers)
        self.check_access("write")
        self.env["readiness.response"]._recompute_all(waves=self)

    def action_print_report(self):
        """Printable / exportable readiness report of the wave."""
        return self.env.ref("readiness_survey.action_report_readiness_wave").report_action(self)

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
                dimensions={cell.dimension_id.code: cell.score for cell in row.score_ids},
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
            previous_groups = wave.previous_wave_id._stored_groups()
            deltas = scoring.compare_groups(previous_groups, groups)
            dimension_deltas = scoring.compare_dimensions(previous_groups, groups)
            Result.create(
                [wave._group_result_values(group, deltas, dimension_deltas) for group in groups]
            )
            wave.write(
                {
                    "respondent_count": sum(group.count for group in groups),
                    "readiness_index": scoring.overall_index(groups) or 0.0,
                }
            )
            if groups:
                Comment.create(wave._publishable(responses)._comment_values(wave.is_anonymous))
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
        cells = rows.score_ids
        for dimension in self.framework_id.dimension_ids.sorted(lambda d: (d.sequence, d.id)):
            mine = cells.filtered(lambda c, d=dimension: c.dimension_id == d)
            average = (
                round(sum(c.score * c.respondent_count for c in mine) / count, 1) if count else 0.0
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

    def _publishable(self, responses):
        """Responses whose free texts may be shown.

        In anonymous waves a text can give its author away as surely as a score (a
        showroom's only salesperson describing their shop): texts are only kept from
        people whose own team and showroom count at least the minimum group size.
        """
        self.ensure_one()
        if not self.is_anonymous:
            return responses
        sizes = {}
        for response in responses:
            key = (response.team_id.id, response.showroom_id.id)
            sizes[key] = sizes.get(key, 0) + 1
        return responses.filtered(
            lambda r: sizes[(r.team_id.id, r.showroom_id.id)] >= self.min_group_size
        )

    def _group_result_values(self, group, deltas, dimension_deltas):
        self.ensure_one()
        dimensions = self.framework_id.dimension_ids.sorted(lambda d: (d.sequence, d.id))
        barrier = scoring.barrier(
            group.dimensions, dimensions._to_scoring(), self.barrier_threshold
        )
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
            if code in LEGACY_SCORE_CODES:
                values[f"score_{code}"] = value or 0.0
        values["barrier_dimension_id"] = (
            dimensions.filtered(lambda d: d.code == barrier)[:1].id or False
        )
        values["score_ids"] = [
            Command.create(
                {
                    "dimension_id": dimension.id,
                    "score": group.dimensions[dimension.code],
                    "readiness": scoring.readiness_of(
                        group.dimensions[dimension.code], dimension.inverse
                    ),
                    "has_previous": (group.key, dimension.code) in dimension_deltas,
                    "delta": dimension_deltas.get((group.key, dimension.code), 0.0),
                    "is_barrier": dimension.code == barrier,
                }
            )
            for dimension in dimensions
            if group.dimensions.get(dimension.code) is not None
        ]
        return values
