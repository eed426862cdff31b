#!/usr/bin/env bash
# hdb-kernel-test.sh HDB KERNEL.elf ROOT.elf
#
# hdb against the kernel's own GDB stub on COM2, under QEMU TCG, with
# stock gdb as the oracle on the same boot: hdb attaches to the running
# kernel (--kernel/--serial), lists tasks and the root task's CSpace,
# stops at a kernel breakpoint, unwinds with kernel.elf's CFI and
# detaches; the kernel must run on. Then gdb attaches to the same QEMU
# (the stub allows reattach) and must print the same tasks, capabilities,
# breakpoint line and backtrace. Prints TAP.
set -uo pipefail

hdb=$1 kernel=$2 root=$3
out=${BUILD:-build}/test/hdb-kernel
rm -rf "$out"
mkdir -p "$out"
qpid=

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stop_qemu() {
    [[ -n $qpid ]] && kill -9 "$qpid" 2>/dev/null && wait "$qpid" 2>/dev/null
    qpid=
}
trap stop_qemu EXIT

port=$(free_port)
serial=$out/serial.log
qemu-system-x86_64 -accel tcg -cpu max -m 128M -display none -no-reboot -monitor none \
    -nodefaults -serial "file:$serial" -serial "tcp:127.0.0.1:$port,server=on,wait=off,nodelay=on" \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" -initrd "$root" \
    -append "" </dev/null >"$out/qemu.log" 2>&1 &
qpid=$!
for _ in $(seq 300); do
    [[ $(grep -ac '^worker: ' "$serial" 2>/dev/null) -ge 2 ]] && break
    sleep 0.1
done

n=0
result() { # NAME OK(0/1) [why]
    n=$((n + 1))
    if [[ $2 -eq 0 ]]; then
        echo "ok $n - hdb-kernel.$1"
    else
        echo "not ok $n - hdb-kernel.$1"
        [[ -n ${3:-} ]] && echo "# $3"
    fi
}
check() { # NAME FILE REGEX... (all must match)
    local name=$1 f=$2 ok=0
    shift 2
    for re in "$@"; do
        grep -qaE -- "$re" "$f" || { ok=1; echo "# $name: no line matches /$re/ in $f"; }
    done
    result "$name" $ok
}
same() { # NAME WANT GOT
    if [[ -n $2 && "$2" == "$3" ]]; then
        result "$1" 0
    else
        result "$1" 1
        echo "# want (gdb):"; printf '%s\n' "$2" | sed 's/^/#   /'
        echo "# got (hdb):"; printf '%s\n' "$3" | sed 's/^/#   /'
    fi
}

# ---- hdb ---------------------------------------------------------------------
h=$out/hdb.out
timeout 120 "$hdb" --kernel "$kernel" --serial "tcp:127.0.0.1:$port" -batch \
    -ex 'info threads' -ex 'info tasks' -ex 'echo ==CAPS\n' -ex 'info caps 1' -ex 'echo ==END\n' \
    -ex 'info objects' -ex 'info memory' -ex 'info cpu' -ex 'info faults' \
    -ex 'monitor cpu' -ex 'thread 3' -ex 'info registers rip' \
    -ex 'break sched_tick' -ex 'continue' -ex 'echo ==BT\n' -ex 'bt' -ex 'echo ==END\n' \
    -ex 'delete' -ex 'break printf' -ex 'continue' -ex 'echo ==UBT\n' -ex 'bt' -ex 'echo ==END\n' \
    -ex 'echo ==THREADS\n' -ex 'info threads' -ex 'echo ==END\n' -ex 'delete' \
    -ex 'detach' </dev/null >"$h" 2>&1
hstatus=$?
lines_at_detach=$(grep -ac '^worker: ' "$serial")
sleep 2
lines_later=$(grep -ac '^worker: ' "$serial")

# ---- hdb again: follow capabilities to their objects ---------------------------
# The waiter's endpoint, by the id `info tasks` gave; the root task's own
# Task capability (slot 1), through its slot.
ep=$(sed -nE 's/^[0-9]+ +waiter +blocked +receive (0x[0-9a-f]+) .*/\1/p' "$h" | head -1)
o=$out/hdb-objects.out
timeout 60 "$hdb" --kernel "$kernel" --serial "tcp:127.0.0.1:$port" -batch \
    -ex "info object ${ep:-0x0}" -ex 'info cap 1 1' -ex 'info cap 1 9999' -ex 'info object 0x1' \
    -ex 'echo ==TASKS\n' -ex 'info tasks' -ex 'detach' </dev/null >"$o" 2>&1

