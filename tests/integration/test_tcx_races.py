"""3CX's endpoints under concurrency, over real HTTP against a running Odoo: one record per
real-world event, every answer carrying its id, and no ERROR in the server's log."""

import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

API_KEY = "race-test-key-0123456789"
HEADER = "X-Tcx-Api-Key"
NUMBER = "+3281990011"  # unknown to the demo data


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(odoo_db, query):
    """Odoo (threaded, as in production without workers) serving the copy; yields its URL and
    a function returning its log so far."""
    db, conf = odoo_db
    # the PBX's key table is cached per process: set the key before the server starts
    query(
        "UPDATE tcx_pbx SET api_key = %s, allow_contact_creation = TRUE WHERE active RETURNING id",
        [API_KEY],
    )
    port = _free_port()
    log = tempfile.NamedTemporaryFile("w+", suffix=".log")  # closed in the finally below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            "server",
            "-c",
            conf,
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--http-port={port}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            "--log-level=warn",
            f"--logfile={log.name}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{url}/web/health", timeout=10).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still loading
                pass
            alive = proc.poll() is None and time.monotonic() < deadline
            assert alive, open(log.name).read()[-3000:]
            time.sleep(0.3)
        # warm the registry and the key table, so that the race is about the data only
        requests.get(
            f"{url}/tcx/crm/lookup",
            params={"Number": "+3281000000"},
            headers={HEADER: API_KEY},
            timeout=60,
        )
        yield url, lambda: open(log.name).read()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def fire_at_once(count, send):
    """``send(i)`` from ``count`` threads released together; returns the responses."""
    barrier = threading.Barrier(count)

    def run(index):
        barrier.wait()
        return send(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def assert_no_error_logged(read_log):
    errors = [line for line in read_log().splitlines() if " ERROR " in line]
    assert not errors, "\n".join(errors[:20])


def test_twenty_concurrent_create_contact_give_one_contact(server, query):
    url, read_log = server

    def create(index):
        body = {"Number": NUMBER, "FirstName": "Nadia", "LastName": f"Peeters {index}"}
        return requests.post(
            f"{url}/tcx/crm/create-contact", json=body, headers={HEADER: API_KEY}, timeout=120
        )

    responses = fire_at_once(20, create)
    assert all(r.status_code in (200, 201) for r in responses), [
        (r.status_code, r.text[:200]) for r in responses
    ]
    assert sorted(r.status_code for r in responses) == [200] * 19 + [201]
    ids = {r.json()["contact"]["ContactId"] for r in responses}
    assert len(ids) == 1
    rows = query(
        "SELECT id, company_id FROM res_partner WHERE phone_e164 = %s OR mobile_e164 = %s",
        [NUMBER, NUMBER],
    )
    assert [str(rows[0][0])] == list(ids) and len(rows) == 1
    pbx_company = query("SELECT company_id FROM tcx_pbx WHERE active")[0][0]
    assert rows[0][1] == pbx_company, "3CX's contact belongs to the PBX's company"
    assert_no_error_logged(read_log)


def missed(start, number=NUMBER):
    return {"CallType": "Missed", "Number": number, "CallStartTimeUTC": start, "Duration": "0"}


def post_report(url, body):
    return requests.post(
        f"{url}/tcx/crm/report-call", json=body, headers={HEADER: API_KEY}, timeout=120
    )


def test_ten_concurrent_copies_of_one_report_give_one_call(server, query):
    url, read_log = server
    body = missed("2026-11-20T09:15:00Z")
    responses = fire_at_once(10, lambda _i: post_report(url, body))
    assert sorted(r.status_code for r in responses) == [200] * 9 + [201], [
        (r.status_code, r.text[:200]) for r in responses
    ]
    answers = [r.json() for r in responses]
    assert sorted(a["status"] for a in answers) == ["created"] + ["duplicate"] * 9
    call_ids = {a["call_id"] for a in answers}
    assert len(call_ids) == 1 and all(call_ids), answers
    assert query("SELECT id FROM tcx_call WHERE number_e164 = %s", [NUMBER]) == [(call_ids.pop(),)]
    assert_no_error_logged(read_log)


def test_ten_concurrent_missed_calls_of_one_caller_give_one_callback(server, query):
    url, read_log = server
    responses = fire_at_once(
        10, lambda i: post_report(url, missed(f"2026-11-20T09:{10 + i:02d}:00Z"))
    )
    assert [r.status_code for r in responses] == [201] * 10, [r.text[:200] for r in responses]
    calls = query("SELECT id FROM tcx_call WHERE number_e164 = %s", [NUMBER])
    assert len(calls) == 10, "ten real calls, ten journal lines"
    has_inbox = query(
        "SELECT count(*) FROM information_schema.columns"
        " WHERE table_name = 'tcx_call' AND column_name = 'inbox_ticket_id'"
    )[0][0]
    # the callback task lives on the call, or on its ticket when the inbox is installed
    on_ticket = (
        " OR (a.res_model = 'helpdesk.ticket' AND a.res_id IN"
        " (SELECT inbox_ticket_id FROM tcx_call WHERE number_e164 = %(n)s))"
        if has_inbox
        else ""
    )
    tasks = query(
        "SELECT a.user_id FROM mail_activity a JOIN ir_model_data d"
        " ON d.model = 'mail.activity.type' AND d.res_id = a.activity_type_id"
        " AND d.module = 'tcx_click2dial' AND d.name = 'mail_activity_type_tcx_callback'"
        " WHERE a.active AND ((a.res_model = 'tcx.call' AND a.res_id IN"
        " (SELECT id FROM tcx_call WHERE number_e164 = %(n)s))" + on_ticket + ")",
        {"n": NUMBER},
    )
    assert len(tasks) == 1, "one callback for the caller, not one per call"
    todo = query(
        "SELECT callback_user_id FROM tcx_call WHERE number_e164 = %s AND callback_state = 'todo'",
        [NUMBER],
    )
    assert len(todo) == 10
    assert set(todo) == set(tasks), "one task, one person: the owner of every call's callback"
    if has_inbox:  # the omnichannel inbox turns missed calls into (one) callback ticket
        tickets = query(
            "SELECT count(DISTINCT inbox_ticket_id) FROM tcx_call WHERE number_e164 = %s",
            [NUMBER],
        )
        assert tickets == [(1,)]
    assert_no_error_logged(read_log)
