"""Run one Silicon Master sync in its own process, committing as the cron would.

    python scripts/sm_sync_once.py -c ODOO_CONF -d DB --url URL --key KEY --entity contacts

Used by the crash test (SIGKILL mid-run, then run again) and by the benchmarks. The backend
named "SM (cli)" is created or updated to point at URL/KEY.
"""

import argparse
import json
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--entity", default="contacts")
    parser.add_argument("--mode", default="incremental")
    parser.add_argument("--page-size", type=int, default=500)
    args = parser.parse_args(argv)

    import odoo
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    started = time.monotonic()
    queries_before = odoo.sql_db.sql_counter
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        Backend = env["sm.backend"]
        backend = Backend.search([("name", "=", "SM (cli)")], limit=1)
        vals = {
            "base_url": args.url,
            "api_key": args.key,
            "page_size": args.page_size,
            "retries": 1,
        }
        if backend:
            # write only what differs: a write would lock the row a running sync may use
            backend.write({k: v for k, v in vals.items() if backend[k] != v})
        else:
            backend = Backend.create(dict(vals, name="SM (cli)"))
        cr.commit()
        run = backend._sync(args.entity, mode=args.mode)
        cr.commit()
        result = {
            "state": run.state if run else "locked",
            "seconds": round(time.monotonic() - started, 3),
            "queries": odoo.sql_db.sql_counter - queries_before,
        }
        if run:
            result.update(
                {
                    k: run[k]
                    for k in ("created", "updated", "unchanged", "archived", "failed", "processed")
                }
            )
            result["message"] = run.message or ""
    print(json.dumps(result))
    return 0 if result["state"] in ("done", "locked") else 1


if __name__ == "__main__":
    sys.exit(main())
