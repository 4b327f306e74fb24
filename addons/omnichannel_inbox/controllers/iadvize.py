# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""iAdvize webhook: ``POST /omnichannel_inbox/iadvize/webhook`` (see readme/CONFIGURE.md).

Checked in this order, nothing is read or stored before the signature:
body size (413) -> ``x-iadvize-signature`` present (401) and valid for a connection's secret
(401; a non-ASCII header never is) -> UTF-8 JSON, at most 32 levels deep, no NaN/Infinity,
no NUL character (400) -> JSON object (400) -> documented fields (400) -> project of that
connection (403) -> not older than 30 days (422: a replay beyond the kept keys) -> event type handled (other
types: 202 ignored) -> stored once per conversation and event
type: 202 accepted, or 200 duplicate for a replay/retry. The GraphQL fetch happens later,
in the queue (cron): the answer is immediate.
"""

import logging
from datetime import timedelta

from odoo import SUPERUSER_ID, fields, http
from odoo.addons.suite_base.tools.webhook import json_answer as _json
from odoo.addons.suite_base.tools.webhook import json_error as _error
from odoo.addons.suite_base.tools.webhook import read_body
from odoo.http import request

from ..helpers.iadvize import (
    CLOSED,
    MAX_BODY,
    PayloadError,
    decode_body,
    delivery_id,
    parse_webhook,
)
from ..helpers.signature import HEADER
from ..models.inbox_inbound_event import MAX_EVENT_AGE_DAYS

_logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/omnichannel_inbox/iadvize/webhook"


class IAdvizeWebhookController(http.Controller):
    @http.route(
        WEBHOOK_PATH,
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,  # auth="none" routes default to a read-only cursor: the event is stored
    )
    def iadvize_webhook(self, **_params):
        httprequest = request.httprequest
        raw, too_large = read_body(MAX_BODY)
        if too_large:
            return too_large
        header = httprequest.headers.get(HEADER, "")
        if not header:
            return _error(401, "missing_signature", f"Sign the body in the {HEADER} header.")
        # sudo: iAdvize is authenticated by the signature below, not as an Odoo user
        env = request.env(user=SUPERUSER_ID, su=True)
        connection = env["inbox.iadvize.connection"]._inbox_verify(raw, header)
        if not connection:
            _logger.info("iAdvize webhook: invalid signature from %s", httprequest.remote_addr)
            return _error(401, "invalid_signature", "The signature does not match the body.")
        try:
            body = decode_body(raw)
        except PayloadError as exc:
            return _error(400, "invalid_json", exc.reason)
        try:
            event = parse_webhook(body)
        except PayloadError as exc:
            return _error(400, "invalid_event", exc.reason, field=exc.field)
        if event.project_id != connection.project_id:
            return _error(
                403, "unknown_project", "This webhook is not configured for this iAdvize project."
            )
        oldest = fields.Datetime.now() - timedelta(days=MAX_EVENT_AGE_DAYS)
        if event.sent_at and event.sent_at < oldest:
            # a replay of an event older than the keys we keep: refused, not processed again
            return _error(
                422, "stale_event", f"Events older than {MAX_EVENT_AGE_DAYS} days are refused."
            )
        if event.event_type != CLOSED:
            return _json({"status": "ignored", "reason": f"{event.event_type} is not handled"}, 202)
        env = env(context=dict(env.context, allowed_company_ids=connection.company_id.ids))
        record, created = env["inbox.inbound.event"]._inbox_receive_iadvize(
            connection, event, raw, delivery_id(httprequest.headers.get("x-iadvize-delivery"))
        )
        if not created:
            return _json({"status": "duplicate", "event": record.id}, 200)
        return _json({"status": "accepted", "event": record.id}, 202)
