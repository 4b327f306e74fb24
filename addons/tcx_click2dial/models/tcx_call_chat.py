# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import api, models
from odoo.addons.suite_phone.tools import phone_number
from odoo.tools import mute_logger

from ..helpers import numbers
from ..helpers.call_report import dedup_key
from ..helpers.chat_report import parse_chat_report
from .tcx_call import WITHHELD_NUMBER


class TcxCall(models.Model):
    """Journaling 3CX chat and SMS conversations (ReportChat) like calls: one journal entry
    (``media = "chat"``) per conversation, the messages as its transcript, a note on the
    contact's chatter."""

    _inherit = "tcx.call"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _tcx_chat_key(self, report, region):
        """What identifies the customer of a chat (the endpoint locks on it): the number's
        E.164 (or digits), else the e-mail address, else our contact id."""
        if report.number:
            return phone_number.to_e164(report.number, region) or numbers.digits_key(report.number)
        return report.email or f"partner:{report.entity_id}"

    @api.model
    def _tcx_log_chat(self, payload, pbx_info):
        """Journal one ReportChat body; returns ``(outcome, entry)``, outcome ``created`` or
        ``duplicate`` (same customer, agent and start second). The customer is our contact id
        when the lookup gave one, else the suite's one identification (e-mail, then number).

        ``pbx_info`` is :meth:`tcx.pbx._tcx_authenticate`'s answer. Raises ReportError.
        Must run as superuser: 3CX is not an Odoo user.
        """
        report = parse_chat_report(payload)
        region = pbx_info.get("region") or phone_number.DEFAULT_REGION
        company_id = pbx_info["company_id"]
        key = dedup_key(f"chat:{self._tcx_chat_key(report, region)}", report.agent, report.start)
        existing = self.search([("dedup_key", "=", key)], limit=1)
        if existing:
            return "duplicate", existing
        Partner = self.env["res.partner"]
        partner = Partner
        if report.entity_id:
            partner = (
                Partner.browse(report.entity_id)
                .exists()
                .filtered(lambda p: p.active and p.company_id.id in (False, company_id))
            )
        found = Partner._suite_identify(
            email=report.email,
            phone=report.number,
            region=region,
            company_id=company_id,
            lookup=not partner,
        )
        partner = partner or found.partner
        user = self.env["res.users"]._tcx_find_agent(report.agent, report.agent_email)
        queue = self.env["tcx.queue"]
        if report.queue:
            queue = queue.search(
                [("extension", "=", report.queue), ("company_id", "=", company_id)], limit=1
            )
        vals = {
            "media": "chat",
            "direction": "inbound",
            "status": "answered",
            "source": "report",
            "call_type": "Chat",
            "number": report.number or report.email or WITHHELD_NUMBER,
            "number_e164": found.phone_e164 or False,
            "email": report.email or False,
            "contact_name": report.name or False,
            "partner_id": partner.id or False,
            "user_id": user.id or False,
            "extension": report.agent or False,
            "agent_email": report.agent_email or False,
            "queue_extension": report.queue or False,
            "queue_id": queue.id or False,
            "start_date": report.start,
            "answer_date": report.start,
            "end_date": report.end or False,
            "duration": report.duration,
            "transcription": report.messages or False,
            "dedup_key": key,
            "company_id": company_id,
        }
        try:
            # the same report twice at once fails on the unique key: expected, not an error
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                entry = self.create(vals)
                self.env.flush_all()
        except psycopg2.errors.UniqueViolation:
            return "duplicate", self.search([("dedup_key", "=", key)], limit=1)
        entry._tcx_post_chat_on_partner()
        return "created", entry

    def _tcx_post_chat_on_partner(self):
        self.ensure_one()
        if not self.partner_id:
            return
        lang = self.user_id.lang or self.partner_id.lang or self.env.lang
        entry = self.with_context(lang=lang)
        lines = [line for line in (entry.transcription or "").splitlines() if line.strip()]
        text = entry.env._(
            "Chat with %(agent)s (%(count)s messages).",
            agent=entry.user_id.name or entry.env._("an agent"),
            count=len(lines),
        )
        entry._tcx_post_note(text, entry.env._("chat"))
