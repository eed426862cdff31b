/*
 * reply.c: building and sending packets (GDB manual "Overview"). A reply
 * is built in place in tx_buf as "$payload", escaped on the way in, then
 * framed with "#xx" and handed to put() in one call. The framed packet
 * stays in tx_buf so that a NAK ('-') can ask for it again ("Packet
 * Acknowledgment"). The room checks keep three bytes back for "#xx", so a
 * reply can never overflow; a handler that runs out of room anyway gets an
 * error reply instead of a truncated packet.
 */
#include "gdbstub_int.h"

/* errno values of GDB manual "Errno Values", sent as "E nn" replies. */
#define GS_EPERM 1
#define GS_ESRCH 3
#define GS_EIO 5
#define GS_EFAULT 14
#define GS_EBUSY 16
#define GS_EINVAL 22
#define GS_ENOSPC 28

void gs_put(struct gdbstub *gs, const uint8_t *p, size_t len)
{
    gs->cfg.put(gs->cfg.io, p, len);
}

void gs_put_byte(struct gdbstub *gs, uint8_t b)
{
    gs_put(gs, &b, 1);
}

void gs_reply_begin(struct gdbstub *gs)
{
    gs->cfg.tx_buf[0] = '$';
    gs->tx_len = 1;
    gs->tx_overflow = false;
}

size_t gs_reply_room(const struct gdbstub *gs)
{
    /* init guarantees tx_size >= tx_len + 3 while building */
    return gs->cfg.tx_size - 3 - gs->tx_len;
}

void gs_reply_byte(struct gdbstub *gs, uint8_t b)
{
    uint8_t *tx = gs->cfg.tx_buf;

    if (gdbstub_needs_escape(b)) {
        if (gs_reply_room(gs) < 2) {
            gs->tx_overflow = true;
            return;
        }
        tx[gs->tx_len++] = '}';
        tx[gs->tx_len++] = b ^ 0x20;
        return;
    }
    if (gs_reply_room(gs) < 1) {
        gs->tx_overflow = true;
        return;
    }
    tx[gs->tx_len++] = b;
}

void gs_reply_bytes(struct gdbstub *gs, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        gs_reply_byte(gs, p[i]);
}

void gs_reply_str(struct gdbstub *gs, const char *s)
{
    while (*s != '\0')
        gs_reply_byte(gs, (uint8_t)*s++);
}

void gs_reply_hex(struct gdbstub *gs, const uint8_t *p, size_t len)
{
    if (gs_reply_room(gs) / 2 < len) {
        gs->tx_overflow = true;
        return;
    }
    gdbstub_hex_encode(gs->cfg.tx_buf + gs->tx_len, p, len);
    gs->tx_len += 2 * len;
}

void gs_reply_hex_u8(struct gdbstub *gs, uint8_t v)
{
    gs_reply_hex(gs, &v, 1);
}

void gs_reply_hex_u64(struct gdbstub *gs, uint64_t v)
{
    int shift = 60;

    /* Numbers go out without leading zeros (GDB manual "Packets"). */
    while (shift > 0 && (v >> shift) == 0)
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        gs_reply_byte(gs, gdbstub_hex_digit((unsigned)(v >> shift)));
}

void gs_reply_send(struct gdbstub *gs)
{
    uint8_t *tx = gs->cfg.tx_buf;
    uint8_t sum;

    if (gs->tx_overflow) {
        gs_reply_begin(gs);
        gs_reply_byte(gs, 'E');
        gs_reply_hex_u8(gs, GS_ENOSPC);
    }
    if (gs->cfg.rle)
        gs->tx_len = 1 + gdbstub_rle_encode(tx + 1, gs->tx_len - 1);
    sum = gdbstub_checksum(tx + 1, gs->tx_len - 1);
    tx[gs->tx_len++] = '#';
    tx[gs->tx_len++] = gdbstub_hex_digit(sum >> 4);
    tx[gs->tx_len++] = gdbstub_hex_digit(sum);
    gs->tx_valid = true;
    gs_put(gs, tx, gs->tx_len);
}

void gs_send_str(struct gdbstub *gs, const char *s)
{
    gs_reply_begin(gs);
    gs_reply_str(gs, s);
    gs_reply_send(gs);
}

static uint8_t errno_of(int err)
{
    switch (err) {
    case GDBSTUB_E_FAULT:
    case GDBSTUB_E_UNAVAIL:
        return GS_EFAULT;
    case GDBSTUB_E_NOTHREAD:
        return GS_ESRCH;
    case GDBSTUB_E_NOSPC:
        return GS_ENOSPC;
    case GDBSTUB_E_BUSY:
        return GS_EBUSY;
    case GDBSTUB_E_NOENT:
        /* qXfer: "E00" is an invalid annex (GDB manual "General Query
         * Packets", qXfer read replies). */
        return 0;
    case GDBSTUB_E_INVAL:
        return GS_EINVAL;
    case GDBSTUB_E_IO:
        return GS_EIO;
    default:
        return GS_EPERM;
    }
}

void gs_send_error(struct gdbstub *gs, int err)
{
    gs_reply_begin(gs);
    if (err != GDBSTUB_E_NOTSUP) {
        gs_reply_byte(gs, 'E');
        gs_reply_hex_u8(gs, errno_of(err));
    }
    gs_reply_send(gs);
}

void gs_resend(struct gdbstub *gs)
{
    if (gs->tx_valid)
        gs_put(gs, gs->cfg.tx_buf, gs->tx_len);
}

int gdbstub_console_write(struct gdbstub *gs, const char *text, size_t len)
{
    const uint8_t *p = (const uint8_t *)text;

    if (!gs->in_rcmd && !gs->running)
        return GDBSTUB_E_BUSY;
    while (len > 0) {
        size_t n;

        gs_reply_begin(gs);
        gs_reply_byte(gs, 'O');
        n = gs_reply_room(gs) / 2;
        if (n > len)
            n = len;
        gs_reply_hex(gs, p, n);
        gs_reply_send(gs);
        p += n;
        len -= n;
    }
    return GDBSTUB_OK;
}
