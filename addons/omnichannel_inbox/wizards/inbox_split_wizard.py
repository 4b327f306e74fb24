# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..models.helpdesk_ticket_split import SPLITTABLE_TYPES


class InboxSplitWizard(models.TransientModel):
    """Split a ticket from one of its messages: that message and the later ones move into a
    new ticket linked to this one. The agent picks the message in the list of the ticket's
    messages (*Split from here*)."""

    _name = "inbox.split.wizard"
    _description = "Split a ticket from a message"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    message_id = fields.Many2one(
        "mail.message",
        string="From the message",
        domain=f"[('model', '=', 'helpdesk.ticket'), ('res_id', '=', ticket_id), "
        f"('message_type', 'in', {list(SPLITTABLE_TYPES)})]",
        help="This message and every later one move to the new ticket.",
    )
    line_ids = fields.One2many("inbox.split.wizard.line", "wizard_id", string="Messages")
    moved_count = fields.Integer(string="Messages moved", compute="_compute_moved_count")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        ticket = self.env["helpdesk.ticket"].browse(res.get("ticket_id") or [])
        if ticket and "line_ids" in fields_list:
            res["line_ids"] = self._line_commands(ticket)
        return res

    @api.model
    def _line_commands(self, ticket):
        """One line per message a split can start from (not notes, not automatic mails)."""
        # the id may come from the client's context: readable by the user, or nothing
        ticket.check_access("read")
        # sudo: the thread of a ticket the user may read
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "helpdesk.ticket"),
                    ("res_id", "=", ticket.id),
                    ("message_type", "in", SPLITTABLE_TYPES),
                    ("subtype_id.internal", "=", False),
                ],
                order="id",
            )
        )
        return [
            fields.Command.create(
                {
                    "message_id": message.id,
                    "author": message.author_id.name or message.email_from or "",
                    "preview": " ".join(
                        " ".join(
                            filter(None, [message.subject, html2plaintext(message.body or "")])
                        ).split()
                    )[:120],
                }
            )
            for message in messages
        ]

    @api.depends("ticket_id", "message_id")
    def _compute_moved_count(self):
        for wizard in self:
            wizard.moved_count = (
                len(wizard.ticket_id._inbox_split_messages(wizard.message_id))
                if wizard.ticket_id and wizard.message_id
                else 0
            )

    @api.constrains("ticket_id")
    def _check_ticket_id(self):
        """The id comes from the client: the ticket must be the user's to write."""
        for wizard in self:
            wizard.ticket_id.check_access("write")

    def action_split(self):
        self.ensure_one()
        message = self.message_id
        if message.model != "helpdesk.ticket" or message.res_id != self.ticket_id.id:
            raise UserError(self.env._("Pick a message of this ticket to split from."))
        new = self.ticket_id._inbox_split_from(message)
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": new.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }


class InboxSplitWizardLine(models.TransientModel):
    """One message of the ticket in the split dialog."""

    _name = "inbox.split.wizard.line"
    _description = "Message of a ticket to split"
    _order = "id"

    wizard_id = fields.Many2one("inbox.split.wizard", required=True, ondelete="cascade")
    message_id = fields.Many2one("mail.message", string="Mail message", required=True)
    date = fields.Datetime(related="message_id.date")
    author = fields.Char()
    preview = fields.Char(string="Excerpt")

    def action_split_here(self):
        """Split the ticket from this line's message (checked again by the wizard)."""
        self.ensure_one()
        self.wizard_id.message_id = self.message_id
        return self.wizard_id.action_split()
