# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from email.utils import formataddr

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from .sm_managed_mixin import sm_sync_writes
from .sm_order_event_type import EVENT_TYPES

STATES = [
    ("pending", "Waiting"),
    ("sent", "Sent"),
    ("prepared", "Prepared for an agent"),
    ("call", "Call planned (no e-mail)"),
    ("blocked", "Blocked: to check"),
    ("cancelled", "Cancelled: changed again"),
    ("skipped", "Not sent"),
    ("off", "Off"),
]


class SmOrderEvent(models.Model):
    """A change on an SM order that matters to the customer, and what was done about it.

    Unique per order and key: a change seen again (re-sync, resume after a crash, a date
    moving back and forth) never makes a second event, hence never a second message.
    """

    _name = "sm.order.event"
    _inherit = ["sm.locked.mixin"]
    _description = "Order event"
    _order = "id desc"
    # recorded by the sync, moved on only by the connector's own code (dispatch, buttons)
    _sm_managed_fields = (
        "order_id",
        "event_type",
        "key",
        "old_value",
        "new_value",
        "line_id",
        "state",
        "state_reason",
        "message_id",
        "activity_id",
        "sent_date",
    )

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, string="Customer")
    showroom_id = fields.Many2one(related="order_id.sm_showroom_id", store=True, string="Showroom")
    event_type = fields.Selection(EVENT_TYPES, required=True, index=True)
    key = fields.Char(required=True)
    old_value = fields.Char(string="Before")
    new_value = fields.Char(string="After")
    line_id = fields.Many2one("sale.order.line", string="Order line", ondelete="set null")
    state = fields.Selection(STATES, required=True, default="pending", index=True)
    state_reason = fields.Char(
        string="Why (stored)", help="Why, as recorded (in English when the server decided)."
    )
    state_reason_text = fields.Char(
        string="Why", compute="_compute_state_reason_text", help="Why, in your language."
    )
    message_id = fields.Many2one("mail.message", string="Message sent", readonly=True)
    activity_id = fields.Many2one("mail.activity", readonly=True)
    sent_date = fields.Datetime(readonly=True)
    new_date = fields.Date(
        compute="_compute_new_date", help="New date carried by the event, for messages."
    )

    new_date_label = fields.Char(
        compute="_compute_date_labels",
        help="New date written out in the customer's language (8 décembre 2026).",
    )
    promised_date_label = fields.Char(
        compute="_compute_date_labels",
        help="The order's promised date written out in the customer's language.",
    )

    _key_unique = models.Constraint("UNIQUE(order_id, key)", "An order change is recorded once.")

    @api.depends("new_value")
    def _compute_new_date(self):
        for event in self:
            try:
                event.new_date = fields.Date.to_date(event.new_value) if event.new_value else False
            except ValueError:
                event.new_date = False

    # ------------------------------------------------------------------ lock
    def _sm_owned(self):
        return self

    @api.model
    def _sm_creates_owned(self, vals):
        return True

    def _sm_refuse(self, names):
        raise UserError(
            self.env._(
                "Order events change only through their buttons (send, don't send): "
                "they record what the customer was told."
            )
        )

    def write(self, vals):
        # sent is final, whoever writes: a sent message is never reopened, hence never resent
        if "state" in vals and vals["state"] != "sent" and "sent" in self.mapped("state"):
            raise UserError(self.env._("A sent message stays sent."))
        return super().write(vals)

    @api.depends("state_reason")
    @api.depends_context("lang")
    def _compute_state_reason_text(self):
        for event in self:
            reason = event.state_reason
            # a reason the server wrote is one of this module's terms: read it translated
            event.state_reason_text = self.env._(reason) if reason else False

    @api.depends("new_date", "order_id.sm_promised_date", "order_id.partner_id.lang")
    def _compute_date_labels(self):
        for event in self:
            lang = event.order_id.partner_id.lang or self.env.lang
            event.new_date_label = _long_date(self.env, event.new_date, lang)
            event.promised_date_label = _long_date(self.env, event.order_id.sm_promised_date, lang)

    def _sender(self):
        """(author, From) of customer messages: the showroom's or the company's customer
        service, never the user (OdooBot) whose cron happens to send them."""
        order = self.order_id
        company = order.company_id or self.env.company
        address = order.sm_showroom_id.email or company.email
        return company.partner_id, formataddr((company.name, address)) if address else False

    # ------------------------------------------------------------------ dispatch
    def _event_type_config(self):
        configs = self.env["sm.order.event.type"].search([], limit=len(EVENT_TYPES))
        return {config.code: config for config in configs}

    def _dispatch(self, now=None):
        """Decide and act for pending events: send, prepare, plan a call, or hold back."""
        # private, so never called over RPC: the connector's own state changes
        with sm_sync_writes():
            self._dispatch_pending(now or fields.Datetime.now())

    def _dispatch_pending(self, now):
        configs = self._event_type_config()
        pending = self.filtered(lambda e: e.state == "pending")
        held_back = self.env["sm.sync.state"]._orders_held_back(pending.order_id)
        # reasons are stored in English and shown in each reader's language
        en = self.with_context(lang="en_US").env
        for event in pending:
            config = configs.get(event.event_type)
            order = event.order_id
            if order.id in held_back:
                event._close("skipped", en._("Order placed before the connector went live."))
            elif not config or config.mode == "off":
                event._close("off", en._("Messages of this kind are switched off."))
            elif event.event_type == "delay" and event._still_settling(config, now):
                continue  # a later dispatch decides, once the date has held
            elif (
                event.event_type == "delay" and str(order.sm_promised_date or "") != event.new_value
            ):
                event._close(
                    "cancelled",
                    en._("The promised date changed again before the message left."),
                )
            elif event.event_type == "ready_for_pickup" and event._pickup_blockers():
                event._block(event._pickup_blockers())
            elif not config.mail_template_id:
                event._close("skipped", en._("No message template for this kind of event."))
            elif not order.partner_id.email:
                event._plan_call(config)
            elif config.mode == "auto":
                event._send(config)
            else:
                event._prepare(config)

    def _still_settling(self, config, now):
        return (
            config.settle_minutes
            and self.create_date + timedelta(minutes=config.settle_minutes) > now
        )

    def _pickup_blockers(self):
        """SM says "ready": only true if every line is available (customers drove for nothing)."""
        order = self.order_id
        reasons = []
        if order.sm_delivery_mode != "pickup":
            reasons.append(self.env._("the order is delivered, not picked up"))
        for line in order.order_line.filtered(
            lambda line: not line.display_type and not line.sm_available
        ):
            reasons.append(
                self.env._("%(article)s is not available", article=line.product_id.display_name)
            )
        return reasons

    def _close(self, state, reason):
        self.write({"state": state, "state_reason": reason})

    def _render(self, config):
        """(subject, body) of the message in the customer's language."""
        template = config.mail_template_id
        if template.model != self._name:
            raise UserError(
                self.env._("A customer message template must be a template of order events.")
            )
        subject = template._render_field("subject", self.ids, compute_lang=True)[self.id]
        body = template._render_field("body_html", self.ids, compute_lang=True)[self.id]
        return subject, body

    def _responsible(self):
        """The person who gets this order's follow-up activity: the salesperson, the showroom's
        responsible, the sales team's leader, else the backend's responsible (never OdooBot)."""
        order = self.order_id
        for user in (order.user_id, order.sm_showroom_id.user_id, order.team_id.user_id):
            if user and user._sm_is_person():
                return user
        backend = self.env["sm.binding"]._backends_of("orders", order.ids).get(order.id)
        return (backend or self.env["sm.backend"])._order_responsible()

    def _send(self, config):
        """Post the message to the customer; its e-mail waits in Odoo's mail queue, which hands
        it to the mail server only once this transaction has committed (a crash before that
        sends nothing, and the resumed run finds the event still to send)."""
        # the row lock makes a second, concurrent send wait, then see "sent" and stop
        self.env.cr.execute(
            SQL("SELECT state FROM sm_order_event WHERE id = %s FOR UPDATE", self.id)
        )
        self.invalidate_recordset(["state"])
        if self.state == "sent":
            return self.message_id
        subject, body = self._render(config)
        author, email_from = self._sender()
        message = self.order_id.with_context(
            mail_post_autofollow=False, mail_notify_force_send=False
        ).message_post(
            body=body,
            subject=subject,
            author_id=author.id,
            email_from=email_from,
            partner_ids=self.order_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
            force_send=False,
        )
        self.write(
            {
                "state": "sent",
                "message_id": message.id,
                "sent_date": fields.Datetime.now(),
                "state_reason": False,
            }
        )
        return message

    def _schedule(self, activity_type_xmlid, summary, note):
        activity = self.order_id.activity_schedule(
            activity_type_xmlid, summary=summary, note=note, user_id=self._responsible().id
        )
        return activity

    def _prepare(self, config):
        subject, body = self._render(config)
        activity = self._schedule(
            "sm_connector.mail_activity_type_sm_message",
            self.env._("Message ready: %s", subject),
            body,
        )
        self.write(
            {
                "state": "prepared",
                "activity_id": activity.id,
                "state_reason": self.with_context(lang="en_US").env._(
                    "Waiting for an agent to send it."
                ),
            }
        )

    def _plan_call(self, config):
        subject, body = self._render(config)
        activity = self._schedule(
            "sm_connector.mail_activity_type_sm_call",
            self.env._("Call the customer (no e-mail): %s", subject),
            body,
        )
        self.write(
            {
                "state": "call",
                "activity_id": activity.id,
                "state_reason": self.with_context(lang="en_US").env._(
                    "The customer has no e-mail address."
                ),
            }
        )

    def _block(self, reasons):
        note = self.env._(
            "SM marked the order ready for pickup, but: %s. Check before telling the customer.",
            "; ".join(reasons),
        )
        activity = self._schedule(
            "sm_connector.mail_activity_type_sm_check",
            self.env._("Check order before announcing pickup"),
            note,
        )
        self.write(
            {"state": "blocked", "activity_id": activity.id, "state_reason": "; ".join(reasons)}
        )

    # ------------------------------------------------------------------ buttons
    def _lock_for_agent(self):
        """Take this event's row for an agent's button, or refuse at once when another click
        (a double click, a colleague) holds it or has just changed it: waiting would end in a
        serialization failure and Odoo's retries, logged as errors."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL("SELECT id FROM sm_order_event WHERE id = %s FOR UPDATE NOWAIT", self.id),
                    log_exceptions=False,
                )
        except (LockNotAvailable, SerializationFailure):
            raise UserError(
                self.env._(
                    "This message is already being sent or dropped (another click): "
                    "reload the page to see its state."
                )
            ) from None
        self.invalidate_recordset()

    def action_send(self):
        """One click: send a prepared message (or send anyway after checking)."""
        configs = self._event_type_config()
        for event in self:
            event._lock_for_agent()
            if event.state not in ("prepared", "blocked", "call", "skipped", "off"):
                raise UserError(self.env._("This message was already sent or is still waiting."))
            config = configs.get(event.event_type)
            if not config or not config.mail_template_id:
                raise UserError(self.env._("No message template for this kind of event."))
            if not event.order_id.partner_id.email:
                raise UserError(
                    self.env._(
                        "%s has no e-mail address: call them instead.",
                        event.order_id.partner_id.display_name,
                    )
                )
            activity = event.activity_id
            with sm_sync_writes():
                event._send(config)
            if activity.exists():
                activity.action_feedback(feedback=self.env._("Message sent."))
        return True

    def action_skip(self):
        """Don't send this message (the agent told the customer otherwise, or not at all)."""
        for event in self:
            event._lock_for_agent()
            if event.state not in ("prepared", "blocked", "call"):
                raise UserError(self.env._("Only a message waiting for an agent can be dropped."))
            activity = event.activity_id
            with sm_sync_writes():
                event._close(
                    "skipped",
                    self.env._("Not sent: decided by %(user)s.", user=self.env.user.name),
                )
            if activity.exists():
                activity.action_feedback(feedback=self.env._("Message not sent."))
        return True

    def action_preview(self):
        """Show the message as the customer will read it."""
        self.ensure_one()
        config = self._event_type_config().get(self.event_type)
        if not config or not config.mail_template_id:
            raise UserError(self.env._("No message template for this kind of event."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.template.preview",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_mail_template_id": config.mail_template_id.id,
                "default_resource_ref": f"sm.order.event,{self.id}",
            },
        }


def _long_date(env, value, lang):
    """A date as a letter writes it in `lang` ("8 décembre 2026", "8 december 2026")."""
    return format_date(env, value, lang_code=lang, date_format="long") if value else ""
