#!/usr/bin/env bash
# debugserver-gdb-test.sh KERNEL.elf ROOT.elf DBGTARGET.elf DBGTARGET.c
#
# The user-space debug server end to end: boots the root task in
# `debug-server` mode under QEMU TCG with COM3 on a TCP socket (nodelay, so
# that Nagle's algorithm adds no delay per packet), and has stock gdb, with
# dbgtarget.elf's symbols and DWARF, debug the target through it: a
# breakpoint on a function, a backtrace with source lines, a global and
# locals, next, step, stepi, registers, a hardware watchpoint, Ctrl-C of the
# running target (gdb's `interrupt`, from a timer, while `continue` waits)
# and the run to the exit with the exit code. Expected line numbers come from the `line:`
# markers in the source. Prints TAP (`ok N - debugserver.NAME`).
set -uo pipefail

kernel=$1 root=$2 target=$3 source=$4
out=${BUILD:-build}/test/debugserver-gdb
rm -rf "$out"
mkdir -p "$out"
console=$out/console.serial
session=$out/session.gdb
qpid=

stop_qemu() {
    [[ -n $qpid ]] && kill -9 "$qpid" 2>/dev/null && wait "$qpid" 2>/dev/null
    qpid=
}
trap stop_qemu EXIT

n=0
result() { # OK? NAME [WHY]
    n=$((n + 1))
    if [[ $1 -eq 0 ]]; then
        echo "ok $n - debugserver.$2"
    else
        echo "not ok $n - debugserver.$2"
        [[ -n ${3:-} ]] && echo "# $3"
    fi
}
check() { # NAME REGEX... (each must match a line of the session)
    local name=$1 ok=0
    shift
    for re in "$@"; do
        grep -qaE -- "$re" "$session" || { ok=1; echo "# $name: no line matches /$re/"; }
    done
    result $ok "$name"
}
line_of() { # MARKER: the line number of /* line:MARKER */ in the source
    grep -n "line:$1 " "$source" | cut -d: -f1
}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
: >"$console"
qemu-system-x86_64 -accel tcg -cpu max -m 128M -display none -no-reboot -monitor none -nodefaults \
    -serial "file:$console" -serial null \
    -serial "tcp:127.0.0.1:$port,server=on,wait=off,nodelay=on" \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" \
    -append "debug-server panic=exit" -initrd "$root root" </dev/null >"$out/qemu.log" 2>&1 &
qpid=$!

ready=1
for _ in $(seq 300); do
    if grep -qa '^debug-server: ready' "$console"; then ready=0; break; fi
    if grep -qaE '^(PANIC|KERNEL EXCEPTION|debug-server: .* failed)' "$console"; then break; fi
    kill -0 "$qpid" 2>/dev/null || break
    sleep 0.1
done
echo "1..14"
result $ready server_ready "no ready line from the debug server (console: $console)"
if [[ $ready -ne 0 ]]; then
    sed 's/^/# /' "$console" | tail -30
    exit 1
fi

body=$(line_of square-body) ret=$(line_of square-return) call=$(line_of call-square)
store=$(line_of counter-store) spin=$(line_of spin) spin_body=$(line_of spin-body) main_call=$(line_of main-call) main_print=$(line_of main-print)
file=$(basename "$source")

timeout 120 gdb -batch -nx -q "$target" \
    -ex 'set pagination off' -ex 'set confirm off' \
    -ex "target remote 127.0.0.1:$port" \
    -ex 'info threads' \
    -ex 'set var ds_spin = 1' \
    -ex 'python import threading; threading.Timer(1.0, lambda: gdb.post_event(lambda: gdb.execute("interrupt"))).start()' \
    -ex 'continue' \
    -ex 'printf "SPINS %ld\n", ds_spins' \
    -ex 'set var ds_spin = 0' \
    -ex 'break square' \
    -ex 'continue' \
    -ex 'bt' \
    -ex 'print x' \
    -ex 'up' \
    -ex 'printf "LOCALS total=%ld i=%d n=%d\n", total, i, n' \
    -ex 'down' \
    -ex 'printf "GLOBAL ds_counter=%d\n", ds_counter' \
    -ex 'next' \
    -ex 'printf "AFTER-NEXT y=%d\n", y' \
    -ex 'delete' \
    -ex 'step' \
    -ex 'step' \
    -ex 'printf "AFTER-STEP total=%ld\n", total' \
    -ex 'printf "PC-BEFORE-STEPI %lx\n", $pc' \
    -ex 'stepi' \
    -ex 'printf "PC-AFTER-STEPI %lx\n", $pc' \
    -ex 'info registers rip' \
    -ex 'x/2i $pc' \
    -ex 'watch ds_counter' \
    -ex 'continue' \
    -ex 'continue' \
    -ex 'delete' \
    -ex "break $file:$main_print" \
    -ex 'continue' \
    -ex 'printf "RESULT ds_result=%ld ds_counter=%d\n", ds_result, ds_counter' \
    -ex 'continue' \
    </dev/null >"$session" 2>&1
echo "# gdb exit status $?, session in $session"

check stopped_at_entry_thread_listed '^\* 1 +Thread 1 .*dbgtarget'
check interrupt_stops_the_running_target '^Program received signal SIGINT, Interrupt\.' \
    "^main \(bootinfo=0x0\) at .*$file:($spin|$spin_body)" '^SPINS [1-9][0-9]*$'
check break_on_function "^Breakpoint 1, square \(x=1\) at .*$file:$body"
check backtrace_with_source_lines "^#0 +square \(x=1\) at .*$file:$body" \
    "^#1 +0x[0-9a-f]+ in sum_squares \(n=5\) at .*$file:$call" \
    "^#2 +0x[0-9a-f]+ in main \(bootinfo=0x0\) at .*$file:$main_call"
check print_argument_local_and_global '^\$1 = 1$' '^LOCALS total=0 i=1 n=5$' \
    '^GLOBAL ds_counter=0$'
check next_goes_to_the_next_line "^$ret\s+return y;" '^AFTER-NEXT y=1$'
check step_returns_to_the_caller "^sum_squares \(n=5\) at .*$file:$store" "^$store\s+ds_counter = i;" \
    '^AFTER-STEP total=1$'
before=$(sed -n 's/^PC-BEFORE-STEPI //p' "$session")
after=$(sed -n 's/^PC-AFTER-STEPI //p' "$session")
result "$([[ -n $before && -n $after && $before != "$after" ]]; echo $?)" stepi_moves_one_instruction \
    "pc before $before, after $after"
check info_registers_rip '^rip +0x[0-9a-f]+ +0x[0-9a-f]+ <sum_squares\+[0-9]+>'
check hardware_watchpoint_on_global '^Hardware watchpoint 2: ds_counter' \
    '^Old value = 0$' '^New value = 1$' '^Old value = 1$' '^New value = 2$'
check break_on_source_line "^Breakpoint 3, main \(bootinfo=0x0\) at .*$file:$main_print"
check global_has_the_computed_value '^RESULT ds_result=55 ds_counter=5$'
check continue_to_exit_with_the_code '^\[Inferior 1 \(Remote target\) exited with code 067\]'

if grep -qaE '^(PANIC|KERNEL EXCEPTION|fault: )' "$console"; then
    echo "# --- console ---"
    sed 's/^/# /' "$console" | tail -40
fi
