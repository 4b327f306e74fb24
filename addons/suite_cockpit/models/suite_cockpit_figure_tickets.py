# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.addons.rating.models.rating_data import RATING_LIMIT_SATISFIED

from ..tools.figures import Figure, percent


class SuiteCockpitFigure(models.Model):
    """Tickets of the omnichannel inbox: backlog, first response and resolution against
    their SLA, customer satisfaction."""

    _inherit = "suite.cockpit.figure"  # pylint: disable=consider-merging-classes-inherited

    def _figure_tickets_backlog(self, _param):
        """Open tickets (active, stage not closed)."""
        return Figure("helpdesk.ticket", [("inbox_open", "=", True)])

    def _first_response_domain(self):
        return [("inbox_sla_start_date", ">=", self._since())]

    def _figure_tickets_first_response_met(self, _param):
        """Tickets of the period answered within their first-response SLA; the value is
        their share of the tickets whose SLA is decided (met or breached)."""
        Ticket = self.env["helpdesk.ticket"]
        base = self._first_response_domain()
        decided = dict(
            Ticket._read_group(
                [*base, ("inbox_sla_status", "in", ("met", "breached"))],
                ["inbox_sla_status"],
                ["__count"],
            )
        )
        met = decided.get("met", 0)
        value = self._format_percent(percent(met, met + decided.get("breached", 0)))
        return Figure("helpdesk.ticket", [*base, ("inbox_sla_status", "=", "met")], value=value)

    def _figure_tickets_first_response_breached(self, _param):
        """Tickets of the period whose first answer came after the SLA deadline (or has not
        come and the deadline passed)."""
        return Figure(
            "helpdesk.ticket",
            [*self._first_response_domain(), ("inbox_sla_status", "=", "breached")],
        )

    def _figure_tickets_resolution_overdue(self, _param):
        """Open tickets past their resolution SLA (OCA helpdesk_mgmt_sla)."""
        return Figure("helpdesk.ticket", [("inbox_open", "=", True), ("sla_expired", "=", True)])

    def _figure_tickets_csat(self, _param):
        """Ratings customers gave on tickets in the period; the value is the share of
        satisfied customers (rating 4 or 5 of 5, Odoo's own limit)."""
        domain = [
            ("res_model", "=", "helpdesk.ticket"),
            ("consumed", "=", True),
            ("rating", ">", 0),
            ("write_date", ">=", self._since()),
        ]
        Rating = self.env["rating.rating"]
        total = Rating.search_count(domain)
        satisfied = Rating.search_count([*domain, ("rating", ">=", RATING_LIMIT_SATISFIED)])
        return Figure(
            "rating.rating", domain, value=self._format_percent(percent(satisfied, total))
        )
