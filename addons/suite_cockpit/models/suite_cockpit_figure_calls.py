# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.addons.suite_base.tools.calls import MISSED_STATUSES

from ..tools.figures import Figure, percent


class SuiteCockpitFigure(models.Model):
    """Calls of the 3CX journal: missed calls, callbacks, connect rate."""

    _inherit = "suite.cockpit.figure"  # pylint: disable=consider-merging-classes-inherited

    def _inbound_domain(self):
        return [("direction", "=", "inbound"), ("start_date", ">=", self._since())]

    def _figure_calls_missed(self, _param):
        """Inbound calls of the period nobody took."""
        return Figure("tcx.call", [*self._inbound_domain(), ("status", "in", MISSED_STATUSES)])

    def _figure_calls_callback_todo(self, _param):
        """Missed calls still waiting for their callback (whatever their date)."""
        return Figure("tcx.call", [("callback_state", "=", "todo")])

    def _figure_calls_callback_delay(self, _param):
        """Missed calls called back in the period; the value is the average delay (hours)
        between the missed call and its callback."""
        domain = [("callback_state", "=", "done"), ("callback_date", ">=", self._since())]
        [(count, average)] = self.env["tcx.call"]._read_group(
            domain, [], ["__count", "callback_delay:avg"]
        )
        value = "–" if not count else self.env._("%(hours)s h", hours=f"{average:.1f}")
        return Figure("tcx.call", domain, value=value)

    def _figure_calls_connect_rate(self, _param):
        """Inbound calls of the period; the value is the share that was answered."""
        domain = self._inbound_domain()
        Call = self.env["tcx.call"]
        answered = Call.search_count([*domain, ("status", "=", "answered")])
        value = self._format_percent(percent(answered, Call.search_count(domain)))
        return Figure("tcx.call", domain, value=value)
