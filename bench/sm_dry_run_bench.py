"""Benchmark of *Simulate next run* (dry run) against the real incremental run it predicts.

N orders (default 50,000) with their customers and articles are imported, 1 % of SM's data
changes, then the orders' next run is simulated (the real import code in a rolled-back
savepoint, messages rendered) and then really run, on the same data. The dry run should cost
at most twice the real run: ``ratio`` = dry run / real run.

    python -m bench.sm_dry_run_bench --template DB --conf ODOO_CONF [--orders N]
"""

from .harness import (
    QueryCounter,
    close_registry,
    copy_database,
    drop_database,
    odoo_env,
    report,
)
from .sm_orders_bench import (
    import_prerequisites,
    orders_arguments,
    orders_simulator,
    sm_changes_1pct,
)
from .sm_sync_bench import connector_run


def dry_run(registry):
    """Time backend._simulate() of the orders (the report is the only thing written)."""
    from odoo import api

    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        backend = env["sm.backend"].search([("name", "=", "bench")], limit=1)
        # the orders' run alone, as measured for the real run below
        backend.write({"sync_contacts": False, "sync_articles": False})
        cr.commit()
        with QueryCounter() as counter:
            simulation = backend._simulate()
            cr.commit()
        lines = simulation.line_ids
        counts = {
            line.entity: {k: line[k] for k in ("created", "updated", "unchanged", "archived")}
            for line in lines.filtered(lambda line: line.kind == "count")
        }
        messages = len(lines.filtered(lambda line: line.kind == "message"))
        backend.write({"sync_contacts": True, "sync_articles": True})
        cr.commit()
    return counter, counts, messages


def main(argv=None):
    args = orders_arguments(argv)
    db = f"{args.template}_dry_run"
    copy_database(args.template, db)
    try:
        with orders_simulator(args) as url:
            registry = odoo_env(args.conf, db)
            from odoo import api

            import_prerequisites(registry, url, label="import")
            counter, counts = connector_run(registry, url, "orders")
            print(f"  import orders: {counter.seconds:.1f} s {counts}", flush=True)
            with registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                # customers of the existing orders get their messages, as after go-live
                env["sm.backend"].search([("name", "=", "bench")]).message_older_orders = True
                env["sm.order.event.type"].search([]).write({"mode": "auto", "settle_minutes": 0})
                cr.commit()
            sm_changes_1pct(url)
            dry, dry_counts, messages = dry_run(registry)
            print(
                f"  dry run: {dry.seconds:.2f} s, {dry.queries} queries, {dry_counts}, "
                f"{messages} messages",
                flush=True,
            )
            real, counts = connector_run(registry, url, "orders")
            print(f"  real run: {real.seconds:.2f} s, {real.queries} queries, {counts}", flush=True)
            report(
                "sm_dry_run_1pct",
                dry.seconds,
                real.seconds,
                dry.queries,
                ratio=dry.seconds / real.seconds,
            )
            close_registry(db)
    finally:
        drop_database(db)


if __name__ == "__main__":
    main()
