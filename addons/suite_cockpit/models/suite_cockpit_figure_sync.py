# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import format_datetime

from ..tools.figures import Figure


class SuiteCockpitFigure(models.Model):
    """Sync health: the SM connector's runs and record errors."""

    _inherit = "suite.cockpit.figure"  # pylint: disable=consider-merging-classes-inherited

    def _figure_sync_last_success(self, entity):
        """Successful runs of one SM entity; the value is when the last one ended."""
        domain = [("entity", "=", entity), ("state", "=", "done")]
        last = self.env["sm.sync.run"].search(domain, order="date_end desc, id desc", limit=1)
        value = format_datetime(self.env, last.date_end) if last.date_end else self.env._("Never")
        return Figure("sm.sync.run", domain, value=value)

    def _figure_sync_failed_records(self, _param):
        """Records SM sent that could not be imported and still wait for a retry."""
        return Figure("sm.sync.error", [("state", "=", "open")])

    def _figure_sync_alerts(self, _param):
        """Entities whose latest run failed (the SM admins were told in the backend's chatter):
        the failed latest runs."""
        Run = self.env["sm.sync.run"]
        latest = Run._read_group([("state", "!=", "running")], ["backend_id", "entity"], ["id:max"])
        failed = Run.search([("id", "in", [run_id for _b, _e, run_id in latest])]).filtered(
            lambda run: run.state == "failed"
        )
        return Figure("sm.sync.run", [("id", "in", failed.ids)])
