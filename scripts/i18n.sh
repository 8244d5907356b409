#!/usr/bin/env bash
# Regenerates the translation templates (i18n/<addon>.pot) of every addon of
# this repository from the code, and merges them into the Latvian and
# Estonian catalogues (i18n/lv.po, i18n/et.po), keeping what is translated.
#
#   scripts/i18n.sh
#
# Needs gettext's msgmerge. Uses a scratch database ${DIRECTO_I18N_DB:-directo_event_i18n}
# with every addon installed, with demo data.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

DB="${DIRECTO_I18N_DB:-directo_event_i18n}"
LANGS=(lv et)
command -v msgmerge >/dev/null 2>&1 || die "msgmerge not found: install gettext."

find_odoo
ensure_postgres
odoo_args

mapfile -t ADDONS < <(repo_addons)
DEPENDS=()
for addon in "${ADDONS[@]}"; do
    mapfile -t -O "${#DEPENDS[@]}" DEPENDS < <(manifest_depends "$addon")
done
MODULES="$(printf '%s\n' "${ADDONS[@]}" "${DEPENDS[@]}" | awk 'NF && !seen[$0]++' | paste -sd, -)"

log "Installing $MODULES in $DB"
drop_db "$DB"
# with demo data: the names of the demo types are translatable terms too
"${ODOO_CMD[@]}" "${ODOO_ARGS[@]}" -d "$DB" -i "$MODULES" --with-demo --stop-after-init \
    --logfile="$LOG_DIR/i18n.log" || die "Installing failed: see $LOG_DIR/i18n.log"

CONF="$DATA_DIR/odoo-i18n.conf"
write_odoo_conf "$CONF" "$DB"
for addon in "${ADDONS[@]}"; do
    mkdir -p "$addon/i18n"
    pot="$addon/i18n/$addon.pot"
    log "Exporting $pot"
    "${ODOO_CMD[@]}" i18n export -c "$CONF" -d "$DB" -o "$REPO_ROOT/$pot" "$addon" \
        >>"$LOG_DIR/i18n.log" 2>&1 || die "Exporting $addon failed: see $LOG_DIR/i18n.log"
    for lang in "${LANGS[@]}"; do
        po="$addon/i18n/$lang.po"
        [[ -f "$po" ]] || cp "$pot" "$po"
        msgmerge --quiet --update --no-fuzzy-matching --backup=none "$po" "$pot"
        "$PYTHON" - "$po" "$lang" <<'PY'
import sys

import polib

PLURALS = {
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "et": "nplurals=2; plural=(n != 1);",
}
po = polib.pofile(sys.argv[1])
po.metadata["Language"] = sys.argv[2]
po.metadata["Plural-Forms"] = PLURALS[sys.argv[2]]
po.save()
PY
    done
done
drop_db "$DB"
log "Done. Translate the empty msgstr of ${LANGS[*]} in each addon's i18n/ folder."
