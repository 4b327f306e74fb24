"""Two intakes of one team racing on real cursors, in one Odoo process (two threads).

    python tests/integration/assign_race_driver.py -c ODOO_CONF -d DB --scenario SCENARIO

Sets up (and commits) a team of one agent and a channel taking one open ticket per agent,
then runs two requests through ``inbox.router._intake`` in two threads, each on its own
cursor, ordered so that the second (B) cannot see the first one's (A) ticket in its snapshot:

- ``stale``: B's transaction has read the database (snapshot) before A routes and commits;
  then B routes.
- ``waiting``: A routes and keeps its transaction open; B routes meanwhile; A commits once
  B waits on a lock (or has finished, when nothing makes it wait).
- ``mail``: as ``stale``, B being an e-mail through ``mail.thread.message_process`` the way
  the mail fetcher calls it (no HTTP retry around it).
- ``queue``: as ``stale``, B being the iAdvize webhook queue processing a closed chat
  (``_inbox_process_pending(commit=True)`` as its cron does), the transcript fetched from
  the iAdvize simulator over HTTP.
- ``two_teams``: as ``stale``, the agent being a member of a second team, B's: the capacity
  is the agent's, whatever the team of the ticket.

A, and B in the first two scenarios, run inside ``odoo.service.model.retrying`` as an HTTP
request or an RPC call does; the mail and the queue run bare, as the fetcher and the cron
call them. Prints one JSON line: the tickets (id, assignee), A's and B's ticket, B's
attempts, the agent's open tickets in the channel (and the queue's event).
"""

import argparse
import json
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60
SCENARIOS = ("stale", "waiting", "mail", "queue", "two_teams")

EMAIL = """From: Race Sender <race.{key}@client.test>
To: race@inbox.test
Subject: Ma commande {key}
Message-ID: <race-{key}@client.test>
Date: Mon, 23 Nov 2026 09:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Bonjour, où en est ma commande ?
"""


