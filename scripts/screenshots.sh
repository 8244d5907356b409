#!/usr/bin/env bash
# Regenerates the screenshots of the README in docs/: kanban, form, calendar
# and settings.
#
#   scripts/screenshots.sh
#
# Builds the database ${DIRECTO_SCREENSHOT_DB:-directo_event_screenshots} with
# demo data (or updates directo_event in it), starts Odoo on a free local port,
# takes the shots as admin/admin with headless Chromium (tools/screenshots.py,
# over the Chrome DevTools protocol) and stops the server again.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

DB="${DIRECTO_SCREENSHOT_DB:-directo_event_screenshots}"
OUT="$REPO_ROOT/docs"

find_odoo
ensure_python_deps
ensure_postgres
odoo_args

LOGFILE="$LOG_DIR/screenshots.log"
rm -f "$LOGFILE"
if db_exists "$DB" && [[ "$(module_state "$DB" directo_event)" == installed ]]; then
    log "Database $DB exists: updating directo_event"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -u directo_event \
        --stop-after-init --logfile="$LOGFILE" \
        || die "Updating directo_event in $DB failed: see $LOGFILE"
else
    log "Creating database $DB with directo_event and demo data"
    drop_db "$DB"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i directo_event --with-demo \
        --stop-after-init --logfile="$LOGFILE" \
        || {
            drop_db "$DB"
            die "Installing directo_event in $DB failed: see $LOGFILE"
        }
fi

# A port nobody listens on, so that a running scripts/run.sh is left alone.
PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log "Starting Odoo on http://127.0.0.1:$PORT (log: $LOGFILE)"
"${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" --db-filter="^${DB}\$" \
    --http-interface=127.0.0.1 --http-port="$PORT" --workers=0 \
    --max-cron-threads=0 --logfile="$LOGFILE" &
SERVER_PID=$!
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}
trap stop_server EXIT

for ((i = 0; i < 120; i++)); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/web/health" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "Odoo stopped while starting: see $LOGFILE"
    sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/web/health" \
    || die "Odoo did not answer on port $PORT within 120 s: see $LOGFILE"

"$PYTHON" "$REPO_ROOT/tools/screenshots.py" \
    --url "http://127.0.0.1:$PORT" --db "$DB" --out "$OUT"
log "Screenshots written to $OUT"
