#!/usr/bin/env bash
# Check the Debian packages the project needs and install only the missing
# ones (with --bench, also those only the benchmarks need). Run by
# `make deps`, which `make run` and `make test` call first, so a fresh
# Debian 12 machine needs nothing else.
#
# As root (or with passwordless sudo) it runs `apt-get update` once and then
# `apt-get install` for what is missing; otherwise it prints the exact
# command and fails.
set -euo pipefail

packages=(
    build-essential        # gcc, make, binutils (objdump, nm, readelf)
    qemu-system-x86        # the machine the kernel runs on
    qemu-utils
    gdb                    # oracle and day-one kernel debugging; gdb-add-index (.gdb_index)
    gdbserver              # a remote stub for hdb's GDB protocol client (hdb-remote)
    grub-pc-bin            # BIOS GRUB modules for the ISO
    grub-efi-amd64-bin     # UEFI GRUB modules for the ISO
    grub-common            # grub-mkrescue
    xorriso mtools         # grub-mkrescue's back ends
    ovmf                   # UEFI firmware to boot the ISO under QEMU
    libcmocka-dev          # the host unit-test framework
    libelf-dev             # Debian's libelf (linux-port loader, oracle)
    zlib1g-dev             # zlib, the oracle of dwarf/elf's inflater
    libdwarf-dev dwarfdump # the DWARF oracle
    llvm                   # llvm-dwarfdump, a second DWARF oracle
    clang                  # the second compiler of the DWARF oracle tests
    libc6-dbg              # libc's separate debug file, a real build-id lookup
    dwz                    # DWARF rewritten as Debian's -dbgsym packages have it (hdb-oracle)
    libncurses-dev         # hdb's TUI
    libcapstone-dev        # disassembly in hdb
    tmux                   # drives TUI tests as a person would
    python3                # test runners
    python3.11-dbg         # python3.11d: the large program of the DWARF oracles and benchmarks
)

# `scripts/deps.sh --bench`: what the benchmarks need besides, not make test.
if [[ "${1:-}" == "--bench" ]]; then
    packages+=(
        python3.11-dbg     # python3.11d, the large program of make bench-dwarf and bench-debugger
    )
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
if [[ $(id -u) -eq 0 ]]; then
    sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
else
    echo "deps: missing Debian packages: ${missing[*]}" >&2
    echo "deps: run as root: apt-get update && ${cmd[*]}" >&2
    exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" "${cmd[@]}" </dev/null
