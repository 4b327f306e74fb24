# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.addons.mail.tools.discuss import Store


class MailMessage(models.Model):
    """Each message of a ticket's thread knows the channel it came by (badge in the chatter),
    and incoming e-mails keep their Outlook conversation key for threading."""

    _inherit = "mail.message"

    inbox_channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        string="Inbox channel",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    inbox_thread_index = fields.Char(
        string="Outlook conversation",
        index="btree_not_null",
        readonly=True,
        help="Header of the Thread-Index Outlook sent with this e-mail.",
    )
    inbox_auto_reply = fields.Char(
        string="Automatic mail",
        readonly=True,
        help="Why the gateway took this e-mail for an automatic one (out-of-office, list, "
        "bulk): logged, never answered nor counted as a request.",
    )

    def _to_store_defaults(self, target):
        return super()._to_store_defaults(target) + [
            Store.Attr(
                "inbox_channel",
                value=lambda m: (
                    {
                        # sudo: a channel's name and icon (portal readers have no channel ACL)
                        "name": m.sudo().inbox_channel_id.name,
                        # sudo: same as the line above
                        "icon": m.sudo().inbox_channel_id.inbox_icon or "fa-comments",
                    }
                    if m.inbox_channel_id
                    else False
                ),
                predicate=lambda m: m.model == "helpdesk.ticket",
            ),
        ]
