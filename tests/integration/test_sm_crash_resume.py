"""A sync process killed (SIGKILL) mid-import loses nothing and duplicates nothing; two sync
processes started together: one works, the other exits."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from simulators.silicon_master import SiliconMasterSimulator

ROOT = Path(__file__).resolve().parents[2]
KEY = "crash-test-key"


def start_sync(db, conf, url, page_size=100):
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "sm_sync_once.py"),
            "-c",
            conf,
            "-d",
            db,
            "--url",
            url,
            "--key",
            KEY,
            "--entity",
            "contacts",
            "--page-size",
            str(page_size),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(predicate, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


# Only what the CLI backend synced: the demo data of the suite holds SM records of its own.
CLI = "(SELECT id FROM sm_backend WHERE name = 'SM (cli)')"


def partner_counts(query):
    return query(
        "SELECT count(*), count(DISTINCT p.sm_id) FROM res_partner p JOIN sm_binding b"
        f" ON b.res_id = p.id AND b.entity = 'contacts' AND b.backend_id IN {CLI}"
    )[0]


def test_sigkill_mid_import_then_resume(odoo_db, query):
    db, conf = odoo_db
    with SiliconMasterSimulator(contacts=3000, articles=0, orders=0, seed=5, api_key=KEY) as sim:
        total = len(sim.store.table("contacts").records)
        # slow pages, so the kill lands mid-run
        sim.faults.add("slow", "/api/v1/contacts", count=10_000, seconds=0.3)
        proc = start_sync(db, conf, sim.base_url)
        assert wait_for(
            lambda: (
                query(
                    f"SELECT coalesce(max(processed), 0) FROM sm_sync_run WHERE state = 'running' AND backend_id IN {CLI}"
                )[0][0]
                >= 800
            )
        ), proc.communicate(timeout=5)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        imported, distinct = partner_counts(query)
        assert 0 < imported < total
        assert imported == distinct
        assert (
            query(
                f"SELECT state FROM sm_sync_run WHERE backend_id IN {CLI} ORDER BY id DESC LIMIT 1"
            )[0][0]
            == "running"
        )

        sim.faults.clear()
        out, err = start_sync(db, conf, sim.base_url).communicate(timeout=600)
        result = json.loads(out.strip().splitlines()[-1])
        assert result["state"] == "done", (result, err[-2000:])
        assert partner_counts(query) == (total, total)
        assert (
            query(
                f"SELECT count(*) FROM sm_binding WHERE entity = 'contacts' AND backend_id IN {CLI}"
            )[0][0]
            == total
        )
        # the killed run is closed as interrupted; the resumed run skipped what was committed
        states = query(
            f"SELECT state, message FROM sm_sync_run WHERE backend_id IN {CLI} ORDER BY id"
        )
        assert states[0][0] == "failed" and "Interrupted" in states[0][1]
        assert result["created"] + result["updated"] <= total - imported + 500  # + overlap re-read


def test_two_processes_at_once_one_works(odoo_db, query):
    db, conf = odoo_db
    with SiliconMasterSimulator(contacts=600, articles=0, orders=0, seed=6, api_key=KEY) as sim:
        sim.faults.add("slow", "/api/v1/contacts", count=10_000, seconds=0.3)
        first = start_sync(db, conf, sim.base_url)
        assert wait_for(
            lambda: (
                query(
                    f"SELECT count(*) FROM sm_sync_run WHERE state = 'running' AND backend_id IN {CLI}"
                )[0][0]
                == 1
            )
        )
        second_out, _ = start_sync(db, conf, sim.base_url).communicate(timeout=120)
        first_out, _ = first.communicate(timeout=600)
        results = [json.loads(o.strip().splitlines()[-1]) for o in (first_out, second_out)]
        assert [r["state"] for r in results] == ["done", "locked"], results
        total = len(sim.store.table("contacts").records)
        assert partner_counts(query) == (total, total)
        assert query(f"SELECT count(*) FROM sm_sync_run WHERE backend_id IN {CLI}")[0][0] == 1
