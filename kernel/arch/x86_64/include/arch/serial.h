/*
 * 16550 UART driver for the legacy COM ports, polled. COM1 carries the
 * console; COM2 is kept for the kernel's GDB stub.
 */
#ifndef ARCH_SERIAL_H
#define ARCH_SERIAL_H

#include <kernel/types.h>

#define COM1_PORT 0x3f8
#define COM2_PORT 0x2f8

void serial_init(uint16_t port);
void serial_putc(uint16_t port, char c);
/* Raw bytes, in bursts that fill the transmit FIFO: one status read per
 * 16 bytes instead of one per byte (each is a costly exit under emulation). */
void serial_write(uint16_t port, const uint8_t *buf, size_t len);
/* -1 when no byte is waiting. */
int serial_getc_nonblock(uint16_t port);

#endif