# ---- hdb again: continue, then Ctrl-C (the interrupt byte) ---------------------
i=$out/hdb-interrupt.out
timeout 60 "$hdb" --kernel "$kernel" --serial "tcp:127.0.0.1:$port" -batch -ex 'continue' \
    -ex 'info threads' -ex 'detach' </dev/null >"$i" 2>&1 &
hpid=$!
for _ in $(seq 150); do
    grep -q '^Remote debugging using' "$i" && break
    sleep 0.1
done
sleep 1.5
kill -INT "$(pgrep -P "$hpid" || echo "$hpid")" 2>/dev/null
wait "$hpid"

# ---- hdb --tui in tmux: the tasks and caps panes --------------------------------
sock=hdb-kernel-$$
tm() { tmux -L "$sock" "$@"; }
screen() { tm capture-pane -p -t hk; }
wait_for() { # REGEX: until the screen shows it and has settled (30 s: a loaded machine is slow)
    local a b
    for _ in $(seq 300); do
        a=$(screen)
        if grep -qaE -- "$1" <<<"$a"; then
            sleep 0.1
            b=$(screen)
            [[ $a == "$b" ]] && return 0  # not in the middle of a redraw
            continue
        fi
        sleep 0.1
    done
    return 1
}
tui=$out/tui
tm new-session -d -s hk -x 120 -y 40 \
    "$hdb --tui --kernel $kernel --serial tcp:127.0.0.1:$port; echo HDB-EXITED; sleep 30" 2>/dev/null
wait_for "caps of task" && wait_for "waiter"
screen >"$tui.attach"
tm send-keys -t hk 'thread 4' Enter
wait_for "caps of task 3"
screen >"$tui.thread4"
# Tab to the tasks pane, up to root (task 1), Enter: thread 2 is selected.
tm send-keys -t hk Tab
wait_for "TASKS: j/k move"
tm send-keys -t hk k k k Enter
wait_for "remote kernel, thread 2 "
screen >"$tui.select"
# Tab to the caps pane, Enter on its first row (slot 1): the object it names.
tm send-keys -t hk Tab
wait_for "CAPS: j/k move"
tm send-keys -t hk Enter
wait_for "task 1 slot 1 names"
screen >"$tui.follow"
tm send-keys -t hk Escape
tm resize-window -t hk -x 80 -y 24 2>/dev/null
# The redraw refreshes the tasks and caps panes through the kernel's stub first (more than
# half a second under TCG): the console's prompt shows only once it is done.
wait_for '\(hdb\)'
screen >"$tui.80x24"
tm send-keys -t hk 'quit' Enter
wait_for HDB-EXITED # hdb detaches on quit: the kernel must be free for gdb
tm kill-server 2>/dev/null

# ---- gdb on the same boot ------------------------------------------------------
g=$out/gdb.out
timeout 120 gdb -batch -nx -q "$kernel" -ex 'set pagination off' -ex 'set confirm off' -ex 'set remotetimeout 20' \
    -ex "target remote 127.0.0.1:$port" -ex 'monitor tasks' -ex 'echo ==CAPS\n' \
    -ex 'monitor caps 1' -ex 'echo ==END\n' -ex 'break sched_tick' -ex 'continue' \
    -ex 'echo ==BT\n' -ex 'bt' -ex 'echo ==END\n' -ex 'delete' \
    -ex "add-symbol-file $root" -ex 'break printf' \
    -ex 'continue' -ex 'echo ==UBT\n' -ex 'thread' -ex 'bt' -ex 'echo ==END\n' \
    -ex 'continue' -ex 'echo ==UBT\n' -ex 'thread' -ex 'bt' -ex 'echo ==END\n' \
    -ex 'continue' -ex 'echo ==UBT\n' -ex 'thread' -ex 'bt' -ex 'echo ==END\n' \
    -ex 'delete' -ex 'detach' </dev/null >"$g" 2>&1
stop_qemu

# ---- a serial device: COM2 on a pseudo-terminal ---------------------------------
p=$out/hdb-pty.out
qemu-system-x86_64 -accel tcg -cpu max -m 128M -display none -no-reboot -monitor none \
    -nodefaults -serial "file:$out/serial-pty.log" -serial pty \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" -initrd "$root" \
    -append "" </dev/null >"$out/qemu-pty.log" 2>&1 &
qpid=$!
pty=
for _ in $(seq 300); do
    pty=$(sed -nE 's|.*char device redirected to (/dev/pts/[0-9]+).*|\1|p' "$out/qemu-pty.log")
    [[ -n $pty ]] && grep -aq '^worker: ' "$out/serial-pty.log" 2>/dev/null && break
    sleep 0.1
done
timeout 60 "$hdb" --kernel "$kernel" --serial "${pty:-/dev/null}" -batch -ex 'info threads' \
    -ex 'detach' </dev/null >"$p" 2>&1
stop_qemu

