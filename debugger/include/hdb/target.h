/*
 * hdb/target.h: the one interface between the debugger core and a target.
 *
 * A target is a process (or a machine) that the core can start or attach
 * to, stop, inspect and resume. The core never knows how: the ptrace
 * target (linux-port/), the GDB remote-protocol client and Gaia's debug
 * capabilities all fill the same table of operations. Every operation
 * returns 0 or a positive count, or a negative HDB_E_* code.
 *
 * The model is all-stop, like gdb's default: when wait() reports a stop,
 * every thread of the process is stopped; resume() restarts all of them
 * (or, for a single step, only the chosen thread). Software breakpoints
 * belong to the target: it plants them, hides them from memory reads,
 * reports a hit with the pc already set back to the breakpoint address,
 * and steps a thread over a breakpoint under its pc on resume.
 *
 * Signals are numbered as GDB's remote protocol numbers them (GDB manual
 * "Signals"; 1-15 coincide with Linux), so a remote target needs no table.
 */
#ifndef HDB_TARGET_H
#define HDB_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include <hdb/regs.h>

/* Some GDB signal numbers the core refers to by name. */
enum {
    HDB_SIGHUP = 1,
    HDB_SIGINT = 2,
    HDB_SIGQUIT = 3,
    HDB_SIGILL = 4,
    HDB_SIGTRAP = 5,
    HDB_SIGABRT = 6,
    HDB_SIGFPE = 8,
    HDB_SIGKILL = 9,
    HDB_SIGBUS = 10,
    HDB_SIGSEGV = 11,
    HDB_SIGPIPE = 13,
    HDB_SIGALRM = 14,
    HDB_SIGTERM = 15,
    HDB_SIGSTOP = 17,
    HDB_SIGCHLD = 20,
    HDB_SIGUSR1 = 30,
    HDB_SIGUSR2 = 31,
    HDB_SIG_COUNT = 160,
};

enum hdb_stop_kind {
    HDB_STOP_BREAKPOINT, /* a software breakpoint planted by insert_bp was hit */
    HDB_STOP_STEP,       /* a single step finished */
    HDB_STOP_SIGNAL,     /* a signal arrived that the policy says to stop for */
    HDB_STOP_EXITED,     /* the process exited: exit_code */
    HDB_STOP_KILLED,     /* the process was killed by signal */
    HDB_STOP_EXEC,       /* the process replaced its program (execve): breakpoints are gone */
    HDB_STOP_WATCH,      /* a hardware watchpoint triggered after an access: watch_addr */
    HDB_STOP_SYSCALL,    /* catch_syscalls on: a system call's entry or return (syscall) */
};

struct hdb_stop {
    enum hdb_stop_kind kind;
    int64_t tid; /* the thread that stopped (the process id for exits) */
    int signal;  /* GDB number: SIGNAL and KILLED */
    int exit_code;
    uint64_t pc;         /* BREAKPOINT, STEP, SIGNAL, WATCH */
    uint64_t watch_addr; /* WATCH: the address the triggered watchpoint was set on */
    long syscall;        /* SYSCALL: its number (-1: not known) */
    int syscall_return;  /* SYSCALL: 0 at its entry, 1 at its return */
};

/* Hardware watchpoints: what access triggers them. */
enum hdb_watch_kind {
    HDB_WATCH_WRITE = 1,
    HDB_WATCH_ACCESS = 3, /* read or write */
};

enum hdb_resume_kind {
    HDB_RESUME_CONTINUE, /* every thread runs */
    HDB_RESUME_STEP,     /* only the chosen thread executes one instruction */
};

/* What to do when the process receives a signal (gdb's `handle`). */
struct hdb_signal_policy {
    unsigned char stop; /* report it through wait() */
    unsigned char pass; /* deliver it to the program when it resumes */
};

struct hdb_target;

struct hdb_target_ops {
    /*
     * Starts path with argv (argv[0] included, NULL-terminated) with the
     * debugger's terminal as stdin/stdout/stderr, and stops it before its
     * first instruction. *pid receives the process id.
     */
    int (*launch)(struct hdb_target *t, const char *path, char *const argv[], int64_t *pid);
    /* Attaches to a running process and stops all its threads. */
    int (*attach)(struct hdb_target *t, int64_t pid);
    /* Removes every breakpoint and lets the process run on without the debugger. */
    int (*detach)(struct hdb_target *t);
    /* Kills the process and reaps it. */
    int (*kill)(struct hdb_target *t);

    int (*read_regs)(struct hdb_target *t, int64_t tid, struct hdb_regs *regs);
    /* Writes the registers whose valid bit is set. */
    int (*write_regs)(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs);
    /*
     * Reads/writes up to len bytes; returns the count done (short at an
     * unmapped page) or HDB_E_IO when not even the first byte was.
     */
    int (*read_mem)(struct hdb_target *t, uint64_t addr, void *buf, size_t len);
    int (*write_mem)(struct hdb_target *t, uint64_t addr, const void *buf, size_t len);

