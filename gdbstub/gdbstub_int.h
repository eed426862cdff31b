/*
 * gdbstub_int.h: what the engine's files share and nobody else sees.
 *
 * Flow of one packet: frame.c assembles and checks it in rx_buf and acks
 * it, dispatch.c picks the handler, the handler decodes every argument
 * with the cursor helpers of parse.c (returning an error and touching
 * nothing if any is bad), then calls the target op and builds its reply
 * with reply.c. Once a handler has decoded its arguments, rx_buf is free
 * scratch until the next packet: memory reads land there before being
 * hex-encoded into tx_buf.
 */
#ifndef GDBSTUB_INT_H
#define GDBSTUB_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gdbstub/codec.h"
#include "gdbstub/gdbstub.h"

/* Largest single register the engine handles (an AVX-512 zmm). */
#define GS_MAX_REG_BYTES 64

/* ---- parse.c: bounds-checked cursor over a packet's arguments ---------- */
struct gs_cursor {
    uint8_t *p; /* writable: binary and hex arguments are decoded in place */
    uint8_t *end;
};

bool gs_cur_done(const struct gs_cursor *c);
size_t gs_cur_left(const struct gs_cursor *c);
/* Consume ch if it is next. */
bool gs_cur_eat(struct gs_cursor *c, uint8_t ch);
/* Consume the literal s if it is next. */
bool gs_cur_eat_str(struct gs_cursor *c, const char *s);
/* 1-16 hex digits; more digits or none is GDBSTUB_E_INVAL. */
int gs_cur_hex_u64(struct gs_cursor *c, uint64_t *v);
/* A thread id: "-1", "0" or positive hex (GDB manual "Packets", thread-id). */
int gs_cur_tid(struct gs_cursor *c, int64_t *tid);
/* Bytes up to (not including) stop or the end; the stop byte is consumed. */
void gs_cur_until(struct gs_cursor *c, uint8_t stop, const uint8_t **start, size_t *len);
/* NUL-terminated s equals p[0..len). */
bool gs_mem_eq_str(const uint8_t *p, size_t len, const char *s);

/* ---- reply.c: building and sending packets ------------------------------ */
void gs_put(struct gdbstub *gs, const uint8_t *p, size_t len);
void gs_put_byte(struct gdbstub *gs, uint8_t b);
void gs_reply_begin(struct gdbstub *gs);
/* Payload bytes still free, counting an escaped byte as two. */
size_t gs_reply_room(const struct gdbstub *gs);
void gs_reply_byte(struct gdbstub *gs, uint8_t b);
void gs_reply_bytes(struct gdbstub *gs, const uint8_t *p, size_t len);
void gs_reply_str(struct gdbstub *gs, const char *s);
void gs_reply_hex(struct gdbstub *gs, const uint8_t *p, size_t len);
void gs_reply_hex_u8(struct gdbstub *gs, uint8_t v);
void gs_reply_hex_u64(struct gdbstub *gs, uint64_t v);
/* Frame (checksum) and send what was built; keep it for a NAK. */
void gs_reply_send(struct gdbstub *gs);
void gs_send_str(struct gdbstub *gs, const char *s);
/* "E nn" for err, or the empty reply for GDBSTUB_E_NOTSUP. */
void gs_send_error(struct gdbstub *gs, int err);
/* Retransmit the last packet after a NAK. */
void gs_resend(struct gdbstub *gs);

/* ---- frame.c ------------------------------------------------------------ */
void gs_rx_byte(struct gdbstub *gs, uint8_t b);
void gs_rx_reset(struct gdbstub *gs);

/* ---- dispatch.c --------------------------------------------------------- */
void gs_dispatch(struct gdbstub *gs, uint8_t *pkt, size_t len);

/*
 * Handlers. Each gets the cursor just past its packet name. It returns 0
 * once it has sent its reply (or, for k and a running resume, deliberately
 * none), or a negative error for the dispatcher to send, having touched
 * nothing if the error came from decoding.
 */
typedef int gs_handler_fn(struct gdbstub *gs, struct gs_cursor *args);

gs_handler_fn gs_h_read_regs, gs_h_write_regs, gs_h_read_reg, gs_h_write_reg;
gs_handler_fn gs_h_read_mem, gs_h_write_mem, gs_h_write_mem_bin;
gs_handler_fn gs_h_insert_bp, gs_h_remove_bp;
gs_handler_fn gs_h_continue, gs_h_step, gs_h_continue_sig, gs_h_step_sig;
gs_handler_fn gs_h_vcont, gs_h_vcont_query, gs_h_vctrlc;
gs_handler_fn gs_h_stop_query, gs_h_detach, gs_h_kill;
gs_handler_fn gs_h_set_thread, gs_h_thread_alive, gs_h_thread_first, gs_h_thread_next;
gs_handler_fn gs_h_current_thread, gs_h_thread_extra;
gs_handler_fn gs_h_supported, gs_h_no_ack, gs_h_attached, gs_h_rcmd;
gs_handler_fn gs_h_xfer;

/* ---- regs.c ------------------------------------------------------------- */
/* Bytes in the whole register set: the g payload before hex encoding. */
size_t gs_regs_bytes(const struct gdbstub_arch *arch);

/* ---- resume.c ----------------------------------------------------------- */
/* Send the stop reply for stop (T, W or X packet). */
void gs_send_stop(struct gdbstub *gs, const struct gdbstub_stop *stop);

/* ---- threads.c ---------------------------------------------------------- */
/* The thread an operation applies to: the H selection, else the last
 * stopped thread, else the target's current thread, else GDBSTUB_TID_ANY. */
int64_t gs_pick_tid(struct gdbstub *gs, int64_t selected);

/* ---- engine.c ----------------------------------------------------------- */
/* Forget per-connection state after D and k (ack mode back on). */
void gs_session_reset(struct gdbstub *gs);

#endif
