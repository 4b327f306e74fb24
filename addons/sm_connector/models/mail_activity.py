# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    """The showroom's *To call* list: every phone-call activity (category ``phonecall``: the
    ladder's call tasks, missed calls to call back…) under the showroom it concerns."""

    _inherit = "mail.activity"

    sm_partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_sm_to_call",
        store=True,
        help="The customer of the record the activity is on.",
    )
    sm_showroom_id = fields.Many2one(
        "sm.showroom",
        string="Showroom",
        compute="_compute_sm_to_call",
        store=True,
        index="btree_not_null",
        help="An order's pickup showroom; on other records, the customer's home showroom.",
    )
    sm_my_showroom = fields.Boolean(
        string="My showroom", compute="_compute_sm_my_showroom", search="_search_sm_my_showroom"
    )

    @api.depends("res_model", "res_id")
    def _compute_sm_to_call(self):
        documents = self._sm_documents()
        for activity in self:
            record = documents.get((activity.res_model, activity.res_id))
            partner = _partner_of(record) if record else self.env["res.partner"]
            showroom = record.sm_showroom_id if record and record._name == "sale.order" else False
            if not showroom or showroom.is_web:
                showroom = partner.sm_showroom_id or partner.commercial_partner_id.sm_showroom_id
            activity.sm_partner_id = partner
            activity.sm_showroom_id = showroom

    def _sm_documents(self):
        """{(model, id): record} of the records these activities are on, read per model in one
        go (sudo: read for their customer and showroom only)."""
        ids_by_model = {}
        for activity in self:
            if activity.res_model in self.env and activity.res_id:
                ids_by_model.setdefault(activity.res_model, set()).add(activity.res_id)
        documents = {}
        for model, ids in ids_by_model.items():
            # sudo: only to find each activity's showroom; the user already reads these activities
            for record in self.env[model].sudo().browse(ids).exists():
                documents[(model, record.id)] = record
        return documents

    @api.depends_context("uid")
    def _compute_sm_my_showroom(self):
        mine = self.env.user.sm_showroom_id
        for activity in self:
            activity.sm_my_showroom = bool(mine) and activity.sm_showroom_id == mine

    def _search_sm_my_showroom(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        mine = [("sm_showroom_id", "in", self.env.user.sm_showroom_id.ids)]
        return mine if (operator == "=") == value else ["!", *mine]

    def action_sm_open_customer(self):
        """One click from the *To call* list to the customer's 360 (suite_base; checks access)."""
        self.ensure_one()
        partner = self.sm_partner_id
        if not partner:
            raise UserError(self.env._("This task is not about a known customer."))
        return partner.action_open_customer_360()


def _partner_of(record):
    if not record:
        return record.env["res.partner"]
    if record._name == "res.partner":
        return record
    field = record._fields.get("partner_id")
    if field and field.type == "many2one" and field.comodel_name == "res.partner":
        return record.partner_id
    return record.env["res.partner"]
