# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.sm_connector.models.sale_order import CLOSED


class ResPartner(models.Model):
    """Ring-time routing: a caller with an open SM order goes to its showroom's 3CX queue."""

    _inherit = "res.partner"

    @api.model
    def _tcx_routing(self, partner_id):
        """``{Showroom, ShowroomCode, Extension, Queue, Order}`` of the caller's latest open SM
        order picked up in / sold by a physical showroom, or ``{}`` (web orders stay with the
        WEB team: 3CX's default flow)."""
        routing = super()._tcx_routing(partner_id)
        partner = self.browse(partner_id).exists()
        if not partner:
            return routing
        order = self.env["sale.order"].search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("sm_id", "!=", False),
                ("sm_removed", "=", False),
                ("sm_status", "not in", CLOSED),
                ("sm_showroom_id.is_web", "=", False),
            ],
            order="date_order desc, id desc",
            limit=1,
        )
        showroom = order.sm_showroom_id
        if not showroom:
            return routing
        queue = showroom.inbox_tcx_queue_id
        routing.update(
            Showroom=showroom.name,
            ShowroomCode=showroom.code,
            Extension=queue.extension or "",
            Queue=queue.name or "",
            Order=order.name,
        )
        return routing
