/*
 * A user-space driver for a 16550 UART (National Semiconductor PC16550D
 * datasheet): 8N1 at a chosen baud rate, receive driven by the UART's
 * interrupt through an IRQ capability and a notification, transmit by
 * polling the transmit holding register. The driver owns nothing: the
 * caller hands it an IOPort capability for the UART's 8 ports, and an IRQ
 * capability and a notification it may bind together.
 */
#ifndef HL_UART16550_H
#define HL_UART16550_H

#include <stddef.h>
#include <stdint.h>

#define HL_UART_PORTS 8

struct hl_uart {
    uint32_t ioport; /* IOPort capability covering base .. base + 7 */
    uint16_t base;
    uint32_t irq;  /* IRQ capability of the UART's line */
    uint32_t ntfn; /* notification the line signals (READ and WRITE) */
};

/* Programs the UART (FIFOs on, receive interrupt on) and binds irq to
 * ntfn. Errors: those of the IOPort and IRQ invocations; E_INVALID_ARG
 * for a baud rate that does not divide 115200. */
int hl_uart_init(struct hl_uart *u, uint32_t ioport, uint16_t base, uint32_t irq, uint32_t ntfn,
                 unsigned baud);
/* Waits until at least one byte has arrived, then returns what is there
 * (at most len bytes) in *got. */
int hl_uart_recv(struct hl_uart *u, uint8_t *buf, size_t len, size_t *got);
/* Returns what has arrived (at most len bytes, possibly none) without
 * waiting, and acknowledges the IRQ: for callers that wait for the
 * notification themselves (bound to their task, together with an
 * endpoint). */
int hl_uart_poll(struct hl_uart *u, uint8_t *buf, size_t len, size_t *got);
/* Sends len bytes, waiting for room in the transmitter before each. */
int hl_uart_send(struct hl_uart *u, const uint8_t *buf, size_t len);

#endif
