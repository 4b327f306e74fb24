# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The iAdvize desk's custom app (a panel in the agent desk, an iframe; iAdvize developer
documentation "Custom App"): see readme/CONFIGURE.md.

* ``GET  /omnichannel_inbox/iadvize/desk``: the panel page. No data: it loads iAdvize's
  conversation panel app library, asks the desk for the conversation and its token, and calls
  the route below. May be framed by iAdvize's desk domains only (``frame-ancestors``).
* ``POST /omnichannel_inbox/iadvize/desk/context`` with ``Authorization: Bearer <JWT>`` (the
  token the desk gives the app, HS256 with the custom app's secret) and an optional JSON body
  ``{"orderId": n}``: the current visitor's customer 360 (through ``suite.customer.context``)
  and the inbox's canned replies filled with the order, as the panel's HTML and as data::

      {"conversation_id", "customer": {...} or null, "order": {...} or null,
       "replies": [{"id", "name", "subject", "text"}], "html": "<section>…"}

  Missing token → 401 ``missing_token``; a token that does not verify (signature, expiry,
  project) → 403 ``invalid_token`` with the reason; no panel user configured → 503
  ``not_configured``; iAdvize's API unreachable → 502 ``iadvize_unavailable``. Nothing is read
  before the token is checked.
"""

import json
import logging

from odoo import SUPERUSER_ID, http
from odoo.addons.suite_base.tools.webhook import json_answer as _json
from odoo.addons.suite_base.tools.webhook import json_error as _error
from odoo.addons.suite_base.tools.webhook import read_body
from odoo.exceptions import AccessError
from odoo.http import request

from ..adapters.iadvize_client import IAdvizeError
from ..helpers import desk_token
from ..helpers.iadvize import PayloadError

_logger = logging.getLogger(__name__)
DESK_PATH = "/omnichannel_inbox/iadvize/desk"
CONTEXT_PATH = f"{DESK_PATH}/context"
# where iAdvize's desk runs (its documentation: the app must allow being framed there)
DESK_ORIGINS = ("https://sd.iadvize.com", "https://ha.iadvize.com")
MAX_BODY = 4096


class IAdvizeDeskController(http.Controller):
    @http.route(DESK_PATH, type="http", auth="public", methods=["GET"], sitemap=False)
    def desk_page(self, **_params):
        response = request.render("omnichannel_inbox.iadvize_desk_page", {})
        ancestors = " ".join(("'self'", *DESK_ORIGINS))
        response.headers["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
        response.headers.pop("X-Frame-Options", None)
        response.headers["Cache-Control"] = "no-store"
        return response

    @http.route(
        CONTEXT_PATH, type="http", auth="none", methods=["POST"], csrf=False, save_session=False
    )
    def desk_context(self, **_params):
        header = request.httprequest.headers.get("Authorization", "")
        token = header[7:].strip() if header[:7].lower() == "bearer " else ""
        if not token:
            return _error(
                401,
                "missing_token",
                "Send the desk's token in the Authorization header (Bearer).",
                headers=[("WWW-Authenticate", "Bearer")],
            )
        # sudo: the desk is authenticated by its token, checked first; the panel then reads
        # with the configured desk user's rights (see _inbox_desk_panel)
        env = request.env(user=SUPERUSER_ID, su=True)
        try:
            connection, claims = env["inbox.iadvize.connection"]._inbox_desk_authenticate(token)
        except desk_token.DeskTokenError as exc:
            _logger.info("iAdvize desk panel: token refused (%s)", exc.reason)
            return _error(403, "invalid_token", f"The desk token is refused: {exc.reason}.")
        raw, too_large = read_body(MAX_BODY)
        if too_large:
            return too_large
        try:
            body = json.loads(raw or b"{}")
        except (ValueError, RecursionError):
            return _error(400, "invalid_json", "The body is not JSON.")
        body = body if isinstance(body, dict) else {}
        order_id = body.get("orderId")
        order_id = order_id if isinstance(order_id, int) and not isinstance(order_id, bool) else 0
        conversation_id = desk_token.claim_text(claims, "conversationId", "conversation_id")
        try:
            panel = connection._inbox_desk_panel(conversation_id, order_id)
        except AccessError as exc:
            return _error(503, "not_configured", str(exc))
        except (IAdvizeError, PayloadError) as exc:
            _logger.warning("iAdvize desk panel: conversation %s: %s", conversation_id, exc)
            return _error(502, "iadvize_unavailable", "iAdvize did not give the conversation.")
        user = connection.sudo().desk_user_id  # sudo: the connection's own configuration
        html = (
            request.env["ir.qweb"]
            .with_user(user)
            .with_context(lang=user.lang)
            ._render(
                "omnichannel_inbox.iadvize_desk_panel",
                {
                    "customer_context": panel["context"],
                    "order": panel["order"],
                    "replies": panel["replies"],
                },
            )
        )
        return _json(
            {
                "conversation_id": conversation_id,
                "customer": panel["context"].get("partner"),
                "order": panel["order"],
                "replies": panel["replies"],
                "html": str(html),
            }
        )
