# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..helpers import sla as sla_rules


class InboxRouter(models.AbstractModel):
    """Step 6, SLA: a new ticket starts its clock with the policy of its team, channel and
    priority, on the team's working hours. A request joining a ticket that was already
    answered starts a new clock (the customer waits again); one joining a ticket still
    waiting keeps the earlier deadline."""

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_apply_sla(self, ticket, req, outcome):
        channel = self._inbox_channel(req)
        start = min(req.started or req.received, req.received)
        if outcome == "new" or ticket.inbox_sla_status in (sla_rules.NONE, sla_rules.MET):
            ticket._inbox_sla_start(start, req.first_response, channel or None)
        elif req.first_response:
            ticket._inbox_register_response(req.first_response)
        return ticket
