#!/usr/bin/env bash
# tap-run.sh OUT.tap -- COMMAND...
#
# Runs one test suite, keeps its whole output in OUT.log and its TAP result
# lines ("ok N - name" / "not ok N - name") in OUT.tap. A suite that exits
# non-zero without reporting a failure, or reports no test at all, gets a
# "not ok" line of its own, so a crash can never read as a pass.
set -uo pipefail

out=$1; shift
[[ ${1:-} == -- ]] && shift
name=$(basename "$out" .tap)
log=${out%.tap}.log
mkdir -p "$(dirname "$out")"

"$@" </dev/null >"$log" 2>&1
status=$?

grep -aE '^(not )?ok [0-9]+( |$)' "$log" >"$out.tmp" || true
if ! grep -qaE '^ok |^not ok ' "$out.tmp"; then
    echo "not ok 0 - $name: no test ran (exit status $status)" >>"$out.tmp"
elif [[ $status -ne 0 ]] && ! grep -qa '^not ok ' "$out.tmp"; then
    echo "not ok 0 - $name: exit status $status" >>"$out.tmp"
fi
mv "$out.tmp" "$out"

passed=$(grep -a '^ok ' "$out" | grep -vac '# SKIP')
skipped=$(grep -a '^ok ' "$out" | grep -ac '# SKIP')
failed=$(grep -ac '^not ok ' "$out")
printf '%-32s %4d passed, %d failed' "$name" "$passed" "$failed"
[[ $skipped -eq 0 ]] || printf ', %d skipped' "$skipped"
printf '\n'
if [[ $failed -ne 0 ]]; then
    grep -a '^not ok ' "$out" | sed 's/^/    /'
    echo "    (log: $log)"
fi
exit 0
