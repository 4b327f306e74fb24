# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class InboxCannedReplyWizard(models.TransientModel):
    """A canned reply filled with the ticket's order (dates, showroom) in the customer's
    language; the agent checks or edits it, then sends it from the ticket."""

    _name = "inbox.canned.reply.wizard"
    _description = "Canned reply"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    template_id = fields.Many2one(
        "mail.template",
        string="Reply",
        domain=[("model", "=", "helpdesk.ticket"), ("inbox_canned", "=", True)],
    )
    lang = fields.Selection(
        selection="_lang_selection",
        string="Language",
        compute="_compute_lang",
        store=True,
        readonly=False,
        compute_sudo=False,  # read the ticket with the agent's rights
    )
    # rendered with the agent's rights, never as superuser (stored computes default to sudo)
    subject = fields.Char(
        compute="_compute_content", store=True, readonly=False, compute_sudo=False
    )
    body = fields.Html(
        compute="_compute_content",
        store=True,
        readonly=False,
        sanitize_style=True,
        compute_sudo=False,
    )

    @api.model
    def _lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.depends("ticket_id")
    def _compute_lang(self):
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for wizard in self:
            ticket = wizard.ticket_id
            lang = ticket.partner_id.lang or ticket.inbox_lang or self.env.user.lang
            wizard.lang = lang if lang in installed else self.env.user.lang

    @api.constrains("template_id", "ticket_id")
    def _check_template_id(self):
        """The view's domain is a convenience: the server accepts only canned replies of
        tickets, on a ticket the user may read."""
        for wizard in self:
            wizard.ticket_id.check_access("read")
            if wizard.template_id:
                wizard.ticket_id._inbox_check_canned_template(wizard.template_id)

    @api.depends("template_id", "lang", "ticket_id")
    def _compute_content(self):
        for wizard in self:
            if not wizard.template_id or not wizard.ticket_id:
                wizard.subject = wizard.subject or False
                wizard.body = wizard.body or False
                continue
            subject, body = wizard.ticket_id._inbox_render_canned(wizard.template_id, wizard.lang)
            wizard.subject = subject
            wizard.body = body

    def action_send(self):
        self.ensure_one()
        if self.template_id:
            self.ticket_id._inbox_check_canned_template(self.template_id)
            self.ticket_id._inbox_check_canned_orders()
        if not self.body:
            raise UserError(self.env._("The reply is empty."))
        self.ticket_id.check_access("write")
        self.ticket_id._inbox_send_reply(self.subject, self.body)
        return {"type": "ir.actions.act_window_close"}
