# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..helpers import resolution as clock_rules
from ..helpers import sla as sla_rules

STAFF = "base.group_user"
RESOLUTION_STATUSES = [
    (sla_rules.NONE, "No target"),
    (sla_rules.RUNNING, "On track"),
    (clock_rules.PAUSED, "Paused (waiting for the customer)"),
    (sla_rules.AT_RISK, "At risk"),
    (sla_rules.BREACHED, "Breached"),
    (sla_rules.MET, "Met"),
]
# the clock's bookkeeping: written by the server only (see _inbox_system_fields)
RESOLUTION_FIELDS = frozenset(
    {
        "inbox_resolution_policy_id",
        "inbox_resolution_target",
        "inbox_resolution_consumed",
        "inbox_resolution_running_since",
        "inbox_resolution_deadline",
        "inbox_resolution_at_risk_date",
        "inbox_resolution_status",
        "inbox_resolution_date",
        "inbox_resolution_minutes",
        "inbox_resolution_escalated",
    }
)


class HelpdeskTicket(models.Model):
    """The resolution clock beside the first answer: the policy's resolution target (per
    channel and priority) on the team's working hours, paused in the stages *waiting for
    the customer*, stopped when the ticket closes, running again when it reopens."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    inbox_resolution_policy_id = fields.Many2one(
        "inbox.sla.policy", string="Resolution SLA", readonly=True, copy=False, groups=STAFF
    )
    inbox_resolution_target = fields.Float(
        string="Resolution target (working min)", readonly=True, copy=False, groups=STAFF
    )
    inbox_resolution_consumed = fields.Float(
        string="Working minutes used", readonly=True, copy=False, groups=STAFF
    )
    inbox_resolution_running_since = fields.Datetime(
        string="Clock running since", readonly=True, copy=False, groups=STAFF
    )
    inbox_resolution_deadline = fields.Datetime(
        string="Resolve before", readonly=True, copy=False, groups=STAFF
    )
    inbox_resolution_at_risk_date = fields.Datetime(
        string="Resolution at risk from", readonly=True, copy=False, groups=STAFF
    )
    inbox_resolution_status = fields.Selection(
        RESOLUTION_STATUSES,
        string="Resolution",
        default=sla_rules.NONE,
        readonly=True,
        copy=False,
        index=True,
        groups=STAFF,
    )
    inbox_resolution_date = fields.Datetime(
        string="Resolved at", readonly=True, copy=False, groups=STAFF
    )
    inbox_resolution_minutes = fields.Float(
        string="Resolution time (working min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        groups=STAFF,
        help="Working minutes from the request to the closing, without the time the ticket "
        "waited for the customer.",
    )
    inbox_resolution_escalated = fields.Boolean(
        string="Resolution escalated", readonly=True, copy=False, groups=STAFF
    )

    _inbox_resolution_watch_idx = models.Index(
        "(inbox_resolution_at_risk_date) WHERE inbox_resolution_running_since IS NOT NULL"
    )

    @api.model
    def _inbox_system_fields(self):
        return super()._inbox_system_fields() | RESOLUTION_FIELDS  # the resolution clock

    # ---------------------------------------------------------------------------- clock
    def _inbox_resolution_clock(self):
        self.ensure_one()
        return clock_rules.Clock(
            target=self.inbox_resolution_target,
            consumed=self.inbox_resolution_consumed,
            running_since=self.inbox_resolution_running_since or None,
        )

    def _inbox_resolution_calendar(self, start):
        self.ensure_one()
        # sudo: the policy is configuration every agent's ticket uses
        policy = self.sudo().inbox_resolution_policy_id
        return policy._inbox_clock(self.team_id, start, self.company_id)

    def _inbox_resolution_save(self, clock, now, final=False):
        """Write ``clock`` and what follows from it (deadlines, status) on the ticket."""
        self.ensure_one()
        add, between = self._inbox_resolution_calendar(now)
        # sudo: the policy is managers' configuration, read only for its at-risk ratio
        policy = self.sudo().inbox_resolution_policy_id
        deadline, at_risk = clock_rules.deadlines(clock, add, policy.at_risk_ratio)
        vals = {
            "inbox_resolution_consumed": clock.consumed,
            "inbox_resolution_running_since": clock.running_since or False,
            "inbox_resolution_deadline": deadline or False,
            "inbox_resolution_at_risk_date": at_risk or False,
        }
        if final:
            vals["inbox_resolution_status"] = clock_rules.final_status(clock, now, between)
            vals["inbox_resolution_date"] = now
            vals["inbox_resolution_minutes"] = round(clock_rules.used(clock, now, between), 2)
        else:
            vals["inbox_resolution_status"] = clock_rules.status(
                clock, now, deadline, at_risk, between
            )
            vals["inbox_resolution_date"] = False
            vals["inbox_resolution_minutes"] = 0.0
        # sudo: the clock's fields are system fields, computed here, never typed
        self.sudo().write(vals)

    def _inbox_resolution_start(self, start):
        """Start the resolution clock at ``start`` with the ticket's SLA policy, once per
        ticket (a customer writing again does not restart it)."""
        for ticket in self:
            # sudo: the policies are managers' configuration; agents' tickets still follow them
            policy = ticket.sudo().inbox_sla_policy_id
            if ticket.sudo().inbox_resolution_policy_id or not policy:
                continue
            target = policy._inbox_resolution_minutes(ticket.team_id, ticket.company_id)
            if not target:
                continue
            # sudo: the clock's fields are system fields
            ticket.sudo().write(
                {"inbox_resolution_policy_id": policy.id, "inbox_resolution_target": target}
            )
            clock = clock_rules.Clock(target=target)
            if ticket._inbox_clock_phase() == "work":
                clock = clock_rules.resume(clock, start)
            ticket._inbox_resolution_save(clock, fields.Datetime.now())

    def _inbox_sla_start(self, start, first_response=None, channel=None):
        res = super()._inbox_sla_start(start, first_response=first_response, channel=channel)
        self._inbox_resolution_start(start)
        return res

    def _inbox_clock_phase(self):
        """``closed``, ``waiting`` (for the customer) or ``work``."""
        self.ensure_one()
        if not self.inbox_open:
            return "closed"
        return "waiting" if self.stage_id.inbox_waiting_customer else "work"

    def _inbox_resolution_move(self, before, after, now):
        """The ticket went from phase ``before`` to ``after`` at ``now``."""
        self.ensure_one()
        # sudo: the clock's fields are written by the pipeline only (field guard), for any mover
        ticket = self.sudo()
        if not ticket.inbox_resolution_target:
            return
        _add, between = ticket._inbox_resolution_calendar(now)
        clock = ticket._inbox_resolution_clock()
        if after == "work":
            ticket._inbox_resolution_save(clock_rules.resume(clock, now), now)
        else:
            clock = clock_rules.pause(clock, now, between)
            ticket._inbox_resolution_save(clock, now, final=after == "closed")

    def write(self, vals):
        if "stage_id" not in vals and "active" not in vals:
            return super().write(vals)
        before = {ticket.id: ticket._inbox_clock_phase() for ticket in self}
        res = super().write(vals)
        now = fields.Datetime.now()
        for ticket in self:
            after = ticket._inbox_clock_phase()
            if after != before[ticket.id]:
                ticket._inbox_resolution_move(before[ticket.id], after, now)
        return res

    # ----------------------------------------------------------------------------- cron
    @api.model
    def _cron_inbox_resolution(self, now=None):
        """Running resolution clocks past their at-risk moment: at risk, then breached; a
        breach schedules one escalation for the team lead. Returns the tickets looked at."""
        now = now or fields.Datetime.now()
        # sudo: the cron watches every company's running clocks
        watched = self.sudo().search(
            [
                ("inbox_resolution_running_since", "!=", False),
                ("inbox_resolution_status", "in", (sla_rules.RUNNING, sla_rules.AT_RISK)),
                ("inbox_resolution_at_risk_date", "<=", now),
            ]
        )
        watched._inbox_clock_refresh("resolution", now)._inbox_resolution_escalate()
        return watched

    def _inbox_resolution_escalate(self):
        """Resolution target missed: an activity for the team lead (else the assignee)."""

        def texts(ticket, env, _lead):
            return (
                env._("Resolution target missed: %(ticket)s", ticket=ticket.display_name),
                env._(
                    "%(customer)s's request is still not resolved (%(policy)s).",
                    customer=ticket._inbox_customer_label(env),
                    policy=ticket.inbox_resolution_policy_id.name or "",
                ),
            )

        self._inbox_escalate_clock("resolution", texts)
