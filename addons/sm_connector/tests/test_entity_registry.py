# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One source of truth each: the entity registry, the binding owner and the go-live owner."""

from datetime import datetime
from unittest.mock import patch

from odoo.tests import TransactionCase

from ..entities import ENTITIES, ENTITY_NAMES
from ..models.sm_binding import BindingWrite, BoundRecord


class TestEntityRegistry(TransactionCase):
    """What Odoo declares per entity (selections, crons, importers, backend fields and
    buttons) follows entities.py: a new entity added there and forgotten here fails."""

    def test_entity_selections_follow_the_registry(self):
        for model in ("sm.binding", "sm.sync.run", "sm.sync.state", "sm.sync.error"):
            selection = self.env[model]._fields["entity"].selection
            self.assertEqual([key for key, _label in selection], list(ENTITY_NAMES), model)

    def test_importers_follow_the_registry(self):
        engine = self.env.registry["sm.importer"]
        importers = {
            name
            for name, model in self.env.registry.items()
            if name != "sm.importer" and issubclass(model, engine)
        }
        self.assertEqual(importers, {entity.importer for entity in ENTITIES})
        for entity in ENTITIES:
            importer = self.env[entity.importer]
            self.assertEqual(importer._sm_entity, entity.name)
            self.assertEqual(importer._sm_model, entity.model)
            self.assertIn(entity.model, self.env)
            self.assertEqual(self.env["sm.backend"]._importer(entity.name), importer)

    def test_crons_follow_the_registry(self):
        for entity in ENTITIES:
            cron = self.env.ref(entity.cron_xmlid)
            self.assertEqual(cron.code.strip(), f'model._cron_sync("{entity.name}")')

    def test_backend_fields_and_buttons_follow_the_registry(self):
        Backend = self.env["sm.backend"]
        form = self.env.ref("sm_connector.sm_backend_view_form").arch
        for entity in ENTITIES:
            for name in (
                entity.switch_field,
                f"{entity.name}_watermark",
                f"{entity.name}_reconciled",
                f"last_{entity.name}_run_id",
                f"{entity.name}_count",
            ):
                self.assertIn(name, Backend._fields)
                self.assertIn(f'name="{name}"', form)
            button = f"action_sync_{entity.name}_now"
            self.assertIn(f'name="{button}"', form)
            with patch.object(type(Backend), "_trigger_cron", autospec=True) as trigger:
                getattr(Backend, button)()
            self.assertEqual(trigger.call_args.args[1], entity.cron_xmlid)