result attach_and_detach_exit_status "$([[ $hstatus -eq 0 ]] && echo 0 || echo 1)" \
    "hdb exited with status $hstatus; see $h"
check threads_are_tasks "$h" '^\* ?[0-9]+ +Thread [0-9]+ \(' '^  1 +Thread 1 \(kernel, CPU 0' \
    'Thread 2 \(root, ' 'Thread 3 \(worker, ' 'Thread 4 \(waiter, blocked'
check info_tasks_columns "$h" '^id +name +state +blocked on +priority +rip$' \
    '^1 +root +runnable +100 +0x[0-9a-f]+' '^3 +waiter +blocked +receive 0x[0-9a-f]+ +100 +0x'
# A task's rip is named in the program it runs, as gdb names it there.
wrip=$(sed -nE 's/^3 +waiter +blocked +receive 0x[0-9a-f]+ +100 +(0x[0-9a-f]+) <.*/\1/p' "$h" | head -1)
wsym=$(sed -nE 's/^3 +waiter +blocked +receive 0x[0-9a-f]+ +100 +0x[0-9a-f]+ <(.*)>$/\1/p' "$h" | head -1)
same info_tasks_rip_symbol_in_task_program \
    "$(gdb -batch -nx "$root" -ex "info symbol ${wrip:-0}" 2>&1 | sed -nE 's/^([a-z_0-9]+) \+ ([0-9]+) in section .*/\1+\2/p')" \
    "$wsym"

# Tasks: id, name, state as the kernel's own `monitor tasks` prints them.
tasks_of() { awk '/^[0-9]+ +[a-z]/ && NF >= 4 { print $1, $2, $3 }' "$1"; }
want=$(sed -n '/^id  *name  *state/,/^[^0-9i]/p' "$g" | tasks_of /dev/stdin)
got=$(sed -n '/^id  *name  *state/,/^[^0-9i]/p' "$h" | tasks_of /dev/stdin)
for t in root worker waiter; do
    grep -q " $t " <<<"$want" || want="(monitor tasks has no $t) $want"
done
same info_tasks_matches_monitor_tasks "$want" "$got"

# Capabilities of task 1: the same rows (without gdb's task column), blanks squeezed.
want=$(sed -n '/^==CAPS/,/^==END/p' "$g" | grep -aE '^1 +[0-9]+ +[A-Za-z]' | sed -E 's/^1 +//; s/ +/ /g; s/ $//')
got=$(sed -n '/^==CAPS/,/^==END/p' "$h" | grep -aE '^[0-9]+ +[A-Za-z]' | sed -E 's/ +/ /g; s/ $//')
same info_caps_matches_monitor_caps "$want" "$got"
check info_objects_memory_cpu "$h" '^type +object +caps +detail' '^Task +0x[0-9a-f]+ +1 +task 1 .root.' \
    '^where +base +size +free +objects' '^cpu +priority +tasks' '^0 +100 +(running|ready):'
check monitor_passes_through "$h" "^cpu 0: current task [0-9]+ '[a-z]+', stopped in"
check thread_switches_registers "$h" '^\[Switching to thread 3 \(Thread 3\)\]' '^rip +0x[0-9a-f]+ +0x[0-9a-f]+'

# The breakpoint: hdb stops where gdb says the breakpoint is.
gline=$(sed -nE 's/^Breakpoint 1 at 0x[0-9a-f]+: file ([^,]+), line ([0-9]+)\.$/\1:\2/p' "$g")
check breakpoint_hit_at_kernel_function "$h" \
    "^Breakpoint 1 at 0x[0-9a-f]+: file ${gline%:*}, line ${gline#*:}\.$" \
    "hit Breakpoint 1, sched_tick \(\) at ${gline:-none}$"

# Backtraces: function names and lines, frame by frame, as gdb unwinds them.
frames() { # file [MARK]: "#N func line" from a bt between ==MARK (BT) and ==END
    # gdb goes one frame past the user-mode entry stub, to a pc of 0: not a frame.
    sed -n "/^==${2:-BT}\$/,/^==END/p" "$1" | grep -aE '^#[0-9]+' | grep -avE '^#[0-9]+ +0x0+ in \?\? \(\)$' |
        sed -E 's/^(#[0-9]+) +(0x[0-9a-f]+ in )?([^ ]+) .* at ([^ ]+)$/\1 \3 \4/; s/^(#[0-9]+) +(0x[0-9a-f]+ in )?([^ ]+) .*/\1 \3/'
}
same bt_matches_gdb "$(frames "$g")" "$(frames "$h")"

