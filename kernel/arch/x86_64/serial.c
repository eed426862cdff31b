/*
 * 16550 UART, polled (PC16550D datasheet, register map). 115200 baud 8N1
 * with FIFOs on. Receive interrupts are left off until a driver asks.
 */
#include <arch/cpu.h>
#include <arch/serial.h>

enum {
    REG_DATA = 0,
    REG_IER = 1,
    REG_FCR = 2,
    REG_LCR = 3,
    REG_MCR = 4,
    REG_LSR = 5,
};

#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

void serial_init(uint16_t port)
{
    outb(port + REG_IER, 0x00);
    outb(port + REG_LCR, 0x80);  /* DLAB: the next two bytes are the divisor */
    outb(port + REG_DATA, 0x01); /* 115200 / 1 */
    outb(port + REG_IER, 0x00);
    outb(port + REG_LCR, 0x03); /* 8 bits, no parity, 1 stop */
    outb(port + REG_FCR, 0xc7); /* FIFOs on and cleared, 14-byte threshold */
    outb(port + REG_MCR, 0x0b); /* DTR, RTS, OUT2 */
}

#define TX_FIFO_SIZE 16

static bool wait_thr_empty(uint16_t port)
{
    for (int i = 0; i < 100000; i++) {
        if (inb(port + REG_LSR) & LSR_THR_EMPTY)
            return true;
        cpu_relax();
    }
    return false; /* no UART: do not hang the kernel */
}

void serial_putc(uint16_t port, char c)
{
    wait_thr_empty(port);
    outb(port + REG_DATA, (uint8_t)c);
}

void serial_write(uint16_t port, const uint8_t *buf, size_t len)
{
    /* THRE with FIFOs on means the whole transmit FIFO is empty. */
    for (size_t i = 0; i < len; i += TX_FIFO_SIZE) {
        wait_thr_empty(port);
        for (size_t k = i; k < len && k < i + TX_FIFO_SIZE; k++)
            outb(port + REG_DATA, buf[k]);
    }
}

int serial_getc_nonblock(uint16_t port)
{
    if (!(inb(port + REG_LSR) & LSR_DATA_READY))
        return -1;
    return inb(port + REG_DATA);
}
