"""Benchmark of the omnichannel inbox's routing: one incoming e-mail through the whole mail
gateway (parse, identify the customer, detect SM orders, thread / dedup, route, assign, SLA,
log), with 1,000 and then 100,000 existing tickets.

The same messages are routed at both scales (each batch is rolled back afterwards, so both
batches see the same tickets but for the 99,000 added in between):

* a new sender (no contact, no ticket: a new ticket is opened, routed, assigned, under SLA);
* a known customer with an open ticket (identified by address, joins it: dedup);
* an Outlook reply without References, threaded by the ticket number in its subject;
* an Outlook reply without References nor number, threaded by its Thread-Index;
* a reply Odoo threads itself (In-Reply-To);
* a customer quoting an SM order number (linked, routed to the order's showroom).

Tickets, contacts and their first e-mails are inserted with SQL (70 % closed, requests spread
over 60 days, half of the e-mails with an Outlook Thread-Index), with the columns the module's
own code fills (open flag, sender key, name key...); a sample goes through the ORM first so
that the SQL copies real values. The line printed is
``bench inbox_route_1k_vs_100k: ratio=<t100k/t1k> ours=<s/message at 100k>
baseline=<s/message at 1k> queries=<per message at 100k>``; the target is ratio <= 1.2.
Assignment runs its eligibility rules on agents with languages, a skill, a channel capacity
and one of them on leave.

    python -m bench.inbox_routing_bench --template DB --conf ODOO_CONF [--small 1000]
        [--large 100000] [--messages 120]
"""

import argparse
import base64
import datetime
import random
import statistics
import time

from psycopg2.extras import execute_values

from .harness import QueryCounter, copy_database, drop_database, odoo_env, report

ALIAS_DOMAIN = "bench.test"
FIRST = ("Julie", "Luc", "Camille", "Pieter", "Sofie", "Nadia", "Marc", "Anne", "Tom", "Léa")
LAST = ("Lambert", "Peeters", "Dubois", "Janssens", "Martin", "Maes", "Leroy", "Claes")
EMAIL = """From: {name} <{sender}>
To: webshop@{domain}
Subject: {subject}
Message-ID: <{msg_id}>
Date: Mon, 23 Nov 2026 09:00:00 +0000
MIME-Version: 1.0
{headers}Content-Type: text/plain; charset=utf-8

{body}
"""


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)


