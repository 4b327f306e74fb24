# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReadinessWave(models.Model):
    """Training follow-up: the respondents least ready for the CRM, with their apprehensions."""

    _inherit = "readiness.wave"  # pylint: disable=consider-merging-classes-inherited

    @api.depends("response_ids.is_least_ready", "response_ids.readiness_index")
    def _compute_least_ready_response_ids(self):
        for wave in self:
            wave.least_ready_response_ids = wave.response_ids.filtered("is_least_ready").sorted(
                "readiness_index"
            )

    def action_view_least_ready(self):
        """Least ready respondents first, with their apprehensions."""
        self._check_not_anonymous()
        return self._action_for(
            "readiness_survey.readiness_response_least_ready_action",
            domain=[("wave_id", "in", self.ids), ("is_least_ready", "=", True)],
        )
