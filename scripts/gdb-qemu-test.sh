#!/usr/bin/env bash
# gdb-qemu-test.sh KERNEL.elf
#
# Day-one kernel debugging, checked the way a person does it: QEMU's own
# gdbstub, stock gdb on kernel.elf, a hardware breakpoint in kmain's callee,
# then source lines, a backtrace and kernel data read through DWARF. gdb's
# view is compared with what the kernel printed on its console, so two
# independent paths must agree. Prints TAP.
set -uo pipefail

kernel=$1
out=${BUILD:-build}/test
mkdir -p "$out"
serial=$out/gdb-qemu.serial
gdblog=$out/gdb-qemu.gdb
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

. "$(dirname "$0")/qemu-common.sh"
# shellcheck disable=SC2046
qemu-system-x86_64 $(QEMU_ACCEL=${QEMU_ACCEL:-tcg} qemu_accel) -m 128M -display none -no-reboot -monitor none \
    -nodefaults -serial "file:$serial" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -gdb "tcp:127.0.0.1:$port" -S -kernel "$kernel" -append "gdbtest" </dev/null &
qpid=$!
trap 'kill -9 $qpid 2>/dev/null' EXIT

timeout 60 gdb -batch -nx -q "$kernel" \
    -ex "target remote 127.0.0.1:$port" \
    -ex 'hbreak paging_init' \
    -ex 'continue' \
    -ex 'info line *$pc' \
    -ex 'bt' \
    -ex 'printf "nregions=%d\n", bootinfo.nregions' \
    -ex 'printf "protocol=%d\n", bootinfo.protocol' \
    -ex 'printf "region3=%#lx+%#lx\n", bootinfo.regions[3].base, bootinfo.regions[3].len' \
    -ex 'printf "cmdline=%s\n", bootinfo.cmdline' \
    -ex 'printf "free_kib=%lu\n", kernel_pmm.free_frames * 4' \
    -ex 'printf "kmain=%#lx\n", &kmain' \
    -ex 'kill' \
    >"$gdblog" 2>&1
gstatus=$?
kill -9 $qpid 2>/dev/null
wait $qpid 2>/dev/null
tr -d '\r' <"$serial" >"$serial.tmp" && mv "$serial.tmp" "$serial"

n=0
check() { # description command...
    local d=$1; shift
    n=$((n + 1))
    if "$@"; then echo "ok $n - gdb-qemu.$d"; else echo "not ok $n - gdb-qemu.$d"; fi
}
field() { sed -n "s/^$1=//p" "$gdblog" | head -1; }

check "gdb_ran" test $gstatus -eq 0
check "stopped_in_paging_init_source" \
    grep -qE '^Line [0-9]+ of "kernel/arch/x86_64/paging.c" starts at address 0x[0-9a-f]+ <paging_init' "$gdblog"
check "backtrace_reaches_kmain" grep -qE '^#1 +0x[0-9a-f]+ in kmain \(.*\) at kernel/core/main.c:[0-9]+' "$gdblog"
check "backtrace_ends_at_boot_entry" \
    bash -c "grep -qE '^#2 +0x[0-9a-f]+ in start64_high \\(\\) at kernel/arch/x86_64/boot.S' '$gdblog' && ! grep -q '^#3' '$gdblog'"
serial_regions=$(sed -n 's/^memory: [0-9]* MiB usable in \([0-9]*\) regions/\1/p' "$serial")
check "nregions_matches_console (gdb $(field nregions), console ${serial_regions:-none})" \
    test -n "$serial_regions" -a "$(field nregions)" = "$serial_regions"
check "multiboot1_protocol" test "$(field protocol)" = 1
check "region3_is_ram_above_1MiB" test "$(field region3)" = "0x100000+0x7ee0000"
check "cmdline_read_through_dwarf" grep -qE '^cmdline=.*gdbtest$' "$gdblog"
sym=$(awk '$4 == "kmain" { print "0x" substr($1, match($1, /[^0]/)) }' "${kernel%/*}/kernel.sym")
check "kmain_matches_kernel_sym (gdb $(field kmain), sym $sym)" test "$(field kmain)" = "$sym"
check "console_before_breakpoint" grep -q '^Helios-C' "$serial"
echo "# gdb log: $gdblog, serial: $serial"
