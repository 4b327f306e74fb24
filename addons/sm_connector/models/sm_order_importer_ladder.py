# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .sm_managed_mixin import sm_sync_writes


class SmOrderImporter(models.AbstractModel):
    """After each order sync: orders that moved on close their follow-up tasks; a promised
    date that slipped again escalates at once (the ladder's date steps)."""

    _inherit = "sm.order.importer"  # pylint: disable=consider-merging-classes-inherited

    def _after_import(self, backend, imported, lookups):
        result = super()._after_import(backend, imported, lookups)
        moved, changed = {}, self.env["sale.order"]
        for order, record in imported:
            before = lookups.before.get(record["id"])
            if before is None:
                continue
            if before.status != record["status"]:
                moved.setdefault(record["status"], self.env["sale.order"])
                moved[record["status"]] |= order
            if before.promised_date != record.get("promised_date"):
                changed |= order
        Event = self.env["sm.order.event"]
        for status, orders in moved.items():
            label = dict(orders._fields["sm_status"]._description_selection(self.env))[status]
            events = Event.search([("order_id", "in", orders.ids), ("state", "=", "task")])
            with sm_sync_writes():
                events._close_step_tasks(self.env._("The order moved on: %s.", label))
        if changed:
            Event._ladder_run(orders=changed)
        return result
