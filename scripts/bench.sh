#!/usr/bin/env bash
# `make bench`: each benchmark prints `bench <name>: ratio=… ours=… baseline=… queries=…`.
# A template database with the suite (no demo data) is built once and copied per benchmark.
# BENCH_SCALE=0.1 runs every benchmark on a tenth of the data (quick look); default is full size.
source "$(dirname "$0")/lib.sh"
bash "$REPO_ROOT/scripts/bootstrap.sh"
set -a; source "$RUN_DIR/pg.env"; set +a
template="${BENCH_DB:-sm_crm_bench}"
conf="$("$REPO_ROOT/scripts/odoo.sh" --print-conf)"
scale="${BENCH_SCALE:-1}"
n() { python3 -c "print(max(1, int($1 * $scale)))"; }

stamp="$(cat "$REPO_ROOT"/addons/*/__manifest__.py | sha256sum | cut -c1-12)"
if [ "$(psql -d "$template" -tAc "SELECT value FROM ir_config_parameter WHERE key='bench.stamp'" 2>/dev/null)" != "$stamp" ]; then
    log "building bench template database $template (suite, no demo data)"
    dropdb --if-exists --force "$template"
    "$REPO_ROOT/scripts/odoo.sh" -d "$template" -i "$SUITE_MODULES" --stop-after-init --log-level=warn \
        >"$RUN_DIR/install-$template.log" 2>&1 || die "bench template install failed ($RUN_DIR/install-$template.log)"
    psql -d "$template" -qc "INSERT INTO ir_config_parameter (key, value) VALUES ('bench.stamp', '$stamp')"
fi
# Baseline of the agent screens: plain Odoo with only the non-suite add-ons the suite depends on.
plain="${template}_plain"
plain_modules="$("$PY" - "$REPO_ROOT"/addons/*/__manifest__.py <<'PYEOF'
import ast, sys
from pathlib import Path
suite = {Path(m).parent.name for m in sys.argv[1:]}
deps = set().union(*(ast.literal_eval(Path(m).read_text())["depends"] for m in sys.argv[1:]))
print(",".join(sorted(deps - suite)))
PYEOF
)"
plain_stamp="$(printf '%s' "$plain_modules" | sha256sum | cut -c1-12)"
if [ "$(psql -d "$plain" -tAc "SELECT value FROM ir_config_parameter WHERE key='bench.stamp'" 2>/dev/null)" != "$plain_stamp" ]; then
    log "building baseline template database $plain (plain Odoo: $plain_modules)"
    dropdb --if-exists --force "$plain"
    "$REPO_ROOT/scripts/odoo.sh" -d "$plain" -i "$plain_modules" --stop-after-init --log-level=warn \
        >"$RUN_DIR/install-$plain.log" 2>&1 || die "baseline template install failed ($RUN_DIR/install-$plain.log)"
    psql -d "$plain" -qc "INSERT INTO ir_config_parameter (key, value) VALUES ('bench.stamp', '$plain_stamp')"
fi
cd "$REPO_ROOT"
"$PY" -m bench.sm_sync_bench --template "$template" --conf "$conf" --contacts "$(n 20000)" --articles "$(n 15000)"
"$PY" -m bench.sm_orders_bench --template "$template" --conf "$conf" --orders "$(n 50000)" \
    --contacts "$(n 20000)" --articles "$(n 15000)"
"$PY" -m bench.sm_dry_run_bench --template "$template" --conf "$conf" --orders "$(n 50000)" \
    --contacts "$(n 20000)" --articles "$(n 15000)"
"$PY" -m bench.tcx_lookup_bench --template "$template" --conf "$conf" --partners "$(n 100000)"
"$PY" -m bench.inbox_routing_bench --template "$template" --conf "$conf" --large "$(n 100000)" --messages 120
"$PY" -m bench.customer_360_bench --template "$template" --conf "$conf" --partners "$(n 100000)" \
    --orders "$(n 50000)" --tickets "$(n 100000)"
"$PY" -m bench.sm_first_load_bench --template "$template" --conf "$conf" --contacts "$(n 20000)" \
    --articles "$(n 15000)" --orders "$(n 50000)"
"$PY" -m bench.agent_screens_bench --template "$template" --plain-template "$plain" --conf "$conf" \
    --partners "$(n 20000)" --products "$(n 15000)" --orders "$(n 50000)" --tickets "$(n 100000)" \
    --calls "$(n 100000)"
