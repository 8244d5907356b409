#!/usr/bin/env bash
# Runs the tests of directo_event and of its bridge modules with pytest-odoo.
#
#   scripts/test.sh [pytest options...]      e.g. scripts/test.sh -k recurrence -x
#
# Builds the test database ${DIRECTO_TEST_DB:-directo_event_test} from scratch
# (every addon of this repository, the apps its bridges need, demo data), fails
# on any warning logged while installing, then runs every directo_event*/tests
# folder. Extra arguments go to pytest.
#
# Developer fast path: SKIP_INSTALL=1 scripts/test.sh ... keeps the existing
# test database and only updates (-u) our modules before running pytest.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

DB="${DIRECTO_TEST_DB:-directo_event_test}"

find_odoo
ensure_python_deps
ensure_postgres
odoo_args

mapfile -t ADDONS < <(repo_addons)
((${#ADDONS[@]})) || die "No addon found in $REPO_ROOT (expected directo_event/__manifest__.py)."

# What the bridges bridge to (project, stock, ...): installing it is what
# makes their code run, and they are auto_install on it.
DEPENDS=()
for addon in "${ADDONS[@]}"; do
    [[ "$addon" == directo_event ]] && continue
    mapfile -t -O "${#DEPENDS[@]}" DEPENDS < <(manifest_depends "$addon")
done
MODULES="$(printf '%s\n' "${ADDONS[@]}" "${DEPENDS[@]}" | awk 'NF && !seen[$0]++' | paste -sd, -)"
OUR_MODULES="$(IFS=,; echo "${ADDONS[*]}")"

if [[ "${SKIP_INSTALL:-}" == 1 ]] && db_exists "$DB"; then
    log "SKIP_INSTALL=1: updating $OUR_MODULES in the existing database $DB"
    LOGFILE="$LOG_DIR/update.log"
    rm -f "$LOGFILE"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -u "$OUR_MODULES" \
        --stop-after-init --logfile="$LOGFILE" \
        || die "Updating $OUR_MODULES failed: see $LOGFILE"
else
    [[ "${SKIP_INSTALL:-}" == 1 ]] && log "SKIP_INSTALL=1 but there is no database $DB yet: building it"
    log "Building the test database $DB: $MODULES, with demo data"
    drop_db "$DB"
    LOGFILE="$LOG_DIR/install.log"
    rm -f "$LOGFILE"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i "$MODULES" --with-demo \
        --stop-after-init --logfile="$LOGFILE" \
        || {
            tail -n 60 "$LOGFILE" >&2 || true
            die "Installing $MODULES failed: see $LOGFILE"
        }
fi
checklog "$LOGFILE"

# pytest-odoo reads the same settings from a config file.
CONF="$DATA_DIR/odoo-test.conf"
write_odoo_conf "$CONF" "$DB"

# HttpCase tests (tours) drive Chromium. Odoo looks for it on PATH by itself;
# when it is missing those tests fail, which is what we want.
if [[ -z "${ODOO_BROWSER_BIN:-}" ]] && command -v chromium >/dev/null 2>&1; then
    ODOO_BROWSER_BIN="$(command -v chromium)"
    export ODOO_BROWSER_BIN
fi

# The e-mail path tests start a private Dovecot IMAP server; without it they
# fail (they never skip), so say why up front.
if [[ -z "${DOVECOT_BIN:-}" ]] && ! PATH="$PATH:/usr/sbin:/usr/local/sbin:/sbin" command -v dovecot >/dev/null 2>&1; then
    printf '!!! ERROR: dovecot not found: the e-mail path tests will fail. Install it (Debian/Ubuntu: apt-get install dovecot-imapd) or set DOVECOT_BIN.\n' >&2
fi

TEST_DIRS=()
for addon in "${ADDONS[@]}"; do
    [[ -d "$addon/tests" ]] && TEST_DIRS+=("$addon/tests")
done
((${#TEST_DIRS[@]})) || die "No tests folder in ${ADDONS[*]}: there is nothing to test."

log "pytest ${TEST_DIRS[*]} $*"
rc=0
"$PYTHON" -m pytest \
    --odoo-config="$CONF" --odoo-database="$DB" --odoo-http \
    --odoo-log-level=warn \
    "${TEST_DIRS[@]}" "$@" || rc=$?
if ((rc == 5)); then
    printf '!!! pytest collected no test (exit 5): that is a failure here.\n' >&2
fi
exit "$rc"
