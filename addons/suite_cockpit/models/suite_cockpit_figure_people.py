# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.figures import Figure, weeks_back

ADOPTION_WEEKS = 4


class SuiteCockpitFigure(models.Model):
    """People: readiness of the latest closed wave and adoption per team and week."""

    _inherit = "suite.cockpit.figure"  # pylint: disable=consider-merging-classes-inherited

    def _figure_readiness_latest(self, _param):
        """Group results of the latest closed wave; the value is its readiness index."""
        wave = self.env["readiness.wave"]._cockpit_latest_closed()
        if not wave:
            return self._no_figure("readiness.group.result")
        return Figure(
            "readiness.group.result",
            [("wave_id", "=", wave.id)],
            value=f"{wave.readiness_index:.0f} / 100",
            view_mode="list,pivot,graph",
        )

    def _figure_readiness_heatmap(self, _param):
        """The readiness heatmap of the latest closed wave (a cell per group and dimension);
        the value is the number of barrier points (a group's first dimension under the
        threshold), each with its course to assign from the list."""
        wave = self.env["readiness.wave"]._cockpit_latest_closed()
        if not wave:
            return self._no_figure("readiness.group.score")
        domain = [("wave_id", "=", wave.id)]
        barriers = self.env["readiness.group.score"].search_count(
            [*domain, ("is_barrier", "=", True)]
        )
        return Figure(
            "readiness.group.score",
            domain,
            value=self.env._("%(count)s barrier point(s)", count=barriers),
            view_mode="pivot,list",
        )

    def _figure_adoption_recent(self, _param):
        """Adoption rows (team, showroom, week, activity) of the last four weeks; the value
        is the number of actions they sum up."""
        since = weeks_back(fields.Date.context_today(self), ADOPTION_WEEKS - 1)
        domain = [("week", ">=", since)]
        [(total,)] = self.env["suite.adoption.report"]._read_group(domain, [], ["action_count:sum"])
        return Figure(
            "suite.adoption.report", domain, value=str(total or 0), view_mode="pivot,list,graph"
        )
