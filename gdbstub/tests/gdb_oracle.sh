#!/usr/bin/env bash
# gdb_oracle.sh HOST_TARGET WORKDIR
#
# The oracle test: stock gdb, the real client, against the engine. Starts
# the host target (tests/host_target.c) on an ephemeral port, runs two gdb
# sessions in batch mode and checks what gdb prints against the values the
# host target holds. Prints TAP lines "ok N - gdbstub.NAME". Every wait is
# bounded, and the host target and gdb are always killed on the way out.
set -uo pipefail

target=$1
work=$2
rm -rf "$work"
mkdir -p "$work"

n=0
tpid=
gpid=
cleanup() {
    [[ -n $gpid ]] && kill "$gpid" 2>/dev/null
    [[ -n $tpid ]] && kill "$tpid" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT

ok() { n=$((n + 1)); echo "ok $n - gdbstub.$1"; }
not_ok() {
    n=$((n + 1))
    echo "not ok $n - gdbstub.$1"
    shift
    printf '# %s\n' "$@"
}

# check NAME FILE REGEX...: every extended regex must match a line of FILE.
check() {
    local name=$1 file=$2 re
    shift 2
    for re in "$@"; do
        if ! grep -qE -- "$re" "$file"; then
            not_ok "$name" "no line of $file matches: $re"
            return
        fi
    done
    ok "$name"
}

# check_absent NAME FILE REGEX: no line may match.
check_absent() {
    if grep -qE -- "$3" "$2"; then
        not_ok "$1" "$2 has: $(grep -m1 -E -- "$3" "$2")"
    else
        ok "$1"
    fi
}

# gdb_args COMMAND...: fill gdb_cmd with a batch-mode gdb connected to
# $port that runs the commands.
gdb_args() {
    gdb_cmd=(timeout 60 gdb -batch -nx -ex 'set architecture i386:x86-64'
             -ex "target remote 127.0.0.1:$port")
    for c in "$@"; do gdb_cmd+=(-ex "$c"); done
}

# ---- the host target ---------------------------------------------------------
timeout 120 "$target" "$work/port" 2>"$work/target.log" &
tpid=$!
for _ in $(seq 100); do
    [[ -s $work/port ]] && break
    sleep 0.1
done
port=$(cat "$work/port" 2>/dev/null)
if [[ -z $port ]]; then
    not_ok gdb_host_target_starts "no port after 10 s; log:" "$(cat "$work/target.log")"
    exit 1
fi
ok gdb_host_target_starts

# ---- session 1 -----------------------------------------------------------------
s1=$work/session1.out
gdb_args \
    'info registers rip rsp' \
    'x/4gx 0x600000' \
    'set {long}0x600010 = 0x1122334455667788' \
    'x/gx 0x600010' \
    'set {long}0x600020 = 0x0403237d2a240a0d' \
    'x/gx 0x600020' \
    'x/gx 0x500000' \
    'info threads' \
    'thread 2' \
    'printf "T2 rip=%lx rsp=%lx fs_base=%lx\n", $rip, $rsp, $fs_base' \
    'thread 1' \
    'printf "T1 rip=%lx rsp=%lx fs_base=%lx\n", $rip, $rsp, $fs_base' \
    'p $fs_base' \
    'info registers eflags' \
    'p $mxcsr' \
    'p $xmm3.uint128' \
    'set $rax = 0xfeedface' \
    'break *0x401080' \
    'continue' \
    'printf "PC-AT-BREAK %lx\n", $pc' \
    'stepi' \
    'printf "PC-AFTER-STEPI %lx\n", $pc' \
    'delete' \
    'watch *(long *)0x600000' \
    'continue' \
    'delete' \
    'monitor hello' \
    'detach'
"${gdb_cmd[@]}" </dev/null >"$s1" 2>&1

check_absent gdb_target_description "$s1" \
    "Architecture rejected|'g' packet reply is too long|Remote failure|[Pp]rotocol error|Ignoring packet error"
check gdb_attach "$s1" '^0x0000000000401000 in \?\? \(\)$'
check gdb_info_registers_rip_rsp "$s1" \
    '^rip +0x401000 +0x401000$' '^rsp +0x7fef00 +0x7fef00$'
check gdb_x_4gx "$s1" \
    $'^0x600000:\t0x0706050403020100\t0x0f0e0d0c0b0a0908$' \
    $'^0x600010:\t0x1716151413121110\t0x1f1e1d1c1b1a1918$'
check gdb_write_then_read_back "$s1" $'^0x600010:\t0x1122334455667788$'
# bytes 0d 0a $ * } # 03 04: every escaped character in one X packet
check gdb_write_escaped_bytes "$s1" $'^0x600020:\t0x0403237d2a240a0d$'
check gdb_read_hole_fails "$s1" 'Cannot access memory at address 0x500000'
check gdb_info_threads "$s1" \
    '^\* 1 +Thread 1 \(kernel\) +0x0000000000401000 in \?\? \(\)$' \
    '^  2 +Thread 2 \(init\) +0x0000000000401010 in \?\? \(\)$' \
    '^  3 +Thread 3 \(shell\) +0x0000000000401020 in \?\? \(\)$'
check gdb_thread_registers_differ "$s1" \
    '^T2 rip=401010 rsp=7fff00 fs_base=7ffff7d82000$' \
    '^T1 rip=401000 rsp=7fef00 fs_base=7ffff7d81000$'
check gdb_fs_base "$s1" '^\$1 = 140737351520256$'
check gdb_eflags "$s1" '^eflags +0x246 +\[ PF ZF IF \]$'
check gdb_sse_registers "$s1" '^\$2 = \[ IM DM ZM OM UM PM \]$' '^\$3 = 0$'
check gdb_break_continue "$s1" \
    '^Thread 1 hit Breakpoint 1, 0x0000000000401080 in \?\? \(\)$' '^PC-AT-BREAK 401080$'
check gdb_stepi "$s1" '^PC-AFTER-STEPI 401081$'
check gdb_hardware_watchpoint "$s1" \
    '^Thread 1 hit Hardware watchpoint 2: \*\(long \*\)0x600000$' \
    '^Old value = 506097522914230528$' '^New value = 506097522914230529$'
check gdb_monitor "$s1" '^Hello from the Helios host target$'
check gdb_detach "$s1" '^\[Inferior 1 \(Remote target\) detached\]$'

# ---- session 2: reattach, interrupt a running target, kill ---------------
s2=$work/session2.out
gdb_args \
    'x/gx 0x600010' \
    'printf "RAX %lx PC %lx\n", $rax, $pc' \
    'continue' \
    'printf "PC-AFTER-INTERRUPT %lx\n", $pc' \
    'kill'
set -m # a background gdb must not ignore SIGINT; timeout passes it on
"${gdb_cmd[@]}" </dev/null >"$s2" 2>&1 &
gpid=$!
set +m
for _ in $(seq 100); do
    grep -q 'host_target: running' "$work/target.log" && break
    sleep 0.1
done
# gdb sent vCont;c; give it a moment to settle into waiting for the stop
# reply, where Ctrl-C means "interrupt the target" (a SIGINT that lands
# while gdb is still printing is taken as a quit instead).
sleep 0.5
kill -INT "$gpid" 2>/dev/null
for _ in $(seq 100); do
    kill -0 "$gpid" 2>/dev/null || break
    sleep 0.1
done
wait "$gpid"
gpid=

check gdb_reattach_sees_earlier_writes "$s2" \
    $'^0x600010:\t0x1122334455667788$' '^RAX feedface PC 401081$'
check gdb_interrupt "$s2" \
    '^Thread 1 received signal SIGINT, Interrupt\.$' '^PC-AFTER-INTERRUPT 401081$'
check gdb_kill "$s2" '^\[Inferior 1 \(Remote target\) killed\]$'

# the host target leaves by itself after kill, cleanly (it runs under ASan)
for _ in $(seq 100); do
    kill -0 "$tpid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$tpid" 2>/dev/null; then
    not_ok gdb_host_target_exits "still running 10 s after kill"
else
    wait "$tpid"
    status=$?
    tpid=
    if [[ $status -eq 0 ]]; then
        ok gdb_host_target_exits
    else
        not_ok gdb_host_target_exits "exit status $status; log:" "$(cat "$work/target.log")"
    fi
fi
echo "1..$n"
