# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mail gateway's entry points run the routing pipeline (as superuser) only for the
gateway itself: the fetchmail cron and the mail-server button (superuser mode) or the
``odoo-mailgate`` script (a Settings user). Anyone else calling them over RPC would post
into, join or restart the SLA of tickets they cannot see (issue 10)."""

from odoo import api, models
from odoo.exceptions import AccessError

TICKET = "helpdesk.ticket"


def check_mail_gateway(env):
    """Refuse ``env`` unless it is the mail gateway (superuser mode or a Settings user)."""
    if not env.is_system():
        raise AccessError(
            env._("Only the mail gateway may deliver incoming e-mails to the helpdesk.")
        )


class HelpdeskTicket(models.Model):
    """``message_new``/``message_update`` are public methods: guard them before the
    pipeline runs (a file of its own: who may feed the gateway is one concern)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Open or join a ticket from an e-mail: the mail gateway only."""
        check_mail_gateway(self.env)
        return super().message_new(msg_dict, custom_values=custom_values)

    def message_update(self, msg_dict, update_vals=None):
        """Add an e-mail to tickets (and restart their SLA): the mail gateway only."""
        check_mail_gateway(self.env)
        return super().message_update(msg_dict, update_vals=update_vals)


class MailThread(models.AbstractModel):
    """``message_process``/``message_route`` are public too; the routes they compute reach the
    tickets' privileged ``message_new``/``message_update`` in superuser mode (core switches
    to sudo), so the caller is checked before, when a route leads to a ticket."""

    _inherit = "mail.thread"

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        """Routes of an incoming e-mail; to tickets only for the mail gateway."""
        if not self.env.is_system() and model == TICKET:
            check_mail_gateway(self.env)
        routes = super().message_route(
            message, message_dict, model=model, thread_id=thread_id, custom_values=custom_values
        )
        if not self.env.is_system() and any(route[0] == TICKET for route in routes or ()):
            check_mail_gateway(self.env)
        return routes
