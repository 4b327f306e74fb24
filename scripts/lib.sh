# Shared settings for the bootstrap scripts. Source it; do not run it.
# Everything heavy lives in $SUITE_CACHE (outside the clone) so fresh clones reuse it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUITE_CACHE="${SUITE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sm-crm-suite}"
ODOO_ROOT="$SUITE_CACHE/odoo19"                       # dpkg-deb -x target
ODOO_DIST="$ODOO_ROOT/usr/lib/python3/dist-packages"  # holds the `odoo` package
VENV="${SUITE_VENV:-$SUITE_CACHE/venv}"
PY="$VENV/bin/python"
PGDATA_DIR="$SUITE_CACHE/pgdata"
PGSOCK_DIR="$SUITE_CACHE/pgsock"
ODOO_HTTP_PORT="${ODOO_HTTP_PORT:-8069}"
DEMO_DB="${DEMO_DB:-sm_crm_demo}"
RUN_DIR="$SUITE_CACHE/run"                            # shared: PostgreSQL env, simulators
# Per clone: generated Odoo configs, test reports and the test database, so two clones (or
# `make bench` beside `make demo`) never overwrite each other's addons path or results.
CLONE_ID="$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-8)"
CLONE_RUN_DIR="$RUN_DIR/clone-$CLONE_ID"
TEST_DB="${TEST_DB:-sm_crm_test_$CLONE_ID}"
export SUITE_MODULES="suite_phone,suite_base,sm_connector,tcx_click2dial,omnichannel_inbox,omnichannel_inbox_mail_plugin,readiness_survey,suite_cockpit"
mkdir -p "$SUITE_CACHE" "$RUN_DIR" "$CLONE_RUN_DIR"

log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bootstrap] error:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "need root for: $* (run it yourself, then retry)"; fi
}

# Site-packages of the venv, where the OCA wheels install odoo/addons/<name>.
oca_addons_dir() { "$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"] + "/odoo/addons")'; }
addons_path() { echo "$REPO_ROOT/addons,$(oca_addons_dir),$ODOO_DIST/odoo/addons"; }
