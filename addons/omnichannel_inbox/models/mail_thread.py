# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from functools import partial

from odoo import api, models
from odoo.service.model import retrying

from ..helpers.mail_threading import auto_reply_reason, thread_index_root


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        """Under the mail fetcher, a concurrency failure runs the mail again on a fresh
        snapshot instead of losing it.

        The fetcher (``fetchmail.server._fetch_mail``, which puts its server in the context)
        gives each mail a transaction of its own and marks a mail whose processing raised
        as read (IMAP) or deletes it (POP). Two intakes assigning in one team at once make
        the later one fail by design (``inbox.router._inbox_lock_team``); HTTP and RPC
        callers are retried by Odoo (``odoo.service.model.retrying``), the fetcher is not:
        it is retried here the same way (rollback of the mail's own transaction, wait,
        again)."""
        process = partial(
            super().message_process,
            model,
            message,
            custom_values=custom_values,
            save_original=save_original,
            strip_attachments=strip_attachments,
            thread_id=thread_id,
        )
        if not self.env.context.get("default_fetchmail_server_id"):
            return process()
        return retrying(process, self.env)

    @api.model
    def message_parse(self, message, save_original=False):
        """Keep Outlook's conversation key (``Thread-Index`` header) of incoming e-mails: it is
        stored on the message (``inbox_thread_index``) and threads replies whose
        ``References`` Outlook dropped."""
        msg_dict = super().message_parse(message, save_original=save_original)
        root = thread_index_root(message.get("Thread-Index"))
        if root:
            msg_dict["inbox_thread_index"] = root
        auto_reply = auto_reply_reason(message)
        if auto_reply:
            msg_dict["inbox_auto_reply"] = auto_reply
        return msg_dict

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        """An automatic mail (out-of-office, list, bulk, null return path) never opens a
        ticket: it is logged on the ticket it answers, or dropped (readme/USAGE.md)."""
        routes = super().message_route(
            message, message_dict, model=model, thread_id=thread_id, custom_values=custom_values
        )
        if not message_dict.get("inbox_auto_reply"):
            return routes
        return self.env["helpdesk.ticket"]._inbox_auto_reply_routes(routes, message_dict)

    def _get_message_create_valid_field_names(self):
        """The channel of a message and its Outlook conversation key may be given to
        ``message_post`` (the gateway passes the parsed e-mail's values)."""
        return super()._get_message_create_valid_field_names() | {
            "inbox_auto_reply",
            "inbox_channel_id",
            "inbox_thread_index",
        }