def not_null_extras(cr, table, ours):
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL""",
        [table],
    )
    return sorted({row[0] for row in cr.fetchall()} - set(ours) - {"id"})


def copy_values(cr, table, columns, row_id):
    if not columns:
        return {}
    cr.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [row_id])
    return dict(zip(columns, cr.fetchone(), strict=True))


def setup(env):
    """Alias domain, agents in the web shop team, SM orders: what routing needs."""
    from odoo import fields
    from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes

    domain = env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
    env.company.alias_domain_id = domain
    teams = env["helpdesk.ticket.team"].search([("inbox_showroom_id", "!=", False)])
    teams.write({"alias_domain_id": domain.id})
    agents = env["res.users"]
    for index in range(6):
        agents |= env["res.users"].create(
            {
                "name": f"Bench agent {index}",
                "login": f"bench-agent-{index}",
                "group_ids": [fields.Command.link(env.ref("helpdesk_mgmt.group_helpdesk_user").id)],
            }
        )
    teams.write({"user_ids": [fields.Command.set(agents.ids)], "user_id": agents[0].id})
    # the eligibility rules at work: languages, a skill, a capacity, one agent on leave
    langs = env["res.lang"].with_context(active_test=False)
    for code in ("fr_BE", "nl_BE"):
        langs._activate_lang(code)
    french, dutch = langs._lang_get("fr_BE"), langs._lang_get("nl_BE")
    english = langs._lang_get("en_US")
    for index, agent in enumerate(agents):
        agent.inbox_lang_ids = (french | english) if index % 2 else (french | dutch)
    agents[:3].inbox_skill_ids = env.ref("omnichannel_inbox.tag_skill_after_sales")
    env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email").inbox_max_open_per_agent = 100_000
    resource = env["resource.resource"].create({"name": agents[5].name, "user_id": agents[5].id})
    env["resource.calendar.leaves"].create(
        {
            "name": "Bench leave",
            "resource_id": resource.id,
            "date_from": fields.Datetime.now() - datetime.timedelta(days=1),
            "date_to": fields.Datetime.now() + datetime.timedelta(days=30),
        }
    )
    product = env["product.product"].create({"name": "Bench sofa", "type": "consu"})
    orders = env["sale.order"]
    showrooms = env["sm.showroom"].search([("is_web", "=", False)])
    partner = env["res.partner"].create({"name": "Bench order customer"})
    for index in range(20):
        number = f"SO26-{900000 + index:06d}"
        with sm_sync_writes():  # orders stand in for synced ones: only the sync creates them
            orders |= env["sale.order"].create(
                {
                    "name": number,
                    "sm_id": number,
                    "partner_id": partner.id,
                    "sm_status": "awaiting_stock",
                    "sm_showroom_id": showrooms[index % len(showrooms)].id,
                    "sm_promised_date": "2026-12-20",
                    "order_line": [
                        fields.Command.create({"product_id": product.id, "product_uom_qty": 1})
                    ],
                }
            )
    return orders


def sample_ticket(env):
    """One ticket and its message through the ORM: the template row of the SQL copies."""
    team = env.ref("omnichannel_inbox.team_web")
    ticket = env["helpdesk.ticket"].create(
        {"name": "sample", "description": "x", "team_id": team.id}
    )
    message = ticket.message_post(body="sample", message_type="email")
    return ticket, message


def insert_partners(env, count, rng):
    cr = env.cr
    ours = ["id", "name", "complete_name", "active", "type", "is_company", "email",
            "email_normalized", "commercial_partner_id", "create_uid", "write_uid",
            "create_date", "write_date"]  # fmt: skip
    extra = not_null_extras(cr, "res_partner", ours)
    template = copy_values(cr, "res_partner", extra, env.ref("base.partner_admin").id)
    cr.execute("SELECT nextval('res_partner_id_seq') FROM generate_series(1, %s)", [count])
    ids = [row[0] for row in cr.fetchall()]
    now = utcnow()
    rows = []
    for pid in ids:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {pid}"
        email = f"customer{pid}@clients.bench"
        rows.append((pid, name, name, True, "contact", False, email, email, pid, 1, 1, now, now,
                     *(template[c] for c in extra)))  # fmt: skip
    for start in range(0, len(rows), 5000):
        execute_values(
            cr._obj,
            f"INSERT INTO res_partner ({', '.join(ours + extra)}) VALUES %s",
            rows[start : start + 5000],
            page_size=5000,
        )
    return ids


def insert_tickets(env, count, partners, start_number, rng, sample):
    """``count`` tickets (70 % closed) with one incoming e-mail each; returns their rows."""
    cr = env.cr
    ticket, message = sample
    stages = env["helpdesk.ticket.stage"].search([])
    open_stage = stages.filtered(lambda s: not s.closed)[:1].id
    closed_stage = stages.filtered("closed")[:1].id
    teams = env["helpdesk.ticket.team"].search([("inbox_showroom_id", "!=", False)]).ids
    email_channel = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email").id
    t_cols = ["id", "number", "name", "description", "stage_id", "team_id", "company_id",
              "partner_id", "commercial_partner_id", "partner_email", "partner_name",
              "channel_id", "priority", "active", "inbox_open", "inbox_sender_key",
              "inbox_name_key", "inbox_last_request_date", "inbox_request_count",
              "inbox_sla_status", "create_uid", "write_uid", "create_date", "write_date"]  # fmt: skip
    t_extra = not_null_extras(cr, "helpdesk_ticket", t_cols)
    t_template = copy_values(cr, "helpdesk_ticket", t_extra, ticket.id)
    m_cols = ["id", "model", "res_id", "message_type", "message_id", "inbox_thread_index",
              "inbox_channel_id", "body", "date", "author_id", "email_from", "subject",
              "create_uid", "write_uid", "create_date", "write_date"]  # fmt: skip
    m_extra = not_null_extras(cr, "mail_message", m_cols)
    m_template = copy_values(cr, "mail_message", m_extra, message.id)
    cr.execute("SELECT nextval('helpdesk_ticket_id_seq') FROM generate_series(1, %s)", [count])
    ticket_ids = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT nextval('mail_message_id_seq') FROM generate_series(1, %s)", [count])
    message_ids = [row[0] for row in cr.fetchall()]
    now = utcnow()
    tickets, messages, out = [], [], []
    for offset, (tid, mid) in enumerate(zip(ticket_ids, message_ids, strict=True)):
        number = f"HT{start_number + offset:07d}"
        identified = rng.random() < 0.8
        pid = rng.choice(partners) if identified else None
        email = f"customer{pid}@clients.bench" if pid else f"stranger{tid}@elsewhere.bench"
        is_open = rng.random() < 0.3
        # a tenth of the open tickets had a request in the last two days (dedup window: 72 h)
        recent = is_open and rng.random() < 0.1
        minutes = rng.randrange(0, 60 * 48) if recent else rng.randrange(60 * 72, 60 * 24 * 60)
        last = now - datetime.timedelta(minutes=minutes)
        name_key = " ".join(
            sorted([rng.choice(FIRST).lower(), rng.choice(LAST).lower(), str(pid or tid)])
        )
        root = base64.b64encode(rng.randbytes(22)).decode() if rng.random() < 0.5 else None
        tickets.append((tid, number, f"Question {number}", "<p>bench</p>",
                        open_stage if is_open else closed_stage, rng.choice(teams), env.company.id,
                        pid, pid, email, "Bench customer", email_channel, "1", True, is_open,
                        None if pid else f"email:{email}", name_key, last, 1, "none",
                        1, 1, last, last, *(t_template[c] for c in t_extra)))  # fmt: skip
        messages.append((mid, "helpdesk.ticket", tid, "email", f"<bench-{tid}@clients.bench>", root,
                         email_channel, "<p>bench</p>", last, pid, email, f"Question {number}",
                         1, 1, last, last, *(m_template[c] for c in m_extra)))  # fmt: skip
        out.append({"id": tid, "number": number, "partner": pid, "email": email, "open": is_open,
                    "recent": recent, "root": root,
                    "message_id": f"<bench-{tid}@clients.bench>"})  # fmt: skip
    for start in range(0, count, 5000):
        execute_values(cr._obj, f"INSERT INTO helpdesk_ticket ({', '.join(t_cols + t_extra)}) VALUES %s",
                       tickets[start : start + 5000], page_size=5000)  # fmt: skip
        execute_values(cr._obj, f"INSERT INTO mail_message ({', '.join(m_cols + m_extra)}) VALUES %s",
                       messages[start : start + 5000], page_size=5000)  # fmt: skip
    for table in ("helpdesk_ticket", "mail_message", "res_partner"):
        cr.execute(f"ANALYZE {table}")
    env.invalidate_all()
    return out


def build_messages(rows, orders, count, rng):
    """The incoming e-mails of one batch (same ones at both scales)."""
    from odoo.addons.omnichannel_inbox.helpers.mail_threading import THREAD_INDEX_HEADER

    open_identified = [r for r in rows if r["recent"] and r["partner"]]
    with_root = [r for r in rows if r["root"]]
    messages = []
    for index in range(count):
        kind = index % 6
        headers, body = "", "Bonjour, une question."
        if kind == 0:  # new sender
            sender, name, subject = f"new{index}@visitors.bench", "New Visitor", f"Question {index}"
        elif kind == 1:  # known customer with an open ticket: joins it
            row = rng.choice(open_identified)
            sender, name, subject = row["email"], "Bench customer", f"Encore moi {index}"
        elif kind == 2:  # Outlook reply, References stripped, number in the subject
            row = rng.choice(rows)
            sender, name, subject = (
                row["email"],
                "Bench customer",
                f"RE: {row['number']} - Question",
            )
        elif kind == 3:  # Outlook reply by Thread-Index only
            row = rng.choice(with_root)
            child = base64.b64encode(base64.b64decode(row["root"]) + rng.randbytes(5)).decode()
            assert len(base64.b64decode(child)) == THREAD_INDEX_HEADER + 5
            headers = f"Thread-Index: {child}\n"
            sender, name, subject = row["email"], "Bench customer", "RE: sujet modifié"
        elif kind == 4:  # Odoo's own threading
            row = rng.choice(rows)
            headers = f"In-Reply-To: {row['message_id']}\nReferences: {row['message_id']}\n"
            sender, name, subject = row["email"], "Bench customer", "Re: Question"
        else:  # an SM order number: linked, routed to the order's showroom
            order = rng.choice(orders)
            sender, name = f"order{index}@visitors.bench", "Order Visitor"
            subject, body = f"Commande {order.sm_id}", f"Où est ma commande {order.sm_id} ?"
        messages.append(
            EMAIL.format(
                name=name,
                sender=sender,
                domain=ALIAS_DOMAIN,
                subject=subject,
                msg_id=f"bench-in-{index}-{rng.random()}@visitors.bench",
                headers=headers,
                body=body,
            )
        )
    return messages


def route_batch(env, messages):
    """Route every message through the mail gateway; rolled back afterwards."""
    Thread = env["mail.thread"].with_context(mail_notify_force_send=False)
    cr = env.cr
    cr.execute("SAVEPOINT inbox_bench")
    for raw in messages[:6]:  # warm caches (templates, ORM) with one of each kind
        Thread.message_process(None, raw)
    cr.execute("ROLLBACK TO SAVEPOINT inbox_bench")
    env.invalidate_all()
    timings, outcomes = [], {}
    with QueryCounter() as counter:
        for raw in messages:
            tick = time.perf_counter()
            Thread.message_process(None, raw)
            timings.append(time.perf_counter() - tick)
    cr.execute(
        "SELECT outcome, count(*) FROM inbox_request WHERE id > (SELECT coalesce(max(id), 0) - %s "
        "FROM inbox_request) GROUP BY outcome",
        [len(messages)],
    )
    outcomes = dict(cr.fetchall())
    cr.execute("ROLLBACK TO SAVEPOINT inbox_bench")
    env.invalidate_all()
    return counter, timings, outcomes


def explain(env, rows):
    """Plans of the scale-sensitive lookups (index scans expected)."""
    cr = env.cr
    row = next(r for r in rows if r["partner"])
    plans = {}
    for label, sql, params in (
        ("dedup", "SELECT id FROM helpdesk_ticket t WHERE t.inbox_open AND t.company_id = %s "
         "AND t.inbox_last_request_date >= now() - interval '72 hours' AND "
         "((t.commercial_partner_id IS NOT NULL AND t.commercial_partner_id = %s) OR "
         "(t.inbox_sender_key IS NOT NULL AND t.inbox_sender_key = %s))",
         [env.company.id, row["partner"], "email:x@y.z"]),
        ("ticket number", "SELECT id FROM helpdesk_ticket WHERE number = ANY(%s)", [[row["number"]]]),
        ("thread index", "SELECT res_id FROM mail_message WHERE inbox_thread_index = %s "
         "AND model = 'helpdesk.ticket'", ["AAAA"]),
        ("contact by e-mail", "SELECT id FROM res_partner WHERE email_normalized = %s", [row["email"]]),
    ):  # fmt: skip
        cr.execute("EXPLAIN " + sql, params)
        plans[label] = " / ".join(
            line[0].strip() for line in cr.fetchall() if "Scan" in line[0] or "Index" in line[0]
        )
    return plans


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--partners", type=int, default=0, help="default: a third of --large")
    parser.add_argument("--messages", type=int, default=120)
    args = parser.parse_args(argv)

    from odoo import api

    db = f"{args.template}_inbox_route"
    copy_database(args.template, db)
    try:
        registry = odoo_env(args.conf, db)
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            rng = random.Random(42)
            started = time.perf_counter()
            orders = setup(env)
            sample = sample_ticket(env)
            partners = insert_partners(env, args.partners or max(1000, args.large // 3), rng)
            rows = insert_tickets(env, args.small, partners, 1, rng, sample)
            cr.commit()
            print(f"  {len(partners)} contacts, {len(rows)} tickets in "
                  f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
            messages = build_messages(rows, orders, args.messages, random.Random(7))
            small_counter, small_times, small_outcomes = route_batch(env, messages)
            print(f"  {args.small} tickets: {small_counter.seconds / len(messages) * 1000:.1f} ms/message, "
                  f"{small_counter.queries / len(messages):.1f} queries/message, outcomes {small_outcomes}",
                  flush=True)  # fmt: skip

            started = time.perf_counter()
            more = insert_tickets(
                env, args.large - args.small, partners, args.small + 1, rng, sample
            )
            cr.commit()
            print(f"  +{len(more)} tickets in {time.perf_counter() - started:.1f} s", flush=True)
            large_counter, large_times, large_outcomes = route_batch(env, messages)
            print(f"  {args.large} tickets: {large_counter.seconds / len(messages) * 1000:.1f} ms/message, "
                  f"{large_counter.queries / len(messages):.1f} queries/message, outcomes {large_outcomes}",
                  flush=True)  # fmt: skip
            print(f"  median {statistics.median(small_times) * 1000:.1f} ms at {args.small}, "
                  f"{statistics.median(large_times) * 1000:.1f} ms at {args.large}", flush=True)  # fmt: skip
            for label, plan in explain(env, rows).items():
                print(f"  plan {label}: {plan}", flush=True)
            cr.rollback()

        per_small = small_counter.seconds / len(messages)
        per_large = large_counter.seconds / len(messages)
        report(
            "inbox_route_1k_vs_100k",
            per_large,
            per_small,
            round(large_counter.queries / len(messages), 1),
            ratio=per_large / per_small,
        )
    finally:
        time.sleep(0.5)
        drop_database(db)


if __name__ == "__main__":
    main()
