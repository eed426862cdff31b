#!/usr/bin/env bash
# qemu-run.sh [--qemu-gdb PORT | --kgdb PORT] KERNEL.elf [KERNEL COMMAND LINE...]
#
# --qemu-gdb: QEMU's own gdbstub on PORT with the CPU stopped.
# --kgdb: COM2 (the kernel's GDB stub) on TCP localhost:PORT.
#
# Boots the kernel with the serial console on this terminal. Used by
# `make run` and `make debug-qemu`. KVM when usable (qemu-common.sh),
# QEMU_ACCEL=tcg|kvm forces an accelerator, QEMU_MEM sets the memory size,
# QEMU_INITRD gives the boot modules (QEMU's -initrd syntax: "FILE ARGS,..."),
# QEMU_EXTRA adds options.
set -euo pipefail
here=$(dirname "$0")
. "$here/qemu-common.sh"

gdb=()
com2=()
if [[ ${1:-} == --qemu-gdb ]]; then
    gdb=(-gdb "tcp:localhost:$2" -S)
    shift 2
elif [[ ${1:-} == --kgdb ]]; then
    com2=(-serial "tcp:localhost:$2,server=on,wait=off,nodelay=on")
    echo "QEMU: the kernel's GDB stub is on COM2 at localhost:$2 (make gdb)" >&2
    shift 2
fi
kernel=$1
shift

accel=$(qemu_accel "$kernel" "${QEMU_INITRD:-}")
echo "QEMU ($accel): press Ctrl-A X to quit, Ctrl-A C for the QEMU monitor" >&2
if [[ ${#gdb[@]} -gt 0 ]]; then
    echo "QEMU: CPU stopped, waiting for gdb on ${gdb[1]#tcp:} (make gdb-qemu)" >&2
fi
initrd=()
if [[ -n ${QEMU_INITRD:-} ]]; then
    initrd=(-initrd "$QEMU_INITRD")
fi
# shellcheck disable=SC2086
exec qemu-system-x86_64 $accel -m "${QEMU_MEM:-256M}" -display none -no-reboot \
    -serial mon:stdio "${com2[@]}" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    "${gdb[@]}" -kernel "$kernel" "${initrd[@]}" -append "$*" ${QEMU_EXTRA:-}
