"""The retailer's first load at its real size, through the normal cron path, and its
scale-out on queue_job.

An empty suite database (a copy of the bench template), the SM simulator holding the real
volume (20,000 contacts, 15,000 articles, 50,000 orders of ~3 lines), one Odoo server process:
each entity's scheduled action is triggered in turn (dependencies first) and the bench waits
until everything SM had is in. Modes (``--modes``, run one after the other on fresh copies):

- ``cron``: the default set-up, one cron thread importing page after page;
- ``jobs1`` / ``jobs2``: *Run chunks as queue jobs*, the server in multi-process mode with 1 or
  2 HTTP workers executing the jobs (queue_job's job runner in its own process, channel
  ``root:N``) — the production scale-out (see sm_connector's readme).

Printed per mode and entity: wall time, rows per second, memory; then the peak resident memory
of the Odoo processes, the resident memory when 10,000 orders were in (memory must stay flat:
peak at 50k ≤ 1.2 × at 10k), the database size and the checks (no duplicate, nothing lost
against SM's id lists, no failed job, same watermark in every mode). Summary lines:

    bench sm_first_load_real: ratio=<600 s target / ours> ours=<s> baseline=600 queries=<n>
    bench sm_first_load_jobs2_vs_jobs1: ratio=<speed-up> ours=<s> baseline=<s> queries=<n>

    python -m bench.sm_first_load_bench --template DB --conf ODOO_CONF [--modes cron,jobs1,jobs2]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .harness import (
    ROOT,
    close_registry,
    copy_database,
    drop_database,
    free_port,
    pg,
    report,
)
from .sm_sync_bench import KEY, sm_simulator

TARGET_SECONDS = 600  # the target: the whole first load under 10 minutes on 2 cores
ENTITIES = ("contacts", "articles", "orders")
CRONS = {entity: f"ir_cron_sm_sync_{entity}" for entity in ENTITIES}


def process_tree(pid):
    """`pid` and its descendants (prefork workers, cron workers, the job runner)."""
    children = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                row.split(":", 1) for row in status.read_text().splitlines() if ":" in row
            )
        except OSError:
            continue
        children.setdefault(int(fields["PPid"]), []).append(int(fields["Pid"]))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def rss_mb(pid):
    """(current, peak) resident memory in MB of the Odoo processes: the largest process's
    (each worker is its own process with its own memory limit), from /proc (Linux)."""
    current = peak = 0.0
    for each in process_tree(pid):
        try:
            rows = Path(f"/proc/{each}/status").read_text().splitlines()
        except OSError:
            continue
        values = {key: rest for key, _sep, rest in (row.partition(":") for row in rows)}
        current = max(current, int(values.get("VmRSS", "0 kB").split()[0]) / 1024)
        peak = max(peak, int(values.get("VmHWM", "0 kB").split()[0]) / 1024)
    return current, peak


def setup_backend(conf, dbname, url, page_size, jobs):
    """The bench backend; every SM scheduled action off until the bench triggers it."""
    from odoo import api

    from .harness import odoo_env

    registry = odoo_env(conf, dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        env["sm.backend"].create(
            {
                "name": "bench",
                "base_url": url,
                "api_key": KEY,
                "page_size": page_size,
                "retries": 3,
                "use_queue_job": jobs,
            }
        )
        cr.execute(
            "UPDATE ir_cron SET active = false WHERE id IN (SELECT res_id FROM ir_model_data"
            " WHERE module = 'sm_connector' AND model = 'ir.cron')"
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


def entity_done(cr, entity, since, jobs):
    """The entity's last run since `since` read everything SM had (not a time-budget stop)
    and, with queue jobs, every job has ended."""
    cr.execute(
        "SELECT state, remaining FROM sm_sync_run WHERE entity = %s AND date_start >= %s"
        " ORDER BY id DESC LIMIT 1",
        (entity, since),
    )
    row = cr.fetchone()
    if not (row and row[0] == "done" and not row[1]):
        return False
    if jobs:
        cr.execute("SELECT count(*) FROM queue_job WHERE state NOT IN ('done', 'failed')")
        return cr.fetchone()[0] == 0
    return True


def kill_running_job(cr):
    """SIGKILL the worker process running an orders job (its transaction dies mid-chunk);
    queue_job's runner finds the job dead and requeues it. Returns the job's uuid or None."""
    import signal

    cr.execute(
        "SELECT uuid, worker_pid FROM queue_job WHERE state = 'started' AND worker_pid IS NOT NULL"
        " AND method_name = '_import_page_job' ORDER BY id LIMIT 1"
    )
    row = cr.fetchone()
    if not row:
        return None
    uuid, pid = row
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return None
    print(f"  killed worker {pid} running job {uuid}", flush=True)
    return uuid


def killed_job_state(cr, uuid):
    """'done' when the killed job was requeued and then imported its page ('' if not)."""
    cr.execute("SELECT state, retry FROM queue_job WHERE uuid = %s", (uuid,))
    state, retry = cr.fetchone()
    return "" if state == "done" else f"{state} (retry {retry})"


def bound(cr, entity):
    cr.execute("SELECT count(*) FROM sm_binding WHERE entity = %s AND NOT sm_deleted", (entity,))
    return cr.fetchone()[0]


def checks(cr, url):
    """What the load must hold whatever the mode: {name: value}; problems are non-zero."""
    from odoo.addons.sm_connector.adapters.sm_rest_adapter import SmRestAdapter

    adapter = SmRestAdapter(url, KEY, retries=3)
    result = {}
    cr.execute(
        "SELECT count(*) FROM (SELECT entity, sm_id FROM sm_binding GROUP BY entity, sm_id"
        " HAVING count(*) > 1) dup"
    )
    result["duplicate_bindings"] = cr.fetchone()[0]
    cr.execute("SELECT count(*) - count(DISTINCT sm_id) FROM sale_order WHERE sm_id IS NOT NULL")
    result["duplicate_orders"] = cr.fetchone()[0]
    for entity in ENTITIES:
        sm_ids = set(adapter.iter_ids(entity))
        cr.execute("SELECT sm_id FROM sm_binding WHERE entity = %s AND NOT sm_deleted", (entity,))
        odoo_ids = {row[0] for row in cr.fetchall()}
        cr.execute(
            "SELECT reference FROM sm_sync_error WHERE entity = %s AND state = 'open'",
            (entity,),
        )
        refused = {row[0] for row in cr.fetchall()}
        # every SM id is bound, or logged as a refused record (the simulator's dirty share)
        result[f"{entity}_missing"] = len(sm_ids - odoo_ids - refused)
    # a first load is never news: no order change event (hence no customer message) at all
    cr.execute("SELECT count(*) FROM sm_order_event")
    result["order_events"] = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM queue_job WHERE state = 'failed'")
    result["failed_jobs"] = cr.fetchone()[0]
    cr.execute("SELECT entity, watermark FROM sm_sync_state ORDER BY entity")
    result["watermarks"] = {entity: str(mark) for entity, mark in cr.fetchall()}
    return result


def load(args, url, mode):
    """One first load in a fresh copy of the template; returns (seconds, queries, checks)."""
    jobs = mode.startswith("jobs")
    workers = int(mode[4:]) if jobs else 0
    dbname = f"{args.template}_first_load"
    copy_database(args.template, dbname)
    queries_file = tempfile.NamedTemporaryFile(prefix="bench-queries-", delete=False).name
    server = None
    try:
        setup_backend(args.conf, dbname, url, args.page_size, jobs)
        close_registry(dbname)
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "bench.odoo_counted",
            *("-c", args.conf, "-d", dbname, "--db-filter", f"^{dbname}$"),
            *("--http-port", str(port), "--max-cron-threads", "1", "--log-level=warn"),
        ]
        # the deployment's set-up (docker-compose.yml): a budget-stopped cron job is woken
        # again at once, not at the cron worker's next poll a minute later
        env = {**os.environ, "BENCH_QUERY_FILE": queries_file, "ODOO_NOTIFY_CRON_CHANGES": "1"}
        if jobs:
            command += ["--workers", str(workers), "--load", "base,web,queue_job"]
            command += ["--limit-time-real", "3600", "--limit-time-cpu", "3600"]
            env.update(ODOO_QUEUE_JOB_CHANNELS=f"root:{workers}", ODOO_QUEUE_JOB_PORT=str(port))
        server = subprocess.Popen(command, cwd=ROOT, env=env)
        wait_ready(port, server)
        total = 0.0
        rss_at_10k = None
        killed = None
        conn = pg(dbname)
        cr = conn.cursor()
        for entity in ENTITIES:
            cr.execute("SELECT now() AT TIME ZONE 'UTC'")
            since = cr.fetchone()[0]
            trigger(cr, entity, dbname)
            started = time.perf_counter()
            while not entity_done(cr, entity, since, jobs):
                time.sleep(1)
                if server.poll() is not None:
                    raise RuntimeError("the Odoo server stopped")
                if jobs and args.kill_job and entity == "orders" and not killed:
                    killed = kill_running_job(cr)
                if entity == "orders" and rss_at_10k is None and bound(cr, "orders") >= 10_000:
                    rss_at_10k = rss_mb(server.pid)[0]
                if time.perf_counter() - started > args.timeout:
                    raise RuntimeError(f"{entity}: not done after {args.timeout} s")
            seconds = time.perf_counter() - started
            total += seconds
            rows = bound(cr, entity)
            rss, peak = rss_mb(server.pid)
            print(
                f"  {mode} {entity}: {rows} rows in {seconds:.1f} s ({rows / seconds:.0f} rows/s),"
                f" Odoo RSS {rss:.0f} MB (peak {peak:.0f} MB)",
                flush=True,
            )
        _rss, peak = rss_mb(server.pid)
        cr.execute("SELECT pg_database_size(current_database())")
        size_mb = cr.fetchone()[0] / 1024 / 1024
        found = checks(cr, url)
        if killed:
            found["killed_job_state"] = killed_job_state(cr, killed)
        conn.close()
        flat = f"{peak / rss_at_10k:.2f}" if rss_at_10k else "n/a (fewer than 10k orders)"
        print(
            f"  {mode}: {total:.1f} s; peak RSS {peak:.0f} MB; RSS at 10k orders"
            f" {rss_at_10k or 0:.0f} MB; peak / at-10k = {flat}; database {size_mb:.0f} MB;"
            f" checks {found}",
            flush=True,
        )
        server.terminate()
        server.wait(timeout=120)
        server = None
        queries = Path(queries_file).read_text().strip() or "?"
        return total, queries, found
    finally:
        if server is not None:
            server.kill()
        Path(queries_file).unlink(missing_ok=True)
        drop_database(dbname)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--articles", type=int, default=15_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--timeout", type=int, default=3600)
    parser.add_argument("--modes", default="cron", help="comma-separated: cron, jobs1, jobs2")
    parser.add_argument(
        "--kill-job",
        action="store_true",
        help="jobs modes: SIGKILL the worker running the first orders job, mid-chunk",
    )
    args = parser.parse_args(argv)
    results = {}
    with sm_simulator(args.contacts, args.articles, args.orders) as url:
        for mode in args.modes.split(","):
            results[mode] = load(args, url, mode)
    problems = {
        mode: {k: v for k, v in found.items() if k != "watermarks" and v}
        for mode, (_s, _q, found) in results.items()
    }
    marks = {mode: found["watermarks"] for mode, (_s, _q, found) in results.items()}
    print(
        f"  problems per mode: {problems}; same watermarks: {len({str(m) for m in marks.values()}) == 1}"
    )
    if "cron" in results:
        seconds, queries, _found = results["cron"]
        report(
            "sm_first_load_real", seconds, TARGET_SECONDS, queries, ratio=TARGET_SECONDS / seconds
        )
    if "jobs1" in results and "jobs2" in results:
        (one, _q1, _f1), (two, queries, _f2) = results["jobs1"], results["jobs2"]
        report("sm_first_load_jobs2_vs_jobs1", two, one, queries)


if __name__ == "__main__":
    main()
