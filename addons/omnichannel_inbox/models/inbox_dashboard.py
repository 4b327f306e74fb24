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
            "resolution": self._resolution(since, company_ids),
            "csat": self._csat(since, company_ids),
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

    def _label(self, name):
        """A translated name read by SQL (jsonb) in the user's language."""
        if isinstance(name, dict):
            return name.get(self.env.lang) or name.get("en_US") or next(iter(name.values()), "")
        return name

    def _resolution(self, since, company_ids):
        """Resolution time of the tickets closed since ``since``, in working hours (the
        resolution clock's minutes: the team's hours, without the time waiting for the
        customer): median and p90, overall and per channel."""
        self.env.cr.execute(
            SQL(
                """
                SELECT c.name, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.inbox_resolution_minutes),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY t.inbox_resolution_minutes),
                       count(*) FILTER (WHERE t.inbox_resolution_status = 'breached')
                  FROM helpdesk_ticket t
             LEFT JOIN helpdesk_ticket_channel c ON c.id = t.channel_id
                 WHERE t.inbox_resolution_date >= %(since)s
                   AND t.company_id = ANY(%(companies)s)
              GROUP BY ROLLUP(c.name)
                """,
                since=since,
                companies=company_ids,
            )
        )
        rows = self.env.cr.fetchall()
        overall = next((r for r in rows if r[0] is None), None)

        def hours(minutes):
            return round(minutes / 60.0, 1) if minutes is not None else None

        return {
            "count": overall[1] if overall else 0,
            "median_hours": hours(overall[2]) if overall else None,
            "p90_hours": hours(overall[3]) if overall else None,
            "breached": overall[4] if overall else 0,
            "by_channel": [
                {
                    "channel": self._label(r[0]),
                    "count": r[1],
                    "median_hours": hours(r[2]),
                    "p90_hours": hours(r[3]),
                }
                for r in rows
                if r[0] is not None
            ],
        }

    def _csat(self, since, company_ids):
        """Customer satisfaction from the one-click ratings of the closing mail (Odoo
        ``rating``): share of satisfied ratings (5 of 1/3/5) and count, overall and per team,
        channel and agent."""
        self.env["rating.rating"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT GROUPING(tm.name, c.name, p.name), tm.name, c.name, p.name, count(*),
                       count(*) FILTER (WHERE r.rating >= 4)
                  FROM rating_rating r
                  JOIN helpdesk_ticket t ON t.id = r.res_id
             LEFT JOIN helpdesk_ticket_team tm ON tm.id = t.team_id
             LEFT JOIN helpdesk_ticket_channel c ON c.id = t.channel_id
             LEFT JOIN res_users u ON u.id = t.user_id
             LEFT JOIN res_partner p ON p.id = u.partner_id
                 WHERE r.res_model = 'helpdesk.ticket' AND r.consumed AND r.rating > 0
                   AND r.write_date >= %(since)s AND t.company_id = ANY(%(companies)s)
              GROUP BY GROUPING SETS ((), (tm.name), (c.name), (p.name))
                """,
                since=since,
                companies=company_ids,
            )
        )
        rows = self.env.cr.fetchall()
        none = self.env._("None")

        def share(total, happy):
            return round(100.0 * happy / total, 1) if total else None

        out = {"count": 0, "satisfied_pct": None, "by_team": [], "by_channel": [], "by_agent": []}
        # GROUPING(): which set a row belongs to (7 the total, 3 per team, 5 per channel,
        # 6 per agent); a NULL name inside a set is "no team / channel / agent"
        sets = {3: ("by_team", 1), 5: ("by_channel", 2), 6: ("by_agent", 3)}
        for row in rows:
            total, happy = row[4], row[5]
            if row[0] == 7:
                out["count"], out["satisfied_pct"] = total, share(total, happy)
                continue
            key, column = sets[row[0]]
            out[key].append(
                {
                    "name": self._label(row[column]) or none,
                    "count": total,
                    "satisfied_pct": share(total, happy),
                }
            )
        for key in ("by_team", "by_channel", "by_agent"):
            out[key].sort(key=lambda r: (-r["count"], r["name"]))
        return out

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
