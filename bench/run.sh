#!/usr/bin/env bash
# Measures directo_event against Odoo's own apps and writes BENCHMARKS.md.
#
#   bench/run.sh [section...]      sections: mail list reminder recurrence install
#                                  (default: all of them)
#
# Builds the bench database ${DIRECTO_BENCH_DB:-directo_event_bench} from
# scratch (directo_event and project, no demo data), runs bench/bench.py inside
# Odoo on it, then times the installation of directo_event against
# maintenance's on copies of a template database that has their dependencies.
# Each figure is measured in the same run, on the same database, as its Odoo
# reference, interleaved (A/B/A/B) so that the load of a shared machine hits
# both sides; the table gives ratios. Nothing here runs in CI: it is not a test.
#
# Knobs: DIRECTO_BENCH_DB, BENCH_REPEAT (timed rounds per list figure, default
# 5), BENCH_MAIL_REPEAT (runs of the messages, default 3), BENCH_MESSAGES
# (default 300), BENCH_SIZES (list sizes, default 1000,10000,100000),
# BENCH_SERIES (recurring series, default 1000),
# BENCH_INSTALL_REPEAT (default 3), PYTHON, ODOO_PATH, PG*. The bench database
# is left behind for inspection and rebuilt by the next run (the measurements
# assume the sizes they generate).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$REPO_ROOT"

DB="${DIRECTO_BENCH_DB:-directo_event_bench}"
TEMPLATE_DB="${DB}_install_tpl"
BENCH_DIR="$DATA_DIR/bench"
RESULTS="$BENCH_DIR/results.json"
SECTIONS=("$@")
((${#SECTIONS[@]})) || SECTIONS=(mail list reminder recurrence install)

find_odoo
ensure_postgres
odoo_args
mkdir -p "$BENCH_DIR"
rm -f "$RESULTS"

wants() {
    local s
    for s in "${SECTIONS[@]}"; do
        [[ "$s" == "$1" ]] && return 0
    done
    return 1
}

# The bench database: the product as a customer installs it next to Project
# (the bridge directo_event_project is auto-installed), without demo data.
log "Building the bench database $DB (directo_event, project; no demo data)"
drop_db "$DB"
"${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i directo_event,project \
    --stop-after-init --logfile="$LOG_DIR/bench-install.log" \
    || die "Installing $DB failed: see $LOG_DIR/bench-install.log"

measure_failed=0
MAIN_SECTIONS=()
for s in mail list reminder recurrence; do
    wants "$s" && MAIN_SECTIONS+=("$s")
done
if ((${#MAIN_SECTIONS[@]})); then
    log "Measuring: ${MAIN_SECTIONS[*]} (log: $LOG_DIR/bench.log)"
    (cd / && "$PYTHON" "$REPO_ROOT/bench/bench.py" measure --results "$RESULTS" \
        --sections "$(IFS=,; echo "${MAIN_SECTIONS[*]}")" \
        -- "${ODOO_ARGS[@]}" -d "$DB" --logfile="$LOG_DIR/bench.log" --log-level=warn) \
        || measure_failed=1
fi

if wants install; then
    # Both modules are installed on copies of one template that already has
    # every dependency of both, so that only the module itself is timed.
    log "Install: template $TEMPLATE_DB with mail, product, analytic, resource"
    drop_db "$TEMPLATE_DB"
    "${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$TEMPLATE_DB" -i mail,product,analytic,resource \
        --stop-after-init --logfile="$LOG_DIR/bench-template.log" \
        || die "Building $TEMPLATE_DB failed: see $LOG_DIR/bench-template.log"
    COPY_DB="${DB}_install_copy"
    for round in $(seq "${BENCH_INSTALL_REPEAT:-3}"); do
        for module in directo_event maintenance; do
            drop_db "$COPY_DB"
            createdb -T "$TEMPLATE_DB" "$COPY_DB"
            log "Install round $round: $module"
            (cd / && "$PYTHON" "$REPO_ROOT/bench/bench.py" install --results "$RESULTS" \
                --module "$module" \
                -- "${ODOO_ARGS[@]}" -d "$COPY_DB" --logfile="$LOG_DIR/bench-install-$module.log" \
                --log-level=warn) \
                || die "Installing $module failed: see $LOG_DIR/bench-install-$module.log"
        done
    done
    drop_db "$COPY_DB"
    drop_db "$TEMPLATE_DB"
fi

"$PYTHON" "$REPO_ROOT/bench/bench.py" report --results "$RESULTS" \
    --output "$REPO_ROOT/BENCHMARKS.md" --odoo-version "$ODOO_VERSION"
log "Wrote $REPO_ROOT/BENCHMARKS.md"
((!measure_failed)) || die "bench/bench.py failed (the table has what it measured): see $LOG_DIR/bench.log"
