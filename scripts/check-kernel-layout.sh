#!/usr/bin/env bash
# check-kernel-layout.sh KERNEL.elf
#
# Multiboot1's a.out kludge (how `qemu -kernel` loads us) copies the file as
# one run of bytes starting at the multiboot header. That only works if every
# PT_LOAD segment sits in the file at the same distance from its physical
# address. Fail the build if the linker ever lays the file out otherwise.
set -euo pipefail

first=
count=0
while read -r type offset vaddr paddr _; do
    [[ $type == LOAD ]] || continue
    delta=$((offset - paddr))
    count=$((count + 1))
    if [[ -z $first ]]; then
        first=$delta
    elif [[ $delta -ne $first ]]; then
        echo "kernel layout: segment at paddr $paddr has file offset $offset;" \
             "multiboot1 loading needs offset - paddr constant" >&2
        exit 1
    fi
done < <(readelf -lW "$1")
[[ $count -gt 0 ]] || { echo "kernel layout: no LOAD segments in $1" >&2; exit 1; }
