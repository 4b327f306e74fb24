# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .sm_binding import ENTITY_SELECTION


class SmSyncState(models.Model):
    """How far one entity of one backend has been read: its watermark and last reconciliation.

    One row per (backend, entity), apart from the backend record: each sync commits its
    watermark after every chunk, and syncs of different entities run in parallel; on the
    backend's own row they would collide with each other and with an admin editing it.
    """

    _name = "sm.sync.state"
    _description = "SM sync state"

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    entity = fields.Selection(ENTITY_SELECTION, required=True)
    watermark = fields.Datetime(help="Changes made in SM up to this moment have been imported.")
    reconciled = fields.Datetime(help="Last full reconciliation.")
    go_live = fields.Datetime(
        string="Went live",
        help="Start of the first sync of this entity. Orders placed before it never trigger "
        "customer messages (no flood on day one).",
    )

    _entity_unique = models.Constraint(
        "UNIQUE(backend_id, entity)", "One sync state per backend and entity."
    )

    @api.model
    def _for(self, backend, entity):
        state = self.search([("backend_id", "=", backend.id), ("entity", "=", entity)], limit=1)
        return state or self.create({"backend_id": backend.id, "entity": entity})
