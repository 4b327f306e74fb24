# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SmShowroom(models.Model):
    """A showroom (or the web shop) as SM codes it: where customers pick up their orders."""

    _name = "sm.showroom"
    _description = "Showroom"
    _order = "sequence, name"

    code = fields.Char(required=True, help="SM location code, e.g. LIE")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_web = fields.Boolean(string="Web shop", help="The web shop, not a physical showroom.")
    partner_id = fields.Many2one(
        "res.partner", string="Address", help="Address given to customers for pickups."
    )
    opening_hours = fields.Text(translate=True, help="Shown in pickup messages.")
    email = fields.Char()
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        help="Gets the order activities of this showroom (messages to send, calls).",
    )
    phone = fields.Char()
    member_ids = fields.One2many(
        "res.users", "sm_showroom_id", string="Staff", help="People working in this showroom."
    )
    partner_tag_id = fields.Many2one(
        "res.partner.category",
        string="Contact tag",
        readonly=True,
        help="Tag the sync puts on contacts whose home showroom this is.",
    )

    _code_unique = models.Constraint("UNIQUE(code)", "A showroom code must be unique.")

    @api.model
    def _by_code(self):
        """{code: showroom} of every showroom, archived ones included (a handful of records)."""
        return {
            room.code: room for room in self.with_context(active_test=False).search([], limit=100)
        }
