# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

MANAGER = "helpdesk_mgmt.group_helpdesk_manager"


class InboxDashboard(models.AbstractModel):
    """Figures of the manager dashboard (client action ``omnichannel_inbox.dashboard``)."""

    _name = "inbox.dashboard"
    _description = "Inbox manager dashboard"

    @api.model
    def get_dashboard_data(self, days=30):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("The inbox dashboard is for helpdesk managers."))
        days = max(1, min(int(days or 30), 366))
        since = fields.Datetime.now() - timedelta(days=days)
        company_ids = self.env.companies.ids
        Ticket = self.env["helpdesk.ticket"]
        Ticket.flush_model()
        self.env["inbox.request"].flush_model()
        return {
            "days": days,
            "open_by_team_channel": self._open_matrix(company_ids),
            "first_response": self._first_response(since, company_ids),
            "sla": self._sla(since, company_ids),
            "duplicates": self._duplicates(since, company_ids),
            "customers": self._customers(since, company_ids),
            "requests_by_channel": self._requests_by_channel(since, company_ids),
        }

    def _channel_names(self):
        return {
            c.id: c.name
            for c in self.env["helpdesk.ticket.channel"].with_context(active_test=False).search([])
        }

    def _open_matrix(self, company_ids):
        groups = self.env["helpdesk.ticket"]._read_group(
            [("inbox_open", "=", True), ("company_id", "in", company_ids)],
            ["team_id", "channel_id"],
            ["__count"],
        )
        teams, channels, cells = {}, {}, {}
        for team, channel, count in groups:
            team_key = team.id or 0
            channel_key = channel.id or 0
            teams[team_key] = team.display_name if team else self.env._("No team")
            channels[channel_key] = channel.name if channel else self.env._("No channel")
            cells[f"{team_key}:{channel_key}"] = count
        return {
            "teams": [{"id": k, "name": v} for k, v in sorted(teams.items(), key=lambda i: i[1])],
            "channels": [
                {"id": k, "name": v} for k, v in sorted(channels.items(), key=lambda i: i[1])
            ],
            "cells": cells,
            "total": sum(cells.values()),
        }

    def _first_response(self, since, company_ids):
        self.env.cr.execute(
            SQL(
                """
                SELECT c.name, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.inbox_first_response_minutes),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.inbox_first_response_minutes)
                  FROM helpdesk_ticket t
             LEFT JOIN helpdesk_ticket_channel c ON c.id = t.channel_id
                 WHERE t.create_date >= %(since)s AND t.inbox_first_response_date IS NOT NULL
                   AND t.company_id = ANY(%(companies)s)
              GROUP BY ROLLUP(c.name)
                """,
                since=since,
                companies=company_ids,
            )
        )
        rows = self.env.cr.fetchall()
        overall = next((r for r in rows if r[0] is None), None)

        def label(name):
            if isinstance(name, dict):
                return name.get(self.env.lang) or name.get("en_US") or next(iter(name.values()), "")
            return name

        return {
            "count": overall[1] if overall else 0,
            "median": round(overall[2], 1) if overall and overall[2] is not None else None,
            "p90": round(overall[3], 1) if overall and overall[3] is not None else None,
            "by_channel": [
                {
                    "channel": label(r[0]),
                    "count": r[1],
                    "median": round(r[2], 1),
                    "p90": round(r[3], 1),
                }
                for r in rows
                if r[0] is not None
            ],
        }

    def _sla(self, since, company_ids):
        Ticket = self.env["helpdesk.ticket"]
        base = [("company_id", "in", company_ids), ("inbox_sla_start_date", ">=", since)]
        counts = dict(Ticket._read_group(base, ["inbox_sla_status"], ["__count"]))
        return {
            "breached": counts.get("breached", 0),
            "met": counts.get("met", 0),
            "at_risk": counts.get("at_risk", 0),
            "running": counts.get("running", 0),
            "breached_open": Ticket.search_count(
                [
                    ("inbox_open", "=", True),
                    ("inbox_sla_status", "=", "breached"),
                    ("company_id", "in", company_ids),
                ]
            ),
        }

    def _duplicates(self, since, company_ids):
        counts = dict(
            self.env["inbox.request"]._read_group(
                [("date", ">=", since), ("company_id", "in", company_ids)],
                ["outcome"],
                ["__count"],
            )
        )
        total = sum(counts.values())
        avoided = counts.get("deduplicated", 0) + counts.get("merged", 0)
        return {
            "requests": total,
            "new": counts.get("new", 0),
            "threaded": counts.get("threaded", 0),
            "deduplicated": counts.get("deduplicated", 0),
            "merged": counts.get("merged", 0),
            "avoided_ratio": round(100.0 * avoided / total, 1) if total else 0.0,
        }

    def _customers(self, since, company_ids):
        Ticket = self.env["helpdesk.ticket"]
        domain = [("create_date", ">=", since), ("company_id", "in", company_ids)]
        groups = Ticket._read_group(
            [*domain, ("commercial_partner_id", "!=", False)],
            ["commercial_partner_id"],
            ["__count"],
            order="__count desc",
        )
        identified = sum(count for _partner, count in groups)
        unidentified = Ticket.search_count([*domain, ("commercial_partner_id", "=", False)])
        return {
            "customers": len(groups),
            "tickets_per_customer": round(identified / len(groups), 2) if groups else 0.0,
            "unidentified_tickets": unidentified,
            "top": [
                {"id": partner.id, "name": partner.display_name, "tickets": count}
                for partner, count in groups[:10]
            ],
        }

    def _requests_by_channel(self, since, company_ids):
        groups = self.env["inbox.request"]._read_group(
            [("date", ">=", since), ("company_id", "in", company_ids)],
            ["channel_id", "outcome"],
            ["__count"],
        )
        out = {}
        for channel, outcome, count in groups:
            name = channel.name if channel else self.env._("No channel")
            row = out.setdefault(name, {"channel": name, "total": 0})
            row[outcome] = count
            row["total"] += count
        return sorted(out.values(), key=lambda r: -r["total"])
