#!/usr/bin/env bash
# debug-hdb.sh HDB KERNEL.elf ROOT.elf PORT
#
# `make debug-hdb`: boots the kernel under QEMU with its GDB stub on COM2
# (a TCP socket on PORT) and attaches `hdb --tui` to it. The kernel boots
# straight on (no gdb=wait): hdb interrupts it when it attaches. COM1, the
# kernel console, goes to build/debug-hdb.serial so that it stays off the
# TUI's screen. Quitting hdb detaches and stops QEMU.
set -uo pipefail

hdb=$1 kernel=$2 root=$3 port=$4
log=${BUILD:-build}/debug-hdb.serial
# setsid: QEMU ends on SIGINT, so the Ctrl-C that stops the kernel from hdb
# must not reach it through the terminal.
setsid qemu-system-x86_64 -accel tcg -cpu max -m 128M -display none -no-reboot -monitor none \
    -nodefaults -serial "file:$log" -serial "tcp:127.0.0.1:$port,server=on,wait=off,nodelay=on" \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" -initrd "$root" \
    </dev/null >/dev/null 2>&1 &
qpid=$!
trap 'kill "$qpid" 2>/dev/null; wait "$qpid" 2>/dev/null' EXIT
for _ in $(seq 100); do
    [[ -s $log ]] && grep -q . "$log" && break
    sleep 0.1
done
echo "kernel console: $log"
"$hdb" --tui --kernel "$kernel" --serial "tcp:127.0.0.1:$port"
