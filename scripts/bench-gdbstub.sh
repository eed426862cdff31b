#!/usr/bin/env bash
# bench-gdbstub.sh KERNEL.elf ROOT.elf
#
# `make bench-gdbstub`: stock gdb reading 1 MiB of kernel memory and doing
# single steps, through the kernel's own stub (COM2) and through QEMU's
# gdbstub on the same kernel, stopped at the same place, in the same run.
# Prints both figures and the ratio. Under TCG, like everything here.
set -uo pipefail

kernel=$1 root=$2
out=${BUILD:-build}/bench
mkdir -p "$out"
STEPS=${STEPS:-500}

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Python run inside gdb: time a 1 MiB read of the direct map and STEPS stepi.
cat >"$out/gdbstub-bench.py" <<PY
import time, gdb
gdb.execute("delete")
t = time.monotonic()
gdb.execute("dump binary memory $out/mem.bin 0xffff800000100000 0xffff800000200000")
read = time.monotonic() - t
t = time.monotonic()
for _ in range($STEPS):
    gdb.execute("stepi", to_string=True)
step = time.monotonic() - t
print("RESULT read_mib_s=%.3f steps_per_s=%.1f" % (1.0 / read, $STEPS / step))
PY

measure() { # NAME TARGET-PORT BREAK-COMMAND
    timeout 600 gdb -batch -nx -q "$kernel" -ex "target remote 127.0.0.1:$2" -ex "$3" \
        -ex 'continue' -ex "source $out/gdbstub-bench.py" -ex 'kill' </dev/null \
        >"$out/gdbstub-$1.log" 2>&1
    sed -n 's/^RESULT //p' "$out/gdbstub-$1.log"
}

p=$(port)
qemu-system-x86_64 -accel tcg -cpu max -m 128M -display none -no-reboot -monitor none -nodefaults \
    -serial file:/dev/null -serial "tcp:127.0.0.1:$p,server=on,wait=off,nodelay=on" -kernel "$kernel" \
    -initrd "$root" -append gdb=wait </dev/null >/dev/null 2>&1 &
q=$!
sleep 1
ours=$(measure ours "$p" 'break root_task_start')
kill -9 $q 2>/dev/null; wait $q 2>/dev/null

p=$(port)
qemu-system-x86_64 -accel tcg -cpu max -m 128M -display none -no-reboot -monitor none -nodefaults \
    -serial file:/dev/null -gdb "tcp:127.0.0.1:$p" -S -kernel "$kernel" -initrd "$root" \
    </dev/null >/dev/null 2>&1 &
q=$!
sleep 0.5
theirs=$(measure qemu "$p" 'hbreak root_task_start')
kill -9 $q 2>/dev/null; wait $q 2>/dev/null

get() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
or=$(get read_mib_s "$ours") qr=$(get read_mib_s "$theirs")
os=$(get steps_per_s "$ours") qs=$(get steps_per_s "$theirs")
if [[ -z $or || -z $qr || -z $os || -z $qs ]]; then
    echo "bench-gdbstub: a run failed; see $out/gdbstub-*.log" >&2
    exit 1
fi
printf '%-34s %12s %12s %8s\n' "gdb through (QEMU TCG)" "our stub" "QEMU stub" "ratio"
printf '%-34s %12s %12s %8.2f\n' "read 1 MiB of kernel memory, MiB/s" "$or" "$qr" \
    "$(python3 -c "print($or / $qr)")"
printf '%-34s %12s %12s %8.2f\n' "stepi, steps/s ($STEPS steps)" "$os" "$qs" \
    "$(python3 -c "print($os / $qs)")"
printf '{"read_mib_s": {"ours": %s, "qemu": %s}, "steps_per_s": {"ours": %s, "qemu": %s}}\n' \
    "$or" "$qr" "$os" "$qs" >"$out/gdbstub.json"
