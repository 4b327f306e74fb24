# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models, tools
from odoo.addons.sm_connector.models.sale_order import CLOSED
from odoo.tools import SQL


class ResPartner(models.Model):
    """Ring-time routing: a caller with an open SM order goes to its showroom's 3CX queue."""

    _inherit = "res.partner"

    @api.model
    def _tcx_routing(self, partner_id):
        """``{Showroom, ShowroomCode, Extension, Queue, Order}`` of the caller's latest open SM
        order in a showroom that has a 3CX queue, or ``{}`` (3CX's default flow). At most one
        query (none while no showroom has a queue): the lookup answers 3CX while it rings."""
        routing = super()._tcx_routing(partner_id)
        rooms = self._inbox_routing_rooms()
        if not rooms:
            return routing
        self.env["sale.order"].flush_model(
            ["partner_id", "sm_id", "sm_removed", "sm_status", "sm_showroom_id", "date_order"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT o.sm_showroom_id, o.name
                  FROM sale_order o
                  JOIN res_partner p ON p.id = o.partner_id
                 WHERE p.commercial_partner_id =
                       (SELECT commercial_partner_id FROM res_partner WHERE id = %(partner)s)
                   AND o.sm_id IS NOT NULL AND o.sm_removed IS NOT TRUE
                   AND o.sm_status NOT IN %(closed)s AND o.sm_showroom_id = ANY(%(rooms)s)
              ORDER BY o.date_order DESC, o.id DESC
                 LIMIT 1
                """,
                partner=partner_id,
                closed=CLOSED,
                rooms=list(rooms),
            )
        )
        row = self.env.cr.fetchone()
        if row:
            routing.update(rooms[row[0]], Order=row[1])
        return routing

    @api.model
    @tools.ormcache()
    def _inbox_routing_rooms(self):
        """{showroom id: routing facts} of the physical showrooms with a 3CX queue (a handful;
        cached, cleared when a showroom's queue or a queue changes)."""
        # sudo: showroom→queue routing facts for the PBX lookup, no customer data
        rooms = (
            self.env["sm.showroom"]
            .sudo()
            .search([("inbox_tcx_queue_id", "!=", False), ("is_web", "=", False)])
        )
        return {
            room.id: {
                "Showroom": room.name,
                "ShowroomCode": room.code,
                "Extension": room.inbox_tcx_queue_id.extension or "",
                "Queue": room.inbox_tcx_queue_id.name or "",
            }
            for room in rooms
        }