class Race:
    def __init__(self, registry, scenario):
        self.registry = registry
        self.scenario = scenario
        self.key = uuid.uuid4().hex[:8]
        self.result = {"scenario": scenario, "b_attempts": 0, "errors": []}
        self.a_routed, self.a_done = threading.Event(), threading.Event()
        self.b_snapshot, self.b_done = threading.Event(), threading.Event()
        self.b_pid = 0
        self.sim = None
        self.event_id = 0

    # ------------------------------------------------------------------------ setup
    def setup(self):
        """Team, agent, channel of capacity 1 (and the chat for ``queue``), committed."""
        from odoo import api

        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company = env.company
            agent = env["res.users"].create(
                {
                    "name": f"Race Agent {self.key}",
                    "login": f"race-agent-{self.key}",
                    "group_ids": [(4, env.ref("helpdesk_mgmt.group_helpdesk_user").id)],
                }
            )
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": f"Race team {self.key}",
                    "company_id": company.id,
                    "user_ids": [(6, 0, agent.ids)],
                    "inbox_auto_assign": True,
                }
            )
            self.channel_code = "email" if self.scenario == "mail" else "chat"
            self.external = "iadvize:CHAT" if self.scenario == "queue" else ""
            Channel = env["helpdesk.ticket.channel"]
            channel = Channel._inbox_resolve(self.channel_code, self.external, company)
            channel.inbox_max_open_per_agent = 1
            # the fetcher passes its server in the context (a mail's fetchmail_server_id)
            server = env["fetchmail.server"].create(
                {"name": f"Race {self.key}", "server": "localhost", "server_type": "imap"}
            )
            if self.scenario == "queue":
                self.event_id = self.setup_chat(env, channel, team)
            self.team2_id = team.id
            if self.scenario == "two_teams":
                self.team2_id = (
                    env["helpdesk.ticket.team"]
                    .create(
                        {
                            "name": f"Race team 2 {self.key}",
                            "company_id": company.id,
                            "user_ids": [(6, 0, agent.ids)],
                            "inbox_auto_assign": True,
                        }
                    )
                    .id
                )
            self.team_id, self.agent_id, self.channel_id = team.id, agent.id, channel.id
            self.company_id, self.server_id = company.id, server.id

    def setup_chat(self, env, channel, team):
        """An iAdvize connection to a simulator holding one closed chat, the chat channel
        routed to ``team``, the chat's webhook event waiting in the queue; its id."""
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        from simulators.iadvize import IAdvizeSimulator

        login = {"username": f"api-{self.key}@race.test", "password": "race-password"}
        self.sim = IAdvizeSimulator(
            webhook_secret=f"secret-{self.key}", retry_delays=(), project_id="4242", **login
        )
        url = self.sim.start()
        env["inbox.iadvize.connection"].search([]).action_archive()
        connection = env["inbox.iadvize.connection"].create(
            {
                "name": f"iAdvize race {self.key}",
                "project_id": "4242",
                "api_url": url,
                "webhook_secret": f"secret-{self.key}",
                "timeout": 10,
                "max_attempts": 3,
                **login,
            }
        )
        channel.inbox_team_id = team
        conversation = self.sim.add_conversation(
            [("visitor", "Bonjour, où en est ma commande ?"), ("operator", "Je regarde.")],
            visitor={"name": f"Chat {self.key}"},
        )
        event, _created = env["inbox.inbound.event"]._inbox_receive(
            "iadvize",
            {
                "connection_id": connection.id,
                "company_id": connection.company_id.id,
                "event_type": "v2.conversation.closed",
                "external_id": str(conversation),
                "idempotency_key": f"race-{self.key}",
                "payload": "{}",
            },
        )
        return event.id

    def request(self, name, team_id=None):
        from odoo import fields
        from odoo.addons.omnichannel_inbox.helpers.request import IntakeRequest

        return IntakeRequest(
            channel=self.channel_code,
            external_channel=self.external,
            company_id=self.company_id,
            received=fields.Datetime.now(),
            name=name,
            text="Bonjour, où en est ma commande ?",
            team_id=team_id or self.team_id,
            allow_dedup=False,
        )

    # ------------------------------------------------------------------------ the two
    def intake_a(self):
        from odoo import api
        from odoo.service.model import retrying

        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})

            def work():
                ticket, _outcome = env["inbox.router"]._intake(self.request(f"A {self.key}"))
                self.a_routed.set()
                if self.scenario == "waiting":
                    self.wait_until_b_blocked_or_done()
                return ticket.id

            if self.scenario != "waiting":
                assert self.b_snapshot.wait(TIMEOUT)
            self.result["a"] = retrying(work, env)  # commits, as a request does
        self.a_done.set()

    def intake_b(self):
        from odoo import api
        from odoo.service.model import retrying

        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cr.execute("SELECT pg_backend_pid()")
            self.b_pid = cr.fetchone()[0]
            if self.scenario != "waiting":
                cr.execute("SELECT count(*) FROM helpdesk_ticket")  # the snapshot
                self.b_snapshot.set()
                assert self.a_done.wait(TIMEOUT)
            else:
                assert self.a_routed.wait(TIMEOUT)

            def work():
                self.result["b_attempts"] += 1
                if self.scenario == "queue":
                    return env["inbox.inbound.event"]._inbox_process_pending(commit=True)
                if self.scenario == "mail":
                    Thread = env["mail.thread"].with_context(
                        default_fetchmail_server_id=self.server_id
                    )
                    return Thread.message_process(
                        "helpdesk.ticket",
                        EMAIL.format(key=self.key),
                        custom_values={"team_id": self.team_id},
                    )
                request = self.request(f"B {self.key}", team_id=self.team2_id)
                ticket, _outcome = env["inbox.router"]._intake(request)
                return ticket.id

            try:
                if self.scenario in ("mail", "queue"):
                    self.result["b"] = work()  # bare, as the mail fetcher and the cron call it
                else:
                    self.result["b"] = retrying(work, env)
                cr.commit()  # the fetcher and the cron commit after each mail, each event
            finally:
                self.b_done.set()

    def wait_until_b_blocked_or_done(self):
        with self.registry.cursor() as watch:
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline and not self.b_done.is_set():
                watch.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [self.b_pid]
                )
                row = watch.fetchone()
                watch.rollback()  # the statistics views are frozen within a transaction
                if row and row[0] == "Lock":
                    self.result["b_waited_on_lock"] = True
                    return
                time.sleep(0.05)

    def guarded(self, func):
        def run():
            try:
                func()
            except Exception as exc:  # reported: the test fails on it
                self.result["errors"].append(f"{func.__name__}: {exc.__class__.__name__}: {exc}")
                for event in (self.a_routed, self.a_done, self.b_snapshot, self.b_done):
                    event.set()

        return run

    # ------------------------------------------------------------------------ run
    def run(self):
        self.setup()
        try:
            threads = [
                threading.Thread(target=self.guarded(f)) for f in (self.intake_a, self.intake_b)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(TIMEOUT * 3)
            self.read_outcome()
        finally:
            if self.sim:
                self.sim.stop()
        return self.result

    def read_outcome(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id, user_id FROM helpdesk_ticket WHERE team_id IN %s ORDER BY id",
                [(self.team_id, self.team2_id)],
            )
            self.result["tickets"] = cr.fetchall()
            cr.execute(
                "SELECT count(*) FROM helpdesk_ticket WHERE inbox_open AND user_id = %s"
                " AND channel_id = %s",
                [self.agent_id, self.channel_id],
            )
            self.result["agent_open_in_channel"] = cr.fetchone()[0]
            if self.event_id:
                cr.execute(
                    "SELECT state, attempts, ticket_id FROM inbox_inbound_event WHERE id = %s",
                    [self.event_id],
                )
                state, attempts, ticket_id = cr.fetchone()
                self.result.update(event_state=state, event_attempts=attempts, b=ticket_id)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--scenario", choices=SCENARIOS, required=True)
    args = parser.parse_args(argv)

    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    print(json.dumps(Race(Registry(args.database), args.scenario).run()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
