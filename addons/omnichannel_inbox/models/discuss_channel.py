# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import fields, models
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
        closing = self.browse()
        if vals.get("livechat_end_dt"):
            closing = self.filtered(
                lambda c: (
                    c.channel_type == "livechat" and not c.livechat_end_dt and not c.inbox_ticket_id
                )
            )
        res = super().write(vals)
        for channel in closing:
            try:
                with self.env.cr.savepoint():
                    channel._inbox_livechat_ticket()
            except Exception:  # closing the chat must never fail because of the inbox
                _logger.exception("live chat %s: no ticket", channel.id)
        return res

    def _inbox_livechat_transcript(self):
        """``[(kind, name, date, text)]`` of the conversation, kind visitor/operator/bot."""
        self.ensure_one()
        agents = self.livechat_agent_partner_ids
        bots = self.livechat_bot_partner_ids
        lines = []
        for message in self.message_ids.sorted("id"):
            if message.message_type not in ("comment", "email"):
                continue
            text = html2plaintext(message.body or "").strip()
            if not text:
                continue
            author = message.author_id
            if author and author in agents:
                kind = "operator"
            elif author and author in bots:
                kind = "bot"
            else:
                kind = "visitor"
            name = author.name or message.author_guest_id.name or ""
            lines.append((kind, name, message.date, text))
        return lines

    def _inbox_livechat_ticket(self):
        self.ensure_one()
        # sudo: closed by a visitor, an operator or a cron; read to make the company's ticket
        channel = self.sudo()
        lines = channel._inbox_livechat_transcript()
        visitor_lines = [line for line in lines if line[0] == "visitor"]
        if not visitor_lines:
            return False  # empty, or only a bot talked
        public = self.env.ref("base.public_partner", raise_if_not_found=False)
        partner = (channel.livechat_customer_partner_ids - public)[:1]
        guest = channel.livechat_customer_guest_ids[:1]
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
