#!/usr/bin/env bash
# Start (or reuse) the project's private PostgreSQL cluster and write $RUN_DIR/pg.env with the
# connection Odoo uses. If PGHOST/PGPORT/PGUSER are set, use that server instead.
source "$(dirname "$0")/lib.sh"

env_file="$RUN_DIR/pg.env"
if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
    log "using the PostgreSQL server from PG* variables (${PGHOST:-localhost}:${PGPORT:-5432}, role ${PGUSER:-$USER})"
    [ "${PGUSER:-}" != postgres ] || die "Odoo refuses to connect as 'postgres': set PGUSER to another role"
    printf 'PGHOST=%q\nPGPORT=%q\nPGUSER=%q\nPGPASSWORD=%q\n' "${PGHOST:-localhost}" "${PGPORT:-5432}" \
        "${PGUSER:-$(id -un)}" "${PGPASSWORD:-}" >"$env_file"
    exit 0
fi

PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"
[ -x "$PGBIN/pg_ctl" ] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
# The server refuses to run as root, and the postgres account cannot enter root's home: as root,
# the cluster lives in a directory that account owns; otherwise in the cache.
if [ "$(id -u)" = 0 ]; then
    PG_DIR="${SUITE_PG_DIR:-/var/cache/sm-crm-suite/pg-$(echo "$SUITE_CACHE" | sha1sum | cut -c1-8)}"
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    PG_DIR="${SUITE_PG_DIR:-$SUITE_CACHE/pg}"
    as_pg() { "$@"; }
fi
data="$PG_DIR/data"; sock="$PG_DIR/run"
mkdir -p "$PG_DIR" "$sock"
[ "$(id -u)" = 0 ] && chown -R postgres: "$PG_DIR"

if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    as_pg "$PGBIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
port_file="$PG_DIR/port"
if as_pg "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=$(cat "$port_file")
else
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    [ -f "$port_file" ] && python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" \
        "$(cat "$port_file")" 2>/dev/null && port=$(cat "$port_file")
    echo "$port" | as_pg tee "$port_file" >/dev/null
    log "starting PostgreSQL on 127.0.0.1:$port"
    # fsync off: a throw-away dev/test cluster; crash safety of the *sync* is tested at the Odoo level.
    as_pg "$PGBIN/pg_ctl" -D "$data" -l "$PG_DIR/server.log" -w -t 60 start \
        -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null ||
        { tail -n 20 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
fi
# Odoo refuses the postgres role: a dedicated one that may create databases.
"$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtAc \
    "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='odoo') THEN CREATE ROLE odoo LOGIN CREATEDB; END IF; END\$\$;"
printf 'PGHOST=127.0.0.1\nPGPORT=%s\nPGUSER=odoo\nPGPASSWORD=\n' "$port" >"$env_file"
log "PostgreSQL ready (127.0.0.1:$port, role odoo)"
