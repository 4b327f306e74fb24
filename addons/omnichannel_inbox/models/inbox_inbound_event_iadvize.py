# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..adapters.iadvize_client import IAdvizeError
from ..helpers.iadvize import PayloadError, parse_conversation


class InboxInboundEvent(models.Model):
    """iAdvize's registration in the generic event store: its events (``v2.conversation
    .closed``), their connection, and their processing (fetch the conversation, then the
    intake)."""

    _inherit = "inbox.inbound.event"

    source = fields.Selection(
        selection_add=[("iadvize", "iAdvize")], ondelete={"iadvize": "cascade"}
    )
    connection_id = fields.Many2one(
        "inbox.iadvize.connection", string="iAdvize connection", ondelete="cascade", index=True
    )
    visitor_id = fields.Char(readonly=True)

    @api.model
    def _inbox_receive_iadvize(self, connection, event, raw_body, delivery_id=None):
        """Store a signed iAdvize webhook event once (see ``_inbox_receive``)."""
        return self._inbox_receive(
            "iadvize",
            {
                "connection_id": connection.id,
                "company_id": connection.company_id.id,
                "event_type": event.event_type,
                "external_id": event.conversation_id,
                "idempotency_key": event.idempotency_key,
                "event_id": event.event_id or None,
                "delivery_id": (delivery_id or "")[:64] or None,
                "visitor_id": event.visitor_id or None,
                "payload": raw_body.decode("utf-8", "replace"),
                "sent_date": event.sent_at,
            },
        )

    def _inbox_process_iadvize(self):
        """Fetch the closed conversation; its ticket through the intake."""
        self.ensure_one()
        conversation = self.connection_id._inbox_client().fetch_conversation(self.external_id)
        transcript = parse_conversation(conversation)
        return self.connection_id._inbox_chat_ticket(transcript, self)

    def _inbox_max_attempts(self):
        if self.source == "iadvize" and self.connection_id:
            return self.connection_id.max_attempts
        return super()._inbox_max_attempts()

    def _inbox_error_reason(self, exc):
        if isinstance(exc, IAdvizeError):
            return exc.detail, exc.retryable
        if isinstance(exc, PayloadError):
            return exc.reason, False
        return super()._inbox_error_reason(exc)
