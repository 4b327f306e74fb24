# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..adapters.iadvize_client import IAdvizeError
from ..helpers.iadvize import PayloadError, parse_conversation

_logger = logging.getLogger(__name__)
CRON = "omnichannel_inbox.ir_cron_inbox_events"
BACKOFF_BASE = 30  # seconds: 30 s, 1 min, 2 min, 4 min... capped at an hour
BACKOFF_CAP = 3600
KEEP_DONE_DAYS = 90  # processed events are kept this long (idempotency, audit)
MAX_EVENT_AGE_DAYS = 30  # older events are refused: their key may have been purged


def backoff_seconds(attempts):
    """Delay before attempt ``attempts + 1`` (exponential, capped)."""
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


class InboxInboundEvent(models.Model):
    """A webhook event, stored as received before anything else: the endpoint answers at
    once, a cron fetches the conversation and makes the ticket, with retries and backoff.
    One record per conversation and event type (idempotency key): replays change nothing.
    A failed event stays here, with its error, until it succeeds or a manager retries it."""

    _name = "inbox.inbound.event"
    _description = "Inbound webhook event"
    _order = "received_date desc, id desc"
    _rec_name = "idempotency_key"

    source = fields.Selection([("iadvize", "iAdvize")], required=True, default="iadvize")
    connection_id = fields.Many2one(
        "inbox.iadvize.connection", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="connection_id.company_id", store=True)
    event_type = fields.Char(required=True, readonly=True)
    conversation_id = fields.Char(required=True, readonly=True)
    idempotency_key = fields.Char(required=True, readonly=True)
    event_id = fields.Char(string="iAdvize event id", readonly=True)
    delivery_id = fields.Char(string="Delivery id", readonly=True)
    visitor_id = fields.Char(readonly=True)
    payload = fields.Text(readonly=True)
    received_date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    sent_date = fields.Datetime(string="Sent by iAdvize", readonly=True)
    state = fields.Selection(
        [
            ("pending", "To process"),
            ("done", "Done"),
            ("failed", "Failed: to check"),
        ],
        required=True,
        default="pending",
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    next_attempt_date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    last_error = fields.Text(readonly=True)
    processed_date = fields.Datetime(readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True, ondelete="set null")
    outcome = fields.Selection(
        [("new", "New ticket"), ("threaded", "Threaded"), ("deduplicated", "Joined open ticket")],
        readonly=True,
    )

    _idempotency_key_unique = models.Constraint(
        "UNIQUE(idempotency_key)", "This event has already been received."
    )
    _pending_idx = models.Index("(next_attempt_date) WHERE state = 'pending'")

    # ------------------------------------------------------------------------ receiving
    @api.model
    def _inbox_receive(self, connection, event, raw_body, delivery_id=None):
        """Store the event unless its key is known. ``(event, created)``; never raises on a
        replay (``INSERT … ON CONFLICT DO NOTHING``)."""
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO inbox_inbound_event
                       (source, connection_id, company_id, event_type, conversation_id,
                        idempotency_key, event_id, delivery_id, visitor_id, payload,
                        received_date, sent_date, state, attempts, next_attempt_date,
                        create_uid, write_uid, create_date, write_date)
                VALUES ('iadvize', %(connection)s, %(company)s, %(type)s, %(conversation)s,
                        %(key)s, %(event_id)s, %(delivery)s, %(visitor)s, %(payload)s,
                        %(now)s, %(sent)s, 'pending', 0, %(now)s, %(uid)s, %(uid)s, %(now)s, %(now)s)
           ON CONFLICT (idempotency_key) DO NOTHING
             RETURNING id
                """,
                connection=connection.id,
                company=connection.company_id.id,
                type=event.event_type,
                conversation=event.conversation_id,
                key=event.idempotency_key,
                event_id=event.event_id or None,
                delivery=(delivery_id or "")[:64] or None,
                visitor=event.visitor_id or None,
                payload=raw_body.decode("utf-8", "replace"),
                now=now,
                sent=event.sent_at,
                uid=self.env.uid,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            cron = self.env.ref(CRON, raise_if_not_found=False)
            if cron:
                cron._trigger()
            return self.browse(row[0]), True
        existing = self.search([("idempotency_key", "=", event.idempotency_key)], limit=1)
        return existing, False

    # ----------------------------------------------------------------------- processing
    def _inbox_process(self):
        """Fetch the conversation and make (or join) the ticket. Raises on failure."""
        self.ensure_one()
        conversation = self.connection_id._inbox_client().fetch_conversation(self.conversation_id)
        transcript = parse_conversation(conversation)
        ticket, outcome = self.connection_id._inbox_chat_ticket(transcript, self)
        self.write(
            {
                "state": "done",
                "ticket_id": ticket.id,
                "outcome": outcome,
                "processed_date": fields.Datetime.now(),
                "last_error": False,
                "attempts": self.attempts + 1,
            }
        )
        return ticket

    def _inbox_retry_later(self, reason, retryable=True, now=None):
        now = now or fields.Datetime.now()
        for event in self:
            attempts = event.attempts + 1
            limit = max(event.connection_id.max_attempts or 1, 1)
            if not retryable or attempts >= limit:
                event.write({"state": "failed", "attempts": attempts, "last_error": reason})
                _logger.warning(
                    "iAdvize event %s failed for good: %s", event.idempotency_key, reason
                )
                continue
            event.write(
                {
                    "attempts": attempts,
                    "last_error": reason,
                    "next_attempt_date": now + timedelta(seconds=backoff_seconds(attempts)),
                }
            )

    @api.model
    def _inbox_process_pending(self, limit=20, commit=False, now=None):
        """Process the events due; one savepoint each. ``commit`` after each (cron only)."""
        now = now or fields.Datetime.now()
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM inbox_inbound_event
                 WHERE state = 'pending' AND next_attempt_date <= %s
              ORDER BY next_attempt_date, id
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                now,
                limit,
            )
        )
        # sudo: the queue acts as the system (cron, or a button that checked write access)
        events = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        done = 0
        for event in events:
            try:
                with self.env.cr.savepoint():
                    event._inbox_process()
                done += 1
            except IAdvizeError as exc:
                event._inbox_retry_later(exc.detail, exc.retryable, now)
            except PayloadError as exc:
                event._inbox_retry_later(exc.reason, False, now)
            except Exception as exc:  # a bug must not block the queue: keep the event, retry
                _logger.exception("iAdvize event %s: unexpected error", event.idempotency_key)
                event._inbox_retry_later(f"{exc.__class__.__name__}: {exc}", True, now)
            if commit:
                self.env["ir.cron"]._commit_progress(1)
        return done

    @api.model
    def _cron_process(self, limit=50):
        due = self.search_count(
            [("state", "=", "pending"), ("next_attempt_date", "<=", fields.Datetime.now())]
        )
        self.env["ir.cron"]._commit_progress(remaining=due)
        return self._inbox_process_pending(limit=limit, commit=True)

    @api.autovacuum
    def _gc_done_events(self):
        """Processed events older than 90 days go; failed and pending ones stay."""
        limit = fields.Datetime.now() - timedelta(days=KEEP_DONE_DAYS)
        self.search([("state", "=", "done"), ("received_date", "<", limit)]).unlink()

    def write(self, vals):
        """An event is what iAdvize sent: only the queue (superuser) and the buttons change
        it, never a client's write (a forged conversation id would fetch another chat)."""
        if not self.env.su:
            raise AccessError(self.env._("Webhook events change only through their buttons."))
        return super().write(vals)

    # -------------------------------------------------------------------------- buttons
    def action_retry(self):
        """Back in the queue now (a failed event after the cause was fixed)."""
        self.check_access("write")
        # sudo: the button's own fields, after the write check above
        self.sudo().filtered(lambda e: e.state != "done").write(
            {"state": "pending", "next_attempt_date": fields.Datetime.now(), "attempts": 0}
        )
        cron = self.env.ref(CRON, raise_if_not_found=False)
        if cron:
            # sudo: scheduling the queue's cron, not editing it
            cron.sudo()._trigger()
        return True

    def action_process_now(self):
        self.check_access("write")
        for event in self.filtered(lambda e: e.state == "pending"):
            # sudo: the queue's own date, after the write check above
            event.sudo().next_attempt_date = fields.Datetime.now()
        return self._inbox_process_pending(limit=len(self))

    def payload_json(self):
        self.ensure_one()
        try:
            return json.loads(self.payload or "{}")
        except ValueError:
            return {}
