/*
 * ptrace_proc.c: starting, attaching, stopping and resuming a process.
 *
 * Every thread is traced with PTRACE_SEIZE and PTRACE_O_TRACECLONE, so new
 * threads are traced from their first instruction and can be stopped with
 * PTRACE_INTERRUPT. The model is all-stop: when one thread reports an
 * event, wait() interrupts the others before returning; an event another
 * thread reports meanwhile is kept and returned by a later wait() (and
 * that thread is not resumed until then).
 *
 * launch() forks a child that blocks on a pipe until the parent has
 * seized it, then execs: the first stop is PTRACE_EVENT_EXEC, at the
 * dynamic loader's first instruction, before any program code ran.
 * Address-space randomisation is turned off in the child as gdb does, so
 * addresses are the same from run to run.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <hdb/error.h>
#include <hdb-linux/platform.h>
#include <hdb-linux/ptrace.h>

#include "ptrace_int.h"

/* TRACESYSGOOD: a system-call stop is SIGTRAP | 0x80, unlike a breakpoint's SIGTRAP. */
#define SEIZE_OPTIONS (PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD)

/* How a thread resumes to run: through system calls, or stopping at them for catch syscall. */
static enum __ptrace_request run_request(const struct ptrace_target *pt)
{
    return pt->catch_syscalls ? PTRACE_SYSCALL : PTRACE_CONT;
}

/*
 * A system-call stop: its number at the entry (kept for the return, whose
 * information has none) and which of the two it is. False for a return
 * whose entry the thread did not stop at (execve's, which returns into
 * the new program; one under way when catching started): not reported.
 */
static bool decode_syscall(struct pt_thread *th, struct hdb_stop *stop)
{
    struct __ptrace_syscall_info info;
    memset(&info, 0, sizeof(info));
    long n = ptrace(PTRACE_GET_SYSCALL_INFO, th->tid, (void *)sizeof(info), &info);
    stop->kind = HDB_STOP_SYSCALL;
    stop->tid = th->tid;
    stop->pc = n > 0 ? info.instruction_pointer : 0;
    if (n > 0 && info.op == PTRACE_SYSCALL_INFO_ENTRY) {
        th->sys_nr = (long)info.entry.nr;
        stop->syscall_return = 0;
    } else {
        stop->syscall_return = 1;
        if (th->sys_nr < 0)
            return false;
    }
    stop->syscall = th->sys_nr;
    if (stop->syscall_return)
        th->sys_nr = -1;
    return true;
}

struct pt_thread *pt_thread_find(struct ptrace_target *pt, pid_t tid)
{
    for (int i = 0; i < pt->nthreads; i++)
        if (pt->threads[i].tid == tid)
            return &pt->threads[i];
    return NULL;
}

struct pt_thread *pt_thread_add(struct ptrace_target *pt, pid_t tid)
{
    struct pt_thread *th = pt_thread_find(pt, tid);
    if (th)
        return th;
    if (pt->nthreads == pt->cap_threads) {
        int cap = pt->cap_threads ? pt->cap_threads * 2 : 8;
        struct pt_thread *n = realloc(pt->threads, (size_t)cap * sizeof(*n));
        if (!n)
            return NULL;
        pt->threads = n;
        pt->cap_threads = cap;
    }
    th = &pt->threads[pt->nthreads++];
    memset(th, 0, sizeof(*th));
    th->tid = tid;
    th->sys_nr = -1;
    th->serial = ++pt->next_serial;
    return th;
}

void pt_thread_remove(struct ptrace_target *pt, pid_t tid)
{
    for (int i = 0; i < pt->nthreads; i++) {
        if (pt->threads[i].tid == tid) {
            memmove(&pt->threads[i], &pt->threads[i + 1],
                    (size_t)(pt->nthreads - i - 1) * sizeof(pt->threads[0]));
            pt->nthreads--;
            return;
        }
    }
}

static void forget_process(struct ptrace_target *pt)
{
    pt_state_forget(pt);
    pt_mem_forget(pt);
    pt->next_serial = 0;
    memset(pt->watch, 0, sizeof(pt->watch));
    pt->pid = 0;
    pt->nthreads = 0;
    pt->nbps = 0;
    pt->attached = false;
    pt->end_pending = false;
}

