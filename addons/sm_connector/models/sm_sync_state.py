# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.suite_base.tools.trusted_flag import TrustedFlag
from odoo.exceptions import AccessError
from odoo.tools.misc import clean_context

from ..entities import ENTITY_SELECTION

# raised by this model's own methods, around their writes: never from a client
_STATE_WRITES = TrustedFlag("sm_sync_state_writes")


class SmSyncState(models.Model):
    """How far one entity of one backend has been read: its watermark and last reconciliation.

    One row per (backend, entity), apart from the backend record: each sync commits its
    watermark after every chunk, and syncs of different entities run in parallel; on the
    backend's own row they would collide with each other and with an admin editing it.

    Written only by the sync, through `_for()` and `_set()`, and by SM administrators: a
    watermark, cursor or go-live written over RPC by anyone else would skip records until a
    reconciliation, or silence or flood customer messages.

    Also the one owner of the go-live rule (no flood of customer messages on day one):
    `_mark_live()` sets the moment, `_order_events_wanted()` decides at import and
    `_orders_held_back()` at dispatch; nothing else reads `go_live`.
    """

    _name = "sm.sync.state"
    _description = "SM sync state"

    backend_id = fields.Many2one("sm.backend", required=True, ondelete="cascade", index=True)
    entity = fields.Selection(ENTITY_SELECTION, required=True)
    watermark = fields.Datetime(help="Changes made in SM up to this moment have been imported.")
    resume_cursor = fields.Char(
        help="SM's paging position where a pass stopped by the time budget goes on (SM's "
        "opaque next_cursor); empty once a run has read SM's last page."
    )
    reconciled = fields.Datetime(help="Last full reconciliation.")
    go_live = fields.Datetime(
        string="Went live",
        help="Start of the first sync of this entity. Orders placed before it never trigger "
        "customer messages (no flood on day one).",
    )

    _entity_unique = models.Constraint(
        "UNIQUE(backend_id, entity)", "One sync state per backend and entity."
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_state_writer()
        return super().create(vals_list)

    def write(self, vals):
        self._check_state_writer()
        return super().write(vals)

    def _check_state_writer(self):
        if (
            _STATE_WRITES.is_raised()
            or self.env.su
            or self.env.user.has_group("sm_connector.group_sm_admin")
        ):
            return
        raise AccessError(
            self.env._(
                "The sync state is written by the SM sync itself; only an SM administrator "
                "may correct it."
            )
        )

    @api.model
    def _for(self, backend, entity):
        """The state row of ``entity`` on ``backend``, created on first use."""
        state = self.search([("backend_id", "=", backend.id), ("entity", "=", entity)], limit=1)
        if state:
            return state
        with _STATE_WRITES.raised():
            # a fresh row is empty: no `default_*` key of the caller's context reaches it
            clean = self.with_context(clean_context(self.env.context))  # pylint: disable=context-overridden
            return clean.create({"backend_id": backend.id, "entity": entity})

    def _set(self, **values):
        """The sync's writes of its state (watermark, resume_cursor, reconciled, go_live)."""
        with _STATE_WRITES.raised():
            self.write(values)

    # ------------------------------------------------------------ the go-live rule
    @api.model
    def _mark_live(self, backend, entity, run):
        """After a finished run: the first one sets the entity's go-live moment (once)."""
        state = self._for(backend, entity)
        if not state.go_live:
            # SM's own time (the watermark), not Odoo's: the two clocks may differ
            state._set(go_live=state.watermark or run.date_start)

    @api.model
    def _go_live(self, backend, entity="orders"):
        """The go-live moment of `entity` on `backend`; None before its first finished run."""
        return self._for(backend, entity).go_live or None

    @api.model
    def _order_events_wanted(self, go_live, order_date, first_seen):
        """Whether an imported order's changes become events (then, maybe, messages).

        None during the initial import (no go-live yet); nor for an order placed before the
        go-live that this sync sees for the first time (its initial import, never news).
        """
        if not go_live:
            return False
        return not (first_seen and fields.Date.to_date(order_date) < go_live.date())

    @api.model
    def _orders_held_back(self, orders):
        """Ids of `orders` whose customer messages are held back: placed before the go-live of
        their backend's orders sync, unless that backend also messages older orders."""
        backend_of = self.env["sm.binding"]._backend_ids("orders", orders.ids)
        go_live = {
            backend.id: self._go_live(backend, "orders")
            for backend in self.env["sm.backend"].browse(set(backend_of.values()))
            if not backend.message_older_orders
        }
        held = set()
        for order in orders:
            moment = go_live.get(backend_of.get(order.id))
            if moment and order.date_order and order.date_order.date() < moment.date():
                held.add(order.id)
        return held
