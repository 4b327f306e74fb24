# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..helpers import sla as sla_rules
from ..helpers.working_hours import (
    add_clock_minutes,
    add_working_minutes,
    slots_from_attendances,
    working_minutes_between,
)

_logger = logging.getLogger(__name__)
PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]


class InboxSlaPolicy(models.Model):
    """Time to first answer per channel (and optionally team and priority), counted on the
    team's working hours: e.g. chat 30 minutes, phone callback 4 hours, e-mail 1 business day."""

    _name = "inbox.sla.policy"
    _description = "Inbox SLA policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel", required=True, ondelete="cascade", index=True
    )
    team_ids = fields.Many2many(
        "helpdesk.ticket.team", string="Teams", help="Empty: every team without its own policy."
    )
    priority = fields.Selection(PRIORITIES, help="Empty: every priority without its own policy.")
    target = fields.Float(required=True, default=1.0, help="Time to the first answer.")
    target_unit = fields.Selection(
        [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Business days")],
        required=True,
        default="hours",
    )
    target_minutes = fields.Float(
        string="Target (working minutes)", compute="_compute_target_minutes", store=True
    )
    use_working_hours = fields.Boolean(
        default=True, help="Count only the team's working hours (else: round the clock)."
    )
    at_risk_ratio = fields.Float(
        string="At risk after",
        default=sla_rules.DEFAULT_AT_RISK_RATIO,
        help="Share of the target after which an unanswered ticket shows as at risk.",
    )

    resolution_target = fields.Float(
        string="Resolution target",
        help="Time to resolve the ticket, beside the first answer. 0: no resolution target. "
        "The clock pauses while the ticket waits for the customer.",
    )
    resolution_unit = fields.Selection(
        [("hours", "Hours"), ("days", "Business days")],
        string="Resolution unit",
        required=True,
        default="days",
    )

    _target_positive = models.Constraint("CHECK(target > 0)", "The SLA target must be positive.")
    _resolution_target_positive = models.Constraint(
        "CHECK(resolution_target >= 0)", "The resolution target cannot be negative."
    )

    @api.depends("target", "target_unit")
    def _compute_target_minutes(self):
        for policy in self:
            factor = {"minutes": 1.0, "hours": 60.0, "days": 0.0}[policy.target_unit or "hours"]
            if policy.target_unit == "days":
                calendar = (
                    policy.company_id.resource_calendar_id or self.env.company.resource_calendar_id
                )
                factor = (calendar.hours_per_day or 8.0) * 60.0
            policy.target_minutes = policy.target * factor

    @api.constrains("at_risk_ratio")
    def _check_at_risk_ratio(self):
        for policy in self:
            if not 0.0 < policy.at_risk_ratio <= 1.0:
                raise ValidationError(self.env._("'At risk after' is a share between 0 and 1."))

    @api.model
    def _inbox_find(self, team, channel, priority):
        """The most specific active policy for this team, channel and priority."""
        if not channel:
            return self.browse()
        # sudo: agents' tickets need the policy whatever their company switcher shows
        policies = self.sudo().search(
            [
                ("channel_id", "=", channel.id),
                ("company_id", "in", [False, (team.company_id or self.env.company).id]),
            ]
        )

        def score(policy):
            if policy.team_ids and team not in policy.team_ids:
                return None
            if policy.priority and policy.priority != priority:
                return None
            return (bool(policy.team_ids), bool(policy.priority), -policy.sequence, -policy.id)

        scored = [(score(p), p) for p in policies]
        scored = [(s, p) for s, p in scored if s is not None]
        return max(scored, key=lambda item: item[0])[1] if scored else self.browse()

    def _inbox_deadlines(self, team, start, company):
        """``(deadline, at_risk_date)`` of a clock started at ``start`` (naive UTC)."""
        self.ensure_one()
        calendar = (team._inbox_calendar() if team else None) or company.resource_calendar_id
        target = self.target_minutes
        if self.target_unit == "days" and calendar and self.use_working_hours:
            # a business day is a day of the team's own hours (7.5 h, 8.5 h in showrooms...)
            target = self.target * (calendar.hours_per_day or 8.0) * 60.0
        at_risk = sla_rules.at_risk_minutes(target, self.at_risk_ratio)
        if not self.use_working_hours or not calendar:
            return add_clock_minutes(start, target), add_clock_minutes(start, at_risk)
        slots, tz, leaves = self._inbox_calendar_data(calendar, start)
        try:
            return (
                add_working_minutes(start, target, slots, tz, leaves),
                add_working_minutes(start, at_risk, slots, tz, leaves),
            )
        except ValueError:
            _logger.warning("calendar %s has no working hours: SLA on the clock", calendar.id)
            return add_clock_minutes(start, target), add_clock_minutes(start, at_risk)

    def _inbox_resolution_minutes(self, team, company):
        """The resolution target in working minutes (0: none); a business day is a day of the
        team's own hours."""
        self.ensure_one()
        if not self.resolution_target:
            return 0.0
        if self.resolution_unit == "hours":
            return self.resolution_target * 60.0
        calendar = (team._inbox_calendar() if team else None) or company.resource_calendar_id
        return self.resolution_target * ((calendar and calendar.hours_per_day) or 8.0) * 60.0

    def _inbox_clock(self, team, start, company):
        """``(add, between)``: the team's working time as two functions of naive UTC moments,
        ``add(moment, minutes) -> moment`` and ``between(start, end) -> minutes`` (round the
        clock when the policy does not use working hours or the calendar has none)."""
        self.ensure_one()
        calendar = (team._inbox_calendar() if team else None) or company.resource_calendar_id

        def clock_between(a, b):
            return max(0.0, (b - a).total_seconds() / 60.0)

        if not self.use_working_hours or not calendar:
            return add_clock_minutes, clock_between
        slots, tz, leaves = self._inbox_calendar_data(calendar, start)
        if not slots:
            return add_clock_minutes, clock_between

        def add(moment, minutes):
            return add_working_minutes(moment, minutes, slots, tz, leaves)

        def between(a, b):
            return working_minutes_between(a, b, slots, tz, leaves)

        return add, between

    @api.model
    def _inbox_calendar_data(self, calendar, start):
        """Weekly slots, time zone and closures (global leaves) of a resource calendar."""
        # sudo: working hours and public holidays of the team's calendar
        calendar = calendar.sudo()
        rows = [
            {
                "dayofweek": att.dayofweek,
                "hour_from": att.hour_from,
                "hour_to": att.hour_to,
                "day_period": att.day_period,
                "display_type": att.display_type,
            }
            for att in calendar.attendance_ids
            if not att.week_type or not calendar.two_weeks_calendar or att.week_type == "0"
        ]
        leaves = [
            (leave.date_from, leave.date_to)
            for leave in calendar.global_leave_ids
            if leave.date_to and leave.date_to >= start - timedelta(days=1)
        ]
        return slots_from_attendances(rows), calendar.tz or "Europe/Brussels", leaves

    # ------------------------------------------------------------------------------ cron
    @api.model
    def _cron_check_deadlines(self, now=None):
        """At risk and breached tickets; a breach schedules an escalation for the team lead."""
        now = now or fields.Datetime.now()
        # sudo: the SLA cron watches every company's open tickets
        Ticket = self.env["helpdesk.ticket"].sudo()
        watched = Ticket.search(
            [
                ("inbox_open", "=", True),
                ("inbox_sla_status", "in", (sla_rules.RUNNING, sla_rules.AT_RISK)),
                ("inbox_sla_at_risk_date", "<=", now),
            ]
        )
        watched._inbox_clock_refresh("sla", now)._inbox_escalate()
        return len(watched)
