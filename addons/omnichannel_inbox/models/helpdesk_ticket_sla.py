# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from typing import NamedTuple

from odoo import api, fields, models

from ..helpers import sla as sla_rules

ESCALATION_ACTIVITY = "omnichannel_inbox.mail_activity_type_sla_escalation"

SLA_STATUSES = [
    (sla_rules.NONE, "No SLA"),
    (sla_rules.RUNNING, "On track"),
    (sla_rules.AT_RISK, "At risk"),
    (sla_rules.BREACHED, "Breached"),
    (sla_rules.MET, "Met"),
]


class ClockFields(NamedTuple):
    """The fields of one ticket clock that its watch reads and writes."""

    deadline: str
    at_risk_date: str
    status: str
    escalated: str


# a ticket's two clocks: first answer (this file), resolution (helpdesk_ticket_resolution.py)
CLOCKS = {
    "sla": ClockFields(
        "inbox_sla_deadline", "inbox_sla_at_risk_date", "inbox_sla_status", "inbox_sla_escalated"
    ),
    "resolution": ClockFields(
        "inbox_resolution_deadline",
        "inbox_resolution_at_risk_date",
        "inbox_resolution_status",
        "inbox_resolution_escalated",
    ),
}


class HelpdeskTicket(models.Model):
    """The SLA clock of a ticket: policy, deadlines, first response, escalation."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    inbox_sla_policy_id = fields.Many2one(
        "inbox.sla.policy", string="SLA", readonly=True, copy=False, ondelete="set null"
    )
    inbox_sla_start_date = fields.Datetime(string="SLA started", readonly=True, copy=False)
    inbox_sla_deadline = fields.Datetime(string="Answer before", readonly=True, copy=False)
    inbox_sla_at_risk_date = fields.Datetime(string="At risk from", readonly=True, copy=False)
    inbox_sla_responded_date = fields.Datetime(string="Answered at", readonly=True, copy=False)
    inbox_sla_status = fields.Selection(
        SLA_STATUSES, string="SLA status", default="none", readonly=True, copy=False, index=True
    )
    inbox_sla_escalated = fields.Boolean(string="Escalated", readonly=True, copy=False)
    inbox_first_response_date = fields.Datetime(string="First response", readonly=True, copy=False)
    inbox_first_response_minutes = fields.Float(
        string="First response (min)",
        compute="_compute_inbox_first_response_minutes",
        store=True,
        aggregator="avg",
    )

    _inbox_sla_watch_idx = models.Index(
        "(inbox_sla_deadline) WHERE inbox_open IS TRUE AND inbox_sla_status IN ('running', 'at_risk')"
    )

    @api.depends("create_date", "inbox_first_response_date")
    def _compute_inbox_first_response_minutes(self):
        for ticket in self:
            start, first = ticket.create_date, ticket.inbox_first_response_date
            ticket.inbox_first_response_minutes = (
                max(0.0, (first - start).total_seconds() / 60.0) if start and first else 0.0
            )

    def _inbox_register_response(self, when):
        """Someone answered the customer at ``when``: first response and SLA."""
        for ticket in self:
            vals = {}
            if not ticket.inbox_first_response_date:
                vals["inbox_first_response_date"] = when
            if ticket.inbox_sla_deadline and not ticket.inbox_sla_responded_date:
                vals["inbox_sla_responded_date"] = when
                vals["inbox_sla_status"] = sla_rules.sla_status(
                    when, ticket.inbox_sla_deadline, ticket.inbox_sla_at_risk_date, when
                )
            if vals:
                # sudo: SLA bookkeeping after a reply, whoever the replier's access
                ticket.sudo().write(vals)

    def _inbox_sla_start(self, start, first_response=None, channel=None):
        """(Re)start the SLA clock at ``start`` with the policy of the ticket's team, the
        request's channel and the ticket's priority."""
        Policy = self.env["inbox.sla.policy"]
        for ticket in self:
            policy = Policy._inbox_find(
                ticket.team_id, channel or ticket.channel_id, ticket.priority
            )
            if not policy:
                # sudo: SLA fields are system fields, computed here, never typed
                ticket.sudo().write(
                    {
                        "inbox_sla_policy_id": False,
                        "inbox_sla_start_date": False,
                        "inbox_sla_deadline": False,
                        "inbox_sla_at_risk_date": False,
                        "inbox_sla_responded_date": False,
                        "inbox_sla_status": sla_rules.NONE,
                        "inbox_sla_escalated": False,
                    }
                )
                continue
            deadline, at_risk = policy._inbox_deadlines(ticket.team_id, start, ticket.company_id)
            responded = first_response if first_response and first_response >= start else None
            vals = {
                "inbox_sla_policy_id": policy.id,
                "inbox_sla_start_date": start,
                "inbox_sla_deadline": deadline,
                "inbox_sla_at_risk_date": at_risk,
                "inbox_sla_responded_date": responded or False,
                "inbox_sla_status": sla_rules.sla_status(
                    fields.Datetime.now(), deadline, at_risk, responded
                ),
                "inbox_sla_escalated": False,
            }
            if responded and not ticket.inbox_first_response_date:
                vals["inbox_first_response_date"] = responded
            # sudo: SLA fields are system fields, computed here, never typed
            ticket.sudo().write(vals)

    def _inbox_clock_refresh(self, clock, now):
        """Recompute the status of a running clock of these tickets at ``now`` (``clock``: a
        key of CLOCKS, ``sla`` for the first answer or ``resolution``) and write it only
        where it changed, one write per new status. Returns the tickets now breached and not
        escalated yet: the caller escalates them."""
        names = CLOCKS[clock]
        changed = defaultdict(list)
        for ticket in self:
            status = sla_rules.sla_status(now, ticket[names.deadline], ticket[names.at_risk_date])
            if status != ticket[names.status]:
                changed[status].append(ticket.id)
        for status, ids in changed.items():
            self.browse(ids).write({names.status: status})
        return self.filtered(
            lambda t: t[names.status] == sla_rules.BREACHED and not t[names.escalated]
        )

    def _inbox_escalate(self):
        """SLA breached: an activity for the team lead (else the assignee, else the admin)."""

        def texts(ticket, env, lead):
            deadline = fields.Datetime.context_timestamp(
                ticket.with_context(tz=lead.tz or "Europe/Brussels"), ticket.inbox_sla_deadline
            )
            return (
                env._("SLA breached: %(ticket)s", ticket=ticket.display_name),
                env._(
                    "%(customer)s is still waiting for an answer (%(channel)s, due %(deadline)s).",
                    customer=ticket._inbox_customer_label(env),
                    channel=ticket.inbox_sla_policy_id.name or ticket.channel_id.name or "",
                    deadline=deadline.strftime("%Y-%m-%d %H:%M"),
                ),
            )

        self._inbox_escalate_clock("sla", texts)

    def _inbox_escalate_clock(self, clock, texts):
        """A clock missed its target (``clock``: a key of CLOCKS): one escalation activity
        per ticket for the team lead (else the assignee, else the admin), its texts
        ``texts(ticket, env, lead) -> (summary, note)`` in the lead's language; the clock is
        then marked escalated."""
        for ticket in self:
            lead = (
                ticket.team_id.user_id
                or ticket.user_id
                or self.env.ref("base.user_admin", raise_if_not_found=False)
            )
            env = ticket.with_context(lang=lead.lang or self.env.lang).env
            summary, note = texts(ticket, env, lead)
            ticket.activity_schedule(
                ESCALATION_ACTIVITY,
                date_deadline=fields.Date.context_today(ticket),
                summary=summary,
                note=note,
                user_id=lead.id,
            )
            ticket[CLOCKS[clock].escalated] = True

    def _inbox_customer_label(self, env):
        """Who is waiting, for an escalation text (``env``: the reader's language)."""
        self.ensure_one()
        return self.partner_id.display_name or self.partner_name or env._("The customer")