class TestBindingOwner(TransactionCase):
    """sm.binding is the one reader and writer of bindings, with named rows."""

    def setUp(self):
        super().setUp()
        self.backend = self.env["sm.backend"].create({"name": "binding test"})
        self.other = self.env["sm.backend"].create({"name": "other backend"})
        self.Binding = self.env["sm.binding"]
        self.partners = self.env["res.partner"].create([{"name": "A"}, {"name": "B"}])
        self.stamp = datetime(2026, 11, 20, 10, 11, 12)

    def test_rows_are_named_and_scoped(self):
        a, b = self.partners
        self.Binding._upsert(
            self.backend,
            "contacts",
            [BindingWrite("C1", a.id, "h1", self.stamp), BindingWrite("C2", b.id, "h2", None)],
        )
        self.Binding._upsert(self.other, "contacts", [BindingWrite("C1", b.id, "h9", None)])
        bound = self.Binding._lookup(self.backend, "contacts", ["C1", "C2", "C3"])
        self.assertEqual(set(bound), {"C1", "C2"})
        self.assertIsInstance(bound["C1"], BoundRecord)
        self.assertEqual(
            (bound["C1"].res_id, bound["C1"].payload_hash, bound["C1"].sm_updated_at),
            (a.id, "h1", self.stamp),
        )
        self.assertEqual(self.Binding._res_ids(self.backend, "contacts", ["C1"]), {"C1": a.id})
        self.assertEqual(self.Binding._lookup(self.backend, "articles", ["C1"]), {})
        self.assertEqual(self.Binding._bound_res_ids("contacts", [a.id, 0]), {a.id})

        self.assertEqual(self.Binding._mark_deleted(self.backend, "contacts", ["C2"]), [b.id])
        self.assertEqual(self.Binding._live_sm_ids(self.backend, "contacts"), ["C1"])
        self.assertIsNone(self.Binding._lookup(self.backend, "contacts", ["C2"])["C2"].payload_hash)
        # an upsert of a gone record brings it back
        self.Binding._upsert(self.backend, "contacts", [("C2", b.id, "h3", None)])
        self.assertEqual(sorted(self.Binding._live_sm_ids(self.backend, "contacts")), ["C1", "C2"])

    def test_first_unbound_match_wins_once(self):
        a, b = self.partners
        c = self.env["res.partner"].create({"name": "C"})
        self.Binding._upsert(self.backend, "contacts", [BindingWrite("C9", c.id, "h", None)])
        candidates = [(c.id, "C1"), (a.id, "C1"), (b.id, "C1"), (b.id, "C2"), (a.id, None)]
        # c is bound already, a is C1's first free candidate, b was C1's too but goes to C2
        self.assertEqual(
            self.Binding._first_unbound("contacts", candidates), {"C1": a.id, "C2": b.id}
        )

    def test_backend_of_records(self):
        order = self.env["sale.order"].create({"partner_id": self.partners[0].id})
        self.Binding._upsert(self.backend, "orders", [BindingWrite("SO1", order.id, "h", None)])
        self.assertEqual(
            self.Binding._backend_ids("orders", [order.id, 0]), {order.id: self.backend.id}
        )
        self.assertEqual(self.Binding._backend_ids("contacts", [order.id]), {})


class TestGoLiveOwner(TransactionCase):
    """sm.sync.state owns the go-live rule: set once, then asked at import and at dispatch."""

    def setUp(self):
        super().setUp()
        self.States = self.env["sm.sync.state"]
        self.backend = self.env["sm.backend"].create({"name": "go-live test"})
        self.live = datetime(2026, 11, 20, 8, 0, 0)

    def test_first_finished_run_sets_it_once(self):
        run = self.env["sm.sync.run"]._start({"backend_id": self.backend.id, "entity": "orders"})
        self.assertIsNone(self.States._go_live(self.backend, "orders"))
        self.States._for(self.backend, "orders").watermark = self.live
        self.States._mark_live(self.backend, "orders", run)
        self.assertEqual(self.States._go_live(self.backend, "orders"), self.live)
        self.States._for(self.backend, "orders").watermark = datetime(2026, 12, 1)
        self.States._mark_live(self.backend, "orders", run)
        self.assertEqual(self.States._go_live(self.backend, "orders"), self.live)

    def test_events_at_import(self):
        wanted = self.States._order_events_wanted
        self.assertFalse(wanted(None, "2026-12-01", first_seen=False))  # the initial import
        self.assertFalse(wanted(self.live, "2026-11-19", first_seen=True))
        self.assertTrue(wanted(self.live, "2026-11-19", first_seen=False))
        self.assertTrue(wanted(self.live, "2026-11-20", first_seen=True))

    def test_messages_held_back_at_dispatch(self):
        partner = self.env["res.partner"].create({"name": "Customer"})
        old, new, unbound = self.env["sale.order"].create(
            [
                {"partner_id": partner.id, "date_order": datetime(2026, 11, 2)},
                {"partner_id": partner.id, "date_order": datetime(2026, 11, 25)},
                {"partner_id": partner.id, "date_order": datetime(2026, 11, 2)},
            ]
        )
        self.env["sm.binding"]._upsert(
            self.backend,
            "orders",
            [BindingWrite("SO1", old.id, "h", None), BindingWrite("SO2", new.id, "h", None)],
        )
        orders = old | new | unbound
        self.assertEqual(self.States._orders_held_back(orders), set())  # not live yet
        self.States._for(self.backend, "orders").go_live = self.live
        self.assertEqual(self.States._orders_held_back(orders), {old.id})
        self.backend.message_older_orders = True
        self.assertEqual(self.States._orders_held_back(orders), set())
