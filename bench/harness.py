"""Shared bench plumbing: throw-away databases from a template, in-process Odoo, simulators.

Every benchmark prints one line per measure:
``bench <name>: ratio=<x> ours=<s> baseline=<s> queries=<n>`` (ours vs a naive baseline,
measured side by side in the same run on the same data).
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]


def pg(dbname="postgres"):
    conn = psycopg2.connect(
        dbname=dbname,
        host=os.environ.get("PGHOST"),
        port=os.environ.get("PGPORT"),
        user=os.environ.get("PGUSER"),
        password=os.environ.get("PGPASSWORD") or None,
    )
    conn.autocommit = True
    return conn


def copy_database(template, name):
    """Fresh copy of `template` called `name` (dropped first if it exists)."""
    with contextlib.closing(pg()) as conn, conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cr.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def drop_database(name):
    with contextlib.closing(pg()) as conn, conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def odoo_env(conf, dbname):
    """An Odoo registry for `dbname` in this process (config parsed once)."""
    from odoo.modules.registry import Registry
    from odoo.tools import config

    if not getattr(odoo_env, "_configured", False):
        config.parse_config(
            ["-c", conf, "-d", dbname, "--log-level=" + os.environ.get("BENCH_LOG", "warn")]
        )
        odoo_env._configured = True
    return Registry(dbname)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def simulator(module, *args):
    """Run `python -m simulators.<module> serve --port P *args` in a subprocess."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", f"simulators.{module}", "serve", "--port", str(port), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            break
        if proc.poll() is not None:
            raise RuntimeError(f"simulator died: {proc.stderr.read()[-2000:]}")
        time.sleep(0.3)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def report(name, ours, baseline, queries, ratio=None):
    """The one summary line of a benchmark."""
    ratio = baseline / ours if ratio is None else ratio
    print(
        f"bench {name}: ratio={ratio:.2f} ours={ours:.3f} baseline={baseline:.3f} queries={queries}",
        flush=True,
    )


class QueryCounter:
    """SQL queries run by this process while the block runs (Odoo's global counter)."""

    def __enter__(self):
        import odoo

        self._odoo = odoo
        self.start = odoo.sql_db.sql_counter
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.queries = self._odoo.sql_db.sql_counter - self.start
        self.seconds = time.perf_counter() - self.started


def close_registry(dbname):
    """Drop this process's registry and connections of `dbname` (before copying or serving it)."""
    import odoo
    from odoo.modules.registry import Registry

    Registry.delete(dbname)
    odoo.sql_db.close_db(dbname)
