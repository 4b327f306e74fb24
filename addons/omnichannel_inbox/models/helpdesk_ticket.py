# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize, format_date, html2plaintext

from ..helpers import sla as sla_rules
from ..helpers.dedup import normalize_name
from ..helpers.request import InboxRequest

_logger = logging.getLogger(__name__)
ESCALATION_ACTIVITY = "omnichannel_inbox.mail_activity_type_sla_escalation"

SLA_STATUSES = [
    (sla_rules.NONE, "No SLA"),
    (sla_rules.RUNNING, "On track"),
    (sla_rules.AT_RISK, "At risk"),
    (sla_rules.BREACHED, "Breached"),
    (sla_rules.MET, "Met"),
]


# Kept by the routing pipeline and the SLA clock, never typed: written only by trusted code
# (superuser mode), so an agent cannot fake an SLA or a request count over RPC.
SYSTEM_FIELDS = frozenset(
    {
        "inbox_sender_key",
        "inbox_name_key",
        "inbox_external_ref",
        "inbox_last_request_date",
        "inbox_request_count",
        "inbox_dedup_count",
        "inbox_sla_policy_id",
        "inbox_sla_start_date",
        "inbox_sla_deadline",
        "inbox_sla_at_risk_date",
        "inbox_sla_responded_date",
        "inbox_sla_status",
        "inbox_sla_escalated",
        "inbox_first_response_date",
    }
)


