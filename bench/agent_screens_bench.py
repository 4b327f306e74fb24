"""Browser-side timings of the agents' screens at the retailer's volume (issue 17).

Two databases hold the same volume (partners, products, orders with 3 lines, tickets; calls
only where the suite is): *ours* is a copy of the bench template (the suite, no demo data);
*baseline* a copy of ``--plain-template`` (plain Odoo with only the non-suite add-ons the suite
depends on, built by ``scripts/bench.sh``). Each side is served by its own Odoo server
(``bench.odoo_counted``, threaded, no cron) and driven by one headless Chromium over the
DevTools protocol (``bench/cdp_browser.py``), each side in its own browser context.

A screen is opened by URL and timed from the document request to "ready": its root element
is in the page and no RPC is pending (nor starts for 0.5 s). RPCs are the page's XHR/fetch
requests; SQL queries are the sum of Odoo's per-request query counts (its request log) of the
requests the screen made. After one warm-up, each screen is opened ``--repeat`` times,
alternating which side goes first; medians are reported.

Screens and their baselines (same volume on both sides):

- ``contacts_sm_list``: contacts list filtered *From Silicon Master* ↔ the contacts list
  filtered *Persons* (the SM contacts of the data are exactly the persons: same row count).
- ``contact_form``: a customer with orders, tickets and calls ↔ the same customer's form.
- ``inbox_kanban``: the *Inbox* (open tickets, kanban by stage) ↔ helpdesk_mgmt's ticket
  kanban with the domain "stage not closed" (the same tickets).
- ``ticket_form``: a ticket with its SM order panel ↔ the same ticket in helpdesk_mgmt's form.
- ``order_form``: an SM order with 30 lines ↔ the same order (30 lines) in Odoo's sale form.
- ``missed_calls``: *Missed calls* (to call back) ↔ helpdesk_mgmt's ticket list with a
  domain on an indexed selection (``priority = '3'``) matching as many tickets as there are
  calls to call back (no call model without the suite).
- ``calls_dashboard``: the calls graph (agent × status) over all calls ↔ the graph of all
  tickets by agent × stage (as many tickets as calls).
- ``inbox_dashboard``: the inbox dashboard (client action) ↔ helpdesk_mgmt's team dashboard
  (kanban of teams with their ticket counts) over the same tickets.

Agents' screens are opened by an agent (sales user, helpdesk user; + the suite's agent groups
on ours), dashboards by a team lead (sales and helpdesk manager; + the suite's manager groups).

    python -m bench.agent_screens_bench --template DB --plain-template DB --conf ODOO_CONF \
        [--partners 20000 --products 15000 --orders 50000 --tickets 100000 --calls 100000]
"""

import argparse
import contextlib
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from .cdp_browser import Chromium
from .customer_360_bench import clone_rows
from .harness import ROOT, close_registry, copy_database, drop_database, odoo_env, pg, report
from .screen_trace import request_log_queries
from .tcx_lookup_bench import insert_partners

PASSWORD = "bench-screens"
MISSED_SHARE = 0.2  # of the calls: inbound and nobody took them
TODO_SHARE = 0.25  # of the missed calls: still to call back
OPEN_SHARE = 0.1  # of the tickets: in a stage that is not closed
AGENTS = 8
TEAMS = ("Web shop", "Showroom Liège", "Showroom Bruxelles", "Showroom Namur", "Showroom Gand",
         "Showroom Paris")  # fmt: skip


@dataclass(frozen=True)
class Screen:
    name: str
    selector: str  # the screen's root, rendered with its data
    role: str  # "agent" or "lead"
    pairing: str
    baseline_selector: str = ""  # when the baseline screen is of another kind

    def root(self, side):
        return (
            self.baseline_selector
            if side == "baseline" and self.baseline_selector
            else self.selector
        )


