# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

from ..helpers.assignment import Member, pick_assignee


class InboxRouter(models.AbstractModel):
    """Step 5, assign: the available member of the team with the fewest open tickets (one
    grouped query on an index of the open tickets). A manager switches it off per team."""

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_assign(self, ticket):
        team = ticket.team_id
        if not team or not team.inbox_auto_assign:
            return ticket.user_id
        members = team.user_ids.filtered(lambda u: u.active and not u.share)
        if ticket.user_id and ticket.user_id in members:
            return ticket.user_id
        if not members:
            return ticket.user_id
        Ticket = self.env["helpdesk.ticket"]
        Ticket.flush_model(["inbox_open", "user_id", "assigned_date"])
        self.env.cr.execute(
            SQL(
                """
                SELECT user_id, count(*), max(assigned_date)
                  FROM helpdesk_ticket
                 WHERE inbox_open AND user_id = ANY(%s) AND id != %s
              GROUP BY user_id
                """,
                members.ids,
                ticket.id,
            )
        )
        load = {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}
        chosen = pick_assignee(
            [
                Member(
                    user.id,
                    load.get(user.id, (0, None))[0],
                    load.get(user.id, (0, None))[1],
                    user.inbox_available,
                )
                for user in members
            ]
        )
        if chosen:
            ticket.user_id = chosen
        elif ticket.user_id not in members:
            ticket.user_id = False
        return ticket.user_id
