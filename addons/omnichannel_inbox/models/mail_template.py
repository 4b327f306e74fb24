# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

TEMPLATE_EDITOR = "mail.group_mail_template_editor"


class MailTemplate(models.Model):
    _inherit = "mail.template"

    inbox_canned = fields.Boolean(
        string="Canned reply",
        help="Offered to agents in the ticket's Canned reply button (tickets only).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("inbox_canned") for vals in vals_list):
            self._inbox_check_canned_editor()
        return super().create(vals_list)

    def write(self, vals):
        if "inbox_canned" in vals:
            self._inbox_check_canned_editor()
        return super().write(vals)

    def _inbox_check_canned_editor(self):
        """Every agent renders canned replies: only template editors choose which ones."""
        if self.env.su or self.env.user.has_group(TEMPLATE_EDITOR):
            return
        raise AccessError(
            self.env._("Only template editors may offer a template as a canned reply.")
        )
