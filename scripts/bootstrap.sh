#!/usr/bin/env bash
# Everything `make demo` and `make test` need, idempotent and cached: Odoo 19, system packages,
# the virtualenv with OCA add-ons, and a running PostgreSQL.
source "$(dirname "$0")/lib.sh"
here="$(dirname "$0")"
bash "$here/system_deps.sh"
bash "$here/fetch_odoo.sh"
bash "$here/setup_venv.sh"
bash "$here/pg.sh"