class HelpdeskTicket(models.Model):
    """Tickets of the omnichannel inbox: customer, SM orders, channel of each request, SLA."""

    _inherit = "helpdesk.ticket"

    inbox_channel_code = fields.Selection(related="channel_id.inbox_code", string="Channel code")
    inbox_open = fields.Boolean(
        string="Open",
        compute="_compute_inbox_open",
        store=True,
        help="Active and not in a closed stage: new requests of the customer join it.",
    )
    inbox_phone = fields.Char(string="Phone", help="Number the customer called or gave in chat.")
    inbox_lang = fields.Selection(
        selection="_inbox_lang_selection",
        string="Customer language",
        help="Language of the replies (canned replies), from the contact or the chat.",
    )
    inbox_reply_lang = fields.Char(
        compute="_compute_inbox_reply_lang",
        help="Language of the answers to the customer: their SM language, else the language "
        "of the request, else the team's default language.",
    )
    inbox_sender_key = fields.Char(
        string="Sender", readonly=True, copy=False, help="Address or number of the sender."
    )
    inbox_name_key = fields.Char(readonly=True, copy=False)
    inbox_external_ref = fields.Char(
        string="External reference",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="e.g. the iAdvize conversation id of a chat ticket.",
    )
    inbox_last_request_date = fields.Datetime(
        string="Last customer request", default=fields.Datetime.now, copy=False, readonly=True
    )
    inbox_request_count = fields.Integer(
        string="Requests", default=1, copy=False, readonly=True, aggregator="sum"
    )
    inbox_dedup_count = fields.Integer(
        string="Requests joined",
        copy=False,
        readonly=True,
        aggregator="sum",
        help="Requests of the same customer added to this ticket instead of opening new ones.",
    )
    inbox_possible_duplicate = fields.Boolean(
        string="Possible duplicate",
        copy=False,
        help="Unidentified sender resembling the customer of another open ticket "
        "(same name or same order): check and merge.",
    )
    inbox_duplicate_candidate_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Possible duplicates",
        compute="_compute_inbox_duplicate_candidate_ids",
    )
    inbox_order_ids = fields.Many2many(
        "sale.order",
        "inbox_ticket_sale_order_rel",
        "ticket_id",
        "order_id",
        string="SM orders",
        copy=False,
        domain=[("sm_id", "!=", False)],
    )
    inbox_order_id = fields.Many2one(
        "sale.order",
        string="Main order",
        index="btree_not_null",
        copy=False,
        ondelete="set null",
        help="The order the replies talk about (canned replies use its dates and showroom).",
    )
    # the panel (stock, restock dates) is for staff: a customer reading their ticket over
    # RPC does not get it; compute_sudo: agents see the orders their tickets are about
    inbox_order_count = fields.Integer(
        string="Orders",
        compute="_compute_inbox_order_panel",
        compute_sudo=True,
        groups="base.group_user",
    )
    inbox_order_panel = fields.Html(
        string="Order panel",
        compute="_compute_inbox_order_panel",
        sanitize=False,
        compute_sudo=True,
        groups="base.group_user",
    )
    inbox_unavailable_line_ids = fields.Many2many(
        "sale.order.line",
        string="Items out of stock",
        compute="_compute_inbox_order_facts",
        compute_sudo=True,
        groups="base.group_user",
    )
    inbox_showroom_id = fields.Many2one(
        "sm.showroom",
        string="Showroom",
        compute="_compute_inbox_order_facts",
        compute_sudo=True,
        help="Where the main order is picked up (else the team's or the customer's showroom).",
    )
    inbox_call_ids = fields.One2many("tcx.call", "inbox_ticket_id", string="Calls")
    # SLA ------------------------------------------------------------------------------
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

    # Indexed lookups of the routing pipeline: their cost does not grow with the tickets.
    _inbox_number_idx = models.Index("(number)")
    _inbox_open_partner_idx = models.Index(
        "(commercial_partner_id, inbox_last_request_date) "
        "WHERE inbox_open AND commercial_partner_id IS NOT NULL"
    )
    _inbox_open_sender_idx = models.Index(
        "(inbox_sender_key, inbox_last_request_date) WHERE inbox_open AND inbox_sender_key IS NOT NULL"
    )
    _inbox_open_name_idx = models.Index(
        "(inbox_name_key, inbox_last_request_date) WHERE inbox_open AND inbox_name_key IS NOT NULL"
    )
    _inbox_open_user_idx = models.Index("(user_id) WHERE inbox_open AND user_id IS NOT NULL")
    _inbox_sla_watch_idx = models.Index(
        "(inbox_sla_deadline) WHERE inbox_open AND inbox_sla_status IN ('running', 'at_risk')"
    )

    @api.model
    def _inbox_lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.depends("partner_id.lang", "partner_id.sm_id", "inbox_lang", "team_id.inbox_lang")
    def _compute_inbox_reply_lang(self):
        for ticket in self:
            partner = ticket.partner_id
            ticket.inbox_reply_lang = (
                (partner.sm_id and partner.lang)
                or ticket.inbox_lang
                or ticket.team_id.inbox_lang
                or partner.lang
                or False
            )

    @api.depends("active", "stage_id.closed")
    def _compute_inbox_open(self):
        for ticket in self:
            ticket.inbox_open = bool(ticket.active and not ticket.stage_id.closed)

    @api.depends("create_date", "inbox_first_response_date")
    def _compute_inbox_first_response_minutes(self):
        for ticket in self:
            start, first = ticket.create_date, ticket.inbox_first_response_date
            ticket.inbox_first_response_minutes = (
                max(0.0, (first - start).total_seconds() / 60.0) if start and first else 0.0
            )

    @api.depends("inbox_order_ids", "inbox_order_id")
    def _compute_inbox_order_panel(self):
        for ticket in self:
            main = ticket.inbox_order_id
            orders = (main | ticket.inbox_order_ids).sorted(
                lambda o, main=main: (o != main, o.date_order or fields.Datetime.now())
            )
            ticket.inbox_order_count = len(orders)
            ticket.inbox_order_panel = (
                self.env["ir.qweb"]._render(
                    "omnichannel_inbox.inbox_order_panel",
                    {"orders": orders, "ticket": ticket, "fmt": self._inbox_format_date},
                )
                if orders
                else False
            )

    @api.depends("inbox_order_id", "team_id", "partner_id")
    def _compute_inbox_order_facts(self):
        for ticket in self:
            order = ticket.inbox_order_id
            ticket.inbox_unavailable_line_ids = order.order_line.filtered(
                lambda line: not line.display_type and not line.sm_available
            )
            ticket.inbox_showroom_id = (
                order.sm_showroom_id
                or ticket.team_id.inbox_showroom_id.filtered(lambda s: not s.is_web)
                or ticket.partner_id.commercial_partner_id.sm_showroom_id.filtered(
                    lambda s: not s.is_web
                )
            )

    def _inbox_format_date(self, value):
        return format_date(self.env, value) if value else ""

    @api.depends("partner_id", "inbox_sender_key", "inbox_name_key", "inbox_order_ids")
    def _compute_inbox_duplicate_candidate_ids(self):
        for ticket in self:
            ticket.inbox_duplicate_candidate_ids = ticket._inbox_duplicate_candidates()

    def _inbox_duplicate_candidates(self, limit=10):
        """Open tickets that may be the same request: same sender, same name or same order."""
        self.ensure_one()
        branches = []
        if self.commercial_partner_id:
            branches.append([("commercial_partner_id", "=", self.commercial_partner_id.id)])
        if self.inbox_sender_key:
            branches.append([("inbox_sender_key", "=", self.inbox_sender_key)])
        if self.inbox_name_key:
            branches.append([("inbox_name_key", "=", self.inbox_name_key)])
        if self.inbox_order_ids:
            branches.append([("inbox_order_ids", "in", self.inbox_order_ids.ids)])
        if not branches:
            return self.browse()
        domain = ["|"] * (len(branches) - 1) + [term for branch in branches for term in branch]
        return self.search(
            [("id", "!=", self._origin.id or 0), ("inbox_open", "=", True), *domain],
            limit=limit,
            order="inbox_last_request_date desc",
        )

    # ------------------------------------------------------------------------------------
    # CRUD hooks
    # ------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._inbox_check_system_fields(set(vals) - {"inbox_name_key"})
            if "inbox_name_key" not in vals:
                name = vals.get("partner_name")
                if not name and vals.get("partner_id"):
                    name = self.env["res.partner"].browse(vals["partner_id"]).name
                vals["inbox_name_key"] = normalize_name(name) or False
        tickets = super().create(vals_list)
        if self.env.context.get("fetchmail_cron_running") or self.env.context.get("inbox_routing"):
            return tickets
        for ticket in tickets.filtered(lambda t: not t.inbox_sla_policy_id and t.channel_id):
            ticket._inbox_sla_start(ticket.create_date, channel=ticket.channel_id)
        return tickets

    def _inbox_check_system_fields(self, fnames):
        """Refuse the pipeline's own fields to anyone but trusted (superuser) code."""
        forbidden = SYSTEM_FIELDS.intersection(fnames)
        if forbidden and not self.env.su:
            raise AccessError(
                self.env._(
                    "These fields are kept by the inbox and cannot be changed: %(fields)s",
                    fields=", ".join(sorted(self._fields[f].string for f in forbidden)),
                )
            )

    def write(self, vals):
        self._inbox_check_system_fields(vals)
        res = super().write(vals)
        if "partner_id" in vals:
            for ticket in self.filtered("partner_id"):
                # identified: no longer an unknown sender looking like someone else
                if ticket.inbox_possible_duplicate:
                    ticket.inbox_possible_duplicate = False
        return res

    # ------------------------------------------------------------------------------------
    # mail gateway: e-mails to the teams' aliases
    # ------------------------------------------------------------------------------------
    @api.model
    def _inbox_request_from_mail(self, msg_dict, custom_values):
        body = msg_dict.get("body") or ""
        company_id = custom_values.get("company_id") or self.env.company.id
        team_id = custom_values.get("team_id") or 0
        if team_id:
            # sudo: the alias's team decides the company; the gateway may not read teams
            team = self.env["helpdesk.ticket.team"].sudo().browse(team_id).exists()
            company_id = team.company_id.id or company_id
        return InboxRequest(
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

        ticket, outcome = router._route(req, create_ticket)
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
                router._route(req, None)
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

    def _inbox_post_transcript(self, transcript, body):
        """A closed chat in the thread, with the Chat badge (internal: not e-mailed)."""
        self.ensure_one()
        channel = self.env["helpdesk.ticket.channel"]._inbox_get("chat", self.company_id)
        visitor = transcript.visitor
        return self.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.partner_id.id or False,
            email_from=visitor.email or visitor.name or "iAdvize",
            inbox_channel_id=channel.id or False,
        )

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

    # ------------------------------------------------------------------------------------
    # SLA
    # ------------------------------------------------------------------------------------
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

    def _inbox_escalate(self):
        """SLA breached: an activity for the team lead (else the assignee, else the admin)."""
        for ticket in self:
            lead = (
                ticket.team_id.user_id
                or ticket.user_id
                or self.env.ref("base.user_admin", raise_if_not_found=False)
            )
            lang = lead.lang or self.env.lang
            env = ticket.with_context(lang=lang).env
            deadline = fields.Datetime.context_timestamp(
                ticket.with_context(tz=lead.tz or "Europe/Brussels"), ticket.inbox_sla_deadline
            )
            ticket.activity_schedule(
                ESCALATION_ACTIVITY,
                date_deadline=fields.Date.context_today(ticket),
                summary=env._("SLA breached: %(ticket)s", ticket=ticket.display_name),
                note=env._(
                    "%(customer)s is still waiting for an answer (%(channel)s, due %(deadline)s).",
                    customer=ticket.partner_id.display_name
                    or ticket.partner_name
                    or env._("The customer"),
                    channel=ticket.inbox_sla_policy_id.name or ticket.channel_id.name or "",
                    deadline=deadline.strftime("%Y-%m-%d %H:%M"),
                ),
                user_id=lead.id,
            )
            ticket.inbox_sla_escalated = True

    # ------------------------------------------------------------------------------------
    # canned replies, contact, merge
    # ------------------------------------------------------------------------------------
    def _inbox_render_canned(self, template, lang):
        """``(subject, body)`` of a canned reply for this ticket in ``lang``. The subject
        always carries the ticket number (replies thread even without References)."""
        self.ensure_one()
        self._inbox_check_canned_template(template)
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        lang = lang if lang in installed else self.env.lang or "en_US"
        subject = template._render_field("subject", self.ids, set_lang=lang)[self.id] or ""
        body = template._render_field("body_html", self.ids, set_lang=lang)[self.id]
        if self.number and self.number not in subject:
            subject = f"[{self.number}] {subject}".strip()
        return subject, body

    def _inbox_check_canned_template(self, template):
        """Refuse anything but a canned reply of tickets, on a ticket the user may read:
        a template is code run on a record, the client chooses both ids."""
        self.ensure_one()
        self.check_access("read")
        template = template.exists()
        if not template:
            raise AccessError(self.env._("This canned reply does not exist."))
        template.check_access("read")
        if template.model != self._name or not template.inbox_canned:
            raise AccessError(
                self.env._(
                    "“%(template)s” is not a canned reply for tickets.",
                    template=template.display_name,
                )
            )
        return template

    def _inbox_send_reply(self, subject, body):
        """Send ``body`` to the customer from this ticket (by e-mail, in the thread)."""
        self.ensure_one()
        kwargs = {
            "body": body,
            "subject": subject,
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
        }
        if self.partner_id:
            kwargs["partner_ids"] = self.partner_id.ids
        elif self.partner_email:
            kwargs["outgoing_email_to"] = self.partner_email
        return self.with_context(inbox_message_channel="email").message_post(**kwargs)

    def _inbox_set_partner(self, partner):
        """The unknown sender is ``partner``: on the ticket, and as author of their messages."""
        self.ensure_one()
        email = email_normalize(self.partner_email or "")
        self.write(
            {
                "partner_id": partner.id,
                "partner_name": partner.name,
                "partner_email": partner.email or self.partner_email,
                "inbox_possible_duplicate": False,
                "inbox_lang": partner.lang or self.inbox_lang,
            }
        )
        # sudo: re-attributing the customer's own messages of this ticket (write checked)
        Message = self.env["mail.message"].sudo()
        messages = Message.search(
            [("model", "=", self._name), ("res_id", "=", self.id), ("author_id", "=", False)]
        )
        messages.filtered(
            lambda m: not email or email_normalize(m.email_from or "") == email
        ).write({"author_id": partner.id})
        self.message_subscribe(partner_ids=partner.ids)
        return partner

    def _inbox_merge(self, sources):
        """Move everything of ``sources`` into this ticket; they become its duplicates."""
        self.ensure_one()
        sources = sources - self
        if not sources:
            return self
        # sudo: moving mail records between two tickets the user may write (checked by caller)
        Message = self.env["mail.message"].sudo()
        # sudo: attachments follow their messages (same check as above)
        Attachment = self.env["ir.attachment"].sudo()
        # sudo: activities follow their ticket (same check as above)
        Activity = self.env["mail.activity"].sudo()
        closed = self.company_id.helpdesk_mgmt_duplicate_ticket_stage_id or self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled", raise_if_not_found=False
        )
        moved_messages = moved_attachments = 0
        for source in sources:
            messages = Message.search([("model", "=", self._name), ("res_id", "=", source.id)])
            attachments = Attachment.search(
                [("res_model", "=", self._name), ("res_id", "=", source.id)]
            )
            messages.write({"res_id": self.id})
            attachments.write({"res_id": self.id})
            Activity.search([("res_model", "=", self._name), ("res_id", "=", source.id)]).write(
                {"res_id": self.id}
            )
            moved_messages += len(messages)
            moved_attachments += len(attachments)
            self.message_subscribe(partner_ids=source.message_partner_ids.ids)
            # sudo: 3CX journal rights differ from helpdesk rights; only the link moves
            self.env["tcx.call"].sudo().search([("inbox_ticket_id", "=", source.id)]).write(
                {"inbox_ticket_id": self.id}
            )
            vals = {
                "inbox_order_ids": [fields.Command.link(o.id) for o in source.inbox_order_ids],
                "inbox_request_count": self.inbox_request_count + source.inbox_request_count,
                "inbox_last_request_date": max(
                    filter(None, [self.inbox_last_request_date, source.inbox_last_request_date])
                ),
                "inbox_possible_duplicate": False,
            }
            if not self.partner_id and source.partner_id:
                vals["partner_id"] = source.partner_id.id
            if not self.inbox_order_id and source.inbox_order_id:
                vals["inbox_order_id"] = source.inbox_order_id.id
            # sudo: request count and date are system fields; the caller checked write access
            self.sudo().write(vals)
            source_vals = {"duplicate_id": self.id, "inbox_possible_duplicate": False}
            if closed:
                source_vals["stage_id"] = closed.id
            source.write(source_vals)
            source.message_post(
                body=self.env._("Merged into %(ticket)s.", ticket=self.display_name),
                subtype_xmlid="mail.mt_note",
            )
            # sudo: the request log is written by the system, read by managers
            self.env["inbox.request"].sudo().create(
                {
                    "ticket_id": self.id,
                    "outcome": "merged",
                    "partner_id": source.partner_id.id or False,
                    "channel_id": source.channel_id.id or False,
                    "company_id": self.company_id.id,
                }
            )
        self.message_post(
            body=self.env._(
                "Merged %(tickets)s here: %(messages)s messages and %(attachments)s attachments "
                "moved.",
                tickets=", ".join(sources.mapped("number")),
                messages=moved_messages,
                attachments=moved_attachments,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self

    # ------------------------------------------------------------------------------------
    # buttons
    # ------------------------------------------------------------------------------------
    def action_inbox_canned_reply(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Canned reply"),
            "res_model": "inbox.canned.reply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_inbox_merge(self):
        tickets = self if len(self) > 1 else self | self.inbox_duplicate_candidate_ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge tickets"),
            "res_model": "inbox.merge.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_ids": tickets.ids,
                "default_target_id": tickets.sorted("create_date")[:1].id,
            },
        }

    def action_inbox_link_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Link to a contact"),
            "res_model": "inbox.link.partner.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_inbox_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("id", "in", (self.inbox_order_ids | self.inbox_order_id).ids)]
        action["context"] = {}
        return action
