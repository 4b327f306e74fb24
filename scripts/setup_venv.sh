#!/usr/bin/env bash
# Virtualenv with Odoo's Python deps, the suite's, the dev tools, and the OCA add-on wheels.
# Rebuilt only when a requirements file changes (hash stamp).
source "$(dirname "$0")/lib.sh"

reqs=("$REPO_ROOT/requirements.txt" "$REPO_ROOT/requirements-dev.txt" "$REPO_ROOT/requirements-oca.txt")
want=$(cat "${reqs[@]}" | sha256sum | cut -c1-16)
if [ -f "$VENV/.reqs" ] && [ "$(cat "$VENV/.reqs")" = "$want" ]; then
    log "virtualenv up to date ($VENV)"; exit 0
fi
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; assert sys.version_info[:2] >= (3, 10), sys.version' ||
    die "Odoo 19 needs Python >= 3.10"
[ -x "$PY" ] || { log "creating virtualenv $VENV"; "$PYTHON" -m venv "$VENV"; }
log "installing Python requirements"
pip_quiet() { "$PY" -m pip install -q --disable-pip-version-check "$@" 2> >(grep -v "is ignored: it is neither" >&2); }
pip_quiet -r "$REPO_ROOT/requirements.txt" -r "$REPO_ROOT/requirements-dev.txt"
log "installing OCA add-ons (helpdesk_mgmt, queue_job) without their odoo pip dependency"
pip_quiet --no-deps -r "$REPO_ROOT/requirements-oca.txt"
# Odoo itself is on the path through a .pth file, so `python -m pytest` and scripts see it.
echo "$ODOO_DIST" >"$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo19-debian.pth"
test -d "$(oca_addons_dir)/helpdesk_mgmt" || die "helpdesk_mgmt wheel did not install under $(oca_addons_dir)"
echo "$want" >"$VENV/.reqs"
log "virtualenv ready"
