"""Benchmark of the SM connector (contacts + articles) against a naive importer.

1. Full import of N contacts and M articles (default 20,000 / 15,000) by the connector vs a
   naive importer that handles one record at a time (one search, one `create` with tracking,
   one binding per record) on the same simulator data, in two copies of the same database.
2. Incremental run after 1 % of the records changed in SM vs the full run (target <= 5 %),
   checking that unchanged records cost no write.

    python -m bench.sm_sync_bench --template DB --conf ODOO_CONF [--contacts N --articles M]
"""

import argparse
import json
import time
import urllib.request

from .harness import QueryCounter, copy_database, drop_database, odoo_env, report, simulator

KEY = "bench-key"
# what this bench measures (orders: sm_orders_bench), in the registry's dependency order
BENCH_ENTITIES = ("contacts", "articles")


def sm_simulator(contacts, articles, orders):
    """The SM simulator every SM bench runs on (seed 42, the benches' API key), with these
    numbers of records: a context manager yielding its URL."""
    return simulator(
        "silicon_master",
        *("--contacts", str(contacts), "--articles", str(articles), "--orders", str(orders)),
        *("--api-key", KEY, "--seed", "42"),
    )


def connector_run(registry, url, entity, page_size=500):
    from odoo import api

    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        backend = env["sm.backend"].search([("name", "=", "bench")], limit=1) or env[
            "sm.backend"
        ].create(
            {"name": "bench", "base_url": url, "api_key": KEY, "page_size": page_size, "retries": 1}
        )
        cr.commit()
        with QueryCounter() as counter:
            run = backend._sync(entity)
            cr.commit()
        counts = {k: run[k] for k in ("created", "updated", "unchanged", "archived", "failed")}
        assert run.state == "done", run.message
    return counter, counts


def naive_run(registry, url, entity):
    """One record at a time, straight through the ORM, as a first connector would."""
    from odoo import api
    from odoo.addons.sm_connector.adapters.sm_rest_adapter import SmRestAdapter
    from odoo.addons.sm_connector.entities import ENTITY
    from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes
    from odoo.addons.sm_connector.parsers.payload import payload_hash
    from odoo.addons.sm_connector.parsers.record_validator import validate

    adapter = SmRestAdapter(url, KEY, retries=1)
    with registry.cursor() as cr, QueryCounter() as counter:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        backend = env["sm.backend"].create({"name": "naive", "base_url": url, "api_key": KEY})
        importer = env[ENTITY[entity].importer]
        model = env[importer._sm_model]
        for page in adapter.iter_pages(entity, limit=500):
            for raw in page.records:
                record = validate(entity, raw)
                if record["deleted"]:
                    continue
                binding = env["sm.binding"].search(
                    [
                        ("backend_id", "=", backend.id),
                        ("entity", "=", entity),
                        ("sm_id", "=", record["id"]),
                    ]
                )
                lookups = importer._prepare_lookups(
                    backend, env["sm.sync.run"], [record]
                )  # per record
                vals, _issues = importer._map(record, lookups)
                vals["sm_id"] = record["id"]
                if binding:
                    with sm_sync_writes():
                        model.browse(binding.res_id).write(vals)
                else:
                    with sm_sync_writes():
                        created = model.create(vals)
                    env["sm.binding"].create(
                        {
                            "backend_id": backend.id,
                            "entity": entity,
                            "sm_id": record["id"],
                            "res_id": created.id,
                            "payload_hash": payload_hash(record),
                        }
                    )
            cr.commit()
    return counter


def sim_post(url, path, body):
    request = urllib.request.Request(
        f"{url}{path}",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"X-SM-Api-Key": KEY, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.loads(answer.read())


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=15_000)
    parser.add_argument("--skip-naive", action="store_true", help="only the incremental measure")
    args = parser.parse_args(argv)

    ours_db, naive_db = f"{args.template}_ours", f"{args.template}_naive"
    copy_database(args.template, ours_db)
    copy_database(args.template, naive_db)
    try:
        with sm_simulator(args.contacts, args.articles, 0) as url:
            ours_reg = odoo_env(args.conf, ours_db)
            full_seconds = full_queries = 0.0
            for entity in BENCH_ENTITIES:
                counter, counts = connector_run(ours_reg, url, entity)
                full_seconds += counter.seconds
                full_queries += counter.queries
                print(
                    f"  ours {entity}: {counter.seconds:.1f} s, {counter.queries} queries, {counts}",
                    flush=True,
                )
            if not args.skip_naive:
                naive_reg = odoo_env(args.conf, naive_db)
                naive_seconds = 0.0
                for entity in BENCH_ENTITIES:
                    counter = naive_run(naive_reg, url, entity)
                    naive_seconds += counter.seconds
                    print(
                        f"  naive {entity}: {counter.seconds:.1f} s, {counter.queries} queries",
                        flush=True,
                    )
                total = args.contacts + args.articles
                report(f"sm_full_import_{total}", full_seconds, naive_seconds, int(full_queries))

            changes = sim_post(url, "/_sim/advance", {"minutes": 60, "change_ratio": 0.01})
            print(f"  SM changed: {json.dumps(changes)[:300]}", flush=True)
            incr_seconds = incr_queries = 0.0
            written = unchanged = 0
            for entity in BENCH_ENTITIES:
                counter, counts = connector_run(ours_reg, url, entity)
                incr_seconds += counter.seconds
                incr_queries += counter.queries
                written += counts["created"] + counts["updated"]
                unchanged += counts["unchanged"]
                print(
                    f"  ours incremental {entity}: {counter.seconds:.2f} s, {counter.queries} queries, {counts}",
                    flush=True,
                )
            print(
                f"  writes={written} (records changed in SM only), unchanged re-read without write={unchanged}"
            )
            report(
                "sm_incremental_1pct_vs_full",
                incr_seconds,
                full_seconds,
                int(incr_queries),
                ratio=incr_seconds / full_seconds,
            )
    finally:
        time.sleep(0.5)
        drop_database(ours_db)
        drop_database(naive_db)


if __name__ == "__main__":
    main()
