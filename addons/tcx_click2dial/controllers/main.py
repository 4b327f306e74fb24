# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Endpoints the 3CX CRM integration calls (see readme/CONFIGURE.md for the wire format).

* ``GET  /tcx/crm/lookup?Number=…&CallDirection=…``  caller-ID lookup (scenario Id="")
* ``POST /tcx/crm/report-call``                       call journal at hang-up (ReportCall)
* ``POST /tcx/crm/create-contact``                    contact from the 3CX client
  (CreateContactRecordFromClient)
* ``GET  /tcx/crm/template/<pbx id>``                 the CRM template, for PBX admins

3CX authenticates with the PBX's API key in the ``X-Tcx-Api-Key`` header: missing -> 401,
wrong -> 403, and nothing else is read or answered before the key is checked.
"""

import json
import logging

from odoo import SUPERUSER_ID, http
from odoo.http import request

from ..helpers import numbers
from ..helpers.call_report import ReportError
from ..helpers.crm_template import (
    API_KEY_HEADER,
    CREATE_PATH,
    LOOKUP_PATH,
    REPORT_PATH,
    TEMPLATE_PATH,
    build_crm_template,
    contact_answer,
    split_name,
)

_logger = logging.getLogger(__name__)
MAX_BODY = 64 * 1024
ADMIN_GROUP = "tcx_click2dial.group_tcx_admin"


def _json(payload, status=200, headers=None):
    return request.make_json_response(
        payload, headers=[("Cache-Control", "no-store"), *(headers or [])], status=status
    )


def _error(status, error, message, headers=None, **extra):
    return _json({"error": error, "message": message, **extra}, status, headers)


class TcxCrmController(http.Controller):
    def _env(self, company_id=None):
        # 3CX is authenticated by its API key, not as an Odoo user: act as OdooBot, in the
        # PBX's company only.
        env = request.env(user=SUPERUSER_ID, su=True)
        if company_id:
            env = env(context=dict(env.context, allowed_company_ids=[company_id]))
        return env

    def _authenticate(self):
        """``(pbx_info, None)`` or ``(None, error response)``: no data before the key."""
        key = request.httprequest.headers.get(API_KEY_HEADER, "").strip()
        if not key:
            return None, _error(
                401,
                "missing_api_key",
                f"Send the API key in the {API_KEY_HEADER} header.",
                headers=[("WWW-Authenticate", f'ApiKey header="{API_KEY_HEADER}"')],
            )
        pbx = self._env()["tcx.pbx"]._tcx_authenticate(key)
        if not pbx:
            _logger.info("3CX endpoint %s: invalid API key", request.httprequest.path)
            return None, _error(403, "invalid_api_key", "This API key is not valid.")
        return pbx, None

    def _json_body(self):
        if (request.httprequest.content_length or 0) > MAX_BODY:
            return None, _error(
                413, "body_too_large", f"The body must stay under {MAX_BODY} bytes."
            )
        raw = request.httprequest.get_data()
        if len(raw) > MAX_BODY:
            return None, _error(
                413, "body_too_large", f"The body must stay under {MAX_BODY} bytes."
            )
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return None, _error(400, "invalid_json", "The body is not JSON.")
        if not isinstance(body, dict):
            return None, _error(400, "invalid_json", "The body must be a JSON object.")
        return body, None

    def _lookup(self, env, pbx, number):
        """``(e164, best row or None)`` for ``number`` in the PBX's company."""
        e164, rows = env["res.partner"]._tcx_lookup(number, pbx["region"], pbx["company_id"])
        return e164, rows[0] if rows else None

    @staticmethod
    def _number_error(number):
        if not number or not number.strip():
            return _error(400, "missing_number", "Number is required.")
        if len(number) > numbers.MAX_INPUT_LENGTH or not any(ch.isdigit() for ch in number):
            return _error(400, "invalid_number", "Number is not a phone number.")
        return None

    @http.route(
        LOOKUP_PATH, type="http", auth="none", methods=["GET"], csrf=False, save_session=False
    )
    def lookup(self, **params):
        pbx, denied = self._authenticate()
        if denied:
            return denied
        number = params.get("Number") or params.get("number") or ""
        invalid = self._number_error(number)
        if invalid:
            return invalid
        env = self._env(pbx["company_id"])
        _e164, best = self._lookup(env, pbx, number)
        if not best:
            return _json({})  # unknown: 3CX offers to create the contact
        base_url = pbx["odoo_url"] or env["tcx.pbx"].get_base_url()
        return _json({"contact": contact_answer(best, base_url)})

    @http.route(
        REPORT_PATH, type="http", auth="none", methods=["POST"], csrf=False, save_session=False
    )
    def report_call(self, **_params):
        pbx, denied = self._authenticate()
        if denied:
            return denied
        body, invalid = self._json_body()
        if invalid:
            return invalid
        env = self._env(pbx["company_id"])
        try:
            outcome, call = env["tcx.call"]._tcx_log_report(body, pbx)
        except ReportError as exc:
            return _error(400, "invalid_report", exc.reason, field=exc.field)
        status = 201 if outcome == "created" else 200
        return _json({"status": outcome, "call_id": call.id}, status)

    @http.route(
        CREATE_PATH, type="http", auth="none", methods=["POST"], csrf=False, save_session=False
    )
    def create_contact(self, **_params):
        pbx, denied = self._authenticate()
        if denied:
            return denied
        env = self._env(pbx["company_id"])
        record = env["tcx.pbx"].browse(pbx["id"])
        body, invalid = {}, None
        if not record.allow_contact_creation:
            invalid = _error(
                403, "contact_creation_disabled", "Contact creation from 3CX is disabled in Odoo."
            )
        else:
            body, invalid = self._json_body()
        number = body.get("Number") if isinstance(body, dict) else None
        number = number if isinstance(number, str) else ""
        invalid = invalid or self._number_error(number)
        if invalid:
            return invalid
        e164, best = self._lookup(env, pbx, number)
        if not e164:
            return _error(400, "invalid_number", "Number is not a valid phone number.")
        if best:
            return _json(
                {"contact": contact_answer(best, record._tcx_odoo_url()), "created": False}
            )
        return self._create_partner(env, body, e164, record._tcx_odoo_url())

    def _create_partner(self, env, body, e164, base_url):
        """The contact 3CX asked for: name from FirstName/LastName, the number as phone or
        mobile depending on its kind."""
        name = " ".join(
            part.strip()[:128]
            for part in (body.get("FirstName"), body.get("LastName"))
            if isinstance(part, str) and part.strip()
        )
        field = "mobile" if numbers.is_mobile(e164) else "phone"
        partner = env["res.partner"].create(
            {"name": name or numbers.pretty(e164), field: e164, "company_id": False}
        )
        first, last = split_name(partner.name, False)
        row = {
            "id": partner.id,
            "name": partner.name,
            "is_company": False,
            "phone_e164": partner.phone_e164,
            "mobile_e164": partner.mobile_e164,
        }
        answer = {**contact_answer(row, base_url), "FirstName": first, "LastName": last}
        return _json({"contact": answer, "created": True}, 201)

    @http.route(f"{TEMPLATE_PATH}/<int:pbx_id>", type="http", auth="user", methods=["GET"])
    def template(self, pbx_id, **_params):
        if not request.env.user.has_group(ADMIN_GROUP):
            return request.not_found()
        pbx = request.env["tcx.pbx"].browse(pbx_id).exists()
        if not pbx:
            return request.not_found()
        xml = build_crm_template(
            pbx._tcx_odoo_url(),
            pbx.api_key,
            country=pbx.country_id.code or "BE",
            create_contacts=pbx.allow_contact_creation,
        )
        return request.make_response(
            xml,
            headers=[
                ("Content-Type", "application/xml; charset=utf-8"),
                ("Content-Disposition", 'attachment; filename="odoo-3cx-crm-template.xml"'),
                ("Cache-Control", "no-store"),
            ],
        )