static int pt_launch(struct hdb_target *t, const char *path, char *const argv[], int64_t *pidp)
{
    struct ptrace_target *pt = t->impl;
    int fds[2];
    if (pt->pid)
        return HDB_E_RUNNING;
    if (pipe2(fds, O_CLOEXEC) != 0)
        return HDB_E_TARGET;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return HDB_E_TARGET;
    }
    if (pid == 0) {
        char c;
        close(fds[1]);
        /* Wait until the parent has seized us, so exec is the first thing it sees. */
        if (read(fds[0], &c, 1) != 1)
            _exit(127);
        personality(ADDR_NO_RANDOMIZE);
        hdb_linux_prog_terminal_child();
        execv(path, argv);
        dprintf(2, "%s: %s\n", path, strerror(errno));
        _exit(127);
    }
    close(fds[0]);
    if (ptrace(PTRACE_SEIZE, pid, 0, (void *)(long)(SEIZE_OPTIONS | PTRACE_O_EXITKILL)) != 0) {
        close(fds[1]);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return HDB_E_TARGET;
    }
    char go = 1;
    ssize_t w = write(fds[1], &go, 1);
    close(fds[1]);
    if (w != 1) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, __WALL);
        return HDB_E_TARGET;
    }
    for (;;) {
        int status;
        if (waitpid(pid, &status, __WALL) < 0)
            return HDB_E_TARGET;
        if (WIFEXITED(status) || WIFSIGNALED(status))
            return HDB_E_TARGET; /* exec failed; the child said why on stderr */
        if (WIFSTOPPED(status) && (status >> 16) == PTRACE_EVENT_EXEC)
            break;
        /* Anything before exec (a stop signal) is none of the program's business. */
        ptrace(PTRACE_CONT, pid, 0, 0);
    }
    pt->pid = pid;
    pt->attached = false;
    pt->on_pty = hdb_linux_prog_master() >= 0;
    pt->nthreads = 0;
    struct pt_thread *first = pt_thread_add(pt, pid);
    if (!first)
        return HDB_E_NOMEM;
    first->at_exec = true;
    *pidp = pid;
    return 0;
}

/* Waits for an interrupted (or seized) thread to report its stop; keeps any other event. */
static int wait_stopped(struct ptrace_target *pt, struct pt_thread *th);

static int pt_attach(struct hdb_target *t, int64_t pid)
{
    struct ptrace_target *pt = t->impl;
    char dir[64];
    if (pt->pid)
        return HDB_E_RUNNING;
    snprintf(dir, sizeof(dir), "/proc/%lld/task", (long long)pid);
    DIR *d = opendir(dir);
    if (!d)
        return HDB_E_NOT_FOUND;
    pt->pid = (pid_t)pid;
    pt->attached = true;
    pt->on_pty = false;
    pt->nthreads = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        pid_t tid = (pid_t)atoi(e->d_name);
        if (tid <= 0)
            continue;
        if (ptrace(PTRACE_SEIZE, tid, 0, (void *)(long)SEIZE_OPTIONS) != 0) {
            rc = HDB_E_TARGET;
            break;
        }
        struct pt_thread *th = pt_thread_add(pt, tid);
        if (!th) {
            rc = HDB_E_NOMEM;
            break;
        }
        ptrace(PTRACE_INTERRUPT, tid, 0, 0);
        th->running = true;
    }
    closedir(d);
    if (rc == 0 && pt->nthreads == 0)
        rc = HDB_E_TARGET;
    for (int i = 0; i < pt->nthreads; i++)
        if (pt->threads[i].running)
            wait_stopped(pt, &pt->threads[i]);
    if (rc < 0) {
        for (int i = 0; i < pt->nthreads; i++)
            ptrace(PTRACE_DETACH, pt->threads[i].tid, 0, 0);
        forget_process(pt);
        return rc;
    }
    return 0;
}

static int pt_detach(struct hdb_target *t)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    while (pt->nbps > 0)
        pt_remove_bp(t, pt->bps[0].addr);
    for (int i = 0; i < pt->nthreads; i++) {
        struct pt_thread *th = &pt->threads[i];
        ptrace(PTRACE_DETACH, th->tid, 0, (void *)(long)th->deliver_sig);
    }
    forget_process(pt);
    return 0;
}

static int pt_kill(struct hdb_target *t)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    kill(pt->pid, SIGKILL);
    /* Reap every thread; the leader's status comes last. */
    for (;;) {
        int status;
        pid_t w = waitpid(-1, &status, __WALL);
        if (w < 0 || (w == pt->pid && (WIFEXITED(status) || WIFSIGNALED(status))))
            break;
    }
    forget_process(pt);
    return 0;
}

/* Decodes a SIGTRAP stop of th: a breakpoint hit, a finished step, or a plain signal. */
static void decode_trap(struct ptrace_target *pt, struct pt_thread *th, struct hdb_stop *stop)
{
    siginfo_t si;
    uint64_t pc = 0;
    memset(&si, 0, sizeof(si));
    ptrace(PTRACE_GETSIGINFO, th->tid, 0, &si);
    pt_get_pc(pt, th->tid, &pc);
    stop->tid = th->tid;
    stop->pc = pc;
    uint64_t waddr;
    /* An int3 traps with si_code SI_KERNEL and the pc just past it (SDM Vol. 2, INT3). */
    /* DR6 first: a watchpoint can fire during a single step, with the step's trap. */
    if (pt_watch_hit(pt, th->tid, &waddr)) {
        stop->kind = HDB_STOP_WATCH;
        stop->watch_addr = waddr;
    } else if ((si.si_code == SI_KERNEL || si.si_code == TRAP_BRKPT) && pc > 0 &&
               pt_bp_find(pt, pc - 1)) {
        pt_set_pc(pt, th->tid, pc - 1);
        stop->kind = HDB_STOP_BREAKPOINT;
        stop->pc = pc - 1;
    } else if (th->stepping) {
        stop->kind = HDB_STOP_STEP;
    } else {
        stop->kind = HDB_STOP_SIGNAL;
        stop->signal = HDB_SIGTRAP;
    }
}

/*
 * Handles one wait status of thread tid. Returns 1 with *stop filled when
 * the event is one to report, 0 when it was absorbed (the thread is
 * running again or gone), 2 when the process ended.
 */
static int handle_status(struct ptrace_target *pt, pid_t tid, int status, struct hdb_stop *stop)
{
    memset(stop, 0, sizeof(*stop));
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
        if (tid != pt->pid) {
            pt_thread_remove(pt, tid);
            return 0;
        }
        stop->tid = tid;
        if (WIFEXITED(status)) {
            stop->kind = HDB_STOP_EXITED;
            stop->exit_code = WEXITSTATUS(status);
        } else {
            stop->kind = HDB_STOP_KILLED;
            stop->signal = hdb_linux_to_gdb_signal(WTERMSIG(status));
        }
        return 2;
    }
    if (!WIFSTOPPED(status))
        return 0;
    struct pt_thread *th = pt_thread_find(pt, tid);
    if (!th) {
        /* A new thread whose first stop came before its parent's clone event. */
        th = pt_thread_add(pt, tid);
        if (!th)
            return 0;
    }
    th->running = false;
    th->regs_valid = false;
    int event = status >> 16, sig = WSTOPSIG(status);
    if (th->reinsert_bp) {
        struct pt_bp *bp = pt_bp_find(pt, th->reinsert_bp);
        if (bp)
            pt_bp_poke(pt, bp, true);
        th->reinsert_bp = 0;
    }
    if (event == PTRACE_EVENT_CLONE) {
        unsigned long newtid = 0;
        ptrace(PTRACE_GETEVENTMSG, tid, 0, &newtid);
        struct pt_thread *nt = pt_thread_find(pt, (pid_t)newtid);
        if (!nt) {
            nt = pt_thread_add(pt, (pid_t)newtid);
            if (nt)
                nt->running = true; /* its own first stop is still to come */
        }
        th = pt_thread_find(pt, tid);
        th->running = true;
        ptrace(run_request(pt), tid, 0, 0);
        return 0;
    }
    if (event == PTRACE_EVENT_EXEC) {
        /*
         * execve replaced the memory image, and with it every int3; the
         * other threads are gone and the exec'ing thread now has the
         * process id (ptrace(2), "execve(2) under ptrace").
         */
        pt->nbps = 0;
        pt_mem_forget(pt);                       /* its /proc/PID/mem names the old image */
        memset(pt->watch, 0, sizeof(pt->watch)); /* the kernel clears debug registers on exec too */
        uint32_t serial = pt_thread_find(pt, pt->pid) ? pt_thread_find(pt, pt->pid)->serial : 1;
        pt->nthreads = 0;
        th = pt_thread_add(pt, pt->pid);
        if (th) {
            th->running = false;
            th->serial = serial; /* the process keeps its thread 1 */
            th->at_exec = true;
        }
        stop->kind = HDB_STOP_EXEC;
        stop->tid = pt->pid;
        pt_get_pc(pt, pt->pid, &stop->pc);
        return 1;
    }
    if (event == PTRACE_EVENT_STOP) {
        /* Interrupts no one waits for any more, new threads' first stops, group-stops. */
        if (!th->watch_set) {
            /* A new thread starts with clear debug registers: give it the watchpoints. */
            pt_watch_apply(pt, tid);
            th->watch_set = true;
        }
        th->running = true;
        ptrace(run_request(pt), tid, 0, 0);
        return 0;
    }
    if (sig == (SIGTRAP | 0x80)) {
        if (!pt->catch_syscalls) {
            /* A stop from before catching was turned off: run on. */
            th->running = true;
            ptrace(PTRACE_CONT, tid, 0, 0);
            return 0;
        }
        if (!decode_syscall(th, stop)) {
            th->running = true;
            ptrace(PTRACE_SYSCALL, tid, 0, 0);
            return 0;
        }
        th->stepping = false;
        return 1;
    }
    if (sig == SIGTRAP) {
        decode_trap(pt, th, stop);
        th->stepping = false;
        return 1;
    }
    int gsig = hdb_linux_to_gdb_signal(sig);
    struct hdb_signal_policy pol = {1, 1};
    if (gsig > 0 && gsig < HDB_SIG_COUNT)
        pol = pt->policy[gsig];
    if (!pol.stop) {
        th->running = true;
        ptrace(th->stepping ? PTRACE_SINGLESTEP : run_request(pt), tid, 0,
               (void *)(long)(pol.pass ? sig : 0));
        return 0;
    }
    th->deliver_sig = pol.pass ? sig : 0;
    th->stepping = false;
    stop->kind = HDB_STOP_SIGNAL;
    stop->tid = tid;
    stop->signal = gsig;
    pt_get_pc(pt, tid, &stop->pc);
    return 1;
}

/*
 * The process ended while the target was stopping or stepping a thread
 * (a signal delivered on the step kills it): wait() reports the end.
 */
static void keep_end(struct ptrace_target *pt, const struct hdb_stop *end)
{
    pt->end = *end;
    pt->end_pending = true;
}

static int wait_stopped(struct ptrace_target *pt, struct pt_thread *th)
{
    pid_t tid = th->tid;
    for (;;) {
        int status;
        pid_t w = waitpid(tid, &status, __WALL);
        if (w < 0)
            return HDB_E_EXITED;
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            struct hdb_stop end;
            if (handle_status(pt, tid, status, &end) == 2)
                keep_end(pt, &end);
            return HDB_E_EXITED;
        }
        if (WIFSTOPPED(status) && (status >> 16) == PTRACE_EVENT_STOP) {
            th->running = false;
            th->regs_valid = false;
            return 0;
        }
        struct hdb_stop stop;
        int rc = handle_status(pt, tid, status, &stop);
        th = pt_thread_find(pt, tid);
        if (!th)
            return HDB_E_EXITED;
        if (rc == 1) {
            /* Stopped for a reason of its own: report it later; the interrupt comes on resume. */
            th->has_pending = true;
            th->pending = stop;
            return 0;
        }
    }
}

/* All-stop: interrupt every thread still running and wait until each is stopped. */
static void stop_all(struct ptrace_target *pt)
{
    for (int i = 0; i < pt->nthreads; i++)
        if (pt->threads[i].running)
            ptrace(PTRACE_INTERRUPT, pt->threads[i].tid, 0, 0);
    for (int i = 0; i < pt->nthreads; i++) {
        struct pt_thread *th = &pt->threads[i];
        if (th->running && wait_stopped(pt, th) == HDB_E_EXITED)
            i = -1; /* the table changed: rescan (stopped threads are skipped) */
    }
}

static int pt_wait(struct hdb_target *t, struct hdb_stop *stop)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    if (pt->end_pending) {
        pt->end_pending = false;
        *stop = pt->end;
        forget_process(pt);
        hdb_linux_prog_terminal_settle();
        return 0;
    }
    for (int i = 0; i < pt->nthreads; i++) {
        struct pt_thread *th = &pt->threads[i];
        if (!th->has_pending)
            continue;
        th->has_pending = false;
        /* A breakpoint removed since the hit is no reason to stop any more. */
        if (th->pending.kind == HDB_STOP_BREAKPOINT && !pt_bp_find(pt, th->pending.pc))
            continue;
        *stop = th->pending;
        stop_all(pt);
        return 0;
    }
    for (;;) {
        int status;
        hdb_linux_interrupt_waiting(pt->pid); /* Ctrl-C stops the program (interrupt.c) */
        /* A program on the TUI's pty: its output shows and keys go to it meanwhile. */
        pid_t tid = pt->on_pty ? hdb_linux_prog_wait(&status) : waitpid(-1, &status, __WALL);
        hdb_linux_interrupt_waiting(0);
        if (tid < 0) {
            if (errno == EINTR)
                continue;
            forget_process(pt);
            return HDB_E_EXITED;
        }
        int rc = handle_status(pt, tid, status, stop);
        if (rc == 2) {
            /* Reap what is left (other threads of an exit_group) before forgetting. */
            forget_process(pt);
            hdb_linux_prog_terminal_settle(); /* its last output, before its end is told */
            return 0;
        }
        if (rc == 1) {
            stop_all(pt);
            return 0;
        }
    }
}

/*
 * Runs th over the breakpoint under its pc, with every other thread stopped:
 * by emulating the instruction there when ptrace_emulate.c can, else by
 * lifting the int3 for one single step.
 */
static int step_over(struct ptrace_target *pt, struct pt_thread *th)
{
    uint64_t pc;
    if (pt_get_pc(pt, th->tid, &pc) < 0)
        return HDB_E_IO;
    struct pt_bp *bp = pt_bp_find(pt, pc);
    if (!bp)
        return 0;
    if (pt_emulate_over(pt, th, bp) == 0)
        return 0;
    pt_bp_poke(pt, bp, false);
    th->stepping = true;
    th->running = true;
    ptrace(PTRACE_SINGLESTEP, th->tid, 0, (void *)(long)th->deliver_sig);
    th->deliver_sig = 0;
    pid_t tid = th->tid;
    int status;
    if (waitpid(tid, &status, __WALL) < 0)
        return HDB_E_EXITED;
    bp = pt_bp_find(pt, pc);
    if (bp && !(WIFEXITED(status) || WIFSIGNALED(status)))
        pt_bp_poke(pt, bp, true);
    struct hdb_stop stop;
    int rc = handle_status(pt, tid, status, &stop);
    th = pt_thread_find(pt, tid);
    if (rc == 1 && th && stop.kind != HDB_STOP_STEP) {
        th->has_pending = true;
        th->pending = stop;
    }
    if (rc == 2)
        keep_end(pt, &stop);
    if (th)
        th->stepping = false;
    return rc == 2 ? HDB_E_EXITED : 0;
}

/*
 * A single step out of execve's event stop traps first on the way out of
 * the system call, before the program's first instruction (Linux reports
 * a stepped system call's exit as a step): that trap is taken here, and
 * the step made for real after it. Should the kernel not report it, the
 * step it did make is kept as the stop to report.
 */
static int step_out_of_exec(struct ptrace_target *pt, struct pt_thread *th)
{
    uint64_t before, after;
    int status;
    th->at_exec = false;
    if (pt_get_pc(pt, th->tid, &before) < 0 || ptrace(PTRACE_SINGLESTEP, th->tid, 0, 0) != 0)
        return HDB_E_TARGET;
    if (waitpid(th->tid, &status, __WALL) != th->tid || !WIFSTOPPED(status) ||
        WSTOPSIG(status) != SIGTRAP) {
        /* Anything else is the program's business: report it as it is. */
        pid_t tid = th->tid;
        struct hdb_stop stop;
        int rc = handle_status(pt, tid, status, &stop);
        th = pt_thread_find(pt, tid);
        if (rc == 1 && th) {
            th->has_pending = true;
            th->pending = stop;
        }
        if (rc == 2)
            keep_end(pt, &stop);
        return 1;
    }
    th->regs_valid = false;
    if (pt_get_pc(pt, th->tid, &after) < 0)
        return HDB_E_IO;
    if (after != before) {
        th->has_pending = true;
        th->pending = (struct hdb_stop){.kind = HDB_STOP_STEP, .tid = th->tid, .pc = after};
        return 1;
    }
    return 0;
}

static int pt_resume(struct hdb_target *t, enum hdb_resume_kind kind, int64_t tid, int signal)
{
    struct ptrace_target *pt = t->impl;
    if (!pt->pid)
        return HDB_E_NO_PROCESS;
    struct pt_thread *sel = pt_thread_find(pt, (pid_t)tid);
    if (!sel)
        return HDB_E_NOT_FOUND;
    sel->deliver_sig = signal ? hdb_gdb_to_linux_signal(signal) : 0;
    if (kind == HDB_RESUME_STEP && sel->at_exec) {
        int rc = step_out_of_exec(pt, sel);
        if (rc != 0)
            return rc < 0 ? rc : 0;
    }
    for (int i = 0; i < pt->nthreads; i++)
        pt->threads[i].at_exec = false;
    if (kind == HDB_RESUME_STEP) {
        uint64_t pc;
        if (pt_get_pc(pt, sel->tid, &pc) < 0)
            return HDB_E_IO;
        struct pt_bp *bp = pt_bp_find(pt, pc);
        if (bp) {
            pt_bp_poke(pt, bp, false);
            sel->reinsert_bp = pc;
        }
        sel->stepping = true;
        sel->running = true;
        if (ptrace(PTRACE_SINGLESTEP, sel->tid, 0, (void *)(long)sel->deliver_sig) != 0)
            return HDB_E_TARGET;
        sel->deliver_sig = 0;
        return 0;
    }
    for (int i = 0; i < pt->nthreads; i++) {
        struct pt_thread *th = &pt->threads[i];
        if (th->has_pending || th->running)
            continue;
        int rc = step_over(pt, th);
        if (rc == HDB_E_EXITED)
            return 0; /* wait() reports the exit */
    }
    for (int i = 0; i < pt->nthreads; i++) {
        struct pt_thread *th = &pt->threads[i];
        if (th->has_pending || th->running)
            continue;
        th->stepping = false;
        th->running = true;
        ptrace(run_request(pt), th->tid, 0, (void *)(long)th->deliver_sig);
        th->deliver_sig = 0;
    }
    return 0;
}

static int pt_threads(struct hdb_target *t, int64_t *tids, uint32_t *serials, int max)
{
    struct ptrace_target *pt = t->impl;
    for (int i = 0; i < pt->nthreads && i < max; i++) {
        tids[i] = pt->threads[i].tid;
        serials[i] = pt->threads[i].serial;
    }
    return pt->nthreads;
}

static int pt_set_signal_policy(struct hdb_target *t, int signal, struct hdb_signal_policy policy)
{
    struct ptrace_target *pt = t->impl;
    if (signal <= 0 || signal >= HDB_SIG_COUNT)
        return HDB_E_ARG;
    pt->policy[signal] = policy;
    return 0;
}

static int pt_catch_syscalls(struct hdb_target *t, int on)
{
    struct ptrace_target *pt = t->impl;
    pt->catch_syscalls = on != 0;
    return 0;
}

static const struct hdb_target_ops ptrace_ops = {
    .launch = pt_launch,
    .attach = pt_attach,
    .detach = pt_detach,
    .kill = pt_kill,
    .read_regs = pt_read_regs,
    .write_regs = pt_write_regs,
    .read_mem = pt_read_mem,
    .write_mem = pt_write_mem,
    .insert_bp = pt_insert_bp,
    .remove_bp = pt_remove_bp,
    .insert_watch = pt_insert_watch,
    .remove_watch = pt_remove_watch,
    .resume = pt_resume,
    .wait = pt_wait,
    .catch_syscalls = pt_catch_syscalls,
    .threads = pt_threads,
    .set_signal_policy = pt_set_signal_policy,
    .read_auxv = pt_read_auxv,
    .exe_path = pt_exe_path,
    .thread_name = pt_thread_name,
    .os_table = pt_os_table,
    .proc_fact = pt_proc_fact,
    .save_state = pt_save_state,
    .restore_state = pt_restore_state,
    .read_sse = pt_read_sse,
    .write_sse = pt_write_sse,
    .read_fpregs = pt_read_fpregs,
    .write_fpregs = pt_write_fpregs,
};

int hdb_ptrace_target_new(struct hdb_target *t)
{
    struct ptrace_target *pt = calloc(1, sizeof(*pt));
    if (!pt)
        return HDB_E_NOMEM;
    for (int s = 1; s < HDB_SIG_COUNT; s++)
        pt->policy[s] = (struct hdb_signal_policy){1, 1};
    t->ops = &ptrace_ops;
    t->impl = pt;
    return 0;
}

void hdb_ptrace_target_free(struct hdb_target *t)
{
    struct ptrace_target *pt = t->impl;
    if (!pt)
        return;
    if (pt->pid)
        pt->attached ? pt_detach(t) : pt_kill(t);
    pt_state_forget(pt);
    free(pt->saved);
    free(pt->threads);
    free(pt->bps);
    free(pt);
    t->impl = NULL;
}
