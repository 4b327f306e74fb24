"""Customer e-mails of an orders sync reach the mail server exactly once, even when the sync
process is killed (SIGKILL) mid-run twice: they wait in Odoo's mail queue until the
transaction that records them has committed, and the queue hands each one over once."""

import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from test_sm_crash_resume import CLI, KEY, ROOT, wait_for

from simulators.silicon_master import SiliconMasterSimulator

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")

# Runs `code` in an Odoo environment (superuser) of the database, then commits.
ODOO_SNIPPET = """
import sys
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config
config.parse_config(["-c", sys.argv[1], "-d", sys.argv[2], "--log-level=warn"])
with Registry(sys.argv[2]).cursor() as cr:
    env = api.Environment(cr, api.SUPERUSER_ID, {})
    exec(sys.argv[3])
    cr.commit()
"""


def run_odoo(db, conf, code, timeout=600):
    done = subprocess.run(  # noqa: PLW1510 (the caller reads the exit code)
        [sys.executable, "-c", ODOO_SNIPPET, conf, db, code],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


class Sink:
    """An SMTP server that keeps every message handed to it."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def test_messages_reach_the_mail_server_once_after_two_kills(odoo_db, query):
    db, conf = odoo_db
    sink = Sink()
    port = _free_port()
    controller = aiosmtpd_controller.Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sizes = {"contacts": 400, "articles": 60, "orders": 160}
        with SiliconMasterSimulator(seed=9, api_key=KEY, **sizes) as sim:
            store = sim.store
            dirty = str(store.dirty["contacts"])
            contacts = store.table("contacts").records
            chosen = [
                sm_id
                for sm_id, order in sorted(store.table("orders").records.items())
                if (contacts.get(order["customer_id"]) or {}).get("email")
                and order["customer_id"] not in dirty
            ][:40]
            for sm_id in chosen:
                record = store.get("orders", sm_id)
                lines = [dict(line, available=True, expected_date=None) for line in record["lines"]]
                store.set_field("orders", sm_id, "lines", lines)
                store.set_field("orders", sm_id, "status", "confirmed")
                store.set_field("orders", sm_id, "delivery_mode", "delivery")
                store.set_field("orders", sm_id, "promised_date", "2026-12-01")
            # every delay is mailed at once, through the sink
            run_odoo(
                db,
                conf,
                f"""
env["ir.mail_server"].search([]).write({{"active": False}})
env["ir.mail_server"].create({{"name": "sink", "smtp_host": "127.0.0.1", "smtp_port": {port},
    "smtp_encryption": "none", "sequence": 1}})
env["sm.order.event.type"].search([]).write({{"mode": "auto", "settle_minutes": 0}})
env["sm.backend"].create({{"name": "SM (cli)", "base_url": {sim.base_url!r}, "api_key": {KEY!r},
    "message_older_orders": True, "page_size": 5, "retries": 1}})
""",
            )
            first = subprocess.run(  # noqa: PLW1510 (the exit code is asserted)
                _orders_cmd(db, conf, sim.base_url), capture_output=True, text=True, timeout=900
            )
            assert first.returncode == 0, first.stderr[-3000:]
            # the initial import messages nobody; the queue starts empty
            run_odoo(db, conf, "env['mail.mail'].search([]).unlink()")
            sink.messages.clear()

            # SM moves the promised date of each chosen order: one delay e-mail per order
            for sm_id in chosen:
                store.set_field("orders", sm_id, "promised_date", "2027-01-15")
            sim.faults.add("slow", "/api/v1/orders", count=10_000, seconds=0.4)
            for _kill in range(2):
                sent_before = _sent_events(query)
                proc = subprocess.Popen(
                    _orders_cmd(db, conf, sim.base_url),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                assert wait_for(lambda n=sent_before: _sent_events(query) >= n + 5, timeout=300), (
                    proc.poll(),
                    _sent_events(query),
                )
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
            sim.faults.clear()
            resumed = subprocess.run(  # noqa: PLW1510 (the exit code is asserted)
                _orders_cmd(db, conf, sim.base_url), capture_output=True, text=True, timeout=900
            )
            assert resumed.returncode == 0, resumed.stderr[-3000:]

            sent = _sent_events(query)
            assert sent == len(chosen), sent
            # nothing reached the mail server from the sync itself, killed or not
            assert sink.messages == []

            # the mail queue (Odoo's cron) hands the messages over; twice: nothing more
            for _round in range(2):
                run_odoo(db, conf, "env['mail.mail'].process_email_queue()")
            assert wait_for(lambda: len(sink.messages) >= sent, timeout=30)
            time.sleep(1)
            ids = Counter(
                email.message_from_bytes(content).get("Message-Id")
                for _rcpt, content in sink.messages
            )
            assert len(sink.messages) == sent, len(sink.messages)
            assert all(count == 1 for count in ids.values()), ids.most_common(3)
            assert query("SELECT count(*) FROM mail_mail WHERE state = 'outgoing'")[0][0] == 0
    finally:
        controller.stop()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _orders_cmd(db, conf, url):
    return [
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
        "orders",
        "--page-size",
        "5",
    ]


def _sent_events(query):
    return query(
        "SELECT count(*) FROM sm_order_event e JOIN sm_binding b ON b.res_id = e.order_id"
        f" AND b.entity = 'orders' AND b.backend_id IN {CLI} WHERE e.state = 'sent'"
        " AND e.event_type = 'delay'"
    )[0][0]
