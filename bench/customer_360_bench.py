"""Benchmark of the customer 360 (suite_base ``suite.customer.context.get_context``) at
100,000 partners / 50,000 SM orders / 100,000 tickets.

Ours: the whole 360 of a customer (identity, SM orders with lines and restock dates, sent
messages, calls, open tickets, interactions) as the side panel and the ring-time pop-up ask it.
Baseline: opening the same customer's contact form (``web_read`` of every field the form view
shows, as the web client does). Reported ``ratio`` = ours / baseline (what the 360 costs next
to opening the form: lower is better); ``queries`` = queries of one 360.

Partners come from the 3CX lookup benchmark's generator (SQL); orders, order lines and tickets
are SQL copies of one row made by the ORM, spread over 20,000 customers.

    python -m bench.customer_360_bench --template DB --conf ODOO_CONF \
        [--partners 100000 --orders 50000 --tickets 100000 --samples 50]
"""

import argparse
import random
import time

from psycopg2.extras import Json, execute_values

from .harness import QueryCounter, copy_database, drop_database, odoo_env, report
from .tcx_lookup_bench import insert_partners


def clone_rows(cr, table, template_id, overrides):
    """Insert one copy of row ``template_id`` of ``table`` per dict of ``overrides``."""
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])
    columns = [row[0] for row in cr.fetchall() if row[0] != "id"]
    cr.execute(f'SELECT {", ".join(columns)} FROM "{table}" WHERE id = %s', [template_id])
    base = dict(zip(columns, cr.fetchone(), strict=True))
    rows = []
    for override in overrides:
        values = {**base, **override}
        rows.append(
            tuple(
                Json(v) if isinstance(v, dict | list) else v for v in (values[c] for c in columns)
            )
        )
    ids = []
    for start in range(0, len(rows), 5000):
        ids += [
            row[0]
            for row in execute_values(
                cr._obj,
                f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES %s RETURNING id',
                rows[start : start + 5000],
                page_size=5000,
                fetch=True,
            )
        ]
    cr.execute(f'ANALYZE "{table}"')
    return ids


def build(env, partners, orders, tickets, seed=3):
    from odoo import fields
    from odoo.addons.sm_connector.models.sm_managed_mixin import sm_sync_writes

    rng = random.Random(seed)
    ids = insert_partners(env, partners)
    customers = rng.sample(ids, min(len(ids), 20_000))
    product = env["product.product"].create(
        {
            "name": "Canapé bench",
            "type": "consu",
            "list_price": 999,
            "sm_next_restock_date": "2026-12-04",
        }
    )
    with sm_sync_writes():
        order = env["sale.order"].create(
            {
                "name": "SO-BENCH-0",
                "sm_id": "SO-BENCH-0",
                "partner_id": customers[0],
                "sm_status": "awaiting_stock",
                "sm_showroom_id": env.ref("sm_connector.showroom_lie").id,
                "sm_delivery_mode": "pickup",
                "sm_promised_date": "2026-12-11",
                "order_line": [
                    fields.Command.create(
                        {"product_id": product.id, "product_uom_qty": 1, "sm_available": False}
                    )
                ],
            }
        )
    ticket = env["helpdesk.ticket"].create(
        {"name": "Where is my order?", "description": "Hello", "partner_id": customers[0]}
    )
    env.flush_all()
    cr = env.cr
    cr.execute("SELECT id, commercial_partner_id FROM res_partner WHERE id = ANY(%s)", [customers])
    commercial = dict(cr.fetchall())
    order_partners = [rng.choice(customers) for _ in range(orders - 1)]
    order_ids = clone_rows(
        cr,
        "sale_order",
        order.id,
        [
            {"name": f"SO-BENCH-{i + 1}", "sm_id": f"SO-BENCH-{i + 1}", "partner_id": p,
             "partner_invoice_id": p, "partner_shipping_id": p}
            for i, p in enumerate(order_partners)
        ],
    )  # fmt: skip
    clone_rows(cr, "sale_order_line", order.order_line.id, [{"order_id": o} for o in order_ids])
    ticket_partners = [rng.choice(customers) for _ in range(tickets - 1)]
    clone_rows(
        cr,
        "helpdesk_ticket",
        ticket.id,
        [
            {"partner_id": p, "commercial_partner_id": commercial[p], "number": f"HTB{i:06d}"}
            for i, p in enumerate(ticket_partners)
        ],
    )
    cr.commit()
    busy = sorted(set(order_partners) & set(ticket_partners))
    return busy


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=50)
    args = parser.parse_args(argv)

    from odoo import api

    db = f"{args.template}_customer_360"
    copy_database(args.template, db)
    try:
        registry = odoo_env(args.conf, db)
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            started = time.perf_counter()
            busy = build(env, args.partners, args.orders, args.tickets)
            print(
                f"  {args.partners} partners, {args.orders} orders, {args.tickets} tickets "
                f"in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            sample = random.Random(11).sample(busy, min(args.samples, len(busy)))
            admin = env.ref("base.user_admin")
            env = env(user=admin.id, su=False)
            service = env["suite.customer.context"]
            Partner = env["res.partner"]
            form = Partner.get_views([(False, "form")])["models"]["res.partner"]["fields"]
            spec = {
                name: {"fields": {"display_name": {}}} if Partner._fields[name].relational else {}
                for name in form
                if name in Partner._fields
            }
            service.get_context(partner_id=sample[0])  # warm caches (groups, rules, views)
            Partner.browse(sample[0]).web_read(spec)
            ours = baseline = 0.0
            queries = []
            for pid in sample:
                env.invalidate_all()
                with QueryCounter() as counted:
                    context = service.get_context(partner_id=pid)
                ours += counted.seconds
                queries.append(counted.queries)
                assert context["sections"]["orders"]["items"], "a sampled customer has orders"
                assert context["sections"]["tickets"]["items"], "… and tickets"
                env.invalidate_all()
                with QueryCounter() as counted:
                    Partner.browse(pid).web_read(spec)
                baseline += counted.seconds
            report(
                "customer_360",
                ours / len(sample),
                baseline / len(sample),
                max(queries),
                ratio=ours / baseline,
            )
            cr.rollback()
    finally:
        drop_database(db)


if __name__ == "__main__":
    main()
