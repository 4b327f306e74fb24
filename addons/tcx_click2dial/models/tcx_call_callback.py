# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.addons.suite_base.tools.calls import is_missed
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .tcx_call import AGENT_GROUP

_logger = logging.getLogger(__name__)

CALLBACK_ACTIVITY = "tcx_click2dial.mail_activity_type_tcx_callback"


class TcxCall(models.Model):
    """Missed calls: who calls back, the *Call back* task, and closing it once called back."""

    _inherit = "tcx.call"  # pylint: disable=consider-merging-classes-inherited

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

    def write(self, vals):
        """A callback given to someone else: its task follows (one task, one person)."""
        res = super().write(vals)
        if vals.get("callback_user_id"):
            self._tcx_callback_reassigned()
        return res

    def _tcx_callback_reassigned(self):
        """The owner of these calls' callback changed: their open task goes to them."""
        for call in self.filtered(lambda c: c.callback_state == "todo" and c.callback_user_id):
            tasks = call._tcx_callback_activities().filtered(
                lambda a, user=call.callback_user_id: a.user_id != user
            )
            if tasks:
                # sudo: the write above checked the writer may give this callback away (they
                # may no longer see the call); only its own task's owner follows
                tasks.sudo().write({"user_id": call.callback_user_id.id})

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
        feedback = self.env._(
            "Called back by %(user)s.", user=self.user_id.name or self.env._("an agent")
        )
        pending._tcx_callback_done(self.start_date, feedback)
        if not self.callback_of_id:
            # sudo: link to the missed call found above (a journal field)
            self.sudo().callback_of_id = pending.sorted("start_date")[-1]

    def _tcx_callback_done(self, when, feedback):
        """These missed calls are handled at ``when``: mark them called back and close their
        callback task wherever it lives (see :meth:`_tcx_callback_holder`)."""
        todo = self.filtered(lambda call: call.callback_state == "todo")
        if not todo:
            return
        activities = todo._tcx_callback_activities()
        for missed in todo:
            delay = (when - missed.start_date).total_seconds() / 3600.0
            missed.write(
                {
                    "callback_state": "done",
                    "callback_date": when,
                    "callback_delay": max(0.0, delay),
                }
            )
        if activities:
            activities.action_feedback(feedback=feedback)

    def _tcx_callback_assignee(self):
        """The one rule deciding who calls back this missed call; nobody else decides it.

        Here: the agent it rang, the queue's callback agent, the contact's salesperson, else
        the PBX's default callback agent (agents only). Modules extend this method, never
        decide elsewhere (the omnichannel inbox: the owner of the call's ticket first).
        """
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

    def _tcx_callback_holder(self):
        """The record the *Call back* task of this missed call lives on: the call itself.

        Modules that give a missed call a record of their own move the task there (the
        omnichannel inbox: the call's ticket), so that there is one task, not two.
        """
        self.ensure_one()
        return self

    def _tcx_callback_activities(self):
        """The open *Call back* activities of these calls, on whatever record holds them."""
        kind = self.env.ref(CALLBACK_ACTIVITY, raise_if_not_found=False)
        activities = self.env["mail.activity"]
        if not kind:
            return activities
        for call in self:
            holder = call._tcx_callback_holder()
            activities |= holder.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        return activities

    def _tcx_callback_task(self):
        """The open *Call back* task standing for this call: on its holder, else the caller's
        pending callback that covers it (the customer called again)."""
        self.ensure_one()
        task = self._tcx_callback_activities()
        if task or self.callback_state != "todo" or not self.number_e164:
            return task[:1]
        others = self.search(
            [
                ("number_e164", "=", self.number_e164),
                ("callback_state", "=", "todo"),
                ("id", "!=", self.id),
                ("company_id", "=", self.company_id.id),
            ],
            order="start_date, id",
        )
        return others._tcx_callback_activities()[:1]

    @api.model
    def _tcx_calls_of_callback_task(self, res_model, res_ids):
        """The missed calls still to call back that a *Call back* task on ``res_model`` /
        ``res_ids`` stands for: on a call, the calls of its number it covers."""
        calls = self.browse()
        if res_model != self._name:
            return calls
        for holder in self.browse(res_ids).exists().filtered("number_e164"):
            calls |= self.search(
                [
                    ("number_e164", "=", holder.number_e164),
                    ("callback_state", "=", "todo"),
                    ("company_id", "=", holder.company_id.id),
                ]
            )
        return calls

    def _tcx_schedule_callback(self):
        """A missed inbound call: one callback task per number, on the record that holds it
        (:meth:`_tcx_callback_holder`), for the one :meth:`_tcx_callback_assignee` picks."""
        self.ensure_one()
        if not is_missed(self.direction, self.status):
            return
        if not self.number_e164:
            return  # hidden or invalid number: nobody can call back
        assignee = self._tcx_callback_assignee()
        self.write({"callback_state": "todo", "callback_user_id": assignee.id or False})
        pending = self._tcx_callback_task()
        if pending:
            # the customer called again: the pending callback covers this call too, and its
            # owner is this call's owner (one task, one person)
            self.callback_user_id = pending.user_id
            # written for the agent who calls back, in their language (3CX reports come in as
            # a service account)
            env = self.with_context(lang=pending.user_id.lang or self.env.lang).env
            self.env[pending.res_model].browse(pending.res_id).message_post(
                body=env._(
                    "%(who)s called again at %(when)s.",
                    who=self._tcx_who(),
                    when=format_datetime(env, self.start_date, tz=pending.user_id.tz or None),
                ),
                subtype_xmlid="mail.mt_note",
            )
            return
        if not assignee:
            _logger.info("missed call %s: no agent to assign the callback to", self.id)
            return
        env = self.with_context(lang=assignee.lang or self.env.lang).env  # the assignee reads it
        self._tcx_callback_holder().activity_schedule(
            CALLBACK_ACTIVITY,
            date_deadline=fields.Date.context_today(self),
            summary=env._("Call back %(who)s", who=self._tcx_who()),
            user_id=assignee.id,
        )
