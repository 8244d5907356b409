#!/usr/bin/env bash
# Starts Odoo 19 with directo_event on http://localhost:${PORT:-8069}.
#
#   scripts/run.sh [extra odoo options...]
#
# The first run creates the database ${DIRECTO_DB:-directo_event} with demo
# data; later runs update the module, so the same command always works.
# Extra arguments go to the final Odoo server command (e.g. --dev=all).
# Bridge modules (directo_event_*) are auto_install: Odoo installs each one by
# itself once the apps it bridges are installed.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

DB="${DIRECTO_DB:-directo_event}"
PORT="${PORT:-8069}"

find_odoo
ensure_python_deps
ensure_postgres
odoo_args

if db_exists "$DB" && [[ "$(module_state "$DB" directo_event)" == installed ]]; then
    log "Database $DB exists: updating directo_event"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -u directo_event --stop-after-init
elif db_exists "$DB"; then
    # The database exists but the module is not installed in it (e.g. created
    # by hand): install it without touching the rest.
    log "Database $DB exists without directo_event: installing it"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i directo_event --stop-after-init
else
    log "Creating database $DB with directo_event and demo data"
    # Demo data is off by default in Odoo 19; --with-demo turns it on.
    if ! "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i directo_event --with-demo --stop-after-init; then
        # Drop the half-made database so that the next run starts afresh.
        drop_db "$DB"
        die "Installing directo_event in a new database $DB failed (see the log above)."
    fi
fi

log "Open http://localhost:$PORT — login admin / admin  (Ctrl+C stops the server)"
exec "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" --db-filter="^${DB}\$" --http-port="$PORT" "$@"
