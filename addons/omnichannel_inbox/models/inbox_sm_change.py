# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..helpers.sm_change import fulfilled

KIND_SELECTION = [
    ("cancel", "Cancel the order"),
    ("address", "Change the delivery address"),
    ("pickup_date", "Change the pickup date"),
    ("note", "Add a note"),
]
# the system's record of a request: set by the task and the sync, never by the client
SYSTEM_FIELDS = frozenset({"state", "user_id", "activity_id", "done_date", "answered"})


class InboxSmChange(models.Model):
    """A change an agent asks to key into SM for a ticket's order (SM is master: Odoo never
    writes it). Creating it gives the person who keys changes into SM a task on the order
    with the exact change; the SM sync that brings the change back closes the task and
    tells the ticket (helpers/sm_change.py says when an order shows the change)."""

    _name = "inbox.sm.change"
    _description = "Change to key into SM"
    _order = "id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True, readonly=True
    )
    order_id = fields.Many2one(
        "sale.order",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('id', 'in', allowed_order_ids)]",
    )
    allowed_order_ids = fields.Many2many("sale.order", compute="_compute_allowed_order_ids")
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    kind = fields.Selection(KIND_SELECTION, string="Change", required=True, default="address")
    street = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    pickup_date = fields.Date(string="New pickup date")
    note = fields.Text(string="Note for SM")
    summary = fields.Char(string="Change to key", compute="_compute_summary")
    state = fields.Selection(
        [("requested", "Requested"), ("done", "Seen in SM"), ("cancelled", "Cancelled")],
        default="requested",
        required=True,
        readonly=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Keyed by", readonly=True, help="Who keys the change into SM."
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    done_date = fields.Datetime(string="Seen in SM on", readonly=True)
    answered = fields.Boolean(
        string="Customer told", readonly=True, help="The agent answered the customer."
    )

    @api.depends("ticket_id")
    def _compute_allowed_order_ids(self):
        for change in self:
            ticket = change.ticket_id
            change.allowed_order_ids = ticket.inbox_order_ids | ticket.inbox_order_id

    @api.depends("kind", "order_id", "street", "zip", "city", "pickup_date", "note")
    @api.depends_context("lang")
    def _compute_summary(self):
        for change in self:
            change.summary = change._inbox_describe()

    def _inbox_describe(self):
        self.ensure_one()
        order = self.order_id.sm_id or self.order_id.name or ""
        if self.kind == "cancel":
            return self.env._("Cancel order %(order)s", order=order)
        if self.kind == "address":
            address = ", ".join(
                filter(None, [self.street, f"{self.zip or ''} {self.city or ''}".strip()])
            )
            return self.env._(
                "Deliver order %(order)s to: %(address)s", order=order, address=address
            )
        if self.kind == "pickup_date":
            return self.env._(
                "Move the pickup of order %(order)s to %(date)s",
                order=order,
                date=format_date(self.env, self.pickup_date) if self.pickup_date else "-",
            )
        return self.env._(
            "Add to order %(order)s the note: %(note)s", order=order, note=self.note or ""
        )

    @api.constrains("kind", "street", "zip", "city", "pickup_date", "note")
    def _check_values(self):
        for change in self:
            if change.kind == "address" and not (change.street and change.city):
                raise ValidationError(
                    self.env._("A new delivery address needs a street and a city.")
                )
            if change.kind == "pickup_date" and not change.pickup_date:
                raise ValidationError(self.env._("Give the new pickup date."))
            if change.kind == "note" and not (change.note or "").strip():
                raise ValidationError(self.env._("Write the note to add in SM."))

    # ------------------------------------------------------------------------ request
    @api.model
    def default_get(self, fields):
        """The system fields take their own defaults, never a ``default_*`` context key (the
        context comes from the client)."""
        defaults = super().default_get([name for name in fields if name not in SYSTEM_FIELDS])
        if "state" in fields:
            defaults["state"] = "requested"
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        """Record the request and schedule its task; the system fields (state, keyer, task,
        dates, answered) are refused from users (their context defaults: :meth:`default_get`)."""
        if not self.env.su:
            forbidden = SYSTEM_FIELDS.intersection(name for vals in vals_list for name in vals)
            if forbidden:
                raise AccessError(
                    self.env._(
                        "These fields are kept by the inbox and cannot be changed: %(fields)s",
                        fields=", ".join(sorted(self._fields[f].string for f in forbidden)),
                    )
                )
        changes = super().create(vals_list)
        for change in changes:
            change._inbox_check_request()
            change._inbox_schedule()
        return changes

    def _inbox_check_request(self):
        """The caller may work on the ticket, and the order is one of the ticket's orders
        (both ids come from the client)."""
        ticket = self.ticket_id
        ticket.check_access("write")
        # sudo: the ticket's orders, only compared
        if self.order_id not in (ticket.sudo().inbox_order_ids | ticket.sudo().inbox_order_id):
            raise UserError(self.env._("This order is not linked to the ticket."))

    def _inbox_keyer(self):
        """Who keys changes into SM: the team's, else the SM backend's responsible."""
        keyer = self.ticket_id.team_id.inbox_sm_keyer_id
        if keyer and keyer._sm_is_person():
            return keyer
        # sudo: which backend imported the order, to find its responsible
        backend = self.env["sm.binding"].sudo()._backends_of("orders", self.order_id.ids)
        return (backend.get(self.order_id.id) or self.env["sm.backend"].sudo())._order_responsible()

    def _inbox_schedule(self):
        keyer = self._inbox_keyer()
        note = Markup("<p><strong>%s</strong></p><p>%s</p>") % (
            self.summary,
            escape(
                self.env._(
                    "Asked by %(agent)s on ticket %(ticket)s. This task closes by itself when "
                    "the SM sync shows the change.",
                    agent=self.env.user.name,
                    ticket=self.ticket_id.number or self.ticket_id.name,
                )
            ),
        )
        # as superuser: agents read orders only; the task on the order is for the person
        # keying SM, and not created by the agent (its creator may edit, delete or close it)
        activity = self.order_id.with_user(SUPERUSER_ID).activity_schedule(
            "omnichannel_inbox.mail_activity_type_sm_change",
            summary=self.env._("Key into SM: %(change)s", change=self.summary)[:250],
            note=note,
            user_id=keyer.id or self.env.user.id,
        )
        # sudo: the task and its owner are the system's record of the request
        self.sudo().write({"activity_id": activity.id, "user_id": activity.user_id.id})
        self.ticket_id.message_post(
            body=escape(self.env._("Change requested in SM: %(change)s", change=self.summary)),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def action_confirm(self):
        """The dialog's button: the request is already recorded (on save)."""
        return {"type": "ir.actions.act_window_close"}

    # ------------------------------------------------------------------------ the sync
    def _inbox_current(self):
        order = self.order_id
        address = order.partner_shipping_id or order.partner_id
        return {
            "status": order.sm_status,
            "removed": order.sm_removed,
            "promised_date": order.sm_promised_date,
            "street": address.street,
            "zip": address.zip,
            "city": address.city,
        }

    def _inbox_requested(self):
        return {
            "pickup_date": self.pickup_date,
            "street": self.street,
            "zip": self.zip,
            "city": self.city,
        }

    @api.model
    def _inbox_check_synced(self, orders=None, partners=None):
        """Close the open requests that ``orders`` (or orders of ``partners``: addresses
        come with the contacts) now show, after an SM sync. Returns the closed ones."""
        domain = [("state", "=", "requested")]
        if partners:
            domain += [
                ("kind", "=", "address"),
                "|",
                ("order_id.partner_id", "in", partners.ids),
                ("order_id.partner_shipping_id", "in", partners.ids),
            ]
        else:
            domain += [("order_id", "in", (orders or self.env["sale.order"]).ids)]
        # sudo: the sync closes requests of every team
        changes = self.sudo().search(domain)
        done = changes.filtered(
            lambda c: fulfilled(c.kind, c._inbox_requested(), c._inbox_current())
        )
        for change in done:
            change._inbox_done()
        return done

    def _inbox_done(self, by_hand=False):
        """The change is in SM (seen by the sync, or ``by_hand``: the person keying SM marked
        the task done): task done, the ticket told (with the answer ready)."""
        self.ensure_one()
        env = self.env["inbox.router"]._inbox_text_env(self.ticket_id.team_id)
        change = self.with_env(env)
        # sudo: the request's state is the system's record, whoever closes the task
        self.sudo().write({"state": "done", "done_date": fields.Datetime.now()})
        if self.activity_id and not by_hand:
            self.activity_id.sudo().action_feedback(feedback=env._("Seen in SM by the sync."))
        if by_hand:
            headline = env._(
                "Keyed into SM by %(user)s: %(change)s",
                user=self.env.user.name,
                change=change.summary,
            )
        else:
            headline = env._("SM now shows the change: %(change)s", change=change.summary)
        # sudo: the note goes on the ticket whoever closed the task (maybe not a helpdesk user)
        self.ticket_id.sudo().message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                escape(headline),
                escape(
                    env._(
                        "Answer the customer with one click: Tell the customer, in the Order tab."
                    )
                ),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def action_inbox_tell_customer(self):
        """The canned reply confirming this change, filled in, ready to send."""
        self.ensure_one()
        self.ticket_id.check_access("write")
        template = self.env.ref("omnichannel_inbox.mail_template_canned_sm_change")
        # sudo: the flag only, once the agent opens the reply
        self.sudo().answered = True
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tell the customer"),
            "res_model": "inbox.canned.reply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.ticket_id.id,
                "default_template_id": template.id,
            },
        }


class MailActivity(models.Model):
    """A *Key into SM* task marked done by hand (a note, which no sync can show; or before
    the sync): its change request is done too, and the ticket told."""

    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        kind = self.env.ref("omnichannel_inbox.mail_activity_type_sm_change", False)
        tasks = self.filtered(lambda a: kind and a.activity_type_id == kind)
        if tasks:
            # sudo: found from the tasks being closed (not from the client); only open ones
            changes = (
                self.env["inbox.sm.change"]
                .sudo()
                .search([("activity_id", "in", tasks.ids), ("state", "=", "requested")])
            )
            for change in changes:
                change._inbox_done(by_hand=True)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
