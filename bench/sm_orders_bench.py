"""Benchmark of the SM order sync against a naive importer.

1. Full import of N orders (default 50,000, about 3 lines each) by the connector vs a naive
   importer (one order at a time: its own lookups, one `create` with tracking, one binding),
   on the same simulator data, each in a copy of a database where the customers and articles
   are already synced (that part is not timed here: see sm_sync_bench).
2. Incremental run after 1 % of the orders changed in SM vs the full run.

    python -m bench.sm_orders_bench --template DB --conf ODOO_CONF [--orders N]
"""

import argparse
import json

from .harness import (
    QueryCounter,
    close_registry,
    copy_database,
    drop_database,
    odoo_env,
    report,
)
from .sm_sync_bench import KEY, connector_run, sim_post, sm_simulator


# the orders benches' set-up (this bench and sm_dry_run_bench): same arguments, same SM data
def orders_arguments(argv):
    """--template, --conf and the SM data sizes (--orders, --contacts, --articles)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=15_000)
    return parser.parse_args(argv)


def orders_simulator(args):
    """The SM simulator with the arguments' sizes; a context manager yielding its URL."""
    return sm_simulator(args.contacts, args.articles, args.orders)


def import_prerequisites(registry, url, label="prerequisite"):
    """Sync what orders depend on (customers, articles) with the connector, untimed here."""
    from odoo.addons.sm_connector.entities import ENTITY

    for entity in ENTITY["orders"].depends_on:
        counter, counts = connector_run(registry, url, entity)
        print(f"  {label} {entity}: {counter.seconds:.1f} s {counts}", flush=True)


def sm_changes_1pct(url):
    """SM lives an hour: 1 % of its records change."""
    changes = sim_post(url, "/_sim/advance", {"minutes": 60, "change_ratio": 0.01})
    print(f"  SM changed: {json.dumps(changes)[:300]}", flush=True)


def naive_orders(registry, url):
    from odoo import api
    from odoo.addons.sm_connector.adapters.sm_rest_adapter import SmRestAdapter
    from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
    from odoo.addons.sm_connector.parsers.payload import payload_hash
    from odoo.addons.sm_connector.parsers.record_validator import validate

    adapter = SmRestAdapter(url, KEY, retries=1)
    with registry.cursor() as cr, QueryCounter() as counter:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        backend = env["sm.backend"].search([("name", "=", "bench")], limit=1)
        importer = env["sm.order.importer"]
        run = env["sm.sync.run"]
        for page in adapter.iter_pages("orders", limit=500):
            for raw in page.records:
                record = validate("orders", raw)
                if record["deleted"]:
                    continue
                binding = env["sm.binding"].search(
                    [
                        ("backend_id", "=", backend.id),
                        ("entity", "=", "orders"),
                        ("sm_id", "=", record["id"]),
                    ]
                )
                lookups = importer._prepare_lookups(backend, run, [record])  # per order
                vals, _issues = importer._map(record, lookups)
                vals["sm_id"] = record["id"]
                if binding:
                    with sm_sync_writes():
                        env["sale.order"].browse(binding.res_id).write(vals)
                else:
                    with sm_sync_writes():
                        order = env["sale.order"].create(vals)
                    env["sm.binding"].create(
                        {
                            "backend_id": backend.id,
                            "entity": "orders",
                            "sm_id": record["id"],
                            "res_id": order.id,
                            "payload_hash": payload_hash(record),
                        }
                    )
            cr.commit()
    return counter


def main(argv=None):
    args = orders_arguments(argv)
    base, ours_db, naive_db = (
        f"{args.template}_{s}" for s in ("orders_base", "orders_ours", "orders_naive")
    )
    copy_database(args.template, base)
    try:
        with orders_simulator(args) as url:
            import_prerequisites(odoo_env(args.conf, base), url)
            close_registry(base)
            copy_database(base, ours_db)
            copy_database(base, naive_db)

            ours_reg = odoo_env(args.conf, ours_db)
            full, counts = connector_run(ours_reg, url, "orders")
            print(
                f"  ours orders: {full.seconds:.1f} s, {full.queries} queries, {counts}", flush=True
            )
            naive = naive_orders(odoo_env(args.conf, naive_db), url)
            print(f"  naive orders: {naive.seconds:.1f} s, {naive.queries} queries", flush=True)
            report(
                f"sm_orders_full_import_{args.orders}", full.seconds, naive.seconds, full.queries
            )

            sm_changes_1pct(url)
            incr, counts = connector_run(ours_reg, url, "orders")
            print(
                f"  ours incremental orders: {incr.seconds:.2f} s, {incr.queries} queries, {counts}",
                flush=True,
            )
            report(
                "sm_orders_incremental_1pct_vs_full",
                incr.seconds,
                full.seconds,
                incr.queries,
                ratio=incr.seconds / full.seconds,
            )
    finally:
        for name in (base, ours_db, naive_db):
            drop_database(name)


if __name__ == "__main__":
    main()
