# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders from the simulator, two of them open (a Liège pickup, a home delivery), messages on."""

from ..models.sm_managed_mixin import sm_sync_writes
from .common import SmCase


class SmOrderCase(SmCase):
    sim_sizes = {"contacts": 40, "articles": 30, "orders": 12}

    def setUp(self):
        super().setUp()
        # SmCase keeps the simulator's URL as base_url: HttpCase's base_url() must stay visible
        self.sim_url = self.__dict__.pop("base_url")
        self.env["sm.order.event.type"].search([]).write({"settle_minutes": 0})
        self.backend.message_older_orders = True
        dirty = str(self.store.dirty["contacts"])
        orders = [
            sm_id
            for sm_id in sorted(self.live_ids("orders"))
            if (
                self.store.get("contacts", self.store.get("orders", sm_id)["customer_id"]) or {}
            ).get("email")
            and self.store.get("orders", sm_id)["customer_id"] not in dirty
        ]
        customers = set()
        picked = []
        for sm_id in orders:  # two orders of two different customers
            customer = self.store.get("orders", sm_id)["customer_id"]
            if customer not in customers:
                customers.add(customer)
                picked.append(sm_id)
        self.pickup_id, self.delivery_id = picked[:2]
        for sm_id, mode in ((self.pickup_id, "pickup"), (self.delivery_id, "delivery")):
            record = self.store.get("orders", sm_id)
            lines = [dict(line, available=True, expected_date=None) for line in record["lines"]]
            self.store.set_field("orders", sm_id, "lines", lines)
            self.store.set_field("orders", sm_id, "status", "confirmed")
            self.store.set_field("orders", sm_id, "delivery_mode", mode)
            self.store.set_field("orders", sm_id, "showroom", "LIE" if mode == "pickup" else None)
            self.store.set_field("orders", sm_id, "promised_date", "2026-12-01")
            self.store.set_field("contacts", record["customer_id"], "lang", "en")
        run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)

    def order(self, sm_id):
        orders = self.env["sale.order"].browse(self.bound_ids("orders")).exists()
        return orders.filtered(lambda order: order.sm_id == sm_id)

    def events(self, sm_id, **domain):
        dom = [(k, "=", v) for k, v in domain.items()]
        return self.env["sm.order.event"].search([("order_id.sm_id", "=", sm_id), *dom])

    def customer_messages(self, order):
        return order.message_ids.filtered(
            lambda m: m.message_type == "comment" and order.partner_id in m.partner_ids
        )

    def set_lang(self, order, lang):
        with sm_sync_writes():  # the customer's language is SM's: set as the sync would
            order.partner_id.lang = lang

    def sm_change(self, sm_id, **values):
        """SM changes the order (status, promised_date…) and the next sync brings it in."""
        for name, value in values.items():
            self.store.set_field("orders", sm_id, name, value)
        run = self.sync("orders")
        self.assertEqual(run.state, "done", run.message)
