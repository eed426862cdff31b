#!/usr/bin/env bash
# qemu-test.sh --name NAME [options] IMAGE
#
# Boots IMAGE (a kernel ELF, or an ISO with --iso) under QEMU with
# isa-debug-exit and a hard timeout, keeps the serial output in
# $BUILD/test/NAME.serial, and prints TAP on stdout:
#   --tap               pass the kernel's own "ok N - group.case" lines through
#   --expect-exit N     QEMU must exit with status N (33 = self-tests passed,
#                       37 = panic, see arch/qemu_exit.h)
#   --expect REGEX      the serial output must match (extended regex); one
#                       TAP line per --expect
#   --until REGEX       stop QEMU once the output matches (for boots that
#                       would otherwise idle forever)
# Other options: --append CMDLINE, --module FILE[ ARGS] (repeatable),
# --mem SIZE, --timeout SECONDS, --uefi (OVMF firmware, ISO only).
# Always TCG unless QEMU_ACCEL says otherwise: tests must not need KVM.
set -uo pipefail

name= append= mem=128M timeout=60 iso=0 uefi=0 tap=0 expect_exit= until=
modules=() expects=()
while [[ $# -gt 1 ]]; do
    case $1 in
    --name) name=$2; shift 2 ;;
    --append) append=$2; shift 2 ;;
    --module) modules+=("$2"); shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --iso) iso=1; shift ;;
    --uefi) uefi=1; shift ;;
    --tap) tap=1; shift ;;
    --expect-exit) expect_exit=$2; shift 2 ;;
    --expect) expects+=("$2"); shift 2 ;;
    --until) until=$2; shift 2 ;;
    *) echo "qemu-test: unknown option $1" >&2; exit 2 ;;
    esac
done
image=$1
[[ -n $name ]] || { echo "qemu-test: --name is required" >&2; exit 2; }
outdir=${BUILD:-build}/test
mkdir -p "$outdir"
serial=$outdir/$name.serial
: >"$serial"

. "$(dirname "$0")/qemu-common.sh"
read -ra accel <<<"$(QEMU_ACCEL=${QEMU_ACCEL:-tcg} qemu_accel)"

args=("${accel[@]}" -m "$mem" -display none -no-reboot -monitor none -nodefaults
      -serial "file:$serial" -device isa-debug-exit,iobase=0xf4,iosize=0x04)
if [[ $iso -eq 1 ]]; then
    args+=(-cdrom "$image" -boot d)
    if [[ $uefi -eq 1 ]]; then
        args+=(-bios /usr/share/ovmf/OVMF.fd)
    fi
else
    args+=(-kernel "$image" -append "$append")
    if [[ ${#modules[@]} -gt 0 ]]; then
        initrd=$(IFS=,; echo "${modules[*]}")
        args+=(-initrd "$initrd")
    fi
fi

start=$(date +%s%N)
qemu-system-x86_64 "${args[@]}" </dev/null &
qpid=$!
deadline=$((SECONDS + timeout))
timed_out=0 stopped=0 banner_ms=
while kill -0 $qpid 2>/dev/null; do
    if [[ -z $banner_ms ]] && grep -qa '^Helios' "$serial"; then
        banner_ms=$((($(date +%s%N) - start) / 1000000))
    fi
    if [[ -n $until ]] && grep -qaE "$until" "$serial"; then
        kill $qpid 2>/dev/null
        stopped=1
        break
    fi
    if [[ $SECONDS -ge $deadline ]]; then
        kill -9 $qpid 2>/dev/null
        timed_out=1
        break
    fi
    sleep 0.1
done
wait $qpid
status=$?
elapsed=$((($(date +%s%N) - start) / 1000000))

tr -d '\r' <"$serial" >"$serial.tmp" && mv "$serial.tmp" "$serial"
echo "# $name: qemu exit status $status after $elapsed ms (serial log: $serial)"
if [[ -n $banner_ms ]]; then
    echo "# $name: banner seen after at most $banner_ms ms"
fi

n=0
result() { # ok? description
    n=$((n + 1))
    if [[ $1 -eq 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

if [[ $tap -eq 1 ]]; then
    while IFS= read -r line; do
        if [[ $line =~ ^(not\ )?ok\ [0-9]+\ -\ (.*)$ ]]; then
            result "$([[ -z ${BASH_REMATCH[1]} ]]; echo $?)" "${BASH_REMATCH[2]}"
        elif [[ $line == \#* ]]; then
            echo "$line"
        fi
    done <"$serial"
fi

if [[ $timed_out -eq 1 ]]; then
    result 1 "$name.finished: timed out after ${timeout}s"
elif [[ -n $expect_exit ]]; then
    result "$([[ $status -eq $expect_exit ]]; echo $?)" \
        "$name.exit_status: expected $expect_exit, got $status"
elif [[ $stopped -eq 0 && -n $until ]]; then
    result 1 "$name.until: QEMU exited ($status) before the output matched /$until/"
fi
for re in "${expects[@]}"; do
    grep -qaE -- "$re" "$serial"
    result $? "$name.output matches /$re/"
done
if [[ $n -eq 0 ]]; then
    echo "not ok 1 - $name: nothing was checked"
fi
if grep -qaE '^(not ok|PANIC|KERNEL EXCEPTION)' "$serial" && [[ $tap -eq 1 ]]; then
    echo "# --- serial output ---"
    sed 's/^/# /' "$serial"
fi
exit 0
