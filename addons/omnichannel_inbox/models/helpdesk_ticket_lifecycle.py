# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models

STAFF = "base.group_user"
REMINDER_TEMPLATE = "omnichannel_inbox.mail_template_inbox_waiting_reminder"
LIFECYCLE_FIELDS = frozenset(
    {
        "inbox_origin_ticket_id",
        "inbox_origin_kind",
        "inbox_waiting_since",
        "inbox_waiting_reminded_date",
    }
)


class HelpdeskTicket(models.Model):
    """A ticket's life after the first answer: reopened by the customer within the team's
    grace period (else a new ticket follows it up), linked tickets (follow-up, split), and
    tickets waiting for the customer: one reminder, then closed."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    inbox_origin_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Follows up",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The ticket this one comes from: a closed ticket the customer wrote to again "
        "after the grace period, or the ticket it was split from.",
    )
    inbox_origin_kind = fields.Selection(
        [("follow_up", "Follow-up of a closed ticket"), ("split", "Split from")],
        string="Link",
        readonly=True,
        copy=False,
    )
    inbox_derived_ticket_ids = fields.One2many(
        "helpdesk.ticket", "inbox_origin_ticket_id", string="Linked tickets", readonly=True
    )
    inbox_waiting_since = fields.Datetime(
        string="Waiting for the customer since", readonly=True, copy=False, groups=STAFF
    )
    inbox_waiting_reminded_date = fields.Datetime(
        string="Reminder sent", readonly=True, copy=False, groups=STAFF
    )

    @api.model
    def _inbox_system_fields(self):
        return super()._inbox_system_fields() | LIFECYCLE_FIELDS  # links and waiting

    # ------------------------------------------------------------------------- stages
    def _inbox_work_stage(self):
        """The stage a ticket goes back to when the customer writes (reopened, or no longer
        waiting): the team's second open stage not waiting for the customer ("In progress"),
        else its first."""
        self.ensure_one()
        # sudo: stages are configuration; the caller may write the ticket
        stages = (
            self.env["helpdesk.ticket.stage"]
            .sudo()
            .search(
                [
                    ("closed", "=", False),
                    ("inbox_waiting_customer", "=", False),
                    "|",
                    ("team_ids", "=", False),
                    ("team_ids", "in", self.team_id.ids),
                ],
                order="sequence, id",
            )
        )
        return stages[1:2] or stages[:1]

    def _inbox_closing_stage(self):
        """Where a ticket the customer left unanswered closes: the team's first closing stage
        ("Done"), never a cancelling one."""
        self.ensure_one()
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done", raise_if_not_found=False)
        if done and (not done.team_ids or self.team_id in done.team_ids):
            return done
        # sudo: stages are configuration
        return (
            self.env["helpdesk.ticket.stage"]
            .sudo()
            .search(
                [
                    ("closed", "=", True),
                    "|",
                    ("team_ids", "=", False),
                    ("team_ids", "in", self.team_id.ids),
                ],
                order="sequence, id",
                limit=1,
            )
        )

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        waiting_before = {t.id: t.stage_id.inbox_waiting_customer for t in self}
        res = super().write(vals)
        now = fields.Datetime.now()
        for ticket in self:
            waiting = ticket.stage_id.inbox_waiting_customer and ticket.inbox_open
            if waiting and not waiting_before[ticket.id]:
                # sudo: the waiting clock is a system field
                ticket.sudo().write(
                    {"inbox_waiting_since": now, "inbox_waiting_reminded_date": False}
                )
            elif not waiting and waiting_before[ticket.id]:
                # sudo: same
                ticket.sudo().write(
                    {"inbox_waiting_since": False, "inbox_waiting_reminded_date": False}
                )
        return res

    # ----------------------------------------------------------------- customer replies
    def _inbox_note(self, text):
        self.ensure_one()
        self.message_post(
            body=Markup("<p>%s</p>") % escape(text),
            subtype_xmlid="mail.mt_note",
            message_type="comment",
        )

    def _inbox_reopen(self, received):
        """The customer wrote within the grace period: back to work, and a note."""
        self.ensure_one()
        env = self.env["inbox.router"]._inbox_text_env(self.team_id)
        stage = self._inbox_work_stage()
        if stage:
            self.write({"stage_id": stage.id})
        days = (received - self.closed_date).days if self.closed_date else 0
        self._inbox_note(
            env._(
                "Reopened: the customer wrote again %(days)s day(s) after the closing.",
                days=days,
            )
        )

    def _inbox_link_follow_up(self, closed):
        """This new ticket follows up ``closed`` (the customer wrote after the grace
        period): linked both ways, and each says so."""
        self.ensure_one()
        env = self.env["inbox.router"]._inbox_text_env(self.team_id)
        # sudo: the link is a system field
        self.sudo().write({"inbox_origin_ticket_id": closed.id, "inbox_origin_kind": "follow_up"})
        self._inbox_note(
            env._(
                "Follows up the closed ticket %(ticket)s: the customer wrote again after the "
                "reopening period (%(days)s days).",
                ticket=closed.display_name,
                days=closed.team_id.inbox_reopen_days,
            )
        )
        closed._inbox_note(
            env._(
                "The customer wrote again after the reopening period: new ticket %(ticket)s.",
                ticket=self.display_name,
            )
        )

    def _inbox_back_to_work(self):
        """The customer answered a ticket waiting for them: back to work."""
        self.ensure_one()
        stage = self._inbox_work_stage()
        if stage and self.stage_id.inbox_waiting_customer:
            self.write({"stage_id": stage.id})

    def action_inbox_open_linked(self):
        self.ensure_one()
        tickets = self.inbox_origin_ticket_id | self.inbox_derived_ticket_ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Linked tickets"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("id", "in", tickets.ids)],
        }

    # ------------------------------------------------------------- waiting: remind, close
    @api.model
    def _cron_inbox_waiting(self, now=None):
        """Tickets waiting for the customer: one reminder after the team's days, then closed
        the team's days after the reminder. Idempotent (the reminder's date is kept; a
        closed ticket no longer waits). Returns ``(reminded, closed)`` tickets."""
        now = now or fields.Datetime.now()
        # sudo: the cron looks at every team's waiting tickets
        Ticket = self.sudo()
        reminded, closed = Ticket.browse(), Ticket.browse()
        teams = (
            self.env["helpdesk.ticket.team"]
            .sudo()
            .search([("inbox_waiting_reminder_days", ">", 0)])
        )
        template = self.env.ref(REMINDER_TEMPLATE, raise_if_not_found=False)
        for team in teams:
            waiting = [
                ("team_id", "=", team.id),
                ("inbox_open", "=", True),
                ("stage_id.inbox_waiting_customer", "=", True),
            ]
            due = Ticket.search(
                [
                    *waiting,
                    ("inbox_waiting_reminded_date", "=", False),
                    (
                        "inbox_waiting_since",
                        "<=",
                        now - timedelta(days=team.inbox_waiting_reminder_days),
                    ),
                ]
            )
            for ticket in due:
                if template:
                    ticket.with_context(inbox_message_channel="email").message_post_with_source(
                        template, message_type="comment", subtype_xmlid="mail.mt_comment"
                    )
                ticket.inbox_waiting_reminded_date = now
                reminded |= ticket
            if team.inbox_waiting_close_days <= 0:
                continue
            expired = Ticket.search(
                [
                    *waiting,
                    ("inbox_waiting_reminded_date", "!=", False),
                    (
                        "inbox_waiting_reminded_date",
                        "<=",
                        now - timedelta(days=team.inbox_waiting_close_days),
                    ),
                ]
            )
            for ticket in expired:
                stage = ticket._inbox_closing_stage()
                if not stage:
                    continue
                env = self.env["inbox.router"]._inbox_text_env(ticket.team_id)
                ticket._inbox_note(
                    env._(
                        "Closed: no answer from the customer %(days)s day(s) after the reminder.",
                        days=team.inbox_waiting_close_days,
                    )
                )
                ticket.write({"stage_id": stage.id})
                closed |= ticket
        return reminded, closed
