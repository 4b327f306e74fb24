#!/usr/bin/env bash
# Prepare what docker-compose.yml mounts next to the official odoo:19 image: the OCA add-ons
# (from their PyPI wheels) in docker/oca-addons and pure-Python deps in docker/pylib.
source "$(dirname "$0")/lib.sh"
out="$REPO_ROOT/docker"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 -m pip download -q --no-deps -d "$tmp" -r "$REPO_ROOT/requirements-oca.txt" 2> >(grep -v "is ignored" >&2)
rm -rf "$out/oca-addons" "$out/pylib"; mkdir -p "$out/oca-addons"
for whl in "$tmp"/*.whl; do
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$whl" "$tmp/x"
done
cp -r "$tmp"/x/odoo/addons/* "$out/oca-addons/"
python3 -m pip install -q --no-deps --target "$out/pylib" \
    "$(grep -E '^phonenumbers==' "$REPO_ROOT/requirements.txt")" "$(grep -E '^openupgradelib==' "$REPO_ROOT/requirements.txt")" \
    "$(grep -E '^websocket-client==' "$REPO_ROOT/requirements.txt")" \
    2> >(grep -v "is ignored" >&2)
log "docker/oca-addons: $(ls "$out/oca-addons" | tr '\n' ' ')"
