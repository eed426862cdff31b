#!/usr/bin/env bash
# run-smoke-test.sh KERNEL.elf ROOT.elf
#
# Runs scripts/qemu-run.sh (what `make run` runs) under TCG with stdin from
# /dev/null and checks that it tells how to quit, boots to the banner, starts
# the root task, and that the root task's demo shows two tasks printing
# interleaved under preemption. Prints TAP.
set -uo pipefail

out=${BUILD:-build}/test/make-run.out
mkdir -p "$(dirname "$out")"
QEMU_ACCEL=tcg QEMU_INITRD=$2 timeout 30 "$(dirname "$0")/qemu-run.sh" "$1" </dev/null \
    >"$out" 2>&1 &
pid=$!
# Until each task has printed a few lines.
for _ in $(seq 250); do
    [[ $(grep -ac '^worker: ' "$out") -ge 3 && $(grep -ac '^root: [0-9]' "$out") -ge 3 ]] && break
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
check root_task_started "^root: 'root' entry 0x[0-9a-f]+"
n=$((n + 1))
# Interleaved: some worker line comes after a root line and before another.
if awk '/^root: [0-9]/ { r++ } /^worker: / && r > 0 { w = 1 } /^root: [0-9]/ && w { ok = 1 }
        END { exit !ok }' "$out"; then
    echo "ok $n - make-run.two_tasks_interleave"
else
    echo "not ok $n - make-run.two_tasks_interleave"
fi
echo "# output: $out"
