# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, html2plaintext

PROBLEMS = [
    ("damaged", "Damaged on delivery"),
    ("defect", "Manufacturing defect"),
    ("missing_part", "Missing part"),
    ("wrong_item", "Wrong item"),
    ("other", "Other"),
]


class HelpdeskTicket(models.Model):
    """After-sales (SAV) tickets: the order line concerned, the kind of problem, the photos
    (the customer's mail attachments and chat pictures, as attached to the ticket) and a
    summary ready to key into SM's after-sales file."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    inbox_is_after_sales = fields.Boolean(
        related="category_id.inbox_after_sales", string="After-sales ticket"
    )
    # staff-only: the after-sales file is internal work, not the customer's portal
    inbox_sav_line_id = fields.Many2one(
        "sale.order.line",
        string="Order line concerned",
        ondelete="set null",
        groups="base.group_user",
        domain="[('order_id', 'in', inbox_order_ids + [inbox_order_id]), ('display_type', '=', False)]",
    )
    inbox_sav_problem = fields.Selection(
        PROBLEMS, string="Kind of problem", groups="base.group_user"
    )
    inbox_sav_photo_ids = fields.Many2many(
        "ir.attachment",
        string="Photos",
        compute="_compute_inbox_sav_photo_ids",
        groups="base.group_user",
        help="Pictures the customer sent (e-mail attachments, iAdvize chat pictures).",
    )
    inbox_sav_summary = fields.Text(
        string="Summary for SM",
        compute="_compute_inbox_sav_summary",
        groups="base.group_user",
        help="To key into SM's after-sales file.",
    )

    @api.constrains("inbox_sav_line_id", "inbox_order_ids", "inbox_order_id")
    def _check_inbox_sav_line_id(self):
        """The line comes from the client: it must be a line of the ticket's orders."""
        for ticket in self.sudo():  # sudo: the orders' lines, only compared
            line = ticket.inbox_sav_line_id
            if line and line.order_id not in (ticket.inbox_order_ids | ticket.inbox_order_id):
                raise ValidationError(
                    self.env._("The order line concerned must be a line of the ticket's orders.")
                )

    def _compute_inbox_sav_photo_ids(self):
        Attachment = self.env["ir.attachment"]
        photos = Attachment.search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "in", self.ids),
                ("mimetype", "=like", "image/%"),
            ],
            order="id",
        )
        for ticket in self:
            ticket.inbox_sav_photo_ids = photos.filtered(lambda a, t=ticket: a.res_id == t.id)

    @api.depends(
        "inbox_sav_line_id", "inbox_sav_problem", "partner_id", "inbox_order_id", "description"
    )
    @api.depends_context("lang")
    def _compute_inbox_sav_summary(self):
        problems = dict(self._fields["inbox_sav_problem"]._description_selection(self.env))
        for ticket in self:
            if not ticket.inbox_is_after_sales:
                ticket.inbox_sav_summary = False
                continue
            line = ticket.inbox_sav_line_id
            order = line.order_id or ticket.inbox_order_id
            partner = ticket.partner_id
            photos = ticket.inbox_sav_photo_ids
            rows = [
                (self.env._("Ticket"), ticket.number or ""),
                (self.env._("Order"), order.sm_id or order.name or "-"),
                (
                    self.env._("Item"),
                    f"{line.product_id.default_code or ''} {line.product_id.name or line.name or ''}"
                    f" x {line.product_uom_qty:g}".strip()
                    if line
                    else "-",
                ),
                (self.env._("Problem"), problems.get(ticket.inbox_sav_problem, "-")),
                (self.env._("Customer"), partner.display_name or ticket.partner_name or "-"),
                (
                    self.env._("Contact"),
                    " / ".join(
                        filter(
                            None,
                            [
                                partner.phone or ticket.inbox_phone,
                                partner.email or ticket.partner_email,
                            ],
                        )
                    )
                    or "-",
                ),
                (self.env._("Reported on"), format_date(self.env, ticket.create_date) or "-"),
                (
                    self.env._("Photos"),
                    f"{len(photos)}: {', '.join(photos.mapped('name'))}" if photos else "0",
                ),
                (
                    self.env._("Description"),
                    " ".join(html2plaintext(ticket.description or "").split())[:1000],
                ),
            ]
            ticket.inbox_sav_summary = "\n".join(f"{label}: {value}" for label, value in rows)
