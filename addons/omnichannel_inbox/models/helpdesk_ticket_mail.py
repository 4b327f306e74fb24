# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.tools import email_normalize, html2plaintext

from ..helpers.request import IntakeRequest

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    """Tickets and mail: the gateway (e-mails to the teams' aliases, replies, automatic mail),
    the channel badge of each message, first response, acknowledgement."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _inbox_request_from_mail(self, msg_dict, custom_values):
        body = msg_dict.get("body") or ""
        company_id = custom_values.get("company_id") or self.env.company.id
        team_id = custom_values.get("team_id") or 0
        if team_id:
            # sudo: the alias's team decides the company; the gateway may not read teams
            team = self.env["helpdesk.ticket.team"].sudo().browse(team_id).exists()
            company_id = team.company_id.id or company_id
        return IntakeRequest(
            channel="email",
            company_id=company_id,
            received=fields.Datetime.now(),
            subject=msg_dict.get("subject") or "",
            text=html2plaintext(body) if body else "",
            email=msg_dict.get("email_from") or msg_dict.get("from") or "",
            name=self._inbox_name_from_email(msg_dict.get("email_from") or msg_dict.get("from")),
            partner_id=msg_dict.get("author_id") or 0,
            team_id=team_id,
        )

    @api.model
    def _inbox_name_from_email(self, email_from):
        from odoo.tools.mail import parse_contact_from_email

        name, _email = parse_contact_from_email(email_from or "")
        return name or ""

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to a team alias: thread it (Outlook fallbacks), join the customer's open
        ticket, or open a new ticket routed, assigned and under SLA."""
        custom_values = dict(custom_values or {})
        if self.env.context.get("inbox_no_routing"):
            return super().message_new(msg_dict, custom_values)
        router = self.env["inbox.router"]
        req = self._inbox_request_from_mail(msg_dict, custom_values)
        thread = router._inbox_mail_thread_target(req, msg_dict)
        if thread:
            req.thread_ticket_id = thread.id

        def create_ticket(vals):
            values = {**custom_values, **vals}
            values.pop("name", None)  # helpdesk takes the subject
            return super(HelpdeskTicket, self.with_context(inbox_routing=True)).message_new(
                msg_dict, values
            )

        ticket, outcome = router._intake(req, create_ticket)
        if outcome == "new":
            return ticket.with_context(inbox_ack=True, inbox_routing=False)
        ticket.with_context(inbox_routed=True).message_update(msg_dict)
        # the gateway posts the e-mail next: on this ticket, as a plain message
        return ticket.with_context(inbox_joined=True)

    @api.model
    def _inbox_auto_reply_routes(self, routes, msg_dict):
        """Routes of an automatic mail: a route opening a ticket becomes the ticket it
        answers (same threading fallbacks and sender rule as a person's reply), else it is
        dropped with a log line. No ticket, no contact, no acknowledgement, no SLA."""
        kept = []
        for route in routes or ():
            model, thread_id, custom_values, user_id, alias = route
            if model != self._name or thread_id:
                kept.append(route)
                continue
            req = self._inbox_request_from_mail(msg_dict, dict(custom_values or {}))
            target = self.env["inbox.router"]._inbox_mail_thread_target(req, msg_dict)
            if target:
                kept.append((model, target.id, custom_values, user_id, alias))
            else:
                _logger.info(
                    "Automatic mail (%s) from %s to %s, Message-Id %s: no ticket to log it on, "
                    "dropped",
                    msg_dict.get("inbox_auto_reply"),
                    msg_dict.get("email_from"),
                    msg_dict.get("to"),
                    msg_dict.get("message_id"),
                )
        return kept

    def message_update(self, msg_dict, update_vals=None):
        res = super().message_update(msg_dict, update_vals=update_vals)
        if msg_dict.get("inbox_auto_reply"):
            return res  # logged in the thread; not a request: no count, no SLA restart
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        # sudo: whether the author is staff (res.users is not readable by everyone)
        staff = any(not user.share for user in author.sudo().user_ids)
        if not self.env.context.get("inbox_routed") and not staff:
            # a customer's reply Odoo threaded itself (In-Reply-To / References); an agent
            # answering from their mailbox is an answer, not a request (see message_post)
            router = self.env["inbox.router"]
            for ticket in self:
                req = ticket._inbox_request_from_mail(
                    msg_dict, {"company_id": ticket.company_id.id}
                )
                req.thread_ticket_id = ticket.id
                router._intake(req)
        return res

    def _creation_subtype(self):
        if self.env.context.get("inbox_joined"):
            return self.env.ref("mail.mt_comment")
        return super()._creation_subtype()

    # ------------------------------------------------------------------------------------
    # thread: channel of each message, first response, acknowledgement
    # ------------------------------------------------------------------------------------
    def message_post(self, **kwargs):
        if len(self) == 1 and not kwargs.get("inbox_channel_id"):
            code = self.env.context.get("inbox_message_channel")
            if not code and kwargs.get("message_type") == "email":
                code = "email"
            channel = self.env["helpdesk.ticket.channel"]._inbox_get(code, self.company_id)
            if channel:
                kwargs["inbox_channel_id"] = channel.id
        message = super().message_post(**kwargs)
        if len(self) == 1 and message:
            self._inbox_after_post(message)
        return message

    def _inbox_after_post(self, message):
        self.ensure_one()
        ctx = self.env.context
        if message.message_type == "email" and ctx.get("inbox_ack"):
            self.with_context(inbox_ack=False)._inbox_send_ack(message)
            return
        if self._inbox_is_agent_reply(message):
            if not message.inbox_channel_id:
                channel = self.env["helpdesk.ticket.channel"]._inbox_get("email", self.company_id)
                if channel:
                    # sudo: the badge of an agent's reply (sent by e-mail) on its own message
                    message.sudo().inbox_channel_id = channel
            self._inbox_register_response(message.date or fields.Datetime.now())
        elif (
            message.message_type == "comment"
            and message.author_id
            and (message.author_id == self.partner_id or message.author_id.partner_share)
        ):
            # the customer wrote from the portal
            # sudo: portal authors cannot write the ticket; the date is not theirs to set
            self.sudo().inbox_last_request_date = message.date or fields.Datetime.now()

    def _inbox_is_agent_reply(self, message):
        """A public reply written by an internal user (not OdooBot, not automatic), from
        Odoo or by e-mail from their mailbox."""
        if message.message_type not in ("comment", "email") or message.is_internal:
            return False
        if message.subtype_id != self.env.ref("mail.mt_comment"):
            return False
        author = message.author_id
        if not author or author == self.env.ref("base.partner_root"):
            return False
        # sudo: whether the author is staff (res.users is not readable by everyone)
        return any(not user.share for user in author.sudo().user_ids)

    def _inbox_send_ack(self, incoming):
        template = self.team_id.inbox_auto_ack_template_id
        email = email_normalize(incoming.email_from or self.partner_email or "")
        if (
            not template
            or not email
            or email.split("@")[0] in ("mailer-daemon", "noreply", "no-reply")
        ):
            return
        if not self.partner_id:
            self._inbox_sender_contact(incoming, email)
        self.with_context(inbox_message_channel="email").message_post_with_source(
            template, message_type="auto_comment", subtype_xmlid="mail.mt_comment"
        )

    def _inbox_sender_contact(self, incoming, email):
        """The contact the acknowledgement goes to, for a sender Odoo does not know: named as
        their mail client names them (not after the address) and speaking the team's
        language, rather than the nameless English contact mail rendering would create."""
        Partner = self.env["res.partner"]
        partner = Partner.search([("email_normalized", "=", email)], limit=1)
        if partner:
            return partner
        name = self._inbox_name_from_email(incoming.email_from)
        vals = {"name": name or email, "email": email}
        if self.inbox_reply_lang:
            vals["lang"] = self.inbox_reply_lang
        return Partner.create(vals)
