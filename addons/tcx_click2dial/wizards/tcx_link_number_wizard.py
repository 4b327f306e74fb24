# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.suite_phone.tools import phone_number


class TcxLinkNumberWizard(models.TransientModel):
    """An unknown caller is an existing contact: their number goes on that contact (the
    ring-time pop-up's *Link to an existing contact*), so the next call recognises them."""

    _name = "tcx.link.number.wizard"
    _description = "Link a number to a contact"

    number = fields.Char(required=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Contact", required=True)
    target = fields.Selection(
        [("phone", "Phone"), ("mobile", "Mobile")],
        string="Save as",
        required=True,
        default="phone",
    )

    @api.onchange("number")
    def _onchange_number(self):
        e164 = phone_number.to_e164(self.number or "")
        self.target = "mobile" if e164 and phone_number.is_mobile(e164) else "phone"

    def action_link(self):
        """Write the number on the contact with the user's own rights, then open its 360."""
        self.ensure_one()
        self.partner_id.write({self.target: self.number})
        return self.partner_id.action_open_customer_360()
