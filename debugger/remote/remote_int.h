/*
 * remote_int.h: the remote target's state, shared by the packet layer
 * (packet.c: framing, acks, console output) and the target operations
 * (target.c).
 */
#ifndef HDB_REMOTE_INT_H
#define HDB_REMOTE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hdb/platform.h>
#include <hdb/regs.h>

#define REMOTE_MAX_PACKET 16384 /* our receive buffer: the largest reply we take */
#define REMOTE_MAX_BPS 256
#define REMOTE_MAX_THREADS 256

struct remote_reg {
    uint16_t offset, size; /* bytes in the `g` payload */
};

struct remote {
    const struct hdb_platform *plat;
    struct hdb_link link;
    bool noack;         /* QStartNoAckMode accepted: no '+'/'-' either way */
    size_t packet_size; /* the stub's PacketSize: the longest packet it takes */
    bool connected;
    /* Raw bytes read from the link and not yet framed. */
    uint8_t in[4096];
    size_t in_pos, in_len;
    /* The last reply, decoded (no framing, no RLE), NUL-terminated. */
    char reply[REMOTE_MAX_PACKET + 1];
    size_t reply_len;
    /* Console output (O packets) goes here while a monitor command runs; else to plat->out. */
    void (*console)(void *ctx, const char *s, size_t len);
    void *console_ctx;

    /* From target.xml: where each register is in the `g` payload. */
    struct remote_reg regs[HDB_REG_COUNT];
    size_t g_size;
    bool have_tdesc;

    int64_t hg_thread; /* the thread Hg last selected; 0 unknown */
    /*
     * Registers read since the last stop, per thread: a `g` reply is over
     * a kilobyte, slow on a real serial line, and the UIs ask for the same
     * registers many times per stop. Dropped on every resume and write.
     */
    struct {
        int64_t tid;
        struct hdb_regs regs;
    } rcache[8];
    int nrcache;
    int64_t stop_tid;
    bool no_p; /* the stub does not take P (gdbserver): registers are written with G */
    /* Whole `g` payloads (hex) kept across calls the debugger makes (save_state), newest last. */
    struct {
        int64_t tid;
        char *hex;
        size_t len;
    } saved[8];
    int nsaved;
    bool stepping;
    uint64_t reinsert; /* a breakpoint lifted for a single step off it, planted again after */
    uint64_t bps[REMOTE_MAX_BPS];
    bool bp_hw[REMOTE_MAX_BPS]; /* planted with Z1 because Z0 was refused */
    int nbps;
    /* Threads in the order first seen, for gdb's thread numbers. */
    int64_t seen[REMOTE_MAX_THREADS];
    int nseen;
};

/* packet.c. All return 0 or a negative HDB_E_* code. */
/* Sends one packet (data escaped by the caller when binary) and waits for its ack. */
int hdb_remote_send(struct remote *r, const char *data, size_t len);
/*
 * Receives the next packet other than console output into r->reply;
 * timeout_ms -1 waits forever (a running target). HDB_E_IO on timeout.
 */
int hdb_remote_recv(struct remote *r, int timeout_ms);
/* Sends and receives: a command and its reply. */
int hdb_remote_command(struct remote *r, const char *data, size_t len);
/* remote_command of a formatted packet. */
int hdb_remote_commandf(struct remote *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Sends one raw byte outside any packet (0x03: interrupt). */
int hdb_remote_send_byte(struct remote *r, uint8_t b);
/* The reply is "Exx" (an error), "" (unsupported), "OK". */
bool hdb_remote_reply_error(const struct remote *r);
bool hdb_remote_reply_ok(const struct remote *r);

/* target.c: makes tid the thread `g`, `G`, `P` work on (Hg). */
int hdb_remote_select_thread(struct remote *r, int64_t tid);

/* regs.c: the register operations of struct hdb_target_ops. */
struct hdb_target;
int hdb_remote_read_regs(struct hdb_target *t, int64_t tid, struct hdb_regs *regs);
int hdb_remote_write_regs(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs);
int hdb_remote_read_sse(struct hdb_target *t, int64_t tid, struct hdb_regs *regs);
int hdb_remote_write_sse(struct hdb_target *t, int64_t tid, const struct hdb_regs *regs);
int hdb_remote_save_state(struct hdb_target *t, int64_t tid);
int hdb_remote_restore_state(struct hdb_target *t, int64_t tid);
/* Forgets the kept payloads (the target goes away). */
void hdb_remote_drop_saved(struct remote *r);

/*
 * tdesc.c: reads target.xml (and what it includes) into r->regs when the
 * stub offered qXfer:features:read, else takes GDB's x86_64 layout.
 */
int hdb_remote_read_tdesc(struct remote *r, bool offered);
/* A qXfer object whole into buf (up to len - 1 bytes, NUL-terminated); returns its length. */
int hdb_remote_xfer_read(struct remote *r, const char *object, const char *annex, char *buf,
                         size_t len);

#endif
