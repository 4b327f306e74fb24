# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import mimetypes

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.addons.suite_base.tools.languages import lang_code
from odoo.exceptions import UserError
from odoo.tools.mimetypes import fix_filename_extension, guess_mimetype

from ..adapters.iadvize_client import IAdvizeClient, IAdvizeError
from ..helpers import signature
from ..helpers.iadvize import MAX_PICTURE_BYTES, PICTURE_TYPES
from ..helpers.request import IntakeRequest

_logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/omnichannel_inbox/iadvize/webhook"
ADMIN = "base.group_system"


class InboxIadvizeConnection(models.Model):
    """An iAdvize project: the webhook secret that signs its events, and the API account the
    inbox uses to fetch closed conversations (GraphQL)."""

    _name = "inbox.iadvize.connection"
    _description = "iAdvize connection"

    name = fields.Char(required=True, default="iAdvize")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    project_id = fields.Char(
        string="Project id",
        required=True,
        help="iAdvize project (website) whose conversations become tickets: events of another "
        "project are refused.",
    )
    api_url = fields.Char(
        string="API URL",
        required=True,
        default="https://api.iadvize.com",
        help="Base of /oauth2/token and /graphql.",
    )
    grant_type = fields.Selection(
        [("password", "User and password"), ("client_credentials", "Client id and secret")],
        required=True,
        default="password",
    )
    username = fields.Char(groups=ADMIN)
    password = fields.Char(groups=ADMIN)
    client_id = fields.Char(string="Client id", groups=ADMIN)
    client_secret = fields.Char(groups=ADMIN)
    webhook_secret = fields.Char(
        string="Webhook secret token",
        groups=ADMIN,
        help="Secret token of the webhook (iAdvize developer platform): every event must be "
        "signed with it (x-iadvize-signature).",
    )
    timeout = fields.Integer(string="Timeout (s)", default=10)
    max_attempts = fields.Integer(
        default=8, help="Fetch attempts per event before it waits for a manager (kept, never lost)."
    )
    webhook_url = fields.Char(compute="_compute_webhook_url", string="Webhook URL")
    event_ids = fields.One2many("inbox.inbound.event", "connection_id", string="Events")
    failed_event_count = fields.Integer(compute="_compute_event_counts", string="Failed events")
    pending_event_count = fields.Integer(compute="_compute_event_counts", string="Pending events")

    _project_unique = models.Constraint(
        "UNIQUE(project_id, company_id)", "One connection per iAdvize project."
    )

    def _compute_webhook_url(self):
        # sudo: the public base URL, shown to configure the webhook
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for connection in self:
            connection.webhook_url = f"{base.rstrip('/')}{WEBHOOK_PATH}"

    def _compute_event_counts(self):
        Event = self.env["inbox.inbound.event"]
        for connection in self:
            counts = dict(
                Event._read_group([("connection_id", "=", connection.id)], ["state"], ["__count"])
            )
            connection.failed_event_count = counts.get("failed", 0)
            connection.pending_event_count = counts.get("pending", 0)

    # ------------------------------------------------------------------------ webhook auth
    @api.model
    def _inbox_verify(self, raw_body, header_value):
        """The active connection whose secret signed ``raw_body``, or an empty recordset."""
        # sudo: the webhook is authenticated by its signature, not by an Odoo user
        for connection in self.sudo().search([("webhook_secret", "!=", False)]):
            if signature.verify(raw_body, connection.webhook_secret, header_value):
                return connection
        return self.browse()

    # ------------------------------------------------------------------------------- API
    def _inbox_client(self):
        self.ensure_one()
        # sudo: API credentials are admin-only fields, used server-side, never returned
        conn = self.sudo()
        return IAdvizeClient(
            conn.api_url,
            grant_type=conn.grant_type,
            username=conn.username,
            password=conn.password,
            client_id=conn.client_id,
            client_secret=conn.client_secret,
            timeout=conn.timeout or 10,
        )

    def action_test_connection(self):
        self.ensure_one()
        try:
            self._inbox_client().token()
        except IAdvizeError as exc:
            raise UserError(
                self.env._("iAdvize refused the connection: %(reason)s", reason=exc.detail)
            ) from exc
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("iAdvize"),
                "message": self.env._("Connected: the API gave a token."),
            },
        }

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omnichannel_inbox.action_inbox_inbound_event"
        )
        action["domain"] = [("connection_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ chat -> ticket
    def _inbox_chat_request(self, transcript, event):
        """The iAdvize adapter: a closed conversation as a channel-neutral request."""
        self.ensure_one()
        visitor = transcript.visitor
        first = next((m.text for m in transcript.messages if m.author == "visitor" and m.text), "")
        env = self.env["inbox.router"]._inbox_text_env()
        subject = " ".join(first.split())[:80] or env._("Chat conversation")
        custom = transcript.custom_data
        region = (visitor.country or "").upper()
        pictures, missing = self._inbox_chat_pictures(transcript)
        note = self._inbox_transcript_html(transcript)
        if missing:
            note += Markup("<p><em>%s</em></p>") % env._(
                "%(count)s picture(s) of the chat could not be fetched from iAdvize.",
                count=missing,
            )
        return IntakeRequest(
            channel="chat",
            external_channel=f"iadvize:{transcript.channel or 'CHAT'}",
            company_id=self.company_id.id,
            received=transcript.closed_at or event.received_date or fields.Datetime.now(),
            started=transcript.created_at,
            subject=env._("Chat: %(first)s", first=subject),
            text="\n".join([transcript.text(), *(str(v) for v in custom.values())]),
            email=visitor.email,
            phone=visitor.phone,
            name=visitor.name,
            lang=lang_code(transcript.language),
            region=region if len(region) == 2 else "BE",
            visitor_id=event.visitor_id or "",
            external_user_id=visitor.external_user_id or custom.get("customer_id", ""),
            external_id=transcript.conversation_id,
            first_response=transcript.first_operator_reply,
            description=self._inbox_transcript_html(transcript, limit=6),
            note=note,
            attachments=pictures,
            note_by_customer=True,
            note_from=visitor.email or visitor.name or "iAdvize",
        )

    def _inbox_chat_pictures(self, transcript):
        """The pictures the visitor sent in the chat, fetched from iAdvize:
        ``([(file name, bytes)], number that could not be fetched)``. A picture that fails
        does not hold the ticket back: the note says it is missing."""
        self.ensure_one()
        pictures, missing = [], 0
        wanted = transcript.visitor_pictures()
        client = self._inbox_client() if wanted else None
        for picture in wanted:
            try:
                content, content_type = client.fetch_file(picture.url, MAX_PICTURE_BYTES)
            except IAdvizeError as exc:
                _logger.warning("iAdvize picture %s not fetched: %s", picture.id, exc.detail)
                missing += 1
                continue
            # the type is the one the visitor declared: the bytes must be a picture too
            sniffed = guess_mimetype(content) if content else ""
            if content_type not in PICTURE_TYPES or sniffed not in PICTURE_TYPES:
                _logger.warning(
                    "iAdvize file %s is not a picture (%s, %s)", picture.id, content_type, sniffed
                )
                missing += 1
                continue
            name = picture.file_name
            # the visitor names it: an attachment's name sets its type (.html: a web page)
            if mimetypes.guess_type(name)[0] not in PICTURE_TYPES:
                name = fix_filename_extension(name, sniffed)
            pictures.append((name, content))
        return pictures, missing

    def _inbox_chat_ticket(self, transcript, event):
        """The ticket of a closed conversation (new, or the customer's open one) with the
        transcript posted in its thread. Returns ``(ticket, outcome)``."""
        self.ensure_one()
        return self.env["inbox.router"]._intake(self._inbox_chat_request(transcript, event))

    def _inbox_transcript_html(self, transcript, limit=None):
        lines = []
        labels = {
            "visitor": transcript.visitor.name or self.env._("Visitor"),
            "operator": self.env._("Agent"),
            "bot": self.env._("Bot"),
            "system": self.env._("iAdvize"),
        }
        messages = transcript.messages[:limit] if limit else transcript.messages
        for message in messages:
            who = message.author_name or labels.get(message.author, message.author)
            when = message.created_at.strftime("%H:%M") if message.created_at else ""
            lines.append(
                Markup("<li><small>%s</small> <strong>%s</strong>: %s</li>")
                % (when, who, message.text)
            )
        if limit and len(transcript.messages) > limit:
            lines.append(Markup("<li>…</li>"))
        header = escape(
            self.env._(
                "iAdvize conversation %(id)s (%(channel)s, %(count)s messages)",
                id=transcript.conversation_id,
                channel=transcript.channel or "CHAT",
                count=len(transcript.messages),
            )
        )
        custom = ""
        if transcript.custom_data:
            custom = Markup("<p><small>%s</small></p>") % ", ".join(
                f"{key}: {value}" for key, value in transcript.custom_data.items()
            )
        return Markup("<p>%s</p>%s<ul>%s</ul>") % (header, custom, Markup("").join(lines))
