# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import psycopg2
from markupsafe import Markup, escape

from odoo import SUPERUSER_ID, api, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.tools import mute_logger

from ..helpers import numbers
from ..helpers.call_report import dedup_key, parse_call_report
from .tcx_call import WITHHELD_NUMBER, _duration_text

# A click-to-dial request and the 3CX report of that call are the same call when the report
# starts at most this long after (or slightly before, clocks drift) the request.
MERGE_WINDOW = timedelta(minutes=10)
MERGE_SKEW = timedelta(minutes=2)


class TcxCall(models.Model):
    """Journaling 3CX call reports (ReportCall): one call per report, on the contact's chatter."""

    _inherit = "tcx.call"  # pylint: disable=consider-merging-classes-inherited

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

        def call_vals(user, partner):
            if not partner and e164:
                best = partner._tcx_lookup(e164, region, company_id)[1]
                partner = partner.browse(best[0]["id"]) if best else partner
            vals = {
                "direction": report.direction,
                "status": report.status,
                "call_type": report.call_type,
                "number": report.number or WITHHELD_NUMBER,
                "number_e164": e164 or False,
                "partner_id": partner.id or False,
                "answer_date": report.answer or False,
                "recording_url": report.recording_url or False,
                "transcription": report.transcription or False,
                "summary": report.summary or False,
                "missed_reason": report.missed_reason or False,
            }
            requested = self._tcx_requested_call(report, e164, user, company_id)
            if requested:
                vals["partner_id"] = requested.partner_id.id or vals["partner_id"]
            return vals, requested

        outcome, call = self._tcx_journal(report, key, company_id, call_vals)
        if outcome != "duplicate":
            call._on_call_logged()
        return outcome, call

    @api.model
    def _tcx_journal(self, report, key, company_id, own_vals):
        """Journal a parsed 3CX report (ReportCall, ReportChat) once: the steps both share.

        ``key`` is the entry's dedup key (:func:`~..helpers.call_report.dedup_key`); an
        entry with it already → ``("duplicate", entry)``. Otherwise the agent (extension,
        else e-mail), the queue and our contact id of the report (active, in the PBX's company
        ``company_id``) are read and ``own_vals(user, partner)`` returns ``(vals, completed)``:
        the report kind's own values (over the shared ones: agent, queue, contact, times,
        key, company) and the journal entry the report completes (e.g. a click-to-dial call;
        empty: a new entry). Returns ``(outcome, entry)``, outcome ``created``, ``updated``
        (``completed`` written, keeping its source) or ``duplicate`` (also when the same
        report is journaled at the same time by another request: the unique key refuses it).
        """
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
        if report.entity_id:  # our contact id, from the lookup 3CX ran when it started
            partner = (
                partner.browse(report.entity_id)
                .exists()
                .filtered(lambda p: p.active and p.company_id.id in (False, company_id))
            )
        vals = {
            "source": "report",
            "contact_name": report.name or False,
            "partner_id": partner.id or False,
            "user_id": user.id or False,
            "extension": report.agent or False,
            "agent_email": report.agent_email or False,
            "queue_extension": report.queue or False,
            "queue_id": queue.id or False,
            "start_date": report.start,
            "end_date": report.end or False,
            "duration": report.duration,
            "dedup_key": key,
            "company_id": company_id,
        }
        kind_vals, completed = own_vals(user, partner)
        vals.update(kind_vals)
        try:
            # the same report twice at once fails on the unique key: expected, not an error
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                if completed:
                    vals.pop("source")
                    completed.write(vals)
                    entry, outcome = completed, "updated"
                else:
                    entry, outcome = self.create(vals), "created"
                self.env.flush_all()
        except psycopg2.errors.UniqueViolation:
            # the other request journaled it
            return "duplicate", self.search([("dedup_key", "=", key)], limit=1)
        return outcome, entry

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
        if call.missed_reason:
            reason = dict(call._fields["missed_reason"]._description_selection(call.env))
            text = f"{text} {reason[call.missed_reason]}."
        call._tcx_post_note(text, call.env._("call"))

    def _tcx_post_note(self, text, label):
        """Post ``text`` on the contact's chatter with a link to this journal entry (labelled
        ``label``), the recording link and 3CX's summary when there are."""
        self.ensure_one()
        call = self
        link = Markup('<a href="#" data-oe-model="tcx.call" data-oe-id="%s">%s</a>') % (
            call.id,
            label,
        )
        body = Markup("%s (%s)") % (escape(text), link)
        if call.recording_url:
            body += Markup(' <a href="%s" target="_blank" rel="noopener noreferrer">%s</a>') % (
                call.recording_url,
                call.env._("Listen to the recording"),
            )
        if call.summary:
            body += Markup("<br/><i>%s</i> %s") % (call.env._("Summary:"), call.summary)
        author = call.user_id.partner_id or self.env.ref("base.partner_root")
        # sudo: a server-written note (3CX reports run as OdooBot already) on the contact
        call.partner_id.with_user(SUPERUSER_ID).message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=author.id,
        )
