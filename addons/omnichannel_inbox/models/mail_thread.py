# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..helpers.mail_threading import thread_index_root


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_parse(self, message, save_original=False):
        """Keep Outlook's conversation key (``Thread-Index`` header) of incoming e-mails: it is
        stored on the message (``inbox_thread_index``) and threads replies whose
        ``References`` Outlook dropped."""
        msg_dict = super().message_parse(message, save_original=save_original)
        root = thread_index_root(message.get("Thread-Index"))
        if root:
            msg_dict["inbox_thread_index"] = root
        return msg_dict

    def _get_message_create_valid_field_names(self):
        """The channel of a message and its Outlook conversation key may be given to
        ``message_post`` (the gateway passes the parsed e-mail's values)."""
        return super()._get_message_create_valid_field_names() | {
            "inbox_channel_id",
            "inbox_thread_index",
        }
