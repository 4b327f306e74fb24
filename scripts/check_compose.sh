#!/usr/bin/env bash
# Validate docker-compose.yml without a Docker engine: `docker compose config` when the client has
# the compose plugin, otherwise the Python docker-compose 1.29 schema check in a throw-away venv.
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
export POSTGRES_PASSWORD=check ODOO_ADMIN_PASSWD=check
if docker compose version >/dev/null 2>&1; then exec docker compose config -q; fi
cv="$SUITE_CACHE/compose-venv"
if [ ! -x "$cv/bin/docker-compose" ]; then
    python3 -m venv "$cv"
    "$cv/bin/pip" install -q --disable-pip-version-check PyYAML==6.0.2 "jsonschema<4" docopt texttable \
        "websocket-client<1" distro dockerpty "python-dotenv<1" "docker<7" "requests<2.32" 2> >(grep -v "is ignored" >&2)
    "$cv/bin/pip" install -q --disable-pip-version-check --no-deps docker-compose==1.29.2 2> >(grep -v "is ignored" >&2)
fi
"$cv/bin/docker-compose" -f docker-compose.yml config -q && log "docker-compose.yml is valid"
