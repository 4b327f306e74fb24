#!/usr/bin/env bash
# Start (or stop) the external-system simulators beside `make demo`: scripts/simulators.sh start|stop
# Each runs in the background with its pid and log in $RUN_DIR; a running one is reused.
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

SM_PORT="${SM_SIM_PORT:-8900}"
# name | module | arguments
SIMULATORS=(
    "silicon_master|simulators.silicon_master|serve --port $SM_PORT --contacts 300 --articles 200 --orders 400 --api-key sm-demo-key --seed 42"
)
[ -d simulators/threecx ] && SIMULATORS+=("threecx|simulators.threecx|serve --port ${TCX_SIM_PORT:-5001}")
[ -d simulators/iadvize ] && SIMULATORS+=("iadvize|simulators.iadvize|serve --port ${IADVIZE_SIM_PORT:-5002}")

start() {
    local name module args pidfile
    for spec in "${SIMULATORS[@]}"; do
        IFS='|' read -r name module args <<<"$spec"
        pidfile="$RUN_DIR/sim-$name.pid"
        if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            log "simulator $name already running (pid $(cat "$pidfile"))"; continue
        fi
        # shellcheck disable=SC2086
        nohup "$PY" -m "$module" $args >"$RUN_DIR/sim-$name.log" 2>&1 &
        echo $! >"$pidfile"
        log "simulator $name started (pid $!, log $RUN_DIR/sim-$name.log)"
    done
}

stop() {
    for pidfile in "$RUN_DIR"/sim-*.pid; do
        [ -f "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) die "usage: $0 start|stop" ;;
esac
