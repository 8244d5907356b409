#!/usr/bin/env bash
# Fuzzes the events address with generated MIME messages (hypothesis): every
# message must end as an event or an intake-log line, never as an exception.
# CI runs a small seeded set; this runs many more and prints the outcomes.
#
#   bench/fuzz.sh [count [seed]]   default: 10000 messages, CI's seed
#
# Uses the test database of scripts/test.sh (SKIP_INSTALL=1: it is built on
# the first run, then only updated).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DIRECTO_FUZZ_EXAMPLES="${1:-10000}"
[[ -z "${2:-}" ]] || export DIRECTO_FUZZ_SEED="$2"
SKIP_INSTALL=1 exec scripts/test.sh -k TestDirectoEventMailFuzz \
    -s --odoo-log-level=info -p no:cacheprovider
