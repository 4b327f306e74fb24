# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import models


class SmOrderEvent(models.Model):
    """When the SM sync tells a customer about their order, the agents of the open tickets
    about that order see it in the ticket (no answer crossing the automatic message)."""

    _inherit = "sm.order.event"

    def _send(self, config):
        was_sent = self.state == "sent"
        message = super()._send(config)
        if message and not was_sent:
            self._inbox_note_tickets(message)
        return message

    def _inbox_note_tickets(self, message):
        """A note on every open ticket linked to this event's order (one search)."""
        self.ensure_one()
        order = self.order_id
        # sudo: the sync (cron) writes the note on tickets of every team
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("inbox_open", "=", True),
                    "|",
                    ("inbox_order_ids", "in", order.ids),
                    ("inbox_order_id", "=", order.id),
                ]
            )
        )
        Router = self.env["inbox.router"]
        for ticket in tickets:
            env = Router._inbox_text_env(ticket.team_id)
            kind = dict(self._fields["event_type"]._description_selection(env)).get(
                self.event_type, self.event_type
            )
            ticket.message_post(
                body=Markup("<p>%s</p><blockquote>%s</blockquote>")
                % (
                    escape(
                        env._(
                            "The customer was sent a message about order %(order)s (%(kind)s):",
                            order=order.sm_id or order.name,
                            kind=kind,
                        )
                    ),
                    escape(message.subject or ""),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return tickets
