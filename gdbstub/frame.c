/*
 * frame.c: the receiver. Turns the byte stream from gdb into checked
 * packets, one byte at a time, so it can run from a serial interrupt
 * (GDB manual "Overview", "Packet Acknowledgment", "Interrupts").
 *
 * Outside a packet: '$' starts one, '-' asks for the last reply again, '+'
 * is an ack we have nothing to do with, 0x03 is an interrupt request and
 * anything else is line noise. Inside a packet the raw bytes are summed
 * for the checksum and '*' expands the run-length encoding as it arrives.
 * Escapes ('}' and the byte XOR 0x20) are left for the binary handlers to
 * undo: an escaped byte is never '$', '#' or '*', so framing needs no
 * knowledge of them ("Binary Data"). A '$' inside a packet means the
 * previous one lost its end: start over.
 *
 * Payload bytes past rx_size are summed but dropped; such a packet is
 * acked (it arrived intact) and answered with an error, never handled.
 */
#include "gdbstub_int.h"

enum {
    RX_IDLE,
    RX_DATA,
    RX_RLE, /* after '*': the next byte is a repeat count */
    RX_CSUM_HI,
    RX_CSUM_LO,
};

void gs_rx_reset(struct gdbstub *gs)
{
    gs->rx_state = RX_IDLE;
    gs->rx_len = 0;
    gs->rx_sum = 0;
    gs->rx_overflow = false;
    gs->rx_rle_bad = false;
    gs->rx_csum_bad = false;
    gs->rx_csum = 0;
}

static void rx_start(struct gdbstub *gs)
{
    gs_rx_reset(gs);
    gs->rx_state = RX_DATA;
}

static void rx_store(struct gdbstub *gs, uint8_t b)
{
    if (gs->rx_len < gs->cfg.rx_size)
        gs->cfg.rx_buf[gs->rx_len++] = b;
    else
        gs->rx_overflow = true;
}

/*
 * 0x03 is legitimate data inside binary payloads, where gdb does not
 * escape it ("Binary Data"). In any other packet it cannot be data, so it
 * is an interrupt that cut into a damaged packet.
 */
static bool rx_may_hold_binary(const struct gdbstub *gs)
{
    static const char *const binary[] = {"X", "qXfer:", "vFile:", "vFlashWrite:"};

    for (size_t i = 0; i < sizeof(binary) / sizeof(binary[0]); i++) {
        const char *p = binary[i];
        size_t k = 0;

        while (p[k] != '\0' && k < gs->rx_len && gs->cfg.rx_buf[k] == (uint8_t)p[k])
            k++;
        if (p[k] == '\0')
            return true;
    }
    return false;
}

static void rx_repeat(struct gdbstub *gs, uint8_t count)
{
    int n = gdbstub_rle_count(count);

    /* Nothing to repeat, or a repeated escape character: malformed. */
    if (n < 0 || gs->rx_len == 0 || gs->rx_overflow || gs->cfg.rx_buf[gs->rx_len - 1] == '}') {
        gs->rx_rle_bad = true;
        return;
    }
    uint8_t prev = gs->cfg.rx_buf[gs->rx_len - 1];
    for (int i = 0; i < n; i++)
        rx_store(gs, prev);
}

static void rx_complete(struct gdbstub *gs)
{
    bool ok = !gs->rx_csum_bad && gs->rx_csum == gs->rx_sum;

    gs->rx_state = RX_IDLE;
    if (!ok) {
        /* In no-ack mode there is no NAK to send; a damaged packet is
         * dropped rather than acted upon ("Packet Acknowledgment"). */
        if (!gs->no_ack)
            gs_put_byte(gs, '-');
        return;
    }
    if (!gs->no_ack)
        gs_put_byte(gs, '+');
    if (gs->rx_overflow) {
        gs_send_error(gs, GDBSTUB_E_NOSPC);
        return;
    }
    if (gs->rx_rle_bad) {
        gs_send_error(gs, GDBSTUB_E_INVAL);
        return;
    }
    gs_dispatch(gs, gs->cfg.rx_buf, gs->rx_len);
}

static void rx_idle(struct gdbstub *gs, uint8_t b)
{
    switch (b) {
    case '$':
        rx_start(gs);
        break;
    case 0x03:
        gs->events |= GDBSTUB_EV_INTERRUPT;
        break;
    case '-':
        if (!gs->no_ack)
            gs_resend(gs);
        break;
    default:
        break;
    }
}

static void rx_data(struct gdbstub *gs, uint8_t b)
{
    switch (b) {
    case '$':
        rx_start(gs);
        return;
    case '#':
        gs->rx_state = RX_CSUM_HI;
        return;
    case 0x03:
        if (!rx_may_hold_binary(gs)) {
            gs_rx_reset(gs);
            gs->events |= GDBSTUB_EV_INTERRUPT;
            return;
        }
        break;
    case '*':
        gs->rx_sum = (uint8_t)(gs->rx_sum + b);
        gs->rx_state = RX_RLE;
        return;
    default:
        break;
    }
    gs->rx_sum = (uint8_t)(gs->rx_sum + b);
    rx_store(gs, b);
}

static void rx_checksum_digit(struct gdbstub *gs, uint8_t b, bool last)
{
    int v = gdbstub_hex_value(b);

    if (v < 0)
        gs->rx_csum_bad = true;
    else
        gs->rx_csum = (uint8_t)(gs->rx_csum << 4 | v);
    if (last)
        rx_complete(gs);
    else
        gs->rx_state = RX_CSUM_LO;
}

void gs_rx_byte(struct gdbstub *gs, uint8_t b)
{
    switch (gs->rx_state) {
    case RX_IDLE:
        rx_idle(gs, b);
        break;
    case RX_DATA:
        rx_data(gs, b);
        break;
    case RX_RLE:
        if (b == '#') {
            /* '#' is not a valid count: the packet ends malformed. */
            gs->rx_rle_bad = true;
            gs->rx_state = RX_CSUM_HI;
            break;
        }
        gs->rx_sum = (uint8_t)(gs->rx_sum + b);
        rx_repeat(gs, b);
        gs->rx_state = RX_DATA;
        break;
    case RX_CSUM_HI:
        rx_checksum_digit(gs, b, false);
        break;
    default:
        rx_checksum_digit(gs, b, true);
        break;
    }
}