    int (*insert_bp)(struct hdb_target *t, uint64_t addr);
    int (*remove_bp)(struct hdb_target *t, uint64_t addr);
    /*
     * Hardware watchpoints on len (1, 2, 4 or 8) bytes at addr, aligned to
     * len; in every thread, present and future. HDB_E_NOTSUP without debug
     * registers, HDB_E_NOMEM when all are in use. May be NULL.
     */
    int (*insert_watch)(struct hdb_target *t, uint64_t addr, unsigned len, int kind);
    int (*remove_watch)(struct hdb_target *t, uint64_t addr, unsigned len, int kind);

    /* signal: GDB number delivered to tid on resume, 0 for none. */
    int (*resume)(struct hdb_target *t, enum hdb_resume_kind kind, int64_t tid, int signal);
    /* Blocks until the process stops or ends. */
    int (*wait)(struct hdb_target *t, struct hdb_stop *stop);

    /*
     * Thread ids in creation order, each with its serial: 1 for the first
     * thread the target saw, counting every thread since, even those that
     * came and went while the process ran (gdb numbers threads so).
     * Returns how many (may exceed max).
     */
    int (*threads)(struct hdb_target *t, int64_t *tids, uint32_t *serials, int max);
    int (*set_signal_policy)(struct hdb_target *t, int signal, struct hdb_signal_policy policy);
    /* The ELF auxiliary vector (AT_* pairs); returns bytes read. */
    int (*read_auxv)(struct hdb_target *t, void *buf, size_t len);
    /* The path of the program the process runs, for attach. */
    int (*exe_path)(struct hdb_target *t, char *buf, size_t len);
    /* A thread's name (Linux: its comm), for stop messages and `info threads`. */
    int (*thread_name)(struct hdb_target *t, int64_t tid, char *buf, size_t len);

    /* ---- optional, for targets that are machines or remote stubs (may be NULL) ---- */
    /* The thread the target reported its last stop in (after attach: where it stopped). */
    int64_t (*stop_thread)(struct hdb_target *t);
    /*
     * One of the target's operating-system tables (GDB's qXfer:osdata:read,
     * "tasks", "caps", ...) as osdata XML into buf; returns its length
     * (a Linux process serves "caps", its file descriptors, and "maps")
     * (cut at len - 1, NUL-terminated), HDB_E_NOTSUP if there is no such table.
     */
    int (*os_table)(struct hdb_target *t, const char *type, char *buf, size_t len);
    /*
     * A fact the system keeps about the process, for gdb's `info proc`:
     * "cmdline" (its arguments, each NUL-terminated), "cwd" and "exe"
     * (paths), "stat" and "status" (Linux's status lines, proc(5)). Returns its
     * length (cut at len - 1, NUL-terminated); HDB_E_NOTSUP where the
     * target has no such fact. May be NULL.
     */
    int (*proc_fact)(struct hdb_target *t, const char *what, char *buf, size_t len);
    /* A command for the target itself (gdb's `monitor`); its output goes to out. */
    int (*monitor)(struct hdb_target *t, const char *cmd,
                   void (*out)(void *ctx, const char *s, size_t len), void *ctx);

    /* ---- optional, for calls the debugger makes in the program (may be NULL) ---- */
    /*
     * Keeps a copy of every register of a thread, the floating-point and
     * vector state too, before a call the debugger makes there (gdb's dummy
     * frame); restore_state puts the newest copy back and forgets it. The
     * copies are the target's until then; a process that ends drops them.
     * Without these the core saves and restores the integer registers.
     */
    int (*save_state)(struct hdb_target *t, int64_t tid);
    int (*restore_state)(struct hdb_target *t, int64_t tid);
    /*
     * xmm0-xmm15, their low 64 bits in the HDB_REG_XMM0 slots (a double,
     * a float): the floating-point arguments and results of such calls
     * (psABI 3.2.3). Read only when asked; write_sse writes the slots
     * whose valid bit is set, clearing the rest of those registers.
     */
    int (*read_sse)(struct hdb_target *t, int64_t tid, struct hdb_regs *regs);
    int (*write_sse)(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs);

    /* ---- optional, for `catch syscall` (may be NULL: not supported) ---- */
    /*
     * on: from the next resume, every thread stops at each system call's
     * entry and return (HDB_STOP_SYSCALL); off: they run through them.
     */
    int (*catch_syscalls)(struct hdb_target *t, int on);

    /* ---- optional, for the x87 and vector registers the user looks at (may be NULL) ---- */
    /*
     * The thread's whole floating-point and vector state; fp->have says
     * what the CPU has. write_fpregs puts all of it back (after the core
     * changed a register in a copy read_fpregs gave).
     */
    int (*read_fpregs)(struct hdb_target *t, int64_t tid, struct hdb_fpregs *fp);
    int (*write_fpregs)(struct hdb_target *t, int64_t tid, const struct hdb_fpregs *fp);
};

struct hdb_target {
    const struct hdb_target_ops *ops;
    void *impl; /* the back end's state */
};

/* GDB's name of a signal ("SIGSEGV") and its description ("Segmentation fault"). */
const char *hdb_signal_name(int signal);
const char *hdb_signal_desc(int signal);
/* A signal by name ("SIGINT", "INT") or GDB number in decimal; -1 if none. */
int hdb_signal_by_name(const char *name);

#endif
