"""Benchmark of the 3CX caller-ID lookup (tcx_click2dial) with 100,000 partners.

Ours: ``res.partner._tcx_lookup`` — the number 3CX sends is normalised to E.164 in Python,
then one SQL query on the indexed ``phone_e164``/``mobile_e164`` columns.
Baseline: what a first integration does — an ``ilike`` search on the raw ``phone`` and
``mobile`` fields with the last 8 digits of the number (the usual "match the last N digits").
Both run in the same process, on the same database copy, for the same numbers.

Also the 3CX contact search (``SearchContacts``: a name, part of a number, a whole number)
with the suite's trigram indexes (ours) and without them (baseline: the same searches after
dropping the indexes in the same transaction), with the plans of one search.

Partners are inserted with SQL (raw phones typed in a dozen formats, Belgian and French,
companies and their people sharing switchboards); their E.164 columns are filled by the
module's own normaliser, and a sample is checked against the ORM compute.

    python -m bench.tcx_lookup_bench --template DB --conf ODOO_CONF [--partners 100000]
"""

import argparse
import datetime
import random
import statistics
import time

from psycopg2.extras import execute_values

from .harness import QueryCounter, copy_database, drop_database, odoo_env, report

BE_FORMATS = (
    "0{a}{b} {c} {d} {e}",  # 0475 12 34 56
    "+32 {a}{b} {c} {d} {e}",
    "+32 (0){a}{b} {c} {d} {e}",
    "0032{a}{b}{c}{d}{e}",
    "0{a}{b}/{c}.{d}.{e}",
    "+32{a}{b}{c}{d}{e}",
)
FR_FORMATS = (
    "0{a} {b} {c} {d} {e}",
    "+33 {a} {b} {c} {d} {e}",
    "0033{a}{b}{c}{d}{e}",
    "+33{a}{b}{c}{d}{e}",
)
FIRST = (
    "Julie",
    "Luc",
    "Camille",
    "Pieter",
    "Sofie",
    "Nadia",
    "Marc",
    "Anne",
    "Tom",
    "Léa",
    "Hugo",
    "Emma",
)
LAST = (
    "Lambert",
    "Peeters",
    "Dubois",
    "Janssens",
    "Martin",
    "Maes",
    "Leroy",
    "Claes",
    "Dupont",
    "Willems",
)


def be_number(rng):
    if rng.random() < 0.6:  # mobile 04xx xx xx xx
        prefix = rng.choice(("46", "47", "48", "49"))
        digits = prefix + f"{rng.randrange(10**7):07d}"
        a, b, c, d, e = digits[0], digits[1:3], digits[3:5], digits[5:7], digits[7:9]
    else:  # zone 2/4/9 or 81: 0x xxx xx xx
        zone = rng.choice(("2", "4", "9"))
        digits = zone + f"{rng.randrange(2 * 10**6, 10**7):07d}"
        a, b, c, d, e = digits[0], digits[1:4], digits[4:6], digits[6:8], ""
    return rng.choice(BE_FORMATS).format(a=a, b=b, c=c, d=d, e=e).strip()


def fr_number(rng):
    digits = rng.choice("167") + f"{rng.randrange(10**8):08d}"
    a, b, c, d, e = digits[0], digits[1:3], digits[3:5], digits[5:7], digits[7:9]
    return rng.choice(FR_FORMATS).format(a=a, b=b, c=c, d=d, e=e)


