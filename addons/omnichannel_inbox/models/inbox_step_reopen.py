# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..helpers import reopen as reopen_rules


class InboxRouter(models.AbstractModel):
    """Step 3b, replies to closed tickets and to tickets waiting for the customer
    (helpers/reopen.py): a short thanks is logged and changes nothing; within the team's
    grace period the ticket reopens; after it a new ticket opens, linked to the closed one.
    A reply to a ticket waiting for the customer brings it back to work."""

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_find_existing(self, req):
        ticket, outcome = super()._inbox_find_existing(req)
        if outcome != "threaded" or ticket.inbox_open:
            return ticket, outcome
        req.closed_reply = reopen_rules.reply_to_closed(
            ticket.closed_date or None,
            req.received,
            "\n".join(filter(None, [req.text])),
            ticket.team_id.inbox_reopen_days,
        )
        if req.closed_reply == reopen_rules.NEW_LINKED:
            req.follow_up_of_id = ticket.id
            req.thread_ticket_id = 0
            # the customer's other open ticket may take it (dedup), else a new one opens
            return super()._inbox_find_existing(req)
        if req.closed_reply == reopen_rules.REOPEN:
            ticket._inbox_reopen(req.received)
        return ticket, outcome

    @api.model
    def _inbox_append(self, ticket, req, outcome):
        ticket = super()._inbox_append(ticket, req, outcome)
        if (
            ticket.inbox_open
            and ticket.stage_id.inbox_waiting_customer
            and not reopen_rules.is_short_thanks(req.text)
        ):
            ticket._inbox_back_to_work()
        return ticket

    @api.model
    def _inbox_apply_sla(self, ticket, req, outcome):
        if req.closed_reply == reopen_rules.THANKS:
            return ticket  # nothing to answer: no clock
        return super()._inbox_apply_sla(ticket, req, outcome)

    @api.model
    def _route(self, req, create_ticket):
        ticket, outcome = super()._route(req, create_ticket)
        if req.follow_up_of_id and outcome == "new":
            closed = ticket.browse(req.follow_up_of_id).exists()
            if closed:
                ticket._inbox_link_follow_up(closed)
        return ticket, outcome
