# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ConcurrencyError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

_logger = logging.getLogger(__name__)
CRON = "omnichannel_inbox.ir_cron_inbox_events"
CONCURRENCY_ERRORS = (*PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, ConcurrencyError)
CONCURRENCY_TRIES = 3
BACKOFF_BASE = 30  # seconds: 30 s, 1 min, 2 min, 4 min... capped at an hour
BACKOFF_CAP = 3600
KEEP_DONE_DAYS = 90  # processed events are kept this long (idempotency, audit)
MAX_EVENT_AGE_DAYS = 30  # older events are refused: their key may have been purged


def backoff_seconds(attempts):
    """Delay before attempt ``attempts + 1`` (exponential, capped)."""
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


class InboxInboundEvent(models.Model):
    """A channel's webhook event (any source: channel + external id + payload + state),
    stored as received before anything else: the endpoint answers at once, a cron processes
    it into a ticket, with retries and backoff. One record per idempotency key: replays
    change nothing. A failed event stays here, with its error, until it succeeds or a manager
    retries it.

    A source registers itself in its own file (see inbox_inbound_event_iadvize.py): a
    ``selection_add`` on ``source`` and ``_inbox_process_<source>()`` returning
    ``(ticket, outcome)``, which hands an IntakeRequest to ``inbox.router._intake``.
    """

    _name = "inbox.inbound.event"
    _description = "Inbound webhook event"
    _order = "received_date desc, id desc"
    _rec_name = "idempotency_key"

    source = fields.Selection(
        [], string="Channel", required=True, readonly=True, help="The channel that sent it."
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, default=lambda s: s.env.company
    )
    event_type = fields.Char(required=True, readonly=True)
    external_id = fields.Char(
        string="External id", required=True, readonly=True, help="e.g. the conversation id."
    )
    idempotency_key = fields.Char(required=True, readonly=True)
    event_id = fields.Char(string="Event id", readonly=True)
    delivery_id = fields.Char(string="Delivery id", readonly=True)
    payload = fields.Text(readonly=True)
    received_date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    sent_date = fields.Datetime(string="Sent at", readonly=True)
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
    def _inbox_receive(self, source, values):
        """Store the event of ``source`` (``values``: its column values, with ``company_id``,
        ``event_type``, ``external_id``, ``idempotency_key``, ``payload``...) unless its key
        is known. ``(event, created)``; never raises on a replay (``ON CONFLICT DO NOTHING``)."""
        now = fields.Datetime.now()
        columns = {
            **values,
            "source": source,
            "received_date": now,
            "state": "pending",
            "attempts": 0,
            "next_attempt_date": now,
            "create_uid": self.env.uid,
            "write_uid": self.env.uid,
            "create_date": now,
            "write_date": now,
        }
        unknown = [name for name in columns if name not in self._fields]
        if unknown:
            raise ValueError(f"unknown event columns: {unknown}")
        self.env.cr.execute(
            SQL(
                "INSERT INTO inbox_inbound_event (%s) VALUES %s "
                "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                SQL(", ").join(SQL.identifier(name) for name in columns),
                tuple(columns.values()),
            )
        )
        row = self.env.cr.fetchone()
        if row:
            cron = self.env.ref(CRON, raise_if_not_found=False)
            if cron:
                cron._trigger()
            return self.browse(row[0]), True
        existing = self.search([("idempotency_key", "=", columns["idempotency_key"])], limit=1)
        return existing, False

    # ----------------------------------------------------------------------- processing
    def _inbox_process(self):
        """Make (or join) the ticket with the source's processing. Raises on failure."""
        self.ensure_one()
        ticket, outcome = getattr(self, f"_inbox_process_{self.source}")()
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

    def _inbox_max_attempts(self):
        """Attempts before the event waits for a manager (a source may configure it)."""
        return 8

    def _inbox_error_reason(self, exc):
        """``(reason, retryable)`` of a processing error; sources add their own errors."""
        _logger.exception("%s event %s: unexpected error", self.source, self.idempotency_key)
        return f"{exc.__class__.__name__}: {exc}", True

    def _inbox_retry_later(self, reason, retryable=True, now=None):
        now = now or fields.Datetime.now()
        for event in self:
            attempts = event.attempts + 1
            limit = max(event._inbox_max_attempts() or 1, 1)
            if not retryable or attempts >= limit:
                event.write({"state": "failed", "attempts": attempts, "last_error": reason})
                _logger.warning(
                    "%s event %s failed for good: %s", event.source, event.idempotency_key, reason
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
            done += event._inbox_process_one(commit, now)
            if commit:
                self.env["ir.cron"]._commit_progress(1)
        return done

    def _inbox_process_one(self, commit, now):
        """Process one event in a savepoint; 1 when done, 0 when it is to retry later.

        A concurrency failure (another transaction committed a conflicting write since this
        one's snapshot: two intakes assigning in one team, see ``_inbox_lock_team``) is not
        the event's fault: with ``commit`` (the cron) the event runs again after a commit,
        on a fresh snapshot; without, it is raised so that the caller's request is retried
        whole (an HTTP button, retried by Odoo)."""
        for attempt in range(1, CONCURRENCY_TRIES + 1):
            try:
                with self.env.cr.savepoint():
                    self._inbox_process()
                return 1
            except CONCURRENCY_ERRORS as exc:
                if not commit:
                    raise
                if attempt == CONCURRENCY_TRIES:
                    self._inbox_retry_later(f"{exc.__class__.__name__}: {exc}", now=now)
                    return 0
                _logger.info("%s event %s: concurrent update, again", self.source, self.id)
                self.env["ir.cron"]._commit_progress()
                self.env.invalidate_all()  # read again what the other transaction wrote
            except Exception as exc:  # a bug must not block the queue: keep the event, retry
                self._inbox_retry_later(*self._inbox_error_reason(exc), now=now)
                return 0
        return 0

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
        """An event is what the channel sent: only the queue (superuser) and the buttons change
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
