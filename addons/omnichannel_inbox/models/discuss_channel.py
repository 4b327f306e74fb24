# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext

from ..helpers.request import IntakeRequest

_logger = logging.getLogger(__name__)


class DiscussChannel(models.Model):
    """Odoo's own live chat: a finished conversation with a visitor becomes a ticket (or joins
    the visitor's open one), like an iAdvize chat."""

    _inherit = "discuss.channel"

    inbox_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", readonly=True, copy=False, ondelete="set null"
    )

    def write(self, vals):
        """A live chat closed by its visitor, its operator or the system becomes a ticket."""
        if "inbox_ticket_id" in vals and not self.env.su:
            raise AccessError(self.env._("The ticket of a live chat is set by the inbox."))
        closing = self.browse()
        if vals.get("livechat_end_dt"):
            closing = self.filtered(
                lambda c: (
                    c.channel_type == "livechat" and not c.livechat_end_dt and not c.inbox_ticket_id
                )
            )
            closing = closing.filtered(lambda c: c._inbox_closed_by_participant())
        res = super().write(vals)
        for channel in closing:
            try:
                with self.env.cr.savepoint():
                    channel._inbox_livechat_ticket()
            except Exception:  # closing the chat must never fail because of the inbox
                _logger.exception("live chat %s: no ticket", channel.id)
        return res

    def _inbox_closed_by_participant(self):
        """True when the user closing the chat is the system, or one of its members."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or user._is_superuser() or user._is_public():
            return True  # cron, or the visitor's session (the route checks the guest)
        # sudo: membership of the closing user, only compared
        return user.partner_id in self.sudo().channel_member_ids.partner_id

    def _inbox_visitor(self):
        """``(partner, guest)`` who really started this chat through the live chat: a guest
        of a public session, or the portal user who opened it. A channel an internal user
        made by hand (picking a customer as "visitor") has none: it is no customer's chat."""
        self.ensure_one()
        Partner, Guest = self.env["res.partner"], self.env["mail.guest"]
        # sudo: who created the session and who are its visitors, only compared
        channel = self.sudo()
        starter = channel.create_uid
        if not channel.livechat_channel_id or not starter or not starter.share:
            return Partner, Guest
        if starter._is_public():
            return Partner, channel.livechat_customer_guest_ids[:1]
        return (channel.livechat_customer_partner_ids & starter.partner_id), Guest

    @staticmethod
    def _inbox_poster(message):
        """The partner who really posted ``message``: an internal user may post with another
        ``author_id`` (core allows it), those are their words, not the author's."""
        poster = message.create_uid
        if poster and not poster.share and not poster._is_superuser():
            return poster.partner_id
        return message.author_id

    def _inbox_livechat_transcript(self):
        """``[(kind, name, date, text)]`` of the conversation, kind visitor/operator/bot;
        a message counts as the visitor's only if the visitor posted it."""
        self.ensure_one()
        bots = self.livechat_bot_partner_ids
        visitor, guest = self._inbox_visitor()
        lines = []
        for message in self.message_ids.sorted("id"):
            if message.message_type not in ("comment", "email"):
                continue
            text = html2plaintext(message.body or "").strip()
            if not text:
                continue
            author = self._inbox_poster(message)
            if author and author in bots:
                kind = "bot"
            elif (guest and message.author_guest_id == guest and not author) or (
                visitor and author == visitor
            ):
                kind = "visitor"
            else:
                kind = "operator"
            name = author.name or message.author_guest_id.name or ""
            lines.append((kind, name, message.date, text))
        return lines

    def _inbox_livechat_ticket(self):
        self.ensure_one()
        # sudo: closed by a visitor, an operator or a cron; read to make the company's ticket
        channel = self.sudo()
        lines = channel._inbox_livechat_transcript()
        if not lines:
            return False
        visitor_lines = [line for line in lines if line[0] == "visitor"]
        if not visitor_lines:
            return False  # empty, or only a bot talked
        partner, guest = channel._inbox_visitor()
        if not partner and not guest:
            return False  # not a visitor's live chat (made by hand by an internal user)
        operator_dates = [line[2] for line in lines if line[0] == "operator" and line[2]]
        first = " ".join(visitor_lines[0][3].split())[:80]
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Live chat conversation %(name)s", name=channel.name),
            Markup("").join(
                Markup("<li><small>%s</small> <strong>%s</strong>: %s</li>")
                % (date.strftime("%H:%M") if date else "", name, text)
                for _kind, name, date, text in lines
            ),
        )
        email = partner.email or guest.email or ""
        name = partner.name or guest.name or visitor_lines[0][1]
        req = IntakeRequest(
            channel="livechat",
            company_id=self.env.company.id,
            received=channel.livechat_end_dt or fields.Datetime.now(),
            started=channel.create_date,
            subject=self.env._("Live chat: %(first)s", first=first),
            text="\n".join(line[3] for line in lines),
            email=email,
            name=name,
            lang=partner.lang or guest.lang or "",
            partner_id=partner.id or 0,
            external_id=f"discuss.channel:{channel.id}",
            first_response=min(operator_dates) if operator_dates else None,
            description=body,
            note=body,
            note_author_id=partner.id or 0,
            note_from=email or name or "Live chat",
        )
        ticket, _outcome = self.env["inbox.router"]._intake(req)
        channel.inbox_ticket_id = ticket
        return ticket