# A user task's code: hdb found root.elf among the build tree's user
# programs by the build-id in the task's memory (bench.elf and dbgtarget.elf
# sit at the same addresses and come first), and stops where gdb given
# root.elf by hand stops, with the source line the file has there.
uline=$(sed -nE 's/^Breakpoint 2 at 0x[0-9a-f]+: file ([^,]+), line ([0-9]+)\.$/\1:\2/p' "$g")
ufile=${uline%:*} unum=${uline#*:}
check user_breakpoint_where_gdb_puts_it "$h" \
    "^Breakpoint 2 at 0x[0-9a-f]+: file ${ufile:-none}, line ${unum:-0}\.$" \
    "hit Breakpoint 2, printf \(.*\) at ${uline:-none}$"
src=$(sed -n "${unum:-0}p" "${ufile:-/dev/null}" 2>/dev/null)
same user_breakpoint_shows_source "${unum:-?}	$src" \
    "$(grep -aA1 'hit Breakpoint 2, ' "$h" | sed -n 2p)"
# Root and worker both print: gdb stops three times, and its stop in the
# thread that hdb stopped in is the one to compare.
hthread=$(sed -nE 's/^Thread ([0-9]+) .*hit Breakpoint 2, .*/\1/p' "$h" | head -1)
awk -v t="${hthread:-none}" '/^==UBT$/ { b = $0 "\n"; inb = 1; next }
    /^==END/ && inb { if (b ~ ("Current thread is " t " ")) { printf "%s==END\n", b; exit } inb = 0 }
    inb { b = b $0 "\n" }' "$g" >"$out/gdb-ubt.out"
same user_bt_matches_gdb "$(frames "$out/gdb-ubt.out" UBT)" "$(frames "$h" UBT)"
# The waiter blocks in wait_forever, inside the call of hl_ipc_syscall inlined
# there: frame 0 is that call, as gdb shows it.
check tasks_matched_to_their_program "$h" \
    '^  1 +Thread 1 \(kernel, CPU 0\) [a-z_]+ \(.*\) at kernel/' \
    '^  [0-9]+ +Thread [0-9]+ \(waiter, blocked, priority 100, in kernel: receive 0x[0-9a-f]+\) hl_ipc_syscall \(.*\) at userland/include/hl/ipc.h:'

# Following capabilities: the endpoint's waiter is the task `info tasks`
# shows blocked on it; the Task cap in root's slot 1 names task 1.
check info_object_endpoint_waiters "$o" "^object ${ep:-none}: Endpoint, 1 receivers waiting$" \
    '^3 +waiter +receive +0$' "^1 +[0-9]+ +0x[0-9a-f]+ +0 +slot [0-9]+ +1 receivers waiting$"
check info_cap_follows_slot "$o" '^task 1 slot 1 names:$' "^object 0x[0-9a-f]+: Task, task 1 'root'$" \
    "^task 1 'root': [a-z]+, priority 100 \(mcp 255\), rip 0x[0-9a-f]+" '^  CSpace: CSpace 0x[0-9a-f]+$' \
    '^task 1 has no capability in slot 9999$' '^no object 0x1 in any task.s CSpace$'
check detach_message "$h" '^\[Inferior 1 \(Remote target\) detached\]$'
result kernel_runs_on_after_detach "$([[ $lines_later -gt $lines_at_detach ]] && echo 0 || echo 1)" \
    "worker lines: $lines_at_detach at detach, $lines_later 2 s later"
check interrupt_running_kernel "$i" 'received signal SIGINT, Interrupt\.' \
    '^\[Inferior 1 \(Remote target\) detached\]$'
check tui_tasks_pane "$tui.attach" '. tasks ' '^│?.*1 +root +runnable' '2 +worker +runnable' \
    '3 +waiter +blocked +receive'
check tui_caps_pane "$tui.attach" "caps of task [0-9]+ " "Task +task [0-9]+ '(root|worker)'" \
    '2 +CSpace +4096 slots' 'remote kernel, thread [0-9]+'
check tui_thread_selects_cspace "$tui.thread4" 'caps of task 3 ' 'remote kernel, thread 4'
check tui_80x24_keeps_panes "$tui.80x24" '. tasks ' 'caps of task 1 ' '\(hdb\)'
check tui_tasks_pane_selects_task "$tui.select" 'remote kernel, thread 2 ' '^\(hdb\) thread 2$' \
    'caps of task 1 '
check tui_caps_pane_follows_cap "$tui.follow" '^\(hdb\) info cap 1 1$' \
    "^object 0x[0-9a-f]+: Task, task 1 'root'"
check attach_through_a_pty "$p" "^Remote debugging using /dev/pts/[0-9]+$" 'Thread 2 \(root, ' \
    'hl_ipc_syscall \(.*\) at userland/' '^\[Inferior 1 \(Remote target\) detached\]$'
check gdb_reattaches_after_hdb "$g" '^\[Inferior 1 \(Remote target\) detached\]$'
echo "# logs: $out"
