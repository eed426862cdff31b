/*
 * gdbstub/target.h: what the protocol engine needs from the thing being
 * debugged. The engine decodes and validates every packet first and only
 * then calls one of these operations, so a target op never sees a malformed
 * argument. The same interface serves the kernel (tasks as threads, COM2),
 * the user-space debug server and the host test harness.
 *
 * Every op returns 0 (or a documented non-negative value) on success and a
 * negative enum gdbstub_error code on failure; GDBSTUB_E_NOTSUP makes the
 * engine answer with the empty reply ("not supported", GDB manual
 * "Packets"). Optional ops may be NULL, with the same effect.
 */
#ifndef GDBSTUB_TARGET_H
#define GDBSTUB_TARGET_H

#include <stddef.h>
#include <stdint.h>

struct gdbstub;

/* Errors crossing the engine/target and engine/caller boundaries. */
enum gdbstub_error {
    GDBSTUB_OK = 0,
    GDBSTUB_E_INVAL = -1,    /* malformed or out-of-range argument */
    GDBSTUB_E_FAULT = -2,    /* memory not accessible (unmapped, non-canonical) */
    GDBSTUB_E_NOTSUP = -3,   /* operation not supported: empty reply */
    GDBSTUB_E_NOTHREAD = -4, /* no such thread */
    GDBSTUB_E_NOSPC = -5,    /* no room: buffer too small, no free debug register */
    GDBSTUB_E_UNAVAIL = -6,  /* register value not available (sent as "xx") */
    GDBSTUB_E_BUSY = -7,     /* not allowed in the current state */
    GDBSTUB_E_NOENT = -8,    /* unknown qXfer annex or object */
    GDBSTUB_E_IO = -9,       /* any other target failure */
};

/* Thread ids as in GDB manual "Packets", thread-id syntax. */
#define GDBSTUB_TID_ANY ((int64_t)0)
#define GDBSTUB_TID_ALL ((int64_t)-1)

/* GDB signal numbers used by the engine (GDB manual "Signals"). */
#define GDBSTUB_SIGINT 2
#define GDBSTUB_SIGTRAP 5

/* Z/z packet types, numbered as on the wire (GDB manual "Packets", Z0-Z4). */
enum gdbstub_bp_type {
    GDBSTUB_BP_SOFTWARE = 0,
    GDBSTUB_BP_HARDWARE = 1,
    GDBSTUB_WATCH_WRITE = 2,
    GDBSTUB_WATCH_READ = 3,
    GDBSTUB_WATCH_ACCESS = 4,
};

enum gdbstub_stop_kind {
    GDBSTUB_STOP_SIGNAL,     /* T packet: stopped with a signal */
    GDBSTUB_STOP_EXITED,     /* W packet: process exited */
    GDBSTUB_STOP_TERMINATED, /* X packet: process killed by a signal */
};

/* The "reason" field of a T stop reply (GDB manual "Stop Reply Packets"). */
enum gdbstub_stop_reason {
    GDBSTUB_REASON_NONE,
    GDBSTUB_REASON_SWBREAK, /* sent only if gdb announced swbreak+ */
    GDBSTUB_REASON_HWBREAK, /* sent only if gdb announced hwbreak+ */
    GDBSTUB_REASON_WATCH,
    GDBSTUB_REASON_RWATCH,
    GDBSTUB_REASON_AWATCH,
};

struct gdbstub_stop {
    enum gdbstub_stop_kind kind;
    uint8_t signal;    /* GDB signal number (SIGNAL, TERMINATED) */
    uint8_t exit_code; /* EXITED */
    int64_t tid;       /* stopped thread; <= 0 leaves "thread:" out */
    enum gdbstub_stop_reason reason;
    uint64_t watch_addr; /* data address for the watch reasons */
};

enum gdbstub_resume_kind {
    GDBSTUB_RESUME_CONTINUE,
    GDBSTUB_RESUME_STEP,
};

/*
 * One vCont action. tid is a thread id, or GDBSTUB_TID_ALL for "every
 * thread without an action of its own" (GDB manual "Packets", vCont: the
 * leftmost action that matches a thread wins).
 */
struct gdbstub_resume_action {
    enum gdbstub_resume_kind kind;
    uint8_t signal; /* 0: resume without a signal */
    int64_t tid;
};

/* Largest number of actions accepted in one vCont packet. */
#define GDBSTUB_MAX_RESUME_ACTIONS 8

/* resume() returns this when the target stopped before returning. */
#define GDBSTUB_RESUME_STOPPED 1

struct gdbstub_target_ops {
    /*
     * Registers, numbered as in the arch description (for x86_64 see
     * gdbstub/x86_64.h), in target byte order, size bytes exactly.
     * Required: read_reg. GDBSTUB_E_UNAVAIL from read_reg makes the value
     * read as "xx" in g replies.
     */
    int (*read_reg)(void *ctx, int64_t tid, uint32_t regnum, uint8_t *buf, size_t size);
    int (*write_reg)(void *ctx, int64_t tid, uint32_t regnum, const uint8_t *buf, size_t size);

    /*
     * Memory as seen by thread tid, fault-safe: never crash on a bad
     * address. *done receives the number of bytes transferred even on
     * error; a short read is answered with the bytes that were read.
     * Required: read_mem.
     */
    int (*read_mem)(void *ctx, int64_t tid, uint64_t addr, uint8_t *buf, size_t len, size_t *done);
    int (*write_mem)(void *ctx, int64_t tid, uint64_t addr, const uint8_t *buf, size_t len,
                     size_t *done);

    /* Z/z: kind is the breakpoint kind or the watched length. */
    int (*insert_bp)(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind);
    int (*remove_bp)(void *ctx, enum gdbstub_bp_type type, uint64_t addr, uint64_t kind);

    /*
     * Resume with the given actions. Return 0 if the target is now running
     * (the caller reports the stop later with gdbstub_report_stop), or
     * GDBSTUB_RESUME_STOPPED after filling *stop if it stopped already.
     */
    int (*resume)(void *ctx, const struct gdbstub_resume_action *acts, size_t n,
                  struct gdbstub_stop *stop);

    /*
     * Threads. thread_at() returns the index-th thread id (0-based) or
     * GDBSTUB_E_NOTHREAD past the end; thread ids are > 0. thread_alive()
     * returns 0 or GDBSTUB_E_NOTHREAD. current_thread() gives the thread
     * the target considers current (qC).
     */
    int (*thread_at)(void *ctx, size_t index, int64_t *tid);
    int (*thread_alive)(void *ctx, int64_t tid);
    int (*current_thread)(void *ctx, int64_t *tid);
    /* Free text about tid for "info threads", at most size bytes. */
    int (*thread_extra_info)(void *ctx, int64_t tid, char *buf, size_t size, size_t *len);

    /* qRcmd: output goes through gdbstub_console_write(gs, ...). */
    int (*monitor)(void *ctx, struct gdbstub *gs, const char *cmd, size_t len);

    /*
     * qXfer:osdata:read (GDB manual "Operating System Information", what
     * `info os` shows): copy up to len bytes at offset of the osdata XML
     * document for annex (its type; "" lists the types). *done = 0 at the
     * end. GDBSTUB_E_NOENT for an unknown type. Optional.
     */
    int (*read_osdata)(void *ctx, const char *annex, size_t annex_len, uint64_t offset,
                       uint8_t *buf, size_t len, size_t *done);

    /* D: the target keeps running; k: no reply is sent (GDB manual "Packets"). */
    int (*detach)(void *ctx);
    int (*kill)(void *ctx);
};

#endif
