/*
 * The 16550 driver of hl/uart16550.h. Register offsets and bits are the
 * PC16550D datasheet's (section 8, "Registers").
 *
 * Receiving: the UART holds its interrupt line up while received data
 * waits, and the kernel masks the (edge-triggered, ISA) line from each
 * interrupt until we acknowledge it. So after each wake-up we empty the
 * receive FIFO, acknowledge, and look once more: a byte that came while
 * the line was masked raised no new edge and would otherwise wait for the
 * next one.
 */
#include <helios/errors.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <hl/uart16550.h>

#define REG_DATA 0 /* RBR / THR; divisor low with DLAB */
#define REG_IER 1  /* divisor high with DLAB */
#define REG_IIR 2  /* FCR when written */
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5

#define IER_RX_AVAILABLE 0x01
#define FCR_ENABLE_CLEAR 0x07 /* FIFOs on, both cleared, interrupt at 1 byte */
#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the interrupt onto the ISA line */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define UART_CLOCK_BAUD 115200

static int out(struct hl_uart *u, unsigned reg, uint32_t v)
{
    return hl_ioport_out(u->ioport, u->base + reg, 1, v);
}

static int in(struct hl_uart *u, unsigned reg, uint32_t *v)
{
    return hl_ioport_in(u->ioport, u->base + reg, 1, v);
}

int hl_uart_init(struct hl_uart *u, uint32_t ioport, uint16_t base, uint32_t irq, uint32_t ntfn,
                 unsigned baud)
{
    uint32_t v;
    int err;

    if (baud == 0 || UART_CLOCK_BAUD % baud)
        return E_INVALID_ARG;
    *u = (struct hl_uart){.ioport = ioport, .base = base, .irq = irq, .ntfn = ntfn};
    unsigned divisor = UART_CLOCK_BAUD / baud;
    if ((err = out(u, REG_IER, 0)) || (err = out(u, REG_LCR, LCR_DLAB)) ||
        (err = out(u, REG_DATA, divisor & 0xff)) || (err = out(u, REG_IER, divisor >> 8)) ||
        (err = out(u, REG_LCR, LCR_8N1)) || (err = out(u, REG_IIR, FCR_ENABLE_CLEAR)) ||
        (err = out(u, REG_MCR, MCR_DTR_RTS_OUT2)))
        return err;
    /* Whatever the UART had pending before is not ours to report. */
    if ((err = in(u, REG_LSR, &v)) || (err = in(u, REG_IIR, &v)))
        return err;
    if ((err = hl_irq_set_notification(irq, ntfn)))
        return err;
    return out(u, REG_IER, IER_RX_AVAILABLE);
}

/* Reads what the receive FIFO holds, up to len bytes. */
static int drain(struct hl_uart *u, uint8_t *buf, size_t len, size_t *got)
{
    uint32_t lsr, v;
    int err;

    while (*got < len) {
        if ((err = in(u, REG_LSR, &lsr)))
            return err;
        if (!(lsr & LSR_DATA_READY))
            break;
        if ((err = in(u, REG_DATA, &v)))
            return err;
        buf[(*got)++] = (uint8_t)v;
    }
    return E_OK;
}

int hl_uart_recv(struct hl_uart *u, uint8_t *buf, size_t len, size_t *got)
{
    uint64_t bits;
    int err;

    *got = 0;
    for (;;) {
        if ((err = drain(u, buf, len, got)) || *got)
            return err;
        if ((err = hl_wait(u->ntfn, &bits)) || (err = drain(u, buf, len, got)) ||
            (err = hl_irq_ack(u->irq)) || (err = drain(u, buf, len, got)) || *got)
            return err;
    }
}

int hl_uart_poll(struct hl_uart *u, uint8_t *buf, size_t len, size_t *got)
{
    int err;

    *got = 0;
    if ((err = drain(u, buf, len, got)) || (err = hl_irq_ack(u->irq)))
        return err;
    return drain(u, buf, len, got);
}

int hl_uart_send(struct hl_uart *u, const uint8_t *buf, size_t len)
{
    uint32_t lsr;
    int err;

    for (size_t i = 0; i < len; i++) {
        do {
            if ((err = in(u, REG_LSR, &lsr)))
                return err;
        } while (!(lsr & LSR_THR_EMPTY));
        if ((err = out(u, REG_DATA, buf[i])))
            return err;
    }
    return E_OK;
}