SCREENS = (
    Screen("contacts_sm_list", ".o_list_renderer .o_data_row", "agent",
           "contacts list 'From Silicon Master' vs contacts list 'Persons' (same rows)"),
    Screen("contact_form", ".o_form_view .o_form_renderer", "agent",
           "the same customer's contact form"),
    Screen("inbox_kanban", ".o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost)", "agent",
           "Inbox kanban vs helpdesk ticket kanban, stage not closed (same tickets)"),
    Screen("ticket_form", ".o_form_view .o_form_renderer", "agent",
           "ticket with its SM order panel vs the same ticket in helpdesk_mgmt's form"),
    Screen("order_form", ".o_form_view .o_form_renderer .o_data_row", "agent",
           "SM order form, 30 lines vs the same order in the sale form"),
    Screen("missed_calls", ".o_list_renderer .o_data_row", "agent",
           "Missed calls to call back vs ticket list priority=3 (same row count)"),
    Screen("calls_dashboard", ".o_graph_renderer canvas", "lead",
           "calls graph agent x status vs tickets graph agent x stage (same record count)"),
    Screen("inbox_dashboard", ".o_inbox_dashboard .o_inbox_card_open", "lead",
           "inbox dashboard vs helpdesk_mgmt team dashboard (same tickets)",
           ".o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost)"),
)  # fmt: skip

ROOT_SELECTORS = sorted({screen.root(side) for screen in SCREENS for side in ("ours", "baseline")})


# --- data -----------------------------------------------------------------------------------
def _users(env, suite):
    """The agents (the first one logs in) and the team lead, with the same standard groups on
    both sides and the suite's own agent/manager groups where the suite is."""
    from odoo import Command

    def groups(*xmlids):
        return [env.ref(x).id for x in xmlids if env.ref(x, raise_if_not_found=False)]

    agent = ["base.group_user", "sales_team.group_sale_salesman_all_leads",
             "helpdesk_mgmt.group_helpdesk_user"]  # fmt: skip
    lead = ["base.group_user", "sales_team.group_sale_manager",
            "helpdesk_mgmt.group_helpdesk_manager"]  # fmt: skip
    if suite:
        agent += ["tcx_click2dial.group_tcx_agent", "sm_connector.group_sm_agent"]
        lead += ["tcx_click2dial.group_tcx_manager", "sm_connector.group_sm_manager"]
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    agents = Users.create(
        [
            {"name": f"Agent {i}", "login": f"bench.agent{i}", "password": PASSWORD,
             "tz": "Europe/Brussels", "group_ids": [Command.set(groups(*agent))]}
            for i in range(AGENTS)
        ]
    )  # fmt: skip
    lead_user = Users.create(
        {"name": "Team lead", "login": "bench.lead", "password": PASSWORD,
         "tz": "Europe/Brussels", "group_ids": [Command.set(groups(*lead))]}
    )  # fmt: skip
    return agents, lead_user


def _products(env, count, suite, rng):
    cr = env.cr
    product = env["product.product"].create(
        {"name": "Article 0", "type": "consu", "list_price": 499}
    )
    env.flush_all()
    tmpl_over = [
        {"name": {"en_US": f"Article {i}"}, "list_price": rng.randrange(50, 3000)}
        | ({"sm_id": f"A{i}"} if suite else {})
        for i in range(1, count)
    ]
    tmpl_ids = clone_rows(cr, "product_template", product.product_tmpl_id.id, tmpl_over)
    variant_ids = clone_rows(
        cr, "product_product", product.id, [{"product_tmpl_id": t} for t in tmpl_ids]
    )
    return [product.id, *variant_ids]


def _order(env, partner_id, product_ids, suite, name):
    from odoo import fields

    values = {
        "name": name,
        "partner_id": partner_id,
        "order_line": [
            fields.Command.create({"product_id": p, "product_uom_qty": 1 + i % 3})
            for i, p in enumerate(product_ids)
        ],
    }
    if suite:
        from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes

        values |= {"sm_id": name, "sm_status": "awaiting_stock",
                   "sm_showroom_id": env.ref("sm_connector.showroom_lie").id,
                   "sm_delivery_mode": "pickup", "sm_promised_date": "2026-12-11"}  # fmt: skip
        with sm_sync_writes():
            return env["sale.order"].create(values)
    return env["sale.order"].create(values)


