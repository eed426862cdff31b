/*
 * gdbstub/gdbstub.h: the GDB remote serial protocol engine.
 *
 * Bytes from the debugger go in through gdbstub_feed(), one at a time or in
 * chunks, from an interrupt handler or a socket loop alike; bytes to the
 * debugger come out through the caller's put() callback. The caller owns
 * every buffer: the receive buffer bounds the packets gdb may send (it is
 * the PacketSize announced in qSupported) and the transmit buffer holds one
 * framed reply, kept for retransmission after a NAK. The engine never
 * allocates, never prints and never blocks.
 *
 * The engine is not reentrant: calls on one struct gdbstub must not
 * overlap (in the kernel, feed it from one context with the stub's
 * interrupt masked, or from the stub loop). struct gdbstub is public only
 * so that callers can place it where they like (static storage in the
 * kernel); its fields are private.
 */
#ifndef GDBSTUB_GDBSTUB_H
#define GDBSTUB_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gdbstub/arch.h"
#include "gdbstub/target.h"

typedef void gdbstub_put_fn(void *io, const uint8_t *buf, size_t len);

struct gdbstub_config {
    const struct gdbstub_target_ops *ops;
    void *target; /* first argument of every op */
    const struct gdbstub_arch *arch;
    gdbstub_put_fn *put;
    void *io;        /* first argument of put */
    uint8_t *rx_buf; /* at least 2 * arch register bytes + 1 (for G) */
    size_t rx_size;
    uint8_t *tx_buf; /* at least 2 * arch register bytes + 4 (for g) */
    size_t tx_size;
    /*
     * Run-length encode replies (GDB manual "Overview"). Worth it on a
     * serial line, where memory and registers full of zeros cost a byte
     * per hex digit; gdb and hdb decode it.
     */
    bool rle;
};

/* Events returned by gdbstub_feed(), as a bit mask. */
enum gdbstub_event {
    GDBSTUB_EV_INTERRUPT = 1 << 0, /* 0x03 or vCtrlC: stop the target, then report_stop */
    GDBSTUB_EV_RESUMED = 1 << 1,   /* the target was resumed by c/s/vCont */
    GDBSTUB_EV_DETACHED = 1 << 2,  /* D was handled */
    GDBSTUB_EV_KILLED = 1 << 3,    /* k was handled */
};

struct gdbstub {
    struct gdbstub_config cfg;

    /* receiver (frame.c) */
    uint8_t rx_state;
    bool rx_overflow; /* payload did not fit rx_buf */
    bool rx_rle_bad;  /* invalid run-length count seen */
    bool rx_csum_bad; /* a checksum character was not a hex digit */
    uint8_t rx_sum;   /* running checksum of the raw payload */
    uint8_t rx_csum;  /* checksum digits received so far */
    size_t rx_len;

    /* transmitter (reply.c) */
    size_t tx_len; /* framed bytes in tx_buf */
    bool tx_overflow;
    bool tx_valid; /* tx_buf holds a sent packet that a NAK may ask for again */

    /* session */
    bool no_ack;
    bool running; /* gdb resumed the target and waits for a stop reply */
    bool in_rcmd; /* inside qRcmd: O packets allowed */
    bool gdb_swbreak;
    bool gdb_hwbreak;
    int64_t g_tid; /* Hg: thread for registers and memory */
    int64_t c_tid; /* Hc: thread for c and s */
    size_t thread_next;
    struct gdbstub_stop last_stop;
    unsigned events;
};

/*
 * Prepare gs with cfg (copied). Returns GDBSTUB_E_INVAL if a required op or
 * buffer is missing or a buffer is too small for the arch's register set.
 * The engine starts in the state a fresh connection expects: acks on, no
 * thread selected, last stop "SIGTRAP, no thread".
 */
int gdbstub_init(struct gdbstub *gs, const struct gdbstub_config *cfg);

/* Forget the session (ack mode, selected threads): call on a new connection. */
void gdbstub_reset(struct gdbstub *gs);

/*
 * Consume len received bytes. Complete packets are handled and answered
 * before this returns. Returns a mask of enum gdbstub_event, or
 * GDBSTUB_E_INVAL for a NULL buffer with len > 0.
 */
int gdbstub_feed(struct gdbstub *gs, const uint8_t *data, size_t len);

/*
 * The target stopped. The stop is recorded for '?' and, if gdb resumed the
 * target and is waiting for it, sent as a stop reply. Returns 1 if a reply
 * was sent, 0 if only recorded, GDBSTUB_E_INVAL for a bad stop.
 */
int gdbstub_report_stop(struct gdbstub *gs, const struct gdbstub_stop *stop);

/*
 * Console output to the user as O packets; allowed inside the monitor op
 * and while the target runs (GDB manual "Stop Reply Packets", O). Returns
 * GDBSTUB_E_BUSY otherwise.
 */
int gdbstub_console_write(struct gdbstub *gs, const char *text, size_t len);

/* True while gdb waits for a stop reply. */
bool gdbstub_running(const struct gdbstub *gs);

#endif
