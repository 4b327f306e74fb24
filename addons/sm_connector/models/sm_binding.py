# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import NamedTuple

from odoo import api, fields, models
from odoo.tools import SQL

from ..entities import ENTITY, ENTITY_SELECTION


class BoundRecord(NamedTuple):
    """What the importer needs of one binding: its row, its Odoo record, its last payload."""

    binding_id: int
    res_id: int
    payload_hash: str | None
    sm_updated_at: object  # naive UTC datetime, or None


class BindingWrite(NamedTuple):
    """One binding to insert or refresh after an import."""

    sm_id: str
    res_id: int
    payload_hash: str
    sm_updated_at: object  # naive UTC datetime


class SmBinding(models.Model):
    """The binder: SM id ↔ Odoo record, unique per backend, with the last payload hash.

    The one owner of the binding table: nothing else reads or writes `sm_binding` (the methods
    below return named rows, never positional tuples). Bindings are read and written a chunk
    at a time with plain SQL: the engine's cost per chunk must not depend on how many records
    are already bound.
    """

    _name = "sm.binding"
    _description = "SM binding"
    _rec_name = "sm_id"

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    entity = fields.Selection(ENTITY_SELECTION, required=True)
    sm_id = fields.Char(string="SM id", required=True)
    res_model = fields.Char(compute="_compute_res_model")
    res_id = fields.Integer(string="Odoo record id", required=True)
    payload_hash = fields.Char(help="Fingerprint of the last imported payload.")
    sm_updated_at = fields.Datetime(string="Updated in SM")
    sync_date = fields.Datetime(string="Synced on")
    sm_deleted = fields.Boolean(
        string="Gone from SM", help="Removed in SM: the record is archived."
    )

    _sm_id_unique = models.Constraint(
        "UNIQUE(backend_id, entity, sm_id)", "An SM record is bound once per backend."
    )
    _res_index = models.Index("(entity, res_id)")

    @api.depends("entity")
    def _compute_res_model(self):
        for binding in self:
            binding.res_model = ENTITY[binding.entity].model if binding.entity else False

    @api.model
    def _lookup(self, backend, entity, sm_ids):
        """{sm_id: BoundRecord} for the SM ids of `entity` bound on `backend` (one query)."""
        if not sm_ids:
            return {}
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT sm_id, id, res_id, payload_hash, sm_updated_at FROM sm_binding"
                " WHERE backend_id = %s AND entity = %s AND sm_id = ANY(%s)",
                backend.id,
                entity,
                list(sm_ids),
            )
        )
        return {row[0]: BoundRecord(*row[1:]) for row in self.env.cr.fetchall()}

    @api.model
    def _res_ids(self, backend, entity, sm_ids):
        """{sm_id: Odoo record id} for the SM ids of `entity` bound on `backend` (one query)."""
        bound = self._lookup(backend, entity, sm_ids)
        return {sm_id: row.res_id for sm_id, row in bound.items()}

    @api.model
    def _live_sm_ids(self, backend, entity):
        """SM ids of `entity` bound on `backend` and not flagged gone (for reconciliation)."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT sm_id FROM sm_binding"
                " WHERE backend_id = %s AND entity = %s AND NOT sm_deleted",
                backend.id,
                entity,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _backend_ids(self, entity, res_ids):
        """{Odoo record id: backend id} for the records of `entity` among `res_ids` (one query)."""
        if not res_ids:
            return {}
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT res_id, backend_id FROM sm_binding WHERE entity = %s AND res_id = ANY(%s)",
                entity,
                list(res_ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _bound_res_ids(self, entity, res_ids):
        """Odoo ids among `res_ids` already bound to some SM record of `entity`."""
        if not res_ids:
            return set()
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT res_id FROM sm_binding WHERE entity = %s AND res_id = ANY(%s)",
                entity,
                list(res_ids),
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _backends_of(self, entity, res_ids):
        """{Odoo id: sm.backend} of the records among `res_ids` bound to SM."""
        if not res_ids:
            return {}
        self.env.cr.execute(
            SQL(
                "SELECT res_id, backend_id FROM sm_binding WHERE entity = %s AND res_id = ANY(%s)",
                entity,
                list(res_ids),
            )
        )
        Backend = self.env["sm.backend"]
        return {res_id: Backend.browse(backend_id) for res_id, backend_id in self.env.cr.fetchall()}

    @api.model
    def _first_unbound(self, entity, candidates):
        """{sm_id: res_id} matching SM records to Odoo records created before the sync.

        `candidates` are (res_id, sm_id or None) pairs, best first: each SM id gets its first
        candidate not yet bound to an SM record of `entity`, and each record goes to one SM id.
        """
        taken = self._bound_res_ids(entity, [res_id for res_id, _sm_id in candidates])
        matches = {}
        for res_id, sm_id in candidates:
            if sm_id and sm_id not in matches and res_id not in taken:
                matches[sm_id] = res_id
                taken.add(res_id)
        return matches

    @api.model
    def _upsert(self, backend, entity, rows):
        """Insert or refresh bindings: `rows` of BindingWrite (or tuples in its order)."""
        if not rows:
            return
        now = fields.Datetime.now()
        values = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s, %s, %s, false, %s, %s, %s, %s)",
                backend.id,
                entity,
                sm_id,
                res_id,
                payload,
                updated_at,
                now,
                self.env.uid,
                now,
                self.env.uid,
                now,
            )
            for sm_id, res_id, payload, updated_at in map(BindingWrite._make, rows)
        )
        self.env.cr.execute(
            SQL(
                "INSERT INTO sm_binding (backend_id, entity, sm_id, res_id, payload_hash,"
                " sm_updated_at, sync_date, sm_deleted, create_uid, create_date, write_uid,"
                " write_date) VALUES %s"
                " ON CONFLICT (backend_id, entity, sm_id) DO UPDATE SET"
                " res_id = EXCLUDED.res_id, payload_hash = EXCLUDED.payload_hash,"
                " sm_updated_at = EXCLUDED.sm_updated_at, sync_date = EXCLUDED.sync_date,"
                " sm_deleted = false, write_uid = EXCLUDED.write_uid,"
                " write_date = EXCLUDED.write_date",
                values,
            )
        )
        self.invalidate_model()

    @api.model
    def _mark_deleted(self, backend, entity, sm_ids):
        """Flag bindings whose SM record is gone; return their res_ids."""
        if not sm_ids:
            return []
        self.env.cr.execute(
            SQL(
                "UPDATE sm_binding SET sm_deleted = true, payload_hash = NULL, sync_date = %s"
                " WHERE backend_id = %s AND entity = %s AND sm_id = ANY(%s) RETURNING res_id",
                fields.Datetime.now(),
                backend.id,
                entity,
                list(sm_ids),
            )
        )
        self.invalidate_model()
        return [row[0] for row in self.env.cr.fetchall()]
