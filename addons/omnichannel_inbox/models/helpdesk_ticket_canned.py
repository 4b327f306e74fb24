# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError, UserError


class HelpdeskTicket(models.Model):
    """Canned replies: rendered in the customer's language, checked on the server, sent."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    def _inbox_render_canned(self, template, lang):
        """``(subject, body)`` of a canned reply for this ticket in ``lang``. The subject
        always carries the ticket number (replies thread even without References)."""
        self.ensure_one()
        self._inbox_check_canned_template(template)
        self._inbox_check_canned_orders()
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        lang = lang if lang in installed else self.env.lang or "en_US"
        subject = template._render_field("subject", self.ids, set_lang=lang)[self.id] or ""
        body = template._render_field("body_html", self.ids, set_lang=lang)[self.id]
        if self.number and self.number not in subject:
            subject = f"[{self.number}] {subject}".strip()
        return subject, body

    def _inbox_check_canned_template(self, template):
        """Refuse anything but a canned reply of tickets, on a ticket the user may read:
        a template is code run on a record, the client chooses both ids."""
        self.ensure_one()
        self.check_access("read")
        template = template.exists()
        if not template:
            raise AccessError(self.env._("This canned reply does not exist."))
        template.check_access("read")
        if template.model != self._name or not template.inbox_canned:
            raise AccessError(
                self.env._(
                    "“%(template)s” is not a canned reply for tickets.",
                    template=template.display_name,
                )
            )
        return template

    def _inbox_check_canned_orders(self):
        """Refuse a reply while an order of another customer is linked: it would tell the
        addressee the status of an order that is not theirs."""
        self.ensure_one()
        # sudo: the linked orders' customers, only compared
        ticket = self.sudo()
        customer = ticket.commercial_partner_id
        for order in ticket.inbox_order_ids | ticket.inbox_order_id:
            if not customer or order.partner_id.commercial_partner_id != customer:
                raise UserError(
                    self.env._(
                        "Order %(order)s is not the order of this ticket's customer: unlink it "
                        "(or correct the customer) before sending a reply.",
                        order=order.sm_id or order.name,
                    )
                )

    def _inbox_send_reply(self, subject, body):
        """Send ``body`` to the customer from this ticket (by e-mail, in the thread)."""
        self.ensure_one()
        kwargs = {
            "body": body,
            "subject": subject,
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
        }
        if self.partner_id:
            kwargs["partner_ids"] = self.partner_id.ids
        elif self.partner_email:
            kwargs["outgoing_email_to"] = self.partner_email
        return self.with_context(inbox_message_channel="email").message_post(**kwargs)

    def action_inbox_canned_reply(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Canned reply"),
            "res_model": "inbox.canned.reply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }
