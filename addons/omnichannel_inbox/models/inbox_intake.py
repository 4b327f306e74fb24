# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import plaintext2html


class InboxRouter(models.AbstractModel):
    """Channel intake, once: the one entry point of every channel (mail, iAdvize, Odoo live
    chat, phone...).

    A channel is an adapter that turns what it receives into an
    :class:`~odoo.addons.omnichannel_inbox.helpers.request.IntakeRequest` (channel, customer
    hints, text, attachments, external id, the note to post) and calls :meth:`_intake`;
    a webhook channel also stores its events in ``inbox.inbound.event`` (generic: source,
    external id, payload, state) and registers its processing there
    (``_inbox_process_<source>``). See readme/DESCRIPTION.md, "Adding a channel".
    """

    _inherit = "inbox.router"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _intake(self, req, create_ticket=None):
        """Take one request in: identify -> orders -> dedup/thread -> route -> assign -> SLA
        -> ticket, then the request's note (transcript, call summary) and attachments in the
        ticket's thread, with the channel's badge. ``create_ticket(vals)`` opens a new ticket
        the channel's own way (the mail gateway); by default a plain ticket described by
        ``req.description`` (else the note, else the text). Returns ``(ticket, outcome)``."""
        # sudo: callers are gateways (mail, webhook queue, 3CX reports) or checked buttons
        Ticket = self.env["helpdesk.ticket"].sudo()

        def create_plain_ticket(vals):
            # helpdesk requires a description: the channel's, else its note, else its text
            vals["description"] = (
                req.description or req.note or plaintext2html(req.text or vals["name"])
            )
            return Ticket.with_context(mail_create_nolog=True, inbox_routing=True).create(vals)

        ticket, outcome = self._route(req, create_ticket or create_plain_ticket)
        if req.note or req.attachments:
            ticket.message_post(
                body=req.note or "",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                author_id=(ticket.partner_id.id if req.note_by_customer else req.note_author_id)
                or False,
                email_from=req.note_from or req.email or req.name or False,
                inbox_channel_id=req.channel_id or False,
                attachments=[(name, content) for name, content in req.attachments],
            )
        return ticket, outcome

    @api.model
    def _inbox_channel(self, req):
        """The ticket channel of ``req`` (its external channel first), kept on the request."""
        Channel = self.env["helpdesk.ticket.channel"]
        if not req.channel_id:
            company = self.env["res.company"].browse(req.company_id or self.env.company.id)
            req.channel_id = Channel._inbox_resolve(req.channel, req.external_channel, company).id
        return Channel.browse(req.channel_id)
