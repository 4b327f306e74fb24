# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class TcxQueue(models.Model):
    """A 3CX queue or ring group (e.g. the WEB team): who calls back what it missed."""

    _name = "tcx.queue"
    _description = "3CX queue"
    _order = "name"

    name = fields.Char(required=True, help="The team, e.g. WEB or Showroom Liège.")
    extension = fields.Char(
        string="Queue extension",
        required=True,
        help="The queue's number in 3CX, as sent in [QueueExtension] by call reports.",
    )
    pbx_id = fields.Many2one("tcx.pbx", string="PBX", ondelete="cascade")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Callback agent",
        domain=[("share", "=", False)],
        help="Gets the callback activity of the calls nobody in the queue answered.",
    )
    member_ids = fields.Many2many("res.users", string="Agents", domain=[("share", "=", False)])
    active = fields.Boolean(default=True)

    _extension_company_unique = models.Constraint(
        "UNIQUE(extension, company_id)",
        "A queue extension is defined once per company.",
    )
