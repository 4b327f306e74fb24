# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.suite_base.tools.calls import is_missed
from odoo.addons.suite_phone.tools import phone_number
from odoo.exceptions import AccessError

# ``number`` of a call whose caller hid their number (3CX's own word for it)
WITHHELD_NUMBER = "anonymous"

AGENT_GROUP = "tcx_click2dial.group_tcx_agent"

# What the journal code records (from 3CX's report or the click-to-dial request): never set by
# a user, or a forged dedup_key would make 3CX's real report a "duplicate" and lose it.
JOURNAL_FIELDS = frozenset(
    {
        "name",
        "direction",
        "status",
        "source",
        "call_type",
        "number",
        "number_e164",
        "contact_name",
        "partner_id",
        "user_id",
        "extension",
        "agent_email",
        "queue_extension",
        "queue_id",
        "start_date",
        "answer_date",
        "end_date",
        "duration",
        "dedup_key",
        "pbx_call_id",
        "error_message",
        "company_id",
        "callback_of_id",
        "callback_ids",
        "callback_state",
        "callback_date",
        "callback_delay",
        "answered_count",
        "missed_count",
        "media",
        "email",
        "recording_url",
        "transcription",
        "summary",
        "missed_reason",
        "connected",
    }
)

MISSED_REASON_SELECTION = [
    ("outside_hours", "Outside opening hours"),
    ("queue_abandoned", "Abandoned in the queue"),
    ("no_agent", "No agent available"),
]