def build(env, sizes, suite, seed=17):
    """Fill ``env``'s database with ``sizes`` (dict: partners, products, orders, tickets,
    calls); the same records on both sides (seeded), calls only where the suite is.
    Returns the ids the screens open."""
    rng = random.Random(seed)
    cr = env.cr
    if suite:
        from odoo.addons.omnichannel_inbox.helpers.dedup import normalize_name
    agents, _lead = _users(env, suite)
    partner_ids = insert_partners(env, sizes["partners"])
    cr.execute("SELECT id FROM res_partner WHERE id = ANY(%s) AND NOT is_company", [partner_ids])
    persons = sorted(row[0] for row in cr.fetchall())
    if suite:  # SM is the master of the customers: every person came from SM
        cr.execute("UPDATE res_partner SET sm_id = 'C' || id WHERE id = ANY(%s)", [persons])
    customers = rng.sample(persons, min(len(persons), max(1, sizes["partners"] // 2)))
    product_ids = _products(env, sizes["products"], suite, rng)

    customer = customers[0]
    order30 = _order(env, customer, rng.sample(product_ids, 30), suite, "SO-SCREENS-30")
    template = _order(env, customer, product_ids[:1], suite, "SO-SCREENS-0")
    env.flush_all()
    order_partners = [customer] * 20 + [rng.choice(customers) for _ in range(sizes["orders"] - 22)]
    order_ids = clone_rows(
        cr, "sale_order", template.id,
        [{"name": f"SO-SCREENS-{i + 1}", "partner_id": p, "partner_invoice_id": p,
          "partner_shipping_id": p} | ({"sm_id": f"SO-SCREENS-{i + 1}"} if suite else {})
         for i, p in enumerate(order_partners)],
    )  # fmt: skip
    clone_rows(
        cr, "sale_order_line", template.order_line.id,
        [{"order_id": o, "product_id": rng.choice(product_ids)} for o in order_ids for _ in range(3)],
    )  # fmt: skip

    teams = env["helpdesk.ticket.team"].search([], order="id")
    if not teams:  # the suite brings the web shop's and the showrooms' teams: the same here
        teams = teams.create([{"name": name} for name in TEAMS])
    teams.write({"user_ids": [(6, 0, agents.ids)]})
    stages = env["helpdesk.ticket.stage"].search([])
    open_stages = stages.filtered(lambda s: not s.closed).ids
    closed_stages = stages.filtered("closed").ids
    ticket = env["helpdesk.ticket"].create(
        {"name": "Where is my sofa?", "description": "Hello, any news of my order?",
         "partner_id": customer, "user_id": agents[0].id, "stage_id": open_stages[0],
         "team_id": teams[0].id}
    )  # fmt: skip
    if suite:
        ticket.write({"inbox_order_id": order30.id,
                      "inbox_order_ids": [(6, 0, [order30.id, template.id, *order_ids[:3]])]})  # fmt: skip
    env.flush_all()
    cr.execute(
        "SELECT id, commercial_partner_id, name FROM res_partner WHERE id = ANY(%s)", [customers]
    )
    commercial, names = {}, {}
    for pid, commercial_id, name in cr.fetchall():
        commercial[pid], names[pid] = commercial_id, name
    n_tickets = sizes["tickets"] - 1
    to_call_back = round(sizes["calls"] * MISSED_SHARE * TODO_SHARE)
    overrides = []
    for i in range(n_tickets):
        partner = customer if i < 10 else rng.choice(customers)
        is_open = rng.random() < OPEN_SHARE
        values = {
            "partner_id": partner, "commercial_partner_id": commercial[partner],
            "number": f"HTS{i:07d}", "user_id": rng.choice(agents).id,
            "team_id": rng.choice(teams.ids),
            "stage_id": rng.choice(open_stages if is_open else closed_stages),
            "priority": "3" if i < to_call_back else rng.choice("012"),
            "closed": not is_open,
        }  # fmt: skip
        if suite:  # the intake's keys, as a ticket of this customer would have them
            values["inbox_open"] = is_open
            values["inbox_name_key"] = normalize_name(names[partner]) or None
        overrides.append(values)
    clone_rows(cr, "helpdesk_ticket", ticket.id, overrides)

    if suite:
        _calls(env, sizes["calls"], to_call_back, customers, agents, rng)
    actions = _actions(env, suite)
    ids = {"partner": customer, "ticket": ticket.id, "order": order30.id, **actions}
    env["ir.config_parameter"].set_param("bench.screens.ids", json.dumps(ids))
    cr.execute("ANALYZE")
    env.cr.commit()
    return ids


def _calls(env, count, to_call_back, customers, agents, rng):
    """``count`` calls, ``MISSED_SHARE`` inbound missed, ``to_call_back`` of them with their
    *Call back* task (an activity of the callback agent), as the 3CX journal leaves them."""
    cr = env.cr
    now = datetime.datetime(2026, 11, 30, 17, 0)
    call = env["tcx.call"].create(
        {"direction": "inbound", "status": "answered", "number": "+3242000000",
         "number_e164": "+3242000000", "partner_id": customers[0], "user_id": agents[0].id,
         "start_date": now, "duration": 120}
    )  # fmt: skip
    env.flush_all()
    cr.execute(
        "SELECT id, phone_e164, mobile_e164 FROM res_partner WHERE id = ANY(%s)", [customers]
    )
    numbers = {pid: mobile or phone or "+3242999999" for pid, phone, mobile in cr.fetchall()}
    overrides, todo = [], []
    for i in range(count - 1):
        partner = customers[0] if i < 5 else rng.choice(customers)
        missed = i < to_call_back or (rng.random() < MISSED_SHARE and i >= to_call_back * 5)
        agent = rng.choice(agents).id
        values = {
            "partner_id": partner, "number": numbers[partner], "number_e164": numbers[partner],
            "user_id": agent, "start_date": now - datetime.timedelta(minutes=7 * i),
            "direction": "inbound" if missed or rng.random() < 0.6 else "outbound",
            "status": rng.choice(("missed", "unanswered")) if missed else "answered",
            "answered_count": 0 if missed else 1, "missed_count": 1 if missed else 0,
            "connected": 0 if missed else 100, "duration": 0 if missed else rng.randrange(20, 900),
            "callback_state": ("todo" if i < to_call_back else "done") if missed else None,
            "callback_user_id": agent if missed else None, "name": f"Call {i}",
        }  # fmt: skip
        overrides.append(values)
    ids = clone_rows(cr, "tcx_call", call.id, overrides)
    todo = ids[:to_call_back]
    activity = env["mail.activity"].create(
        {"res_model_id": env["ir.model"]._get_id("tcx.call"), "res_id": call.id,
         "activity_type_id": env.ref("tcx_click2dial.mail_activity_type_tcx_callback").id,
         "user_id": agents[0].id, "date_deadline": now.date(), "summary": "Call back"}
    )  # fmt: skip
    env.flush_all()
    clone_rows(cr, "mail_activity", activity.id, [{"res_id": c} for c in todo])
    activity.unlink()


def _actions(env, suite):
    """Bench-only window actions for the screens a URL alone cannot filter (both sides alike)."""
    Action = env["ir.actions.act_window"]

    def action(name, model, mode, **values):
        return Action.create({"name": name, "res_model": model, "view_mode": mode, **values}).id

    ids = {
        "contacts": action("Contacts", "res.partner", "list,form",
                           context="{'search_default_sm_synced': 1}" if suite
                           else "{'search_default_type_person': 1}"),
    }  # fmt: skip
    if not suite:
        ids |= {
            "open_tickets": action("Open tickets", "helpdesk.ticket", "kanban,list,form",
                                   domain="[('stage_id.closed', '=', False)]"),
            "priority_tickets": action("Urgent tickets", "helpdesk.ticket", "list,form",
                                       domain="[('priority', '=', '3')]"),
            "tickets_graph": action("Tickets per agent", "helpdesk.ticket", "graph",
                                    context="{'graph_groupbys': ['user_id', 'stage_id']}"),
        }  # fmt: skip
    return ids


def screen_urls(base, ids, suite):
    """Screen name → URL on one side."""
    if suite:
        return {
            "contacts_sm_list": f"{base}/odoo/action-{ids['contacts']}",
            "contact_form": f"{base}/odoo/action-contacts.action_contacts/{ids['partner']}",
            "inbox_kanban": f"{base}/odoo/action-omnichannel_inbox.action_inbox",
            "ticket_form": f"{base}/odoo/action-omnichannel_inbox.action_inbox/{ids['ticket']}",
            "order_form": f"{base}/odoo/action-sale.action_orders/{ids['order']}",
            "missed_calls": f"{base}/odoo/action-tcx_click2dial.action_tcx_call_missed",
            "calls_dashboard": f"{base}/odoo/action-tcx_click2dial.action_tcx_call_dashboard",
            "inbox_dashboard": f"{base}/odoo/action-omnichannel_inbox.action_inbox_dashboard",
        }
    return {
        "contacts_sm_list": f"{base}/odoo/action-{ids['contacts']}",
        "contact_form": f"{base}/odoo/action-contacts.action_contacts/{ids['partner']}",
        "inbox_kanban": f"{base}/odoo/action-{ids['open_tickets']}",
        "ticket_form": f"{base}/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/{ids['ticket']}",
        "order_form": f"{base}/odoo/action-sale.action_orders/{ids['order']}",
        "missed_calls": f"{base}/odoo/action-{ids['priority_tickets']}",
        "calls_dashboard": f"{base}/odoo/action-{ids['tickets_graph']}",
        "inbox_dashboard": f"{base}/odoo/action-helpdesk_mgmt.helpdesk_ticket_dashboard_action",
    }


# --- servers --------------------------------------------------------------------------------
class Server:
    """``bench.odoo_counted`` serving one database (threaded, no cron), logging requests."""

    def __init__(self, conf, db, port, workdir):
        self.db, self.port = db, port
        self.url = f"http://127.0.0.1:{port}"
        self.log = Path(workdir) / f"{db}.log"
        self.query_file = Path(workdir) / f"{db}.queries"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.odoo_counted", "-c", conf, "-d", db,
             f"--db-filter=^{db}$", f"--http-port={port}", "--workers=0",
             "--max-cron-threads=0", f"--logfile={self.log}", "--log-level=info"],
            cwd=ROOT, env={**os.environ, "BENCH_QUERY_FILE": str(self.query_file)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 300
        while True:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/web/login", timeout=5).status_code == 200:
                    break
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Odoo on {db} did not start (see {self.log})")
            time.sleep(0.5)

    def log_size(self):
        return self.log.stat().st_size

    def queries_since(self, offset):
        """(requests, SQL queries) the server logged since byte ``offset`` of its log."""
        with self.log.open(encoding="utf-8", errors="replace") as handle:
            handle.seek(offset)
            return request_log_queries(handle.read().splitlines())

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def measure(sides, repeat, screens=SCREENS):
    """Open every screen once (warm-up), then ``repeat`` times per side, alternating which side
    goes first. Returns {screen: {side: [(seconds, rpcs, queries)]}}."""
    results = {screen.name: {side: [] for side in sides} for screen in screens}
    with Chromium(ROOT_SELECTORS) as browser:
        tabs = {}
        for side, (server, _urls) in sides.items():
            for role, login in (("agent", "bench.agent0"), ("lead", "bench.lead")):
                tab = browser.tab()
                tab.login(server.url, login, PASSWORD)
                tabs[side, role] = tab
        order = list(sides)
        for run in range(repeat + 1):
            for screen in screens:
                for side in order if run % 2 else order[::-1]:
                    server, urls = sides[side]
                    offset = server.log_size()
                    tab = tabs[side, screen.role]
                    seconds, trace = tab.open(urls[screen.name], screen.root(side))
                    time.sleep(0.2)  # the request log line is written after the answer
                    _requests, queries = server.queries_since(offset)
                    if os.environ.get("BENCH_VERBOSE"):
                        print(f"    {run} {screen.name} {side}: {seconds:.3f} s, "
                              f"{trace.rpc_count} rpcs, {queries} queries; slowest: "
                              + ", ".join(f"{path} {secs:.3f}" for path, secs
                                          in trace.durations.most_common(3)),
                              flush=True)  # fmt: skip
                    if trace.failed:
                        raise RuntimeError(f"{screen.name} on {side}: RPC failed {trace.failed}")
                    if run:  # the first run warms caches (assets, registry, views)
                        results[screen.name][side].append((seconds, trace.rpc_count, queries))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--plain-template", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--partners", type=int, default=20_000)
    parser.add_argument("--products", type=int, default=15_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "18102")))
    parser.add_argument(
        "--baseline-port", type=int, default=int(os.environ.get("BENCH_BASELINE_PORT", "18112"))
    )
    parser.add_argument("--keep", action="store_true", help="keep both databases (profiling)")
    parser.add_argument("--screens", help="comma-separated screen names (default: all)")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the databases a --keep run left"
    )
    args = parser.parse_args(argv)
    sizes = {
        "partners": max(args.partners, 100), "products": max(args.products, 40),
        "orders": max(args.orders, 30), "tickets": max(args.tickets, 20),
        "calls": max(args.calls, 40),
    }  # fmt: skip

    from odoo import api

    dbs = {
        "ours": f"{args.template}_agent_screens",
        "baseline": f"{args.template}_agent_screens_plain",
    }
    if not args.reuse:
        copy_database(args.template, dbs["ours"])
        copy_database(args.plain_template, dbs["baseline"])
    servers = []
    try:
        ids = {}
        for side, db in dbs.items():
            if args.reuse:
                with contextlib.closing(pg(db)) as conn, conn.cursor() as cr:
                    cr.execute(
                        "SELECT value FROM ir_config_parameter WHERE key = 'bench.screens.ids'"
                    )
                    ids[side] = json.loads(cr.fetchone()[0])
                continue
            started = time.perf_counter()
            with odoo_env(args.conf, db).cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                ids[side] = build(env, sizes, suite=side == "ours")
            close_registry(db)
            print(f"  {side}: {sizes} in {time.perf_counter() - started:.1f} s", flush=True)
        logs = os.environ.get("BENCH_SCREENS_LOGS")  # keep the servers' logs there (profiling)
        with (
            contextlib.nullcontext(logs) if logs else tempfile.TemporaryDirectory(prefix="bench-")
        ) as workdir:
            ports = {"ours": args.port, "baseline": args.baseline_port}
            sides = {}
            for side, db in dbs.items():
                server = Server(args.conf, db, ports[side], workdir)
                servers.append(server)
                sides[side] = (server, screen_urls(server.url, ids[side], suite=side == "ours"))
            wanted = args.screens.split(",") if args.screens else [s.name for s in SCREENS]
            screens = [screen for screen in SCREENS if screen.name in wanted]
            results = measure(sides, args.repeat, screens)
            for server in servers:
                server.stop()
            servers = []
        over = []
        for screen in screens:
            ours, base = (results[screen.name][side] for side in ("ours", "baseline"))
            ours_s = statistics.median(r[0] for r in ours)
            base_s = statistics.median(r[0] for r in base)
            ours_q = statistics.median(r[2] for r in ours)
            base_q = statistics.median(r[2] for r in base)
            ratio = ours_s / base_s
            report(f"agent_screen_{screen.name}", ours_s, base_s, int(ours_q), ratio=ratio)
            print(
                f"  agent_screen_{screen.name}: rpcs ours={statistics.median(r[1] for r in ours):g} "
                f"baseline={statistics.median(r[1] for r in base):g}; "
                f"queries ours={int(ours_q)} baseline={int(base_q)}; baseline = {screen.pairing}",
                flush=True,
            )
            if ratio > 1.3:
                over.append(f"{screen.name} ({ratio:.2f})")
        print(
            f"  summary: {len(screens)} screens, median of {args.repeat}; over 1.3: "
            f"{', '.join(over) or 'none'}",
            flush=True,
        )
    finally:
        for server in servers:
            server.stop()
        if not (args.keep or args.reuse):
            time.sleep(0.5)
            for db in dbs.values():
                drop_database(db)


if __name__ == "__main__":
    main()
