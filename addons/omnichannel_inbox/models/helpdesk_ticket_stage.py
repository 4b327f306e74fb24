# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    inbox_waiting_customer = fields.Boolean(
        string="Waiting for the customer",
        help="Tickets in this stage wait for the customer: their resolution clock pauses, "
        "the customer gets one reminder, then the ticket closes (the team's delays). "
        "A reply of the customer brings the ticket back to work.",
    )

    @api.constrains("mail_template_id")
    def _check_inbox_mail_template_id(self):
        """helpdesk_mgmt renders a stage's template on every ticket entering it, as the
        system: only a template of tickets (its view's domain is not a check)."""
        for stage in self:
            template = stage.mail_template_id
            if template and template.model != "helpdesk.ticket":
                raise ValidationError(
                    self.env._("A stage can only send an e-mail template of tickets.")
                )
