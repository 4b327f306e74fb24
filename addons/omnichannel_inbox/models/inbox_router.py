# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import time

from odoo import api, models

_logger = logging.getLogger(__name__)

PARAM_PREFIX = "omnichannel_inbox."


class InboxRouter(models.AbstractModel):
    """The routing pipeline every channel goes through, one file per step:

    ``identify`` (inbox_step_identify) -> ``detect orders`` (inbox_step_orders) ->
    ``dedup / thread`` (inbox_step_dedup) -> ``route`` (inbox_step_route) ->
    ``assign`` (inbox_step_assign) -> ``SLA`` (inbox_step_sla), then a log line
    (``inbox.request``).

    Runs as superuser: the callers are gateways (mail, iAdvize webhook events, 3CX reports)
    or buttons that already checked the user's access to the record they start from.
    Every lookup is an indexed query: routing one request costs the same with 1,000 or
    100,000 tickets.
    """

    _name = "inbox.router"
    _description = "Omnichannel inbox routing"

    @api.model
    def _inbox_text_env(self, team=None):
        """Environment to write texts agents read (titles, notes): the language of the agent
        at the keyboard, else — webhooks, crons, mail gateway — the team's or company's."""
        user = self.env.user
        if self.env.context.get("lang") and user._is_internal() and not user._is_superuser():
            return self.env
        Team = self.env["helpdesk.ticket.team"]
        lang = (team or Team)._inbox_server_lang()
        return self.with_context(lang=lang).env

    @api.model
    def _param(self, key, default=None):
        # sudo: the inbox settings (dedup window, patterns) are system parameters
        return self.env["ir.config_parameter"].sudo().get_param(PARAM_PREFIX + key, default)

    @api.model
    def _route(self, req, create_ticket):
        """Route ``req`` (an :class:`IntakeRequest`); ``create_ticket(vals)`` opens the new
        ticket the channel's way. Channels call :meth:`_intake` (inbox_intake.py), not
        this. Returns ``(ticket, outcome)`` with outcome ``new``,
        ``threaded`` (explicit reply) or ``deduplicated`` (same customer's open ticket)."""
        started = time.perf_counter()
        # sudo: see the class docstring (gateways and checked buttons)
        router = self.sudo().with_context(inbox_routing=True)
        Ticket = router.env["helpdesk.ticket"]
        router._inbox_channel(req)
        router._inbox_identify(req)
        router._inbox_detect_orders(req)
        ticket, outcome = router._inbox_find_existing(req)
        if ticket:
            router._inbox_append(ticket, req, outcome)
        else:
            if create_ticket is None:
                raise ValueError("no ticket to thread this request into")
            vals = router._inbox_ticket_values(req)
            ticket = create_ticket(vals).with_env(Ticket.env)
            outcome = "new"
            router._inbox_flag_possible_duplicate(ticket, req)
            router._inbox_assign(ticket)
        router._inbox_note_foreign_orders(ticket, req)
        router._inbox_apply_sla(ticket, req, outcome)
        router._inbox_log(req, ticket, outcome, time.perf_counter() - started)
        return ticket, outcome

    @api.model
    def _inbox_log(self, req, ticket, outcome, seconds):
        # sudo: the request log is written by the system, read by managers
        self.env["inbox.request"].sudo().create(
            {
                "date": req.received,
                "channel_id": req.channel_id or False,
                "ticket_id": ticket.id,
                "partner_id": req.partner_id or False,
                "outcome": outcome,
                "identified_by": req.identified_by or False,
                "sender": (req.email_normalized or req.phone_e164 or req.name or "")[:128] or False,
                "order_refs": ", ".join(req.order_numbers)[:255] or False,
                "routed_by": req.routed_by or False,
                "duration_ms": round(seconds * 1000.0, 2),
                "company_id": req.company_id,
            }
        )
