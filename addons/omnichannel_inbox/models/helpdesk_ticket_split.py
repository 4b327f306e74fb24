# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

# messages a person wrote (or a channel brought in): what a split can start from (internal
# notes and automatic mails move with the later messages, they do not start a split)
SPLITTABLE_TYPES = ("email", "comment", "email_outgoing")


class HelpdeskTicket(models.Model):
    """*Split from this message*: undo a wrong join (dedup, threading) by moving a message
    and the later ones, with their attachments, into a new ticket linked to this one."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    def _inbox_split_messages(self, message):
        """``message`` and the later messages of this ticket (not the tracking notices,
        which tell this ticket's own history)."""
        self.ensure_one()
        # sudo: listing the thread of a ticket the caller may write (checked by the caller)
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("id", ">=", message.id),
                    ("message_type", "!=", "notification"),
                ],
                order="id",
            )
        )

    def _inbox_split_from(self, message):
        """Move ``message`` and the later ones into a new ticket (same team, channel and
        assignee; the message's author as customer when not staff), linked to this one;
        attachments follow their messages; both tickets say so. Returns the new ticket.

        :raises UserError: the message is not one of this ticket's messages, or it is the
            first one (nothing would stay)."""
        self.ensure_one()
        self.check_access("write")
        # sudo: the user may edit this ticket (checked above); the message must be its own (below)
        message = message.sudo()
        if (
            message.model != self._name
            or message.res_id != self.id
            or message.message_type not in SPLITTABLE_TYPES
            or message.subtype_id.internal
        ):
            raise UserError(self.env._("Pick a message of this ticket to split from."))
        moved = self._inbox_split_messages(message)
        # sudo: the thread's earlier messages, only counted
        earlier = (
            self.env["mail.message"]
            .sudo()
            .search_count(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("id", "<", message.id),
                    ("message_type", "in", SPLITTABLE_TYPES),
                ]
            )
        )
        if not earlier and not html2plaintext(self.description or "").strip():
            raise UserError(self.env._("Nothing would stay on this ticket: pick a later message."))
        env = self.env["inbox.router"]._inbox_text_env(self.team_id)
        author = message.author_id
        # sudo: whether the author is staff (res.users is not readable by everyone)
        staff = any(not user.share for user in author.sudo().user_ids)
        partner = author if author and not staff else self.partner_id
        text = html2plaintext(message.body or "").strip()
        channel = message.inbox_channel_id or self.channel_id
        new = (
            self.env["helpdesk.ticket"]
            .with_context(mail_create_nolog=True, inbox_routing=True)
            .create(
                {
                    "name": message.subject
                    or (text.splitlines()[0][:80] if text else "")
                    or env._("Split from %(ticket)s", ticket=self.number),
                    "description": message.body or Markup("<p>%s</p>") % escape(self.name),
                    "partner_id": partner.id or False,
                    "partner_name": partner.name or self.partner_name,
                    "partner_email": partner.email or self.partner_email,
                    "team_id": self.team_id.id or False,
                    "channel_id": channel.id or False,
                    "company_id": self.company_id.id,
                    "priority": self.priority,
                    "user_id": self.user_id.id or False,
                }
            )
        )
        # sudo: the link and the request date are system fields
        new.sudo().write(
            {
                "inbox_origin_ticket_id": self.id,
                "inbox_origin_kind": "split",
                "inbox_last_request_date": message.date,
            }
        )
        # attachments follow their messages
        attachments = moved.attachment_ids.filtered(
            lambda a: a.res_model == self._name and a.res_id == self.id
        )
        moved.write({"res_id": new.id})
        attachments.write({"res_id": new.id})
        new.message_subscribe(partner_ids=partner.ids)
        new._inbox_sla_start(message.date, channel=channel or None)
        self._inbox_note(
            env._(
                "Split: %(count)s message(s) and %(attachments)s attachment(s) moved to the new "
                "ticket %(ticket)s.",
                count=len(moved),
                attachments=len(attachments),
                ticket=new.display_name,
            )
        )
        new._inbox_note(
            env._(
                "Split from %(ticket)s: %(count)s message(s) and %(attachments)s attachment(s) "
                "moved here.",
                ticket=self.display_name,
                count=len(moved),
                attachments=len(attachments),
            )
        )
        return new

    def action_inbox_split(self):
        """The split dialog, with the ticket's messages listed (*Split from here*)."""
        self.ensure_one()
        self.check_access("write")
        Wizard = self.env["inbox.split.wizard"]
        wizard = Wizard.create({"ticket_id": self.id, "line_ids": Wizard._line_commands(self)})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Split from a message"),
            "res_model": "inbox.split.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }
