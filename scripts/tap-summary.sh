#!/usr/bin/env bash
# tap-summary.sh SUITE.tap...
#
# Adds up the TAP files of every suite and prints the closing line
# "N passed, N failed". A suite whose file is missing (it did not build)
# counts as one failure. Exits non-zero on any failure.
set -uo pipefail

passed=0
failed=0
for tap in "$@"; do
    if [[ ! -f $tap ]]; then
        echo "$(basename "$tap" .tap): did not build or run"
        failed=$((failed + 1))
        continue
    fi
    passed=$((passed + $(grep -ac '^ok ' "$tap")))
    failed=$((failed + $(grep -ac '^not ok ' "$tap")))
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
