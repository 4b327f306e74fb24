# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date

from ..helpers.dedup import normalize_name

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
    """Tickets of the omnichannel inbox: customer, SM orders (the panel), channel, the pipeline's
    own fields. Mail intake, SLA, merge and canned replies: helpdesk_ticket_<concern>.py."""

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

    # Indexed lookups of the routing pipeline: their cost does not grow with the tickets.
    # `inbox_open IS TRUE`, as the ORM writes ('inbox_open', '=', True): PostgreSQL uses a
    # partial index only for the very predicate (`WHERE inbox_open` went unused, issue 17).
    _inbox_number_idx = models.Index("(number)")
    _inbox_open_partner_idx = models.Index(
        "(commercial_partner_id, inbox_last_request_date) "
        "WHERE inbox_open IS TRUE AND commercial_partner_id IS NOT NULL"
    )
    _inbox_open_sender_idx = models.Index(
        "(inbox_sender_key, inbox_last_request_date) WHERE inbox_open IS TRUE AND inbox_sender_key IS NOT NULL"
    )
    _inbox_open_name_idx = models.Index(
        "(inbox_name_key, inbox_last_request_date) WHERE inbox_open IS TRUE AND inbox_name_key IS NOT NULL"
    )
    _inbox_open_user_idx = models.Index(
        "(user_id) WHERE inbox_open IS TRUE AND user_id IS NOT NULL"
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

    @api.depends("inbox_order_ids", "inbox_order_id")
    def _compute_inbox_order_panel(self):
        # The template loops per order over `order_line.filtered(...)`, whose records prefetch
        # only their own order: read every panel's products and templates at once instead.
        lines = (self.inbox_order_id | self.inbox_order_ids).order_line
        lines.product_id.mapped("display_name")
        lines.product_id.product_tmpl_id.mapped("sm_next_restock_date")
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

    # ------------------------------------------------------------------------------------
    # CRUD hooks
    # ------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # a context default (default_<field>, set by any RPC client) is a value too
        defaults = {key[8:] for key in self.env.context if key.startswith("default_")}
        for vals in vals_list:
            self._inbox_check_system_fields((set(vals) | defaults) - {"inbox_name_key"})
            if "inbox_name_key" not in vals:
                name = vals.get("partner_name")
                if not name and vals.get("partner_id"):
                    name = self.env["res.partner"].browse(vals["partner_id"]).name
                vals["inbox_name_key"] = normalize_name(name) or False
        tickets = super().create(vals_list)
        # the gateway's pipeline starts the clock itself; the keys are the gateway's only
        # (superuser or a Settings user, as check_mail_gateway): from a client they'd skip it
        gateway = self.env.context.get("fetchmail_cron_running") or self.env.context.get(
            "inbox_routing"
        )
        if gateway and self.env.is_system():
            return tickets
        for ticket in tickets.filtered(lambda t: not t.inbox_sla_policy_id and t.channel_id):
            ticket._inbox_sla_start(ticket.create_date, channel=ticket.channel_id)
        return tickets

    @api.model
    def _inbox_system_fields(self):
        """The fields the inbox keeps, never typed (hook: each concern's file adds its own,
        e.g. the resolution clock's, the lifecycle's, the stored computed ones)."""
        return SYSTEM_FIELDS

    def _inbox_check_system_fields(self, fnames):
        """Refuse the inbox's own fields (``_inbox_system_fields()``) among ``fnames`` to
        anyone but trusted (superuser) code: AccessError naming them."""
        forbidden = self._inbox_system_fields().intersection(fnames)
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

    def action_inbox_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("id", "in", (self.inbox_order_ids | self.inbox_order_id).ids)]
        action["context"] = {}
        return action
