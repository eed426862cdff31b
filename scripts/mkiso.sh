#!/usr/bin/env bash
# mkiso.sh OUT.iso KERNEL.elf "KERNEL COMMAND LINE" [MODULE "MODULE STRING"]...
#
# Builds a GRUB rescue image that boots the kernel with multiboot2, from BIOS
# and from UEFI (grub-mkrescue puts both in when grub-pc-bin and
# grub-efi-amd64-bin are installed). Module strings start with the module's
# name, e.g. "testmod alpha beta".
set -euo pipefail

out=$1 kernel=$2 cmdline=$3
shift 3
tree=$(mktemp -d "${out%.iso}.tree.XXXXXX")
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/boot/grub"
cp "$kernel" "$tree/boot/kernel.elf"

{
    echo "set timeout=0"
    echo "set default=0"
    echo "menuentry \"Helios-C\" {"
    echo "    multiboot2 /boot/kernel.elf $cmdline"
    while [[ $# -ge 2 ]]; do
        base=$(basename "$1")
        cp "$1" "$tree/boot/$base"
        echo "    module2 /boot/$base $2"
        shift 2
    done
    echo "    boot"
    echo "}"
} >"$tree/boot/grub/grub.cfg"

grub-mkrescue -o "$out.tmp" "$tree" >"$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
mv "$out.tmp" "$out"
