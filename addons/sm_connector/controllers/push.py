# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import time

from odoo import SUPERUSER_ID, http
from odoo.addons.suite_base.tools.webhook import json_answer, json_error, read_body
from odoo.http import request

from ..entities import ENTITY
from ..parsers.push_signature import check

_logger = logging.getLogger(__name__)


class SmPushController(http.Controller):
    """SM says "entity X changed" (signed ping): the incremental run starts at once."""

    @http.route("/sm/push/<int:backend_id>", type="http", auth="none", methods=["POST"], csrf=False)
    def push(self, backend_id, **_kwargs):
        """Body ``{"entity": "orders", "ping_id": "…"}``, headers X-SM-Timestamp and
        X-SM-Signature (parsers/push_signature.py). 202 ``{"status": "started"|"pending"}``;
        401 unauthenticated (unknown backend, bad signature, stale or replayed ping), 400 bad
        body, 413 too large. Nothing is queued unless the ping is authentic."""
        raw, too_large = read_body()
        if too_large:
            return too_large
        # superuser: the ping has no user (the cron's runs are OdooBot's too); the backend is
        # used only once the ping's signature with its secret is checked
        backend = request.env["sm.backend"].with_user(SUPERUSER_ID).browse(backend_id).exists()
        headers = request.httprequest.headers
        reason = check(
            backend.push_secret if backend and backend.active else "",
            headers.get("X-SM-Timestamp"),
            headers.get("X-SM-Signature"),
            raw,
            time.time(),
            backend.push_window if backend else 0,
        )
        if reason:
            _logger.warning("SM push to backend %s refused: %s", backend_id, reason)
            return json_error(401, "unauthenticated", reason)
        try:
            payload = json.loads(raw or b"{}")
        except ValueError:
            return json_error(400, "invalid_json", "The body must be a JSON object.")
        entity = payload.get("entity") if isinstance(payload, dict) else None
        if entity not in ENTITY:
            return json_error(400, "invalid_entity", f"entity must be one of {', '.join(ENTITY)}.")
        Signature = backend.env["sm.push.signature"]
        if not Signature._accept(backend, headers["X-SM-Signature"].strip()):
            return json_error(401, "replayed", "This ping was already received.")
        Signature._gc(2 * backend.push_window)
        if not backend[ENTITY[entity].switch_field]:
            return json_answer({"status": "off", "entity": entity}, status=202)
        started = backend._push_request(entity)
        return json_answer({"status": "started" if started else "pending", "entity": entity}, 202)
