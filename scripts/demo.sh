#!/usr/bin/env bash
# `make demo`: bootstrap, create the demo database once (suite + demo data), start the external
# system simulators, and serve Odoo on http://localhost:$ODOO_HTTP_PORT. `--reset` starts over.
source "$(dirname "$0")/lib.sh"
bash "$REPO_ROOT/scripts/bootstrap.sh"
set -a; source "$RUN_DIR/pg.env"; set +a
db="$DEMO_DB"

if [ "${1:-}" = "--reset" ]; then
    log "dropping demo database $db"
    dropdb --if-exists --force "$db"
    rm -rf "$SUITE_CACHE/filestore/filestore/$db"
fi

installed=$(psql -d "$db" -tAc "SELECT count(*) FROM ir_module_module WHERE state='installed' AND name = ANY(string_to_array('$SUITE_MODULES', ','))" 2>/dev/null || echo 0)
want=$(echo "$SUITE_MODULES" | tr ',' '\n' | wc -l)
if [ "$installed" != "$want" ]; then
    log "installing the suite with demo data into $db (first run: a few minutes)"
    "$REPO_ROOT/scripts/odoo.sh" -d "$db" -i "$SUITE_MODULES" --with-demo --stop-after-init \
        --log-level=warn >"$RUN_DIR/install-$db.log" 2>&1 || { tail -n 40 "$RUN_DIR/install-$db.log" >&2; die "install failed"; }
    "$PY" "$REPO_ROOT/scripts/check_odoo_log.py" "$RUN_DIR/install-$db.log" || die "install log has errors"
else
    log "demo database $db already has the suite: reusing it (make demo-reset to start over)"
fi

# Simulators of the external systems (SM, 3CX, iAdvize), when present, run beside Odoo.
if [ -x "$REPO_ROOT/scripts/simulators.sh" ]; then "$REPO_ROOT/scripts/simulators.sh" start "$db"; fi

# Once Odoo answers, replay what 3CX sends (caller-ID lookups, call reports) so the call journal
# and missed-call follow-up have something to show.
if [ -d "$REPO_ROOT/simulators/threecx" ]; then
    ( for _ in $(seq 1 120); do
          curl -fs -o /dev/null "http://localhost:$ODOO_HTTP_PORT/web/login" && break; sleep 2
      done
      "$PY" -m simulators.threecx drive --odoo-url "http://localhost:$ODOO_HTTP_PORT" \
          --api-key tcx-demo-api-key --scenario demo >"$RUN_DIR/sim-threecx-drive.log" 2>&1 ) &
fi

cat >&2 <<MSG

  Odoo 19 with the SM CRM suite:  http://localhost:$ODOO_HTTP_PORT
  Database: $db    Login: admin    Password: admin
  (Ctrl-C stops Odoo)

MSG
cd "$REPO_ROOT"
# as docker-compose.yml: a scheduled action stopped by its time budget runs again at once
export ODOO_NOTIFY_CRON_CHANGES=1
exec "$REPO_ROOT/scripts/odoo.sh" -d "$db" --db-filter="^$db\$" --http-interface="${ODOO_HTTP_INTERFACE:-0.0.0.0}" \
    --log-level="${ODOO_LOG_LEVEL:-info}"