def insert_partners(env, count, seed=42):
    """Insert ``count`` partners with SQL; returns their ids."""
    from odoo.addons.suite_phone.tools.phone_number import to_e164

    rng = random.Random(seed)
    cr = env.cr
    be, fr = env.ref("base.be").id, env.ref("base.fr").id
    # NOT NULL columns added by other modules (e.g. autopost_bills): copy the admin's values
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'res_partner' AND is_nullable = 'NO' AND column_default IS NULL"""
    )
    ours = {"name", "complete_name", "active", "type", "is_company", "country_id", "phone", "mobile",
            "phone_e164", "mobile_e164", "parent_id", "commercial_partner_id", "create_uid",
            "write_uid", "create_date", "write_date"}  # fmt: skip
    extra = sorted({row[0] for row in cr.fetchall()} - ours - {"id"})
    # without suite_phone (a plain-Odoo baseline) there are no E.164 columns to fill
    cr.execute(
        "SELECT 1 FROM information_schema.columns"
        " WHERE table_name = 'res_partner' AND column_name = 'phone_e164'"
    )
    e164 = bool(cr.fetchone())
    template = {}
    if extra:
        cr.execute(
            f"SELECT {', '.join(extra)} FROM res_partner WHERE id = %s",
            [env.ref("base.partner_admin").id],
        )
        template = dict(zip(extra, cr.fetchone(), strict=True))
    columns = ["id", "name", "complete_name", "active", "type", "is_company", "country_id", "phone",
               "mobile", "phone_e164", "mobile_e164", "parent_id", "commercial_partner_id",
               "create_uid", "write_uid", "create_date", "write_date", *extra]  # fmt: skip
    cr.execute("SELECT nextval('res_partner_id_seq') FROM generate_series(1, %s)", [count])
    ids = [row[0] for row in cr.fetchall()]
    rows, company, now = [], None, datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    for pid in ids:
        french = rng.random() < 0.25
        country, region = (fr, "FR") if french else (be, "BE")
        number = fr_number if french else be_number
        if rng.random() < 0.15:  # a company with a switchboard
            company = (
                pid,
                f"{rng.choice(LAST)} {rng.choice(('SA', 'SPRL', 'BV', 'SARL'))} {pid}",
                number(rng),
                region,
            )
            name, phone, mobile, parent = company[1], company[2], None, None
            complete, is_company, commercial = name, True, pid
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {pid}"
            mobile = number(rng) if rng.random() < 0.8 else None
            if company and rng.random() < 0.3:  # works there, shares the switchboard
                parent, phone, commercial = company[0], company[2], company[0]
                complete, region = f"{company[1]}, {name}", company[3]
                country = fr if region == "FR" else be  # the address (and country) of the company
            else:
                parent, commercial, complete = None, pid, name
                phone = number(rng) if rng.random() < 0.4 else None
            is_company = False
        rows.append((pid, name, complete, True, "contact", is_company, country, phone, mobile,
                     to_e164(phone, region), to_e164(mobile, region), parent, commercial,
                     1, 1, now, now, *(template[c] for c in extra)))  # fmt: skip
    if not e164:
        columns = [c for c in columns if c not in ("phone_e164", "mobile_e164")]
        rows = [row[:9] + row[11:] for row in rows]
    for start in range(0, len(rows), 5000):
        execute_values(
            cr._obj,
            f"INSERT INTO res_partner ({', '.join(columns)}) VALUES %s",
            rows[start : start + 5000],
            template=None,
            page_size=5000,
        )
    cr.execute("ANALYZE res_partner")
    return ids


def check_against_orm(env, ids, sample=500):
    """The stored values are what the module's compute gives."""
    partners = env["res.partner"].browse(random.Random(1).sample(ids, sample))
    stored = {p.id: (p.phone_e164, p.mobile_e164) for p in partners}
    for name in ("phone_e164", "mobile_e164"):
        env.add_to_compute(partners._fields[name], partners)
    computed = {p.id: (p.phone_e164, p.mobile_e164) for p in partners}  # recomputed by the ORM
    assert stored == computed, "stored E.164 differs from the ORM compute"


SEARCH_INDEXES = (
    "res_partner_suite_complete_name_trgm",
    "res_partner_suite_email_trgm",
    "res_partner_suite_phone_e164_trgm",
    "res_partner_suite_mobile_e164_trgm",
)
SHOWN = "0475 12 34"


def search_texts(env, ids, numbers, count, seed=11):
    """What 3CX users type in the client's search box: a name with part of its number
    suffix, a surname alone, part of a number in national spelling, a whole number."""
    rng = random.Random(seed)
    env.cr.execute("SELECT name FROM res_partner WHERE id = ANY(%s)", [rng.sample(ids, count)])
    names = [row[0] for row in env.cr.fetchall()]
    texts = []
    for index in range(count):
        kind = index % 4
        if kind == 0:  # "Peeters 1234" (the bench's names end with the partner id)
            texts.append(" ".join(names[index].split()[-2:])[:-1])
        elif kind == 1:
            texts.append(rng.choice(LAST) + " " + rng.choice(FIRST)[:2])
        elif kind == 2:  # "0475 12 34": national spelling of the start of a number
            number = rng.choice(numbers)
            national = "0" + number[3:]  # +32 / +33: two-digit country codes
            texts.append(f"{national[:4]} {national[4:6]} {national[6:8]}")
        else:
            texts.append(rng.choice(numbers))
    return texts


def run_searches(env, texts):
    """The 3CX SearchContacts query for each text (the controller's domain, order and limit);
    returns how many found someone."""
    Partner = env["res.partner"]
    company_id = env.company.id
    found = 0
    for text in texts:
        domain = Partner._suite_search_domain(text, "BE")
        domain += ["|", ("company_id", "=", False), ("company_id", "=", company_id)]
        found += bool(Partner.search(domain, limit=10, order="is_company desc, name, id"))
        env.invalidate_all()
    return found


