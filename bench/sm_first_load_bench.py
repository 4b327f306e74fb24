"""The retailer's first load at its real size, through the normal cron path.

An empty suite database (a copy of the bench template), the SM simulator holding the real
volume (20,000 contacts, 15,000 articles, 50,000 orders of ~3 lines), one Odoo server process
with one cron thread: each entity's scheduled action is triggered in turn (dependencies first)
and the bench waits until its runs have read everything SM had. Printed per entity: wall time,
rows per second, the Odoo process's resident memory; then its peak, the resident memory when
10,000 orders were in (memory must stay flat in the number of records: peak at 50k ≤ 1.2 × at
10k), the database size, and the summary line against the 10-minute target:

    bench sm_first_load_real: ratio=<target/ours> ours=<s> baseline=600 queries=<n>

    python -m bench.sm_first_load_bench --template DB --conf ODOO_CONF [--contacts N ...]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .harness import ROOT, copy_database, drop_database, free_port, pg, report, simulator
from .sm_sync_bench import KEY

TARGET_SECONDS = 600  # the target: the whole first load under 10 minutes on 2 cores
CRONS = {
    "contacts": "ir_cron_sm_sync_contacts",
    "articles": "ir_cron_sm_sync_articles",
    "orders": "ir_cron_sm_sync_orders",
}


def rss_mb(pid):
    """(current, peak) resident set size of a process in MB, from /proc (Linux)."""
    values = {}
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _sep, rest = row.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def setup_backend(dbname, url, page_size):
    """The bench backend, every SM scheduled action switched off until the bench triggers it."""
    with pg(dbname) as conn, conn.cursor() as cr:
        cr.execute(
            "UPDATE ir_cron SET active = false WHERE id IN (SELECT res_id FROM ir_model_data"
            " WHERE module = 'sm_connector' AND model = 'ir.cron')"
        )
    from odoo import api

    from .harness import odoo_env

    registry = odoo_env(os.environ["BENCH_CONF"], dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        env["sm.backend"].create(
            {"name": "bench", "base_url": url, "api_key": KEY, "page_size": page_size, "retries": 3}
        )


def trigger(cr, entity, dbname):
    """Run the entity's scheduled action now, as `ir.cron._trigger()` does: a trigger row, then
    the NOTIFY that wakes the server's cron thread (else it looks only once a minute)."""
    cr.execute(
        "UPDATE ir_cron SET active = true WHERE id = (SELECT res_id FROM ir_model_data"
        " WHERE module = 'sm_connector' AND name = %s) RETURNING id",
        (CRONS[entity],),
    )
    cron_id = cr.fetchone()[0]
    cr.execute(
        "INSERT INTO ir_cron_trigger (cron_id, call_at) VALUES (%s, now() AT TIME ZONE 'UTC')",
        (cron_id,),
    )
    # the cron thread listens on the `postgres` database; the payload names the database
    with pg() as conn, conn.cursor() as notify:
        notify.execute("SELECT pg_notify('cron_trigger', %s)", (dbname,))


def wait_ready(port, server, timeout=300):
    """Until the server answers HTTP (registry loaded)."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the Odoo server stopped")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=5)
            return
        except OSError:
            time.sleep(1)
    raise RuntimeError("the Odoo server did not start")


def entity_done(cr, entity, since):
    """The entity's last run since `since` ended with nothing left in SM (not a budget stop)."""
    cr.execute(
        "SELECT state, remaining, processed FROM sm_sync_run WHERE entity = %s"
        " AND date_start >= %s ORDER BY id DESC LIMIT 1",
        (entity, since),
    )
    row = cr.fetchone()
    return row and row[0] == "done" and not row[1], row


def count(cr, entity):
    cr.execute("SELECT count(*) FROM sm_binding WHERE entity = %s AND NOT sm_deleted", (entity,))
    return cr.fetchone()[0]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=15_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--timeout", type=int, default=3600)
    args = parser.parse_args(argv)
    os.environ["BENCH_CONF"] = args.conf
    dbname = f"{args.template}_first_load"
    copy_database(args.template, dbname)
    queries_file = tempfile.NamedTemporaryFile(prefix="bench-queries-", delete=False).name
    server = None
    try:
        with simulator(
            "silicon_master",
            *("--contacts", str(args.contacts), "--articles", str(args.articles)),
            *("--orders", str(args.orders), "--api-key", KEY, "--seed", "42"),
        ) as url:
            setup_backend(dbname, url, args.page_size)
            port = free_port()
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench.odoo_counted",
                    *("-c", args.conf, "-d", dbname, "--db-filter", f"^{dbname}$"),
                    *("--http-port", str(port), "--max-cron-threads", "1"),
                    "--log-level=warn",
                ],
                cwd=ROOT,
                env={**os.environ, "BENCH_QUERY_FILE": queries_file},
            )
            wait_ready(port, server)
            total = 0.0
            rss_at_10k = None
            conn = pg(dbname)
            cr = conn.cursor()
            for entity in ("contacts", "articles", "orders"):
                cr.execute("SELECT now() AT TIME ZONE 'UTC'")
                since = cr.fetchone()[0]
                trigger(cr, entity, dbname)
                started = time.perf_counter()
                while True:
                    time.sleep(1)
                    if server.poll() is not None:
                        raise RuntimeError("the Odoo server stopped")
                    done, _row = entity_done(cr, entity, since)
                    if entity == "orders" and rss_at_10k is None and count(cr, "orders") >= 10_000:
                        rss_at_10k = rss_mb(server.pid)[0]
                    if done:
                        break
                    if time.perf_counter() - started > args.timeout:
                        raise RuntimeError(f"{entity}: not done after {args.timeout} s")
                seconds = time.perf_counter() - started
                total += seconds
                rows = count(cr, entity)
                rss, peak = rss_mb(server.pid)
                print(
                    f"  {entity}: {rows} rows in {seconds:.1f} s ({rows / seconds:.0f} rows/s),"
                    f" Odoo RSS {rss:.0f} MB (peak {peak:.0f} MB)",
                    flush=True,
                )
            _rss, peak = rss_mb(server.pid)
            cr.execute("SELECT pg_database_size(current_database())")
            size_mb = cr.fetchone()[0] / 1024 / 1024
            conn.close()
            flat = f"{peak / rss_at_10k:.2f}" if rss_at_10k else "n/a (fewer than 10k orders)"
            print(
                f"  peak RSS {peak:.0f} MB; RSS at 10k orders {rss_at_10k or 0:.0f} MB;"
                f" peak / at-10k = {flat}; database {size_mb:.0f} MB",
                flush=True,
            )
            server.terminate()
            server.wait(timeout=120)
            server = None
            queries = Path(queries_file).read_text().strip() or "?"
            report(
                "sm_first_load_real", total, TARGET_SECONDS, queries, ratio=TARGET_SECONDS / total
            )
    finally:
        if server is not None:
            server.kill()
        Path(queries_file).unlink(missing_ok=True)
        drop_database(dbname)


if __name__ == "__main__":
    main()
