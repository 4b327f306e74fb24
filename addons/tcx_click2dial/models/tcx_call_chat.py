# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.suite_phone.tools import phone_number

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

        def chat_vals(_user, partner):
            found = self.env["res.partner"]._suite_identify(
                email=report.email,
                phone=report.number,
                region=region,
                company_id=company_id,
                lookup=not partner,
            )
            vals = {
                "media": "chat",
                "direction": "inbound",
                "status": "answered",
                "call_type": "Chat",
                "number": report.number or report.email or WITHHELD_NUMBER,
                "number_e164": found.phone_e164 or False,
                "email": report.email or False,
                "partner_id": (partner or found.partner).id or False,
                "answer_date": report.start,
                "transcription": report.messages or False,
            }
            return vals, self.browse()

        outcome, entry = self._tcx_journal(report, key, company_id, chat_vals)
        if outcome == "created":
            entry._tcx_post_chat_on_partner()
        return outcome, entry

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
