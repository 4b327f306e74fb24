# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

CHANNEL_CODES = [
    ("email", "E-mail"),
    ("chat", "Chat (iAdvize)"),
    ("livechat", "Live chat (Odoo)"),
    ("phone", "Phone"),
    ("web", "Web form"),
    ("other", "Other"),
]


class HelpdeskTicketChannel(models.Model):
    """Where a request comes from; the inbox finds channels by their code."""

    _inherit = "helpdesk.ticket.channel"

    inbox_code = fields.Selection(
        CHANNEL_CODES,
        string="Inbox channel",
        index=True,
        help="How the inbox recognises this channel (e-mails, iAdvize chats, 3CX calls...).",
    )
    inbox_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Default team",
        ondelete="set null",
        help="Team of the requests of this channel when neither their order nor their "
        "address decides (see Configuration > Teams).",
    )
    inbox_external_codes = fields.Char(
        string="External channels",
        help="The channels of the external systems that mean this one, comma-separated "
        "(e.g. iadvize:WHATSAPP): their requests get this channel instead of the generic one.",
    )
    inbox_max_open_per_agent = fields.Integer(
        string="Max open tickets per agent",
        default=0,
        help="Automatic assignment gives an agent no more open tickets of this channel "
        "(e.g. 3 chats at a time). 0: no maximum.",
    )
    inbox_icon = fields.Char(
        string="Icon", default="fa-comments", help="Font Awesome icon of the channel badge."
    )

    @api.model
    def _inbox_get(self, code, company=None):
        """The active channel with this inbox code (the company's first), or an empty set."""
        if not code:
            return self.browse()
        company_ids = [company.id] if company else self.env.companies.ids
        # sudo: channels are configuration every inbox step may look up
        return self.sudo().search(
            [("inbox_code", "=", code), ("company_id", "in", [False, *company_ids])],
            order="company_id, sequence, id",
            limit=1,
        )

    @api.model
    def _inbox_resolve(self, code, external=None, company=None):
        """The channel of a request: the one listing ``external`` (``iadvize:WHATSAPP``) in
        its external channels, else the channel of the inbox ``code``."""
        external = (external or "").strip().lower()
        if external:
            company_ids = [company.id] if company else self.env.companies.ids
            # sudo: channels are configuration every inbox step may look up
            candidates = self.sudo().search(
                [
                    ("inbox_external_codes", "ilike", external),
                    ("company_id", "in", [False, *company_ids]),
                ],
                order="company_id, sequence, id",
            )
            for channel in candidates:
                codes = {c.strip().lower() for c in channel.inbox_external_codes.split(",")}
                if external in codes:
                    return channel
        return self._inbox_get(code, company)
