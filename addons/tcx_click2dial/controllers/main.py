# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Endpoints the 3CX CRM integration calls (see readme/CONFIGURE.md for the wire format).

* ``GET  /tcx/crm/lookup?Number=…&CallDirection=…``  caller-ID lookup (scenario Id="")
* ``GET  /tcx/crm/lookup-email?Email=…``              lookup by e-mail (LookupByEmail)
* ``GET  /tcx/crm/search?SearchText=…``               the 3CX client's contact search
  (SearchContacts)
* ``POST /tcx/crm/report-call``                       call journal at hang-up (ReportCall)
* ``POST /tcx/crm/report-chat``                       chat/SMS journal (ReportChat)
* ``POST /tcx/crm/create-contact``                    contact from the 3CX client
  (CreateContactRecordFromClient)
* ``GET  /tcx/crm/template/<pbx id>``                 the CRM template, for PBX admins

3CX authenticates with the PBX's API key in the ``X-Tcx-Api-Key`` header: missing -> 401,
wrong -> 403, and nothing else is read or answered before the key is checked. Malformed input
of any kind is answered 4xx with a reason (3CX retries on 5xx).

Reports and contact creations about one number are handled one at a time (an advisory lock per
company and number, then a transaction begun after it): 3CX sending the same report twice at
once, or several clients creating the same contact, gives one record, and every answer carries
its id.
"""

import hashlib
import json
import logging

from odoo import SUPERUSER_ID, api, http
from odoo.addons.suite_base.tools.webhook import json_answer as _json
from odoo.addons.suite_base.tools.webhook import json_error as _error
from odoo.addons.suite_base.tools.webhook import read_body
from odoo.addons.suite_phone.tools import phone_number
from odoo.http import request
from odoo.tools import SQL, email_normalize

from ..helpers.call_report import ReportError, is_withheld, parse_call_report, text_problem
from ..helpers.chat_report import parse_chat_report
from ..helpers.crm_template import (
    API_KEY_HEADER,
    CHAT_PATH,
    CREATE_PATH,
    EMAIL_PATH,
    LOOKUP_PATH,
    REPORT_PATH,
    SEARCH_PATH,
    TEMPLATE_PATH,
    build_crm_template,
    contact_answer,
    split_name,
)

_logger = logging.getLogger(__name__)
MAX_BODY = 64 * 1024
SEARCH_LIMIT = 10
MIN_SEARCH = 2
ADMIN_GROUP = "tcx_click2dial.group_tcx_admin"
# every 3CX endpoint: plain HTTP, 3CX's API key instead of a session (nothing kept)
TCX_GET = {"type": "http", "auth": "none", "methods": ["GET"], "csrf": False, "save_session": False}
# the ones that write: auth="none" routes default to a read-only cursor
TCX_POST = {**TCX_GET, "methods": ["POST"], "readonly": False}


def _reject_constant(name):
    raise ValueError(f"{name} is not a JSON number")


class TcxCrmController(http.Controller):
    def _env(self, company_id=None):
        # sudo: 3CX is authenticated by its API key (checked first), not as an Odoo user: act
        # as OdooBot, in the PBX's company only.
        env = request.env(user=SUPERUSER_ID, su=True)
        if company_id:
            env = env(context=dict(env.context, allowed_company_ids=[company_id]))
        return env

    def _serialized(self, company_id, subject, work):
        """``work(env)`` in a new transaction, alone among the requests about ``subject``.

        The request's transaction already has its snapshot (authentication read the database),
        so it cannot see what a concurrent request commits while we wait for the lock; the new
        transaction starts after the lock and sees it. The lock belongs to the request's
        transaction: it is released after ``work`` has committed.
        """
        digest = hashlib.blake2b(f"tcx:{company_id}:{subject}".encode(), digest_size=8).digest()
        request.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s)", int.from_bytes(digest, "big", signed=True))
        )
        with request.env.registry.cursor() as cr:
            context = dict(request.env.context, allowed_company_ids=[company_id])
            # sudo: same identity as _env (API-key caller, acting as OdooBot in the company)
            return work(api.Environment(cr, SUPERUSER_ID, context, su=True))

    def _authenticate(self):
        """``(pbx_info, None)`` or ``(None, error response)``: no data before the key."""
        key = request.httprequest.headers.get(API_KEY_HEADER, "").strip()
        if key and (not key.isascii() or not key.isprintable()):
            # keys are URL-safe ASCII: anything else cannot be one (and says nothing about keys)
            return None, _error(403, "invalid_api_key", "This API key is not valid.")
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
        raw, too_large = read_body(MAX_BODY)
        if too_large:
            return None, too_large
        try:
            body = json.loads(raw or b"{}", parse_constant=_reject_constant)
        except RecursionError:
            return None, _error(400, "invalid_json", "The body is nested too deeply.")
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError included
            return None, _error(400, "invalid_json", f"The body is not JSON ({exc}).")
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
        problem = text_problem(number)
        if problem:
            return _error(400, "invalid_number", f"Number {problem}.", field="Number")
        if len(number) > phone_number.MAX_INPUT_LENGTH or not any("0" <= c <= "9" for c in number):
            return _error(400, "invalid_number", "Number is not a phone number.")
        return None

    @http.route(LOOKUP_PATH, **TCX_GET)
    def lookup(self, **params):
        pbx, denied = self._authenticate()
        if denied:
            return denied
        number = params.get("Number") or params.get("number") or ""
        if number.strip() and is_withheld(number):
            return _json({})  # a hidden caller: nobody to show, nothing to create
        invalid = self._number_error(number)
        if invalid:
            return invalid
        env = self._env(pbx["company_id"])
        _e164, best = self._lookup(env, pbx, number)
        if not best:
            return _json({})  # unknown: 3CX offers to create the contact
        base_url = pbx["odoo_url"] or env["tcx.pbx"].get_base_url()
        answer = {"contact": contact_answer(best, base_url)}
        routing = env["res.partner"]._tcx_routing(best["id"])
        if routing:
            answer["routing"] = routing
        return _json(answer)

    def _contact_row(self, partner):
        """The row :func:`contact_answer` reads, for one partner record."""
        return {
            "id": partner.id,
            "name": partner.name,
            "is_company": partner.is_company,
            "company_name": partner.commercial_partner_id.name
            if partner.commercial_partner_id != partner
            else "",
            "email": partner.email,
            "phone": partner.phone,
            "mobile": partner.mobile,
            "phone_e164": partner.phone_e164,
            "mobile_e164": partner.mobile_e164,
        }

    @http.route(EMAIL_PATH, **TCX_GET)
    def lookup_email(self, **params):
        pbx, denied = self._authenticate()
        if denied:
            return denied
        raw = params.get("Email") or params.get("email") or ""
        if not raw.strip():
            return _error(400, "missing_email", "Email is required.")
        problem = text_problem(raw)
        email = not problem and len(raw) <= 254 and email_normalize(raw, strict=False)
        if not email:
            return _error(400, "invalid_email", "Email is not an e-mail address.", field="Email")
        env = self._env(pbx["company_id"])
        # the suite's one identification by e-mail (SM customers first, then the latest)
        partner = env["res.partner"]._suite_identify(email=email, company_id=pbx["company_id"])
        if not partner.partner or partner.identified_by != "email":
            return _json({})
        base_url = pbx["odoo_url"] or env["tcx.pbx"].get_base_url()
        return _json({"contact": contact_answer(self._contact_row(partner.partner), base_url)})

    @http.route(SEARCH_PATH, **TCX_GET)
    def search_contacts(self, **params):
        """Contacts whose name, e-mail or number matches ``SearchText`` (at most ten, in the
        PBX's company): ``{"contacts": [contact, …]}``; fewer than two characters → none."""
        pbx, denied = self._authenticate()
        if denied:
            return denied
        text = (params.get("SearchText") or params.get("searchtext") or "").strip()
        problem = text_problem(text)
        if problem or len(text) > 128:
            return _error(400, "invalid_search", f"SearchText {problem or 'is too long'}.")
        if len(text) < MIN_SEARCH:
            return _json({"contacts": []})
        env = self._env(pbx["company_id"])
        Partner = env["res.partner"]
        # the text is searched as typed (% and _ are not wildcards), on indexes (suite_base)
        domain = Partner._suite_search_domain(text, pbx["region"])
        domain += ["|", ("company_id", "=", False), ("company_id", "=", pbx["company_id"])]
        partners = Partner.search(domain, limit=SEARCH_LIMIT, order="is_company desc, name, id")
        base_url = pbx["odoo_url"] or env["tcx.pbx"].get_base_url()
        contacts = [contact_answer(self._contact_row(p), base_url) for p in partners]
        return _json({"contacts": contacts})

    @http.route(CHAT_PATH, **TCX_POST)
    def report_chat(self, **_params):
        return self._journal_report(
            parse_chat_report,
            lambda calls, report, region: f"chat:{calls._tcx_chat_key(report, region)}",
            lambda calls, body, pbx: calls._tcx_log_chat(body, pbx),
        )

    @http.route(REPORT_PATH, **TCX_POST)
    def report_call(self, **_params):
        return self._journal_report(
            parse_call_report,
            lambda calls, report, region: f"number:{calls._tcx_number_key(report, region)}",
            lambda calls, body, pbx: calls._tcx_log_report(body, pbx),
        )

    def _journal_report(self, parse, lock_subject, log):
        """A 3CX report endpoint (ReportCall, ReportChat): authenticate, read the JSON body,
        check it with ``parse(body)`` before any lock, then journal it with
        ``log(tcx.call, body, pbx_info)`` → ``(outcome, entry)``, alone among the reports
        about ``lock_subject(tcx.call, report, region)`` (its customer).

        Answers ``{"status": outcome, "call_id": id}``: 201 when created, else 200; a bad
        report 400 ``invalid_report`` with its field."""
        pbx, denied = self._authenticate()
        if denied:
            return denied
        body, invalid = self._json_body()
        if invalid:
            return invalid
        try:
            report = parse(body)  # checked before any lock
            subject = lock_subject(self._env(pbx["company_id"])["tcx.call"], report, pbx["region"])

            def journal(env):
                outcome, entry = log(env["tcx.call"], body, pbx)
                return outcome, entry.id

            outcome, call_id = self._serialized(pbx["company_id"], subject, journal)
        except ReportError as exc:
            return _error(400, "invalid_report", exc.reason, field=exc.field)
        status = 201 if outcome == "created" else 200
        return _json({"status": outcome, "call_id": call_id}, status)

    @http.route(CREATE_PATH, **TCX_POST)
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
        invalid = invalid or self._number_error(number) or self._name_error(body)
        if invalid:
            return invalid
        e164 = phone_number.to_e164(number, pbx["region"])
        if not e164:
            return _error(400, "invalid_number", "Number is not a valid phone number.")
        base_url = record._tcx_odoo_url()

        def find_or_create(env):
            best = self._lookup(env, pbx, e164)[1]
            if best:
                return {"contact": contact_answer(best, base_url), "created": False}, 200
            return self._create_partner(env, body, e164, base_url, pbx["company_id"]), 201

        answer, status = self._serialized(pbx["company_id"], f"number:{e164}", find_or_create)
        return _json(answer, status)

    @staticmethod
    def _name_error(body):
        for key in ("FirstName", "LastName"):
            value = body.get(key)
            if value is not None and not isinstance(value, str):
                return _error(400, "invalid_name", f"{key} must be a string.", field=key)
            problem = text_problem(value) if isinstance(value, str) else None
            if problem:
                return _error(400, "invalid_name", f"{key} {problem}.", field=key)
        return None

    def _create_partner(self, env, body, e164, base_url, company_id):
        """The contact 3CX asked for, in the PBX's company: name from FirstName/LastName, the
        number as phone or mobile depending on its kind. Returns the answer's body."""
        name = " ".join(
            part.strip()[:128]
            for part in (body.get("FirstName"), body.get("LastName"))
            if isinstance(part, str) and part.strip()
        )
        partner = env["res.partner"].create(
            {
                "name": name or phone_number.pretty(e164),
                **env["res.partner"]._phone_field_vals(e164),
                "company_id": company_id,
            }
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
        return {"contact": answer, "created": True}

    @http.route(f"{TEMPLATE_PATH}/<int:pbx_id>", type="http", auth="user", methods=["GET"])
    def template(self, pbx_id, **_params):
        if not request.env.user.has_group(ADMIN_GROUP):
            return request.not_found()
        # search, not browse: record rules apply, another company's PBX is "not found"
        pbx = request.env["tcx.pbx"].search([("id", "=", pbx_id)])
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
