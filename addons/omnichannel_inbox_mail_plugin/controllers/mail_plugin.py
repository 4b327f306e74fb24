# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Outlook add-in's back end (``mail_plugin``), extended for the helpdesk inbox.

The add-in authenticates with an Odoo API key of scope ``odoo.plugin.outlook``
(``Authorization: Bearer <key>``, mail_plugin's ``auth="outlook"``) and acts as that user.

* ``POST /mail_plugin/partner/get`` (mail_plugin's, JSON-RPC): the panel of a mail's sender.
  Besides mail_plugin's ``partner``/``company``, the answer carries, from the suite's one
  customer-context service (``suite.customer.context.get_context``):
  ``tickets`` = ``[{"ticket_id", "name", "number", "stage", "sla_status",
  "sla_status_label", "is_closed": false}]`` (the open tickets the user may read; same keys as
  the add-in reads for tickets) and ``sm_orders`` = ``[{"order_id", "name", "status",
  "status_label", "promised_date", "late", "open", "showroom"}]`` (the customer's latest SM
  orders, also for agents without Sales rights), plus ``can_create_ticket``.
* ``POST /mail_plugin/ticket/create`` (JSON-RPC, params ``partner_id``, ``email_subject``,
  ``email_body``): *Create ticket from this mail*. The mail goes through the inbox's one intake
  (``inbox.router._intake``) as an e-mail request of that contact: routed, assigned, under SLA,
  or joined to the customer's open ticket. Answer ``{"ticket_id", "outcome"}`` (``new``,
  ``deduplicated``...), or ``{"error": code, "message": …}`` (``partner_not_found``,
  ``no_access``, ``invalid_params``).
"""

from markupsafe import Markup

from odoo import fields, http
from odoo.addons.mail_plugin.controllers import mail_plugin
from odoo.addons.omnichannel_inbox.helpers.request import IntakeRequest
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import html2plaintext, html_sanitize

MAX_SUBJECT = 512
MAX_BODY = 512 * 1024


class MailPluginController(mail_plugin.MailPluginController):
    def _get_contact_data(self, partner):
        values = super()._get_contact_data(partner)
        env = request.env
        values["can_create_ticket"] = env["helpdesk.ticket"].has_access("create")
        values["tickets"] = []
        values["sm_orders"] = []
        if not partner or not env.user._is_internal():
            return values
        try:
            context = env["suite.customer.context"].get_context(partner_id=partner.id)
        except AccessError:
            return values
        sections = context["sections"]
        values["tickets"] = [
            {
                "ticket_id": ticket["id"],
                "name": ticket["name"],
                "number": ticket["number"],
                "stage": ticket["stage"],
                "sla_status": ticket["sla_status"],
                "sla_status_label": ticket["sla_status_label"],
                "is_closed": False,  # the service lists open tickets only
            }
            for ticket in (sections.get("tickets") or {}).get("items", [])
        ]
        values["sm_orders"] = [
            {
                "order_id": order["id"],
                "name": order["name"],
                "status": order["sm_status"],
                "status_label": order["sm_status_label"],
                "promised_date": order["promised_date"],
                "late": order["late"],
                "open": order["open"],
                "showroom": (order["showroom"] or {}).get("name") or "",
            }
            for order in (sections.get("orders") or {}).get("items", [])
        ]
        return values

    def _mail_content_logging_models_whitelist(self):
        models = super()._mail_content_logging_models_whitelist()
        if not request.env["helpdesk.ticket"].has_access("write"):
            return models
        return [*models, "helpdesk.ticket"]

    def _translation_modules_whitelist(self):
        return [*super()._translation_modules_whitelist(), "omnichannel_inbox_mail_plugin"]

    @http.route("/mail_plugin/ticket/create", type="jsonrpc", auth="outlook", cors="*")
    def helpdesk_ticket_create(self, partner_id=None, email_subject="", email_body="", **_kw):
        """*Create ticket from this mail*: see the module docstring."""
        env = request.env
        if not isinstance(partner_id, int) or isinstance(partner_id, bool) or partner_id <= 0:
            return self._error("invalid_params", env._("partner_id must be a contact id."))
        if not isinstance(email_subject, str) or not isinstance(email_body, str):
            return self._error("invalid_params", env._("The subject and body must be text."))
        if len(email_subject) > MAX_SUBJECT or len(email_body) > MAX_BODY:
            return self._error("invalid_params", env._("The mail is too large."))
        if not env["helpdesk.ticket"].has_access("create"):
            return self._error("no_access", env._("You may not create tickets."))
        # search, not browse: the contact must be one this user may read (record rules)
        partner = env["res.partner"].search([("id", "=", partner_id)])
        if not partner:
            return self._error("partner_not_found", env._("This contact does not exist."))
        body = html_sanitize(email_body) or ""
        # the add-in sends the subject as text: parsed as HTML, "<SO26-000123>" would vanish
        subject = " ".join(email_subject.split()) or env._("Mail from %s", partner.name)
        req = IntakeRequest(
            channel="email",
            company_id=partner.company_id.id or env.company.id,
            received=fields.Datetime.now(),
            subject=subject[:MAX_SUBJECT],
            text=html2plaintext(body),
            email=partner.email or "",
            name=partner.name or "",
            partner_id=partner.id,
            description=Markup(body) if body else "",
        )
        ticket, outcome = env["inbox.router"]._intake(req)
        return {"ticket_id": ticket.id, "outcome": outcome}

    @staticmethod
    def _error(code, message):
        return {"error": code, "message": message}
