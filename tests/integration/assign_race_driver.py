"""Two intakes of one team racing on real cursors, in one Odoo process (two threads).

    python tests/integration/assign_race_driver.py -c ODOO_CONF -d DB --scenario SCENARIO

Sets up (and commits) a team of one agent and a chat channel taking one open ticket per
agent, then runs two requests through ``inbox.router._intake`` in two threads, each on its
own cursor, ordered so that the second cannot see the first one's ticket in its snapshot:

- ``stale``: B's transaction has read the database (snapshot) before A routes and commits;
  then B routes.
- ``waiting``: A routes and keeps its transaction open; B routes meanwhile; A commits once
  B waits on a lock (or has finished, when nothing makes it wait).
- ``mail``: as ``stale``, B being an e-mail through ``mail.thread.message_process`` the way
  the mail fetcher calls it (no HTTP retry around it).

A and B run inside ``odoo.service.model.retrying`` as an HTTP request or RPC call would
(except the mail, which runs bare as under the fetcher). Prints one JSON line: the tickets
(id, assignee), B's attempts, and the agent's open tickets in the channel.
"""

import argparse
import json
import sys
import threading
import time
import uuid

TIMEOUT = 60

EMAIL = """From: Race Sender <race.{key}@client.test>
To: race@inbox.test
Subject: Ma commande {key}
Message-ID: <race-{key}@client.test>
Date: Mon, 23 Nov 2026 09:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Bonjour, où en est ma commande ?
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--scenario", choices=("stale", "waiting", "mail"), required=True)
    args = parser.parse_args(argv)

    from odoo import api, fields
    from odoo.modules.registry import Registry
    from odoo.service.model import retrying
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    # the add-ons import once the configuration gave their path
    from odoo.addons.omnichannel_inbox.helpers.request import IntakeRequest
    registry = Registry(args.database)
    key = uuid.uuid4().hex[:8]

    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        company = env.company
        agent = env["res.users"].create(
            {
                "name": f"Race Agent {key}",
                "login": f"race-agent-{key}",
                "group_ids": [(4, env.ref("helpdesk_mgmt.group_helpdesk_user").id)],
            }
        )
        team = env["helpdesk.ticket.team"].create(
            {
                "name": f"Race team {key}",
                "company_id": company.id,
                "user_ids": [(6, 0, agent.ids)],
                "inbox_auto_assign": True,
            }
        )
        channel_code = "email" if args.scenario == "mail" else "chat"
        channel = env["helpdesk.ticket.channel"]._inbox_resolve(channel_code, "", company)
        channel.inbox_max_open_per_agent = 1
        # the fetcher passes its server in the context (a mail's fetchmail_server_id)
        server = env["fetchmail.server"].create(
            {"name": f"Race {key}", "server": "localhost", "server_type": "imap"}
        )
        team_id, agent_id, channel_id, company_id = team.id, agent.id, channel.id, company.id
        server_id = server.id

    def request(name):
        return IntakeRequest(
            channel=channel_code,
            company_id=company_id,
            received=fields.Datetime.now(),
            name=name,
            text="Bonjour, où en est ma commande ?",
            team_id=team_id,
            allow_dedup=False,
        )

    a_routed, a_done, b_snapshot = threading.Event(), threading.Event(), threading.Event()
    b_done = threading.Event()
    result = {"scenario": args.scenario, "b_attempts": 0, "errors": []}
    b_pid = {}

    def intake_a():
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})

            def work():
                ticket, _outcome = env["inbox.router"]._intake(request(f"A {key}"))
                a_routed.set()
                if args.scenario == "waiting":
                    wait_until_blocked_or_done()
                return ticket.id

            if args.scenario in ("stale", "mail"):
                assert b_snapshot.wait(TIMEOUT)
            result["a"] = retrying(work, env)  # commits, as a request does
        a_done.set()

    def intake_b():
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cr.execute("SELECT pg_backend_pid()")
            b_pid["pid"] = cr.fetchone()[0]
            if args.scenario in ("stale", "mail"):
                cr.execute("SELECT count(*) FROM helpdesk_ticket")  # the snapshot
                b_snapshot.set()
                assert a_done.wait(TIMEOUT)
            else:
                assert a_routed.wait(TIMEOUT)

            def work():
                result["b_attempts"] += 1
                if args.scenario == "mail":
                    Thread = env["mail.thread"].with_context(default_fetchmail_server_id=server_id)
                    return Thread.message_process(
                        "helpdesk.ticket",
                        EMAIL.format(key=key),
                        custom_values={"team_id": team_id},
                    )
                ticket, _outcome = env["inbox.router"]._intake(request(f"B {key}"))
                return ticket.id

            try:
                if args.scenario == "mail":
                    result["b"] = work()  # bare, as the mail fetcher calls it
                else:
                    result["b"] = retrying(work, env)
                cr.commit()  # the mail fetcher commits after each mail
            finally:
                b_done.set()

    def wait_until_blocked_or_done():
        with registry.cursor() as watch:
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline and not b_done.is_set():
                watch.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [b_pid.get("pid", 0)],
                )
                row = watch.fetchone()
                watch.rollback()  # the statistics views are frozen within a transaction
                if row and row[0] == "Lock":
                    result["b_waited_on_lock"] = True
                    return
                time.sleep(0.05)

    def guarded(func):
        def run():
            try:
                func()
            except Exception as exc:  # reported, the test fails on it
                result["errors"].append(f"{func.__name__}: {exc.__class__.__name__}: {exc}")
                a_routed.set()
                a_done.set()
                b_snapshot.set()
                b_done.set()

        return run

    threads = [threading.Thread(target=guarded(f)) for f in (intake_a, intake_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 3)

    with registry.cursor() as cr:
        cr.execute(
            "SELECT id, user_id FROM helpdesk_ticket WHERE team_id = %s ORDER BY id", [team_id]
        )
        result["tickets"] = cr.fetchall()
        cr.execute(
            "SELECT count(*) FROM helpdesk_ticket WHERE inbox_open AND user_id = %s"
            " AND channel_id = %s",
            [agent_id, channel_id],
        )
        result["agent_open_in_channel"] = cr.fetchone()[0]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
