#!/usr/bin/env bash
# Debian packages the suite needs on the machine itself: Chromium for Odoo's browser tests (tours).
# (The web client's JS/font packages are unpacked into the cache by fetch_odoo.sh instead.)
source "$(dirname "$0")/lib.sh"

missing=()
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)
[ -x "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)/pg_ctl" ] || [ -n "${PGHOST:-}" ] || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
log "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
