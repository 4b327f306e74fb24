# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass, field

from odoo import api, models
from odoo.tools import SQL

from ..entities import ENTITY
from ..mappers.order_events import OrderState, detect_events
from ..mappers.order_mapper import (
    ExistingLine,
    MissingDependency,
    OrderLookups,
    dependencies,
    map_order,
)


@dataclass
class OrderImportLookups(OrderLookups):
    """Order lookups plus what Odoo knew of each order before this sync (for the events)."""

    before: dict = field(default_factory=dict)  # SM order id → OrderState
    go_live: object = None


class SmOrderImporter(models.AbstractModel):
    """SM orders → sale.order: customers and articles imported first (on demand), lines by SM
    line number, then the change events that become customer messages."""

    _name = "sm.order.importer"
    _inherit = "sm.importer"
    _description = "SM order importer"
    _sm_entity = "orders"

    @api.model
    def _prepare_lookups(self, backend, run, records, first_load=False):
        customers, codes = set(), set()
        for record in records:
            customer, articles = dependencies(record)
            customers.add(customer)
            codes |= articles
        unavailable = {"customers": {}, "articles": {}}
        partner_ids = self.env[ENTITY["contacts"].importer]._ensure_imported(
            backend, run, sorted(customers), unavailable["customers"]
        )
        template_ids = self.env[ENTITY["articles"].importer]._ensure_imported(
            backend, run, sorted(codes), unavailable["articles"]
        )
        # one query for every template's variant (a browse per template cost a query each)
        # only the columns used here: a plain search then read every column of every variant
        variants = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search_fetch(
                [("product_tmpl_id", "in", list(set(template_ids.values())))], ["product_tmpl_id"]
            )
        )
        variants.product_tmpl_id.fetch(["uom_id"])
        variant_of = {}
        for variant in variants:  # in product.product's order: each template's first variant
            variant_of.setdefault(variant.product_tmpl_id.id, variant)
        showrooms = self.env["sm.showroom"]._by_code()
        lookups = OrderImportLookups(
            partner_ids=partner_ids,
            product_ids={
                code: variant_of[tid].id for code, tid in template_ids.items() if tid in variant_of
            },
            product_uom_ids={
                variant.id: variant.product_tmpl_id.uom_id.id for variant in variant_of.values()
            },
            tax_ids={
                rate: backend._sale_tax_for_rate(rate).id
                for rate in {line["vat_rate"] for rec in records for line in rec["lines"]}
            },
            showroom_ids={code: room.id for code, room in showrooms.items()},
            # a first-load page imported after the go-live (its queue job waited) imports as
            # before it: none of its orders' changes is news to a customer
            go_live=None
            if first_load
            else self.env["sm.sync.state"]._go_live(backend, self._sm_entity),
            unavailable_customers=unavailable["customers"],
            unavailable_articles=unavailable["articles"],
        )
        self._load_current_state(backend, records, lookups)
        return lookups

    def _load_current_state(self, backend, records, lookups):
        """Existing lines and the event-relevant state of the orders already in Odoo (2 queries)."""
        bound = self.env["sm.binding"]._res_ids(
            backend, self._sm_entity, [rec["id"] for rec in records]
        )
        order_ids = {res_id: sm_id for sm_id, res_id in bound.items()}
        if not order_ids:
            return
        self.env["sale.order"].flush_model(["sm_status", "sm_promised_date"])
        self.env["sale.order.line"].flush_model(
            ["sm_line_no", "sm_available", "sm_expected_date", "product_id"]
        )
        self.env.cr.execute(
            SQL(
                "SELECT id, sm_status, sm_promised_date FROM sale_order WHERE id = ANY(%s)",
                list(order_ids),
            )
        )
        headers = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        self.env.cr.execute(
            SQL(
                "SELECT order_id, id, sm_line_no, product_id, sm_available, sm_expected_date"
                " FROM sale_order_line WHERE order_id = ANY(%s) AND display_type IS NULL",
                list(order_ids),
            )
        )
        lines = {}
        for order_id, line_id, line_no, product_id, available, expected in self.env.cr.fetchall():
            sm_id = order_ids[order_id]
            if not line_no:
                # not one of SM's lines (added in Odoo): SM is master, the sync removes it
                lookups.foreign_lines.setdefault(sm_id, []).append(line_id)
                continue
            lookups.existing_lines.setdefault(sm_id, {})[line_no] = ExistingLine(
                line_id, product_id
            )
            lines.setdefault(sm_id, {})[line_no] = (available, expected and expected.isoformat())
        for order_id, (status, promised) in headers.items():
            sm_id = order_ids[order_id]
            lookups.before[sm_id] = OrderState(
                status, promised and promised.isoformat(), lines.get(sm_id, {})
            )

    def _create_records(self, Model, vals_list):
        """New orders, then all their lines in one create: given with the orders, every line
        would also be built once more as a draft record for the orders' precomputed fields."""
        if not all(cmd[0] == 0 for vals in vals_list for cmd in vals.get("order_line", ())):
            return super()._create_records(Model, vals_list)
        headers = [{k: v for k, v in vals.items() if k != "order_line"} for vals in vals_list]
        orders = Model.create(headers)
        Model.env["sale.order.line"].create(
            [
                {**line_vals, "order_id": order.id}
                for order, vals in zip(orders, vals_list, strict=True)
                for _command, _id, line_vals in vals.get("order_line", ())
            ]
        )
        # the orders' constraints on their lines ran before the lines existed: again, now
        orders._validate_fields(["order_line"])
        return orders

    def _archive_records(self, records):
        # orders have no archive: an order removed in SM is cancelled and flagged, never deleted
        records = records.filtered(lambda order: not order.sm_removed)
        records.write({"state": "cancel", "sm_status": "cancelled", "sm_removed": True})
        return len(records)

    @api.model
    def _map(self, record, lookups):
        try:
            return map_order(record, lookups)
        except MissingDependency as exc:
            # logged with the payload and retried at the next runs, never half-imported
            raise ValueError(str(exc)) from None

    def _after_import(self, backend, imported, lookups):
        """Record the change events of the orders just written, then act on them."""
        Event = self.env["sm.order.event"]
        States = self.env["sm.sync.state"]
        candidates = []
        for order, record in imported:
            before = lookups.before.get(record["id"])
            if not States._order_events_wanted(lookups.go_live, record["date"], before is None):
                continue  # the initial import, or an older order seen for the first time
            for event in detect_events(before, record):
                candidates.append((order, event))
        if not candidates:
            return
        existing = {
            (event.order_id.id, event.key): event
            for event in Event.search([("order_id", "in", list({o.id for o, _e in candidates}))])
        }
        vals_list = []
        rearmed = Event
        for order, event in candidates:
            known = existing.get((order.id, event.key))
            if known:
                if known.state == "cancelled":
                    # the date came back to a value not yet announced: announce it after all
                    rearmed |= known
                continue
            existing[(order.id, event.key)] = True
            line = order.order_line.filtered(
                lambda line, n=event.line_no: n and line.sm_line_no == n
            )[:1]
            vals_list.append(
                {
                    "order_id": order.id,
                    "event_type": event.event_type,
                    "key": event.key,
                    "old_value": event.old_value,
                    "new_value": event.new_value,
                    "line_id": line.id,
                }
            )
        rearmed.write({"state": "pending", "state_reason": False})
        (Event.create(vals_list) | rearmed)._dispatch()