def _duration_text(seconds):
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TcxCall(models.Model):
    """The call journal: every call 3CX reports, and every call dialled from Odoo.

    This file holds the fields and the journal's lock; each concern extends the model in its
    own file: ``tcx_call_journal`` (3CX call reports), ``tcx_call_click2dial`` (placing
    calls), ``tcx_call_callback`` (missed calls and their callback).
    """

    _name = "tcx.call"
    _description = "3CX call"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound")], required=True, index=True
    )
    status = fields.Selection(
        [
            ("requested", "Dialled from Odoo"),
            ("answered", "Answered"),
            ("missed", "Missed"),
            ("unanswered", "Not answered"),
            ("failed", "Failed"),
        ],
        required=True,
        index=True,
        tracking=True,
    )
    media = fields.Selection(
        [("call", "Call"), ("chat", "Chat / SMS")],
        required=True,
        default="call",
        index=True,
        help="A phone call, or a chat or SMS conversation 3CX journaled (ReportChat).",
    )
    email = fields.Char(help="The customer's e-mail address 3CX sent with a chat.")
    recording_url = fields.Char(string="Recording", readonly=True)
    transcription = fields.Text(
        string="Transcript", readonly=True, help="3CX's transcription, or the chat's messages."
    )
    summary = fields.Text(readonly=True, help="3CX's summary of the call.")
    missed_reason = fields.Selection(
        MISSED_REASON_SELECTION,
        string="Missed because",
        readonly=True,
        index="btree_not_null",
        help="As 3CX reported it, else what the report shows: a queue call nobody took was "
        "abandoned in the queue, a call that reached neither a queue nor an agent found none.",
    )
    connected = fields.Float(
        string="Connect rate (%)",
        compute="_compute_counts",
        store=True,
        aggregator="avg",
        help="100 for a call that was answered, 0 for one that was not: its average per agent "
        "is the agent's connect rate.",
    )
    source = fields.Selection(
        [("report", "3CX call report"), ("click2dial", "Click-to-dial")],
        required=True,
        default="report",
    )
    call_type = fields.Char(
        string="3CX call type", readonly=True, help="[CallType] as 3CX sent it."
    )
    number = fields.Char(required=True, help="The customer's number, as dialled or reported.")
    number_e164 = fields.Char(string="Number (E.164)", index="btree_not_null")
    contact_name = fields.Char(string="Caller name", help="[Name] as 3CX reported it.")
    partner_id = fields.Many2one(
        "res.partner", string="Contact", index="btree_not_null", ondelete="set null"
    )
    user_id = fields.Many2one(
        "res.users", string="Agent", index="btree_not_null", ondelete="set null"
    )
    extension = fields.Char(help="The agent's 3CX extension.")
    agent_email = fields.Char()
    queue_extension = fields.Char()
    queue_id = fields.Many2one("tcx.queue", ondelete="set null")
    start_date = fields.Datetime(
        string="Start", required=True, default=fields.Datetime.now, index=True
    )
    answer_date = fields.Datetime(string="Answered at")
    end_date = fields.Datetime(string="End")
    duration = fields.Integer(string="Duration (s)", aggregator="sum")
    duration_display = fields.Char(string="Duration", compute="_compute_duration_display")
    dedup_key = fields.Char(copy=False, readonly=True, help="Number, extension and start time.")
    pbx_call_id = fields.Char(string="3CX call id", readonly=True)
    error_message = fields.Text(readonly=True)
    note = fields.Text(string="Notes", help="The agent's notes on the call: theirs to edit.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    callback_of_id = fields.Many2one(
        "tcx.call", string="Callback of", index="btree_not_null", ondelete="set null"
    )
    callback_ids = fields.One2many("tcx.call", "callback_of_id", string="Callbacks")
    callback_user_id = fields.Many2one(
        "res.users", string="Callback by", index="btree_not_null", ondelete="set null"
    )
    callback_state = fields.Selection(
        [("todo", "To call back"), ("done", "Called back")], index=True, tracking=True
    )
    callback_date = fields.Datetime(readonly=True)
    callback_delay = fields.Float(
        string="Callback delay (h)",
        readonly=True,
        aggregator="avg",
        help="Hours between the missed call and the callback.",
    )
    answered_count = fields.Integer(
        string="Answered calls", compute="_compute_counts", store=True, aggregator="sum"
    )
    missed_count = fields.Integer(
        string="Missed calls", compute="_compute_counts", store=True, aggregator="sum"
    )

    _dedup_key_unique = models.Constraint(
        "UNIQUE(dedup_key)",
        "This call has already been reported.",
    )
    _callbacks_todo_idx = models.Index("(number_e164) WHERE callback_state = 'todo'")

    # journal integrity -------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Calls are journaled by the server only (3CX reports, click-to-dial), in superuser
        mode: ``env.su`` cannot be sent by a client, unlike a context key."""
        if not self.env.su:
            raise AccessError(
                self.env._("Calls are journaled by 3CX and click-to-dial only, not by hand.")
            )
        return super().create(vals_list)

    def write(self, vals):
        """Users may reassign a callback and use the chatter; what 3CX reported is final."""
        forbidden = sorted(JOURNAL_FIELDS.intersection(vals))
        if forbidden and not self.env.su:
            labels = ", ".join(self._fields[name].get_description(self.env)["string"]
                               for name in forbidden)  # fmt: skip
            raise AccessError(
                self.env._(
                    "These call fields are recorded by 3CX and cannot be changed: %(fields)s.",
                    fields=labels,
                )
            )
        return super().write(vals)

    @api.depends("direction", "number", "partner_id", "contact_name", "media")
    def _compute_name(self):
        for call in self:
            number = call.number
            if number == WITHHELD_NUMBER and not call.number_e164:
                number = self.env._("withheld number")
            who = call.partner_id.display_name or call.contact_name or number or ""
            if call.media == "chat":
                call.name = self.env._("Chat with %(who)s", who=who)
            elif call.direction == "outbound":
                call.name = self.env._("Call to %(who)s", who=who)
            else:
                call.name = self.env._("Call from %(who)s", who=who)

    @api.depends("status", "direction")
    def _compute_counts(self):
        for call in self:
            call.answered_count = int(call.status == "answered")
            call.missed_count = int(is_missed(call.direction, call.status))
            call.connected = 100.0 if call.status == "answered" else 0.0

    @api.depends("duration")
    def _compute_duration_display(self):
        for call in self:
            call.duration_display = _duration_text(call.duration)

    def _tcx_who(self):
        """How the caller is named to people: contact, 3CX name, number."""
        return (
            self.partner_id.display_name
            or self.contact_name
            or phone_number.pretty(self.number_e164)
            or self.number
        )

    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }
