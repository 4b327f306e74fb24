# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta
from urllib.parse import quote

import psycopg2
from markupsafe import Markup, escape

from odoo import SUPERUSER_ID, api, fields, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime, mute_logger

from ..adapters.errors import TcxError
from ..helpers import numbers
from ..helpers.call_report import dedup_key, parse_call_report

# ``number`` of a call whose caller hid their number (3CX's own word for it)
WITHHELD_NUMBER = "anonymous"

_logger = logging.getLogger(__name__)

AGENT_GROUP = "tcx_click2dial.group_tcx_agent"
CALLBACK_ACTIVITY = "tcx_click2dial.mail_activity_type_tcx_callback"
# A click-to-dial request and the 3CX report of that call are the same call when the report
# starts at most this long after (or slightly before, clocks drift) the request.
MERGE_WINDOW = timedelta(minutes=10)
MERGE_SKEW = timedelta(minutes=2)
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
    }
)


def _duration_text(seconds):
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TcxCall(models.Model):
    """The call journal: every call 3CX reports, and every call dialled from Odoo."""

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

    @api.depends("direction", "number", "partner_id", "contact_name")
    def _compute_name(self):
        for call in self:
            number = call.number
            if number == WITHHELD_NUMBER and not call.number_e164:
                number = self.env._("withheld number")
            who = call.partner_id.display_name or call.contact_name or number or ""
            if call.direction == "outbound":
                call.name = self.env._("Call to %(who)s", who=who)
            else:
                call.name = self.env._("Call from %(who)s", who=who)

    @api.depends("status", "direction")
    def _compute_counts(self):
        for call in self:
            call.answered_count = int(call.status == "answered")
            call.missed_count = int(
                call.direction == "inbound" and call.status in ("missed", "unanswered")
            )

    @api.depends("duration")
    def _compute_duration_display(self):
        for call in self:
            call.duration_display = _duration_text(call.duration)

    # ------------------------------------------------------------------------------------
    # click-to-dial
    # ------------------------------------------------------------------------------------
    @api.model
    def tcx_click_to_dial(self, number, res_model=False, res_id=False):
        """Call ``number`` (shown on record ``res_model``/``res_id``) for the current user.

        Returns ``{"ok", "mode", "message", "url"?, "call_id"?}``: in mode ``api`` 3CX already
        rings the agent's phone; in modes ``webclient`` and ``tel`` the browser opens ``url``.
        Raises UserError when nothing can be tried (not an agent, no PBX, no extension,
        invalid number); a failure of 3CX itself is journaled and returned with ok=False.
        """
        if not self.env.user.has_group(AGENT_GROUP):
            raise AccessError(self.env._("Only 3CX agents can call from Odoo."))
        pbx = self.env["tcx.pbx"]._tcx_get()
        if not pbx:
            raise UserError(
                self.env._("No 3CX phone system is configured: ask your administrator.")
            )
        partner = self._tcx_partner_of(res_model, res_id)
        region = partner.country_id.code or partner.commercial_partner_id.country_id.code
        call = self._tcx_dial(number, region or pbx._tcx_region(), partner=partner, pbx=pbx)
        return call._tcx_dial_answer(pbx)

    @api.model
    def _tcx_partner_of(self, res_model, res_id):
        """The contact a phone number belongs to, from the record it is shown on."""
        partner = self.env["res.partner"]
        if not res_model or not res_id or res_model not in self.env:
            return partner
        record = self.env[res_model].browse(int(res_id)).exists()
        if not record:
            return partner
        record.check_access("read")
        if res_model == "res.partner":
            return record
        field = record._fields.get("partner_id")
        if field and field.type == "many2one" and field.comodel_name == "res.partner":
            return record.partner_id
        return partner

    @api.model
    def _tcx_dial(self, raw_number, region, partner=None, pbx=None, callback_of=None):
        """Journal an outgoing call and start it; returns the tcx.call (status failed on error)."""
        pbx = pbx or self.env["tcx.pbx"]._tcx_get()
        if not pbx:
            raise UserError(
                self.env._("No 3CX phone system is configured: ask your administrator.")
            )
        user = self.env.user
        if pbx.dial_mode == "api" and not user.tcx_extension:
            raise UserError(
                self.env._(
                    "You have no 3CX extension: ask your administrator to set it on your user "
                    "(Settings > Users > 3CX extension)."
                )
            )
        e164 = phone_number.to_e164(raw_number, region or pbx._tcx_region())
        if not e164:
            raise UserError(
                self.env._(
                    "%(number)s is not a valid phone number: check it on the contact.",
                    number=(raw_number or "").strip() or self.env._("(empty)"),
                )
            )
        destination = numbers.dial_string(
            e164, pbx.dial_format, pbx._tcx_region(), pbx.outside_prefix
        )
        if not partner:
            best = self.env["res.partner"]._tcx_lookup(e164, company_id=pbx.company_id.id)[1]
            partner = self.env["res.partner"].browse(best[0]["id"]) if best else partner
        # sudo: journal fields are server-made here (the user, the checked number, the PBX)
        call = self.sudo().create(
            {
                "direction": "outbound",
                "status": "requested",
                "source": "click2dial",
                "number": (raw_number or "").strip() or e164,
                "number_e164": e164,
                "partner_id": partner.id if partner else False,
                "user_id": user.id,
                "extension": user.tcx_extension,
                "callback_of_id": callback_of.id if callback_of else False,
                "company_id": pbx.company_id.id,
            }
        ).sudo(False)
        if pbx.dial_mode == "api":
            try:
                answer = pbx._tcx_adapter().make_call(user.tcx_extension, destination)
            except TcxError as exc:
                _logger.info("3CX makecall failed for %s: %r", user.login, exc)
                # sudo: the outcome comes from 3CX's answer, not from the user
                call.sudo().write(
                    {"status": "failed", "error_message": pbx._tcx_error_message(exc)}
                )
                return call
            result = answer.get("result") if isinstance(answer.get("result"), dict) else {}
            # sudo: 3CX's own id of the call, from its answer
            call.sudo().pbx_call_id = str(result.get("callid") or result.get("id") or "") or False
        call._tcx_close_callbacks()
        return call

    def _tcx_dial_answer(self, pbx):
        self.ensure_one()
        shown = phone_number.pretty(self.number_e164)
        if self.status == "failed":
            return {
                "ok": False,
                "mode": pbx.dial_mode,
                "call_id": self.id,
                "message": self.error_message,
            }
        if pbx.dial_mode == "api":
            message = self.env._(
                "3CX is ringing your phone (extension %(ext)s): pick up to call %(number)s.",
                ext=self.extension,
                number=shown,
            )
            return {"ok": True, "mode": "api", "call_id": self.id, "message": message}
        if pbx.dial_mode == "webclient":
            destination = numbers.dial_string(
                self.number_e164, pbx.dial_format, pbx._tcx_region(), pbx.outside_prefix
            )
            url = f"{pbx.base_url.rstrip('/')}/webclient/#/call?phone={quote(destination, safe='')}"
            message = self.env._("Calling %(number)s in the 3CX web client.", number=shown)
            return {
                "ok": True,
                "mode": "webclient",
                "call_id": self.id,
                "url": url,
                "message": message,
            }
        message = self.env._("Calling %(number)s with your phone application.", number=shown)
        return {
            "ok": True,
            "mode": "tel",
            "call_id": self.id,
            "url": f"tel:{self.number_e164}",
            "message": message,
        }

    def action_call_back(self):
        """Button of a missed call: dial the caller back (closes the callback activity)."""
        self.ensure_one()
        if not self.number_e164:
            raise UserError(self.env._("This call has no number to call back."))
        pbx = self.env["tcx.pbx"]._tcx_get(self.company_id)
        call = self._tcx_dial(
            self.number_e164, None, partner=self.partner_id, pbx=pbx, callback_of=self
        )
        answer = call._tcx_dial_answer(pbx)
        if answer.get("url"):  # web client in a new tab; tel: handed to the phone application
            target = "self" if answer["mode"] == "tel" else "new"
            return {"type": "ir.actions.act_url", "url": answer["url"], "target": target}
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if answer["ok"] else "danger",
                "title": self.env._("3CX"),
                "message": answer["message"],
                "sticky": not answer["ok"],
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------------------------
    # missed calls and callbacks
    # ------------------------------------------------------------------------------------
    def _tcx_close_callbacks(self):
        """This outgoing call reached (or tried) a number: its pending callbacks are done."""
        self.ensure_one()
        if self.direction != "outbound" or not self.number_e164 or self.status == "failed":
            return
        # sudo: whoever calls back closes the callback, even one assigned to a colleague (the
        # agent's outgoing call is the proof; only callback bookkeeping fields are written)
        pending = self.sudo().search(
            [
                ("number_e164", "=", self.number_e164),
                ("callback_state", "=", "todo"),
                ("company_id", "=", self.company_id.id),
                ("start_date", "<=", self.start_date),
            ]
        )
        if not pending:
            return
        activity_type = self.env.ref(CALLBACK_ACTIVITY, raise_if_not_found=False)
        for missed in pending:
            delay = (self.start_date - missed.start_date).total_seconds() / 3600.0
            missed.write(
                {
                    "callback_state": "done",
                    "callback_date": self.start_date,
                    "callback_delay": max(0.0, delay),
                }
            )
            activities = missed.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            if activities:
                feedback = self.env._(
                    "Called back by %(user)s.", user=self.user_id.name or self.env._("an agent")
                )
                activities.action_feedback(feedback=feedback)
        if not self.callback_of_id:
            # sudo: link to the missed call found above (a journal field)
            self.sudo().callback_of_id = pending.sorted("start_date")[-1]

    def _tcx_callback_assignee(self):
        """Who calls back this missed call: the agent it rang, the queue's callback agent, the
        contact's salesperson, else the PBX's default callback agent (agents only)."""
        self.ensure_one()
        pbx = self.env["tcx.pbx"]._tcx_get(self.company_id)
        candidates = (
            self.user_id,
            self.queue_id.user_id,
            self.partner_id.commercial_partner_id.user_id or self.partner_id.user_id,
            pbx.callback_user_id,
        )
        for user in candidates:
            if user and user.active and user.has_group(AGENT_GROUP):
                return user
        return self.env["res.users"]

    def _tcx_schedule_callback(self):
        """A missed inbound call: one callback activity per number, for the right agent."""
        self.ensure_one()
        if self.direction != "inbound" or self.status not in ("missed", "unanswered"):
            return
        if not self.number_e164:
            return  # hidden or invalid number: nobody can call back
        assignee = self._tcx_callback_assignee()
        self.write({"callback_state": "todo", "callback_user_id": assignee.id or False})
        open_ones = self.search(
            [
                ("number_e164", "=", self.number_e164),
                ("callback_state", "=", "todo"),
                ("id", "!=", self.id),
                ("company_id", "=", self.company_id.id),
                ("activity_ids", "!=", False),
            ],
            limit=1,
        )
        # written for the agent who calls back, in their language (3CX reports come in as
        # a service account)
        env = self.with_context(lang=assignee.lang or self.env.lang).env
        if open_ones:
            # the customer called again: the pending callback covers this call too
            open_ones.message_post(
                body=env._(
                    "%(who)s called again at %(when)s.",
                    who=self._tcx_who(),
                    when=format_datetime(env, self.start_date, tz=assignee.tz or None),
                ),
                subtype_xmlid="mail.mt_note",
            )
            return
        if not assignee:
            _logger.info("missed call %s: no agent to assign the callback to", self.id)
            return
        self.activity_schedule(
            CALLBACK_ACTIVITY,
            date_deadline=fields.Date.context_today(self),
            summary=env._("Call back %(who)s", who=self._tcx_who()),
            user_id=assignee.id,
        )

    def _tcx_who(self):
        return (
            self.partner_id.display_name
            or self.contact_name
            or phone_number.pretty(self.number_e164)
            or self.number
        )

    # ------------------------------------------------------------------------------------
    # 3CX call reports (ReportCall)
    # ------------------------------------------------------------------------------------
    @api.model
    def _tcx_log_report(self, payload, pbx_info):
        """Journal one ReportCall body; returns ``(outcome, call)``, outcome being
        ``created``, ``updated`` (a click-to-dial call completed) or ``duplicate``.

        ``pbx_info`` is :meth:`tcx.pbx._tcx_authenticate`'s answer. Raises ReportError.
        Must run as superuser: 3CX is not an Odoo user.
        """
        report = parse_call_report(payload)
        region = pbx_info.get("region") or phone_number.DEFAULT_REGION
        company_id = pbx_info["company_id"]
        e164 = phone_number.to_e164(report.number, region) if report.number else None
        key = dedup_key(self._tcx_number_key(report, region), report.agent, report.start)
        existing = self.search([("dedup_key", "=", key)], limit=1)
        if existing:
            return "duplicate", existing

        user = self.env["res.users"]._tcx_find_agent(report.agent, report.agent_email)
        queue = self.env["tcx.queue"]
        if report.queue:
            queue = queue.search(
                [("extension", "=", report.queue), ("company_id", "=", company_id)], limit=1
            )
        partner = self.env["res.partner"]
        if report.entity_id:  # our contact id, from the lookup 3CX ran when the call started
            partner = (
                partner.browse(report.entity_id)
                .exists()
                .filtered(lambda p: p.active and p.company_id.id in (False, company_id))
            )
        if not partner and e164:
            best = partner._tcx_lookup(e164, region, company_id)[1]
            partner = partner.browse(best[0]["id"]) if best else partner
        vals = {
            "direction": report.direction,
            "status": report.status,
            "source": "report",
            "call_type": report.call_type,
            "number": report.number or WITHHELD_NUMBER,
            "number_e164": e164 or False,
            "contact_name": report.name or False,
            "partner_id": partner.id or False,
            "user_id": user.id or False,
            "extension": report.agent or False,
            "agent_email": report.agent_email or False,
            "queue_extension": report.queue or False,
            "queue_id": queue.id or False,
            "start_date": report.start,
            "answer_date": report.answer or False,
            "end_date": report.end or False,
            "duration": report.duration,
            "dedup_key": key,
            "company_id": company_id,
        }
        outcome = "created"
        requested = self._tcx_requested_call(report, e164, user, company_id)
        try:
            # a duplicate sent twice at once fails on the unique key: expected, not an error
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                if requested:
                    vals.pop("source")
                    vals["partner_id"] = requested.partner_id.id or vals["partner_id"]
                    requested.write(vals)
                    call, outcome = requested, "updated"
                else:
                    call = self.create(vals)
                self.env.flush_all()
        except psycopg2.errors.UniqueViolation:
            # the same report arrived twice at once: the other request journaled it
            return "duplicate", self.search([("dedup_key", "=", key)], limit=1)
        call._on_call_logged()
        return outcome, call

    @api.model
    def _tcx_number_key(self, report, region):
        """What identifies the caller of ``report``: E.164, else its digits ("" if withheld).

        The endpoint locks on it, so that reports of one number are journaled one at a time.
        """
        if not report.number:
            return ""
        return phone_number.to_e164(report.number, region) or numbers.digits_key(report.number)

    @api.model
    def _tcx_requested_call(self, report, e164, user, company_id):
        """The click-to-dial call this outbound report completes, if any."""
        if report.direction != "outbound" or not e164:
            return self.browse()
        domain = [
            ("status", "=", "requested"),
            ("dedup_key", "=", False),
            ("number_e164", "=", e164),
            ("company_id", "=", company_id),
            ("start_date", ">=", report.start - MERGE_WINDOW),
            ("start_date", "<=", report.start + MERGE_SKEW),
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        elif report.agent:
            domain.append(("extension", "=", report.agent))
        else:
            return self.browse()
        return self.search(domain, order="start_date desc", limit=1)

    def _on_call_logged(self):
        """Hook: a 3CX report journaled this call (created, or completed a click-to-dial one).

        Posts the call on the contact's chatter, schedules the callback of a missed inbound
        call, closes the callbacks an outbound call answers. Runs as superuser. Other
        modules extend it (e.g. the omnichannel inbox turns missed calls into tickets).
        """
        for call in self:
            call._tcx_post_on_partner()
            if call.direction == "inbound":
                call._tcx_schedule_callback()
            elif call.status in ("answered", "unanswered"):
                call._tcx_close_callbacks()

    def _tcx_post_on_partner(self):
        self.ensure_one()
        if not self.partner_id:
            return
        lang = self.user_id.lang or self.partner_id.lang or self.env.lang
        call = self.with_context(lang=lang)
        agent = (
            call.user_id.name
            or (call.extension and call.env._("extension %(ext)s", ext=call.extension))
            or ""
        )
        number = phone_number.pretty(call.number_e164) or call.number
        duration = _duration_text(call.duration)
        if call.direction == "inbound" and call.status == "answered":
            text = call.env._(
                "Inbound call from %(number)s, answered by %(agent)s (%(duration)s).",
                number=number,
                agent=agent or call.env._("an agent"),
                duration=duration,
            )
        elif call.direction == "inbound":
            text = call.env._("Missed call from %(number)s.", number=number)
        elif call.status == "answered":
            text = call.env._(
                "Outbound call to %(number)s by %(agent)s (%(duration)s).",
                number=number,
                agent=agent or call.env._("an agent"),
                duration=duration,
            )
        else:
            text = call.env._(
                "Outbound call to %(number)s by %(agent)s: no answer.",
                number=number,
                agent=agent or call.env._("an agent"),
            )
        link = Markup('<a href="#" data-oe-model="tcx.call" data-oe-id="%s">%s</a>') % (
            call.id,
            call.env._("call"),
        )
        author = call.user_id.partner_id or self.env.ref("base.partner_root")
        # sudo: a server-written note (3CX reports run as OdooBot already) on the contact
        call.partner_id.with_user(SUPERUSER_ID).message_post(
            body=Markup("%s (%s)") % (escape(text), link),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=author.id,
        )

    # ------------------------------------------------------------------------------------
    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }
