/*
 * ptrace_int.h: the state the ptrace target's files share.
 *
 * ptrace_proc.c starts, attaches, stops and resumes the process and turns
 * wait statuses into stop events; ptrace_mem.c holds memory, registers
 * and the int3 breakpoint table; signals.c maps signal numbers.
 */
#ifndef HDB_LINUX_PTRACE_INT_H
#define HDB_LINUX_PTRACE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include <hdb/target.h>

#include "emulate.h"

struct pt_thread {
    pid_t tid;
    uint32_t serial; /* creation order, from 1 */
    bool running;
    bool stepping;        /* the last resume was a PTRACE_SINGLESTEP */
    uint64_t reinsert_bp; /* breakpoint lifted for a step, planted again at its stop; 0 if none */
    bool has_pending;     /* a stop seen while stopping the others, reported by a later wait */
    struct hdb_stop pending;
    int deliver_sig; /* Linux signal to hand to the thread when it resumes */
    bool watch_set;  /* its debug registers hold the watchpoint set */
    long sys_nr;     /* the system call it entered last (its return's number), -1: none */
    bool at_exec;    /* stopped in execve's event stop: a single step traps once in the kernel */
    /*
     * The registers as they are at this stop, read once: a breakpoint hit
     * asks for them several times (decoding the trap, the pc set back, the
     * condition's frame, the step over it). Invalid from the next stop on.
     */
    bool regs_valid;
    struct user_regs_struct regs;
};

/* What ptrace_emulate.c knows of the instruction under a breakpoint. */
enum pt_emu_state { PT_EMU_UNKNOWN, PT_EMU_OK, PT_EMU_DECLINED };

struct pt_bp {
    uint64_t addr;
    uint8_t orig; /* the byte under the int3 */
    uint8_t emu;  /* enum pt_emu_state: insn decoded once, forgotten when the bytes change */
    struct emu_insn insn;
};

#define PT_WATCH_SLOTS 4 /* DR0-DR3 */

struct pt_watch {
    uint64_t addr;
    unsigned len; /* 0: slot free */
    int kind;     /* enum hdb_watch_kind: the DR7 R/W bits */
};

/* A thread's registers kept across a call the debugger makes (ptrace_state.c). */
struct pt_saved {
    pid_t tid;
    struct user_regs_struct regs;
    void *xstate; /* PTRACE_GETREGSET NT_X86_XSTATE: x87, SSE, AVX...; NULL: fxsave below */
    size_t xlen;
    struct user_fpregs_struct fp;
};

struct ptrace_target {
    pid_t pid; /* 0: no process */
    bool attached;
    bool on_pty; /* started on the TUI's pseudo-terminal (progterm.c): waits let keys through */
    bool catch_syscalls; /* resumes stop at system calls (PTRACE_SYSCALL), for catch syscall */
    struct pt_thread *threads;
    int nthreads, cap_threads;
    uint32_t next_serial;
    struct pt_bp *bps;
    int nbps, cap_bps;
    struct hdb_signal_policy policy[HDB_SIG_COUNT];
    struct pt_watch watch[PT_WATCH_SLOTS];
    struct pt_saved *saved; /* a stack, newest last */
    int nsaved, cap_saved;
    /*
     * /proc/PID/mem, open for writing (1 + fd; 0: not open). One pwrite
     * plants or lifts an int3, where PTRACE_PEEKDATA and POKEDATA take two
     * calls. It names the memory image it was opened on, so it is closed
     * at exec and when the process goes (pt_mem_forget).
     */
    int memfd1;
    pid_t memfd_pid;  /* the process it was opened for */
    bool end_pending; /* the process ended during a step over or a stop: wait() reports end */
    struct hdb_stop end;
};

/* Closes /proc/PID/mem (exec, exit, detach): the next write opens it again. */
void pt_mem_forget(struct ptrace_target *pt);

struct pt_thread *pt_thread_find(struct ptrace_target *pt, pid_t tid);
struct pt_thread *pt_thread_add(struct ptrace_target *pt, pid_t tid);
void pt_thread_remove(struct ptrace_target *pt, pid_t tid);

/* The program's bytes (int3s replaced by the bytes under them); bytes read, or an error. */
int pt_mem_read(struct ptrace_target *pt, uint64_t addr, void *buf, size_t len);
struct pt_bp *pt_bp_find(struct ptrace_target *pt, uint64_t addr);
/* Writes the int3 byte (plant) or the original byte (lift) of an inserted breakpoint. */
int pt_bp_poke(struct ptrace_target *pt, const struct pt_bp *bp, bool plant);
/* A stopped thread's general registers, through its per-stop cache (struct pt_thread). */
int pt_get_user_regs(struct ptrace_target *pt, pid_t tid, struct user_regs_struct *u);
int pt_set_user_regs(struct ptrace_target *pt, pid_t tid, const struct user_regs_struct *u);
int pt_get_pc(struct ptrace_target *pt, pid_t tid, uint64_t *pc);
int pt_set_pc(struct ptrace_target *pt, pid_t tid, uint64_t pc);

/*
 * ptrace_emulate.c: moves stopped thread th past the breakpoint bp under
 * its pc by emulating the instruction there (emulate.c), without running
 * it. 0 when done; HDB_E_NOTSUP when it cannot be done exactly as the CPU
 * would, with nothing changed: the caller then single-steps.
 */
int pt_emulate_over(struct ptrace_target *pt, struct pt_thread *th, struct pt_bp *bp);

int pt_read_regs(struct hdb_target *t, int64_t tid, struct hdb_regs *regs);
int pt_write_regs(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs);
int pt_read_mem(struct hdb_target *t, uint64_t addr, void *buf, size_t len);
int pt_write_mem(struct hdb_target *t, uint64_t addr, const void *buf, size_t len);
int pt_insert_bp(struct hdb_target *t, uint64_t addr);
int pt_remove_bp(struct hdb_target *t, uint64_t addr);
int pt_read_auxv(struct hdb_target *t, void *buf, size_t len);
int pt_exe_path(struct hdb_target *t, char *buf, size_t len);
int pt_insert_watch(struct hdb_target *t, uint64_t addr, unsigned len, int kind);
int pt_remove_watch(struct hdb_target *t, uint64_t addr, unsigned len, int kind);
/* Puts the watchpoint set into a thread's debug registers (a new thread gets it this way). */
int pt_watch_apply(struct ptrace_target *pt, pid_t tid);
/* Did a watchpoint fire in this thread (DR6)? *addr: which one. Clears DR6. */
bool pt_watch_hit(struct ptrace_target *pt, pid_t tid, uint64_t *addr);
int pt_thread_name(struct hdb_target *t, int64_t tid, char *buf, size_t len);
/* ptrace_state.c: whole register state kept across calls, and the SSE registers. */
int pt_save_state(struct hdb_target *t, int64_t tid);
int pt_restore_state(struct hdb_target *t, int64_t tid);
int pt_read_sse(struct hdb_target *t, int64_t tid, struct hdb_regs *regs);
int pt_write_sse(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs);
void pt_state_forget(struct ptrace_target *pt);
/* ptrace_xstate.c: the x87 and vector registers, for the user. */
int pt_read_fpregs(struct hdb_target *t, int64_t tid, struct hdb_fpregs *fp);
int pt_write_fpregs(struct hdb_target *t, int64_t tid, const struct hdb_fpregs *fp);
/* procview.c: the process's descriptors and mappings as osdata tables ("caps", "maps"). */
int pt_os_table(struct hdb_target *t, const char *type, char *buf, size_t len);
/* procview.c: /proc/PID/{cmdline,cwd,exe,stat,status} for `info proc`. */
int pt_proc_fact(struct hdb_target *t, const char *what, char *buf, size_t len);

#endif