def explain(env, text):
    from odoo.tools import SQL

    Partner = env["res.partner"]
    domain = Partner._suite_search_domain(text, "BE")
    query = Partner._search(domain, limit=10, order="is_company desc, name, id")
    env.cr.execute(SQL("EXPLAIN ANALYZE %s", query.select()))
    rows = [row[0].strip() for row in env.cr.fetchall()]
    keep = [r for r in rows if "Scan" in r or r.startswith("Execution Time")]
    return " / ".join(keep)


def measure_search(env, ids, numbers, count):
    """The contact search with the suite's trigram indexes, then with them dropped (in the
    same transaction, rolled back after): ``(searches, found, plans, ours_s, base_s,
    queries)``."""
    # a template built before the indexes existed: create them as a module update would
    env["res.partner"]._add_sql_constraints()
    env.cr.execute("ANALYZE res_partner")
    texts = search_texts(env, ids, numbers, count)
    run_searches(env, texts[:10])  # warm caches and plans
    with QueryCounter() as ours:
        found = run_searches(env, texts)
    plans = [("with the indexes", explain(env, SHOWN))]
    for index in SEARCH_INDEXES:
        env.cr.execute(f"DROP INDEX IF EXISTS {index}")
    run_searches(env, texts[:10])
    with QueryCounter() as baseline:
        found_base = run_searches(env, texts)
    plans.append(("without", explain(env, SHOWN)))
    assert found == found_base, "the indexes change the plan, not the answer"
    return count, found, plans, ours.seconds, baseline.seconds, round(ours.queries / count, 2)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=300)
    parser.add_argument("--searches", type=int, default=80)
    args = parser.parse_args(argv)

    from odoo import api

    db = f"{args.template}_tcx_lookup"
    copy_database(args.template, db)
    try:
        registry = odoo_env(args.conf, db)
        from odoo.addons.suite_phone.tools.phone_number import to_e164

        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            started = time.perf_counter()
            ids = insert_partners(env, args.partners)
            cr.commit()
            print(
                f"  inserted {len(ids)} partners in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            check_against_orm(env, ids)

            rng = random.Random(7)
            be = env.ref("base.be").id
            cr.execute(
                "SELECT COALESCE(mobile, phone), country_id FROM res_partner WHERE id = ANY(%s)"
                " AND COALESCE(mobile, phone) IS NOT NULL",
                [rng.sample(ids, args.lookups * 2)],
            )
            # 3CX sends the caller in international form (+32475123456)
            sent = [to_e164(raw, "BE" if country == be else "FR") for raw, country in cr.fetchall()]
            sent = [number for number in sent if number][: args.lookups]
            company_id = env.company.id
            Partner = env["res.partner"]

            def ours(number):
                return Partner._tcx_lookup(number, "BE", company_id)[1]

            def baseline(number):
                tail = number[-8:]
                return Partner.search(["|", ("phone", "ilike", tail), ("mobile", "ilike", tail)])

            for number in sent[:20]:  # warm caches and plans
                ours(number)
                baseline(number)

            with QueryCounter() as ours_counter:
                found_ours = sum(1 for number in sent if ours(number))
            timings = []
            for number in sent[:50]:
                tick = time.perf_counter()
                ours(number)
                timings.append(time.perf_counter() - tick)
            with QueryCounter() as base_counter:
                found_base = sum(1 for number in sent if baseline(number))

            cr.execute(
                "EXPLAIN SELECT id FROM res_partner WHERE phone_e164 = %(n)s OR mobile_e164 = %(n)s",
                {"n": sent[0]},
            )
            plan = " / ".join(row[0].strip() for row in cr.fetchall() if "Index" in row[0])
            cr.rollback()

            search_result = measure_search(env, ids, sent, args.searches)
            cr.rollback()

        n = len(sent)
        per_ours, per_base = ours_counter.seconds / n, base_counter.seconds / n
        print(f"  {n} lookups; ours found {found_ours}/{n}, baseline found {found_base}/{n} "
              f"(raw spellings with spaces or dots escape an ilike)", flush=True)  # fmt: skip
        print(f"  ours: median {statistics.median(timings) * 1000:.2f} ms, {ours_counter.queries / n:.1f} "
              f"queries/lookup; baseline {base_counter.queries / n:.1f} queries/lookup", flush=True)  # fmt: skip
        print(f"  plan: {plan}", flush=True)
        report(
            f"tcx_lookup_{args.partners}", per_ours, per_base, round(ours_counter.queries / n, 2)
        )
        searches, found, plans, ours_s, base_s, queries = search_result
        print(f"  {searches} contact searches, {found} with a match; plans of '{SHOWN}':")
        for label, plan in plans:
            print(f"  {label}: {plan}")
        report("tcx_search_contacts", ours_s / searches, base_s / searches, queries)
    finally:
        time.sleep(0.5)
        drop_database(db)


if __name__ == "__main__":
    main()
