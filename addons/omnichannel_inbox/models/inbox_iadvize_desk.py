# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import time

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext

from ..helpers import desk_token
from ..helpers.iadvize import PayloadError, parse_conversation

ADMIN = "base.group_system"
DESK_PATH = "/omnichannel_inbox/iadvize/desk"
MAX_REPLY_TEXT = 4000


class InboxIadvizeConnection(models.Model):
    """The iAdvize desk's custom app: a panel Odoo serves in the agent desk (iframe) showing
    the current visitor's customer 360 and canned replies filled with their order."""

    _inherit = "inbox.iadvize.connection"  # pylint: disable=consider-merging-classes-inherited

    desk_app_secret = fields.Char(
        string="Custom app secret token",
        groups=ADMIN,
        help="Secret token of the custom app (iAdvize developer platform): the desk signs the "
        "app's token (JWT, HS256) with it; a request without a valid token is refused.",
    )
    desk_app_url = fields.Char(
        string="Custom app URL",
        compute="_compute_desk_app_url",
        help="The URL to give the custom app in iAdvize's developer platform.",
    )
    desk_user_id = fields.Many2one(
        "res.users",
        string="Desk panel user",
        help="The Odoo user whose access rights the desk panel uses (iAdvize operators are "
        "not Odoo users): give it the helpdesk agent rights, nothing more.",
    )

    def _compute_desk_app_url(self):
        base = self.get_base_url() if self else ""
        for connection in self:
            connection.desk_app_url = f"{base}{DESK_PATH}"

    @api.model
    def _inbox_desk_authenticate(self, token):
        """``(connection, claims)`` for a desk token, or raise ``desk_token.DeskTokenError``:
        the connection whose custom-app secret signed it and whose project it names."""
        # sudo: the desk is authenticated by the token's signature, not as an Odoo user
        connections = self.sudo().search([("desk_app_secret", "!=", False)])
        if not connections:
            raise desk_token.DeskTokenError("no custom app is configured")
        error = None
        for connection in connections:
            try:
                claims = desk_token.decode(token, connection.desk_app_secret, time.time())
            except desk_token.DeskTokenError as exc:
                error = error or exc
                continue
            project = desk_token.claim_text(claims, "projectId", "project_id")
            if project != connection.project_id:
                # one custom app (one secret) may serve several projects: try the others
                error = desk_token.DeskTokenError("the token is for another project")
                continue
            if not desk_token.claim_text(claims, "conversationId", "conversation_id"):
                raise desk_token.DeskTokenError("the token names no conversation")
            return connection, claims
        raise error

    def _inbox_desk_visitor(self, conversation_id):
        """The visitor of an ongoing conversation, from iAdvize's GraphQL API (the desk only
        gives the app the conversation id). Raises IAdvizeError / PayloadError."""
        self.ensure_one()
        raw = self._inbox_client().fetch_conversation(conversation_id)
        transcript = parse_conversation(raw)
        if transcript.project_id and transcript.project_id != self.project_id:
            raise PayloadError("the conversation belongs to another project")
        return transcript

    def _inbox_desk_panel(self, conversation_id, order_id=0):
        """What the desk panel shows for ``conversation_id``, computed with the desk panel
        user's rights::

            {"context": <suite.customer.context answer>, "lang": "fr_BE",
             "order": {order of the 360} or None,
             "replies": [{"id", "name", "subject", "text"}]}

        ``order_id`` (chosen in the panel) must be one of the customer's orders in the 360;
        anything else is ignored. Raises AccessError when no user is configured."""
        self.ensure_one()
        # sudo: reading the connection's own configuration (admin-only fields)
        user = self.sudo().desk_user_id
        company = self.company_id
        if (
            not user
            or not user.active
            or not user._is_internal()
            or company not in user.company_ids
        ):
            raise AccessError(self.env._("No Odoo user is set for the desk panel."))
        transcript = self._inbox_desk_visitor(conversation_id)
        visitor = transcript.visitor
        # the panel user's rights and language (labels of the 360 are in the caller's language),
        # in the project's company only: the user may belong to others
        context = dict(self.env.context, lang=user.lang, allowed_company_ids=company.ids)
        env = self.env(user=user.id, su=False, context=context)
        context = env["suite.customer.context"].get_context(
            email=visitor.email or None,
            phone=visitor.phone or None,
            visitor=visitor.external_user_id or None,
        )
        partner = context.get("partner")
        lang = (partner or {}).get("lang") or user.lang or "en_US"
        orders = ((context.get("sections") or {}).get("orders") or {}).get("items") or []
        order = next((o for o in orders if o["id"] == order_id), None)
        order = order or next((o for o in orders if o.get("open")), None) or (orders or [None])[0]
        replies = self._inbox_desk_replies(env, context, order, lang) if partner else []
        return {"context": context, "lang": lang, "order": order, "replies": replies}

    @api.model
    def _inbox_desk_replies(self, env, context, order, lang):
        """The inbox's canned replies rendered for this customer and ``order``, as plain text
        for the desk's compose box: on the customer's open ticket of that order when there is
        one (the same rendering as the ticket's *Canned reply* button), else on an unsaved
        ticket of the customer and the order (nothing is written)."""
        Ticket = env["helpdesk.ticket"]
        Template = env["mail.template"]
        if not Ticket.has_access("read") or not Template.has_access("read"):
            return []
        partner_id = context["partner"]["id"]
        ticket = Ticket.browse()
        tickets = ((context.get("sections") or {}).get("tickets") or {}).get("items") or []
        if tickets:
            candidates = Ticket.browse([t["id"] for t in tickets])
            ticket = candidates.filtered(lambda t: order and t.inbox_order_id.id == order["id"])[:1]
            ticket = ticket or (candidates[:1] if not order else ticket)
        if not ticket:
            ticket = Ticket.new(
                {
                    "partner_id": partner_id,
                    "inbox_order_id": order["id"] if order else False,
                    "name": env._("Chat"),
                }
            )
        templates = Template.search(
            [("model", "=", "helpdesk.ticket"), ("inbox_canned", "=", True)], order="name, id"
        )
        replies = []
        for template in templates:
            if ticket.id and isinstance(ticket.id, int):
                subject, body = ticket._inbox_render_canned(template, lang)
            else:
                subject, body = self._inbox_desk_render_unsaved(ticket, template, lang)
            # the compose box takes plain text: bold would come out as *asterisks*
            plain = re.sub(r"</?(?:strong|b)\b[^>]*>", "", str(body or ""))
            text = html2plaintext(plain).strip()[:MAX_REPLY_TEXT]
            replies.append(
                {
                    "id": template.id,
                    "name": template.with_context(lang=env.user.lang).name,
                    "subject": subject,
                    "text": text,
                }
            )
        return replies

    @api.model
    def _inbox_desk_render_unsaved(self, ticket, template, lang):
        """``(subject, body)`` of ``template`` on an unsaved ticket, in ``lang``."""
        engine = template.with_context(lang=lang)
        # an unsaved record's ``ids`` is empty: its NewId is passed as such
        res_ids = list(ticket._ids)
        subject = engine._render_template(
            engine.subject or "", "helpdesk.ticket", res_ids, engine="inline_template"
        )[ticket.id]
        body = engine._render_template(
            engine.body_html or "", "helpdesk.ticket", res_ids, engine="qweb"
        )[ticket.id]
        return subject, body
