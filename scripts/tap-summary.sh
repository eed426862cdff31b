#!/usr/bin/env bash
# tap-summary.sh SUITE.tap...
#
# Adds up the TAP files of every suite and prints the closing line
# "N passed, N failed". A suite whose file is missing (it did not build)
# counts as one failure. Exits non-zero on any failure.
set -uo pipefail

passed=0
failed=0
skipped=0
for tap in "$@"; do
    if [[ ! -f $tap ]]; then
        echo "$(basename "$tap" .tap): did not build or run"
        failed=$((failed + 1))
        continue
    fi
    # A skipped check ("ok N - name # SKIP why") is neither passed nor failed.
    passed=$((passed + $(grep -a '^ok ' "$tap" | grep -vac '# SKIP')))
    skipped=$((skipped + $(grep -a '^ok ' "$tap" | grep -ac '# SKIP')))
    failed=$((failed + $(grep -ac '^not ok ' "$tap")))
done
if [[ $skipped -gt 0 ]]; then
    echo "$skipped skipped (each says why in its suite's .tap file)"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
