# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """Acting on the order while SM stays master: the changes asked in SM from the ticket
    (inbox_sm_change.py does the work)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    inbox_sm_change_ids = fields.One2many(
        "inbox.sm.change", "ticket_id", string="Changes asked in SM", groups="base.group_user"
    )
    inbox_sm_change_done_id = fields.Many2one(
        "inbox.sm.change",
        string="Last change seen in SM",
        compute="_compute_inbox_sm_change_done_id",
        groups="base.group_user",
        help="What the canned reply *Change done in SM* tells the customer.",
    )

    @api.depends("inbox_sm_change_ids.state", "inbox_sm_change_ids.done_date")
    def _compute_inbox_sm_change_done_id(self):
        for ticket in self:
            done = ticket.inbox_sm_change_ids.filtered(lambda c: c.state == "done")
            ticket.inbox_sm_change_done_id = done.sorted("done_date", reverse=True)[:1]

    def action_inbox_request_sm_change(self):
        """The dialog to ask a change of the ticket's order in SM."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request a change in SM"),
            "res_model": "inbox.sm.change",
            "view_mode": "form",
            "views": [
                (self.env.ref("omnichannel_inbox.inbox_sm_change_view_form_request").id, "form")
            ],
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_order_id": (self.inbox_order_id or self.inbox_order_ids[:1]).id,
            },
        }


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    inbox_sm_keyer_id = fields.Many2one(
        "res.users",
        string="Keys changes into SM",
        domain=[("share", "=", False)],
        help="Gets the task of every change asked in SM from this team's tickets (default: "
        "the SM backend's responsible).",
    )


class SmImporter(models.AbstractModel):
    """After each SM sync batch: close the change requests the synced records now show."""

    _inherit = "sm.importer"

    def _after_sync(self, backend, records):
        res = super()._after_sync(backend, records)
        Change = self.env["inbox.sm.change"]
        if records._name == "sale.order":
            Change._inbox_check_synced(orders=records)
        elif records._name == "res.partner":
            Change._inbox_check_synced(partners=records)
        return res
