# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.suite_phone.tools.phone_number import to_e164
from odoo.exceptions import UserError
from odoo.tools import email_normalize


class InboxLinkPartnerWizard(models.TransientModel):
    """An unknown sender: link the ticket to an existing contact, or create the contact."""

    _name = "inbox.link.partner.wizard"
    _description = "Link a ticket to a contact"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    mode = fields.Selection(
        [("link", "Link to an existing contact"), ("create", "Create a contact")],
        required=True,
        default="link",
    )
    suggestion_ids = fields.Many2many(
        "res.partner", string="Suggestions", compute="_compute_suggestion_ids"
    )
    partner_id = fields.Many2one("res.partner", string="Contact")
    name = fields.Char(compute="_compute_sender", store=True, readonly=False, compute_sudo=False)
    email = fields.Char(compute="_compute_sender", store=True, readonly=False, compute_sudo=False)
    phone = fields.Char(compute="_compute_sender", store=True, readonly=False, compute_sudo=False)
    lang = fields.Selection(
        selection="_lang_selection",
        string="Language",
        compute="_compute_sender",
        store=True,
        readonly=False,
        compute_sudo=False,
    )

    @api.model
    def _lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.constrains("ticket_id", "partner_id")
    def _check_ids(self):
        """Ids come from the client: the ticket and the contact must be the user's to read."""
        for wizard in self:
            wizard.ticket_id.check_access("read")
            wizard.partner_id.check_access("read")

    @api.depends("ticket_id")
    def _compute_sender(self):
        for wizard in self:
            ticket = wizard.ticket_id
            wizard.name = ticket.partner_name or False
            wizard.email = email_normalize(ticket.partner_email or "") or False
            wizard.phone = ticket.inbox_phone or False
            wizard.lang = ticket.inbox_lang or False

    @api.depends("ticket_id", "email", "phone", "name")
    def _compute_suggestion_ids(self):
        Partner = self.env["res.partner"]
        for wizard in self:
            found = Partner
            email = email_normalize(wizard.email or "")
            if email:
                found |= Partner.search([("email_normalized", "=", email)], limit=5)
            e164 = to_e164(wizard.phone or "")
            if e164:
                found |= Partner.search(Partner._phone_domain(e164), limit=5)
            if wizard.name and len(wizard.name) > 3:
                found |= Partner.search([("name", "ilike", wizard.name)], limit=5)
            wizard.suggestion_ids = found[:10]

    def action_apply(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("write")
        if self.mode == "link":
            if not self.partner_id:
                raise UserError(self.env._("Choose the contact to link."))
            partner = self.partner_id
            partner.check_access("read")
        else:
            if not self.name:
                raise UserError(self.env._("Give the contact a name."))
            vals = {"name": self.name, "email": self.email or False, "lang": self.lang or False}
            vals.update(self.env["res.partner"]._phone_field_vals(self.phone or ""))
            partner = self.env["res.partner"].create(vals)
        ticket._inbox_set_partner(partner)
        return {"type": "ir.actions.act_window_close"}
