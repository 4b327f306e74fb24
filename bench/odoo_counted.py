"""Odoo's server, plus the number of SQL queries it ran written to $BENCH_QUERY_FILE at exit.

python -m bench.odoo_counted -c ODOO_CONF -d DB [odoo options]
"""

import atexit
import os
import sys
from pathlib import Path


def _dump_query_count():
    from odoo import sql_db

    with open(os.environ["BENCH_QUERY_FILE"], "w") as handle:
        handle.write(str(sql_db.sql_counter))


def main():
    import odoo.cli

    atexit.register(_dump_query_count)
    # the real launcher as argv[0]: the multi-process server starts its gevent worker as
    # `python argv[0] gevent …` (odoo/service/server.py)
    launcher = Path(next(iter(odoo.__path__))).resolve().parents[3] / "bin" / "odoo"
    sys.argv = [str(launcher), *sys.argv[1:]]
    odoo.cli.main()


if __name__ == "__main__":
    main()
