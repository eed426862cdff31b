#!/usr/bin/env bash
# run-smoke-test.sh KERNEL.elf
#
# Runs scripts/qemu-run.sh (what `make run` runs) under TCG with stdin from
# /dev/null and checks that it tells how to quit and boots to the banner and
# the end of boot. Prints TAP.
set -uo pipefail

out=${BUILD:-build}/test/make-run.out
mkdir -p "$(dirname "$out")"
QEMU_ACCEL=tcg timeout 20 "$(dirname "$0")/qemu-run.sh" "$1" </dev/null >"$out" 2>&1 &
pid=$!
for _ in $(seq 200); do
    grep -qa '^boot: done' "$out" && break
    sleep 0.1
done
pkill -P $pid 2>/dev/null
kill $pid 2>/dev/null
wait $pid 2>/dev/null
tr -d '\r' <"$out" >"$out.tmp" && mv "$out.tmp" "$out"

n=0
check() {
    n=$((n + 1))
    if grep -qaE "$2" "$out"; then echo "ok $n - make-run.$1"; else echo "not ok $n - make-run.$1"; fi
}
check says_how_to_quit 'press Ctrl-A X to quit'
check banner '^Helios-C [0-9.]+ x86_64'
check memory_summary '^memory: [0-9]+ MiB usable'
check boot_completes '^boot: done in [0-9]+ ms'
echo "# output: $out"
