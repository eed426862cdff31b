#!/usr/bin/env bash
# gdb-kernel-test.sh KERNEL.elf ROOT.elf
#
# `make test-gdb`: stock gdb against the kernel's own GDB stub on COM2,
# under QEMU TCG, the way a person uses it. Four sessions:
#   1. boot stopped (gdb=wait): backtrace, threads, a breakpoint in kernel
#      text, a hardware watchpoint on a kernel variable, stepi/step, DWARF
#      typed prints, a breakpoint on the syscall path, info os, monitor;
#   2. attach to a running kernel: tasks as threads, a task's registers and
#      memory read through its VSpace (checked against the ELF file);
#      detach, and the kernel runs on;
#   3. reattach and interrupt with Ctrl-C;
#   4. the oracle: QEMU's own gdbstub at the same breakpoint must show the
#      same rip, rsp and rbp as ours.
# Prints TAP.
set -uo pipefail

kernel=$1 root=$2
out=${BUILD:-build}/test/gdb-kernel
rm -rf "$out"
mkdir -p "$out"
qpid=

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_qemu NAME CMDLINE [extra QEMU args]: COM2 on a TCP socket at $port
start_qemu() {
    local name=$1 cmdline=$2
    shift 2
    port=$(free_port)
    serial=$out/$name.serial
    qemu-system-x86_64 -accel tcg -cpu max -m 128M -display none -no-reboot -monitor none \
        -nodefaults -serial "file:$serial" -serial "tcp:127.0.0.1:$port,server=on,wait=off,nodelay=on" \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" -initrd "$root" \
        -append "$cmdline" "$@" </dev/null >"$out/$name.qemu" 2>&1 &
    qpid=$!
    for _ in $(seq 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.1
    done
    # The probe above connected and left; QEMU accepts the next client.
}

stop_qemu() {
    [[ -n $qpid ]] && kill -9 "$qpid" 2>/dev/null && wait "$qpid" 2>/dev/null
    qpid=
}
trap stop_qemu EXIT

run_gdb() { # OUTFILE COMMAND...
    local f=$1
    shift
    local args=()
    for c in "$@"; do args+=(-ex "$c"); done
    timeout 120 gdb -batch -nx -q "$kernel" -ex "set pagination off" -ex "set confirm off" \
        "${args[@]}" </dev/null >"$f" 2>&1
}

n=0
check() { # NAME FILE REGEX... (all must match)
    local name=$1 f=$2 ok=0
    shift 2
    for re in "$@"; do
        grep -qaE -- "$re" "$f" || { ok=1; echo "# $name: no line matches /$re/ in $f"; }
    done
    n=$((n + 1))
    if [[ $ok -eq 0 ]]; then echo "ok $n - gdb.$name"; else echo "not ok $n - gdb.$name"; fi
}
check_true() { # NAME CONDITION-DESCRIPTION COMMAND...
    local name=$1
    shift
    n=$((n + 1))
    if "$@"; then echo "ok $n - gdb.$name"; else echo "not ok $n - gdb.$name"; fi
}

# ---- session 1: stopped at boot -------------------------------------------
s1=$out/session1.gdb
start_qemu s1 "gdb=wait"
run_gdb "$s1" "target remote 127.0.0.1:$port" \
    'bt' \
    'info threads' \
    'break root_task_start' \
    'continue' \
    'printf "AT-BREAK rip=%lx rsp=%lx rbp=%lx\n", $rip, $rsp, $rbp' \
    'bt 2' \
    'p bootinfo.nregions' \
    'p bootinfo.modules[0].name' \
    'ptype struct boot_region' \
    'delete' \
    'watch timer_ticks' \
    'continue' \
    'delete' \
    'printf "PC-BEFORE-STEPI %lx\n", $pc' \
    'stepi' \
    'printf "PC-AFTER-STEPI %lx\n", $pc' \
    'hbreak sched_tick' \
    'continue' \
    'next' \
    'next' \
    'delete' \
    'x/2gx 0x8000000000000000' \
    'x/2gx 0x10' \
    'break syscall_dispatch' \
    'continue' \
    'continue' \
    'p cpu0.current->name' \
    'p/x cpu0.current->frame.rip' \
    'info threads' \
    'info os tasks' \
    'info os caps' \
    'monitor caps 1' \
    'monitor tasks' \
    'monitor objects' \
    'monitor memory' \
    'monitor cpu' \
    'monitor help' \
    'info os memory' \
    'delete' \
    'detach'
stop_qemu

check stopped_at_boot_in_kgdb_init "$s1" '^#0 .* in kgdb_init \(' '^#1 .* in kmain \(.*\) at kernel/core/main.c:[0-9]+'
check kernel_thread_listed "$s1" '^\* 1 +Thread 1 \(kernel, CPU 0 \(stopped here\)\)'
check break_on_kernel_function "$s1" \
    '^Breakpoint 1, root_task_start \(bi=.*\) at kernel/core/root_task.c:[0-9]+' \
    '^#1 .* in kmain \('
check print_kernel_data_with_dwarf_types "$s1" '^\$1 = 7$' '^\$2 = "root", ' \
    '^type = struct boot_region \{' '^ +paddr_t base;' '^ +uint32_t type;'
check hardware_watchpoint_on_kernel_variable "$s1" \
    '^Hardware watchpoint 2: timer_ticks' '^Old value = [0-9]+' '^New value = [0-9]+' \
    'timer_tick \(\) at kernel/core/timer.c'
before=$(sed -n 's/^PC-BEFORE-STEPI //p' "$s1")
after=$(sed -n 's/^PC-AFTER-STEPI //p' "$s1")
check_true stepi_moves_one_instruction \
    test -n "$before" -a -n "$after" -a "$before" != "$after"
check hardware_breakpoint_and_next "$s1" \
    '^Hardware assisted breakpoint 3 at 0x[0-9a-f]+: file kernel/core/sched.c' \
    '^(Thread 1 hit )?Breakpoint 3, sched_tick \(\) at kernel/core/sched.c:[0-9]+' \
    '^[0-9]+\s+if \(t && t->slice > 0'
check bad_addresses_fail_cleanly "$s1" 'Cannot access memory at address 0x8000000000000000' \
    'Cannot access memory at address 0x10'
n_hits=$(grep -acE '^(Thread 1 hit )?Breakpoint 4, syscall_dispatch' "$s1")
check_true continue_steps_over_inserted_breakpoint test "$n_hits" -eq 2
check break_on_syscall_path "$s1" \
    '^(Thread 1 hit )?Breakpoint 4, syscall_dispatch \(\) at kernel/core/syscall.c:[0-9]+' \
    '^\$3 = "root", '
rip=$(sed -n 's/^\$4 = 0x//p' "$s1")
check_true task_rip_is_user_address test -n "$rip" -a "$((16#${rip:-0}))" -lt $((16#800000000000))
check tasks_are_threads "$s1" 'Thread 2 \(root, runnable, priority 100\)'
check info_os_tasks "$s1" '^id +name +state +blocked on +priority +rip' '^1 +root +runnable +100 +0x'
check info_os_caps "$s1" '^1 +1 +Task +0xffff +0 +0x[0-9a-f]+ +- +task 1 .root.' \
    '^1 +[0-9]+ +Memory +0xffff +0 +0x[0-9a-f]+ +- +base 0x[0-9a-f]+ size 0x[0-9a-f]+ free'
check monitor_caps "$s1" "^CSpace of task 1 'root' \(4096 slots\):" \
    '^1 +2 +CSpace .*4096 slots' '^1 +4 +IOControl' '^1 +[0-9]+ +Memory .* base 0x[0-9a-f]+ size'
check monitor_tasks "$s1" '^1 +root +runnable'
check monitor_memory "$s1" '^where +base +size +free +objects' \
    '^0:[0-9]+ +0x[0-9a-f]+ +0x[0-9a-f]+ +0x[0-9a-f]+ +[0-9]+'
check monitor_cpu "$s1" "^cpu 0: current task 1 'root', stopped in the kernel" \
    '^0 +100 +running: 1'
check monitor_help_whole "$s1" '^Helios kernel stub commands:$' \
    '^The same tables: info os tasks\|caps\|objects\|memory\|cpu\|faults$'
check info_os_memory "$s1" '^where +base +size +free +objects'
check monitor_objects "$s1" '^type +object +caps +detail' '^Task +0x[0-9a-f]+ +[0-9]+ +task 1 .root.' \
    '^Memory +0x[0-9a-f]+ +1 +base 0x' '^[0-9]+ objects in 1 CSpaces'
check detach "$s1" '^\[Inferior 1 \(Remote target\) detached\]$'

# ---- session 2: attach to a running kernel ---------------------------------
s2=$out/session2.gdb
start_qemu s2 ""
for _ in $(seq 100); do
    [[ $(grep -ac '^worker: ' "$out/s2.serial" 2>/dev/null) -ge 2 ]] && break
    sleep 0.1
done
run_gdb "$s2" "target remote 127.0.0.1:$port" \
    'info threads' \
    'thread 3' \
    'printf "T3 pc=%lx sp=%lx\n", $pc, $sp' \
    'x/16xb $pc' \
    'break *$pc' \
    'continue' \
    'printf "HIT pc=%lx\n", $pc' \
    'info threads' \
    'delete' \
    'thread 4' \
    'printf "WAITER rip=%lx rsp=%lx\n", $rip, $rsp' \
    'x/2xb $rip - 2' \
    'info os tasks' \
    'thread 1' \
    'bt 3' \
    'detach'
lines_at_detach=$(grep -ac '^worker: ' "$out/s2.serial")
sleep 2
lines_later=$(grep -ac '^worker: ' "$out/s2.serial")
check attach_running_kernel_lists_tasks "$s2" 'Thread 2 \(root, ' 'Thread 3 \(worker, '
check switch_to_task_thread "$s2" '^\[Switching to thread 3 \(Thread 3\)\]'
# The task's code read through its VSpace must be the bytes of root.elf at
# that address.
t3pc=$(sed -n 's/^T3 pc=//; s/ sp=.*//p' "$s2")
got=$(grep -aE '^0x[0-9a-f]+:' "$s2" | head -2 | sed 's/^[^:]*://' | tr -s ' \t' ' ' |
      tr -d '\n' | sed 's/0x//g; s/^ //')
want=$(python3 - "$root" "${t3pc:-0}" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
pc = int(sys.argv[2], 16)
phoff, = struct.unpack_from('<Q', data, 32)
phnum, = struct.unpack_from('<H', data, 56)
for i in range(phnum):
    t, fl, off, va, pa, fsz, msz, al = struct.unpack_from('<IIQQQQQQ', data, phoff + 56 * i)
    if t == 1 and va <= pc < va + fsz:
        print(' '.join('%02x' % b for b in data[off + pc - va: off + pc - va + 16]))
PY
)
check_true task_memory_matches_elf_file test -n "$want" -a "$got" = "$want"
[[ "$got" = "$want" ]] || echo "# read: '$got'; root.elf: '$want'"
check_true kernel_runs_on_after_detach test "$lines_later" -gt "$lines_at_detach"
check blocked_task_listed "$s2" \
    'Thread 4 \(waiter, blocked, priority 100, in kernel: receive 0x[0-9a-f]+\)' \
    '^[0-9]+ +waiter +blocked +receive 0x[0-9a-f]+ +100 +0x'
# The thread's kernel part names the endpoint `monitor tasks` shows it waiting on.
kwait=$(sed -n 's/.*Thread 4 (waiter, blocked, priority 100, in kernel: receive \(0x[0-9a-f]*\)).*/\1/p' "$s2" | head -1)
mwait=$(sed -nE 's/^[0-9]+ +waiter +blocked +receive (0x[0-9a-f]+) .*/\1/p' "$s2" | head -1)
check_true blocked_thread_names_its_endpoint test -n "$kwait" -a "$kwait" = "$mwait"
# A task blocked in recv was stopped by its syscall: its rip is just past
# the syscall instruction (0f 05), read through its own VSpace.
wrip=$(sed -n 's/^WAITER rip=//; s/ rsp=.*//p' "$s2")
check_true blocked_task_has_real_registers test -n "$wrip" -a "$((16#${wrip:-0}))" -gt 0
check blocked_task_memory_shows_syscall "$s2" $'^0x[0-9a-f]+( <[^>]*>)?:\t0x0f\t0x05$'
hit=$(sed -n 's/^HIT pc=//p' "$s2")
check_true breakpoint_in_task_code test -n "$hit" -a "$hit" = "${t3pc:-x}"
# root and worker run the same code in one VSpace: either may hit it first.
check task_stopped_at_its_breakpoint "$s2" \
    '^Thread [23] hit Breakpoint 1, 0x0*'"${t3pc:-x}"' in \?\? \(\)' \
    '^\* [23] +Thread [23] \((root|worker), runnable, priority 100\) +0x0*'"${t3pc:-x}"' in'
stop_qemu

# ---- session 3: reattach, Ctrl-C ------------------------------------------
s3=$out/session3.gdb
start_qemu s3 ""
sleep 1
set -m
timeout 60 gdb -batch -nx -q "$kernel" -ex "target remote 127.0.0.1:$port" -ex 'detach' \
    -ex "target remote 127.0.0.1:$port" -ex 'continue' -ex 'info threads' -ex 'detach' \
    </dev/null >"$s3" 2>&1 &
gpid=$!
set +m
for _ in $(seq 50); do
    [[ $(grep -c 'detached' "$s3") -ge 1 ]] && break
    sleep 0.1
done
sleep 1.5
# Signal gdb itself: timeout(1) would pass a SIGINT on to its whole process
# group as well, and a second Ctrl-C makes gdb give up on the target.
gdbpid=$(pgrep -P "$gpid" -x gdb || echo "$gpid")
kill -INT "$gdbpid" 2>/dev/null
wait "$gpid"
check reattach "$s3" '^\[Inferior 1 \(Remote target\) detached\]$'
check interrupt_running_kernel "$s3" 'received signal SIGINT, Interrupt\.' 'Thread 2 \(root, '
stop_qemu

# ---- session 4: QEMU's own gdbstub as the oracle ---------------------------
s4=$out/session4.gdb
qport=$(free_port)
qemu-system-x86_64 -accel tcg -cpu max -m 128M -display none -no-reboot -monitor none \
    -nodefaults -serial "file:$out/s4.serial" -gdb "tcp:127.0.0.1:$qport" -S \
    -kernel "$kernel" -initrd "$root" -append "" </dev/null >/dev/null 2>&1 &
qpid=$!
sleep 0.5
run_gdb "$s4" "target remote 127.0.0.1:$qport" 'hbreak root_task_start' 'continue' \
    'printf "AT-BREAK rip=%lx rsp=%lx rbp=%lx\n", $rip, $rsp, $rbp' 'kill'
stop_qemu
ours=$(grep -a '^AT-BREAK' "$s1")
oracle=$(grep -a '^AT-BREAK' "$s4")
check_true same_registers_as_qemu_gdbstub test -n "$ours" -a "$ours" = "$oracle"
[[ "$ours" = "$oracle" ]] || echo "# ours: '$ours'; QEMU's: '$oracle'"
echo "# logs: $out"
