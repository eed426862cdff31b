/*
 * `serial-echo` on the kernel command line: the root task drives COM3
 * (ports 0x3e8-0x3ef, ISA IRQ 4) with the user-space 16550 driver and
 * sends back every byte it receives, for ever. scripts/serial-echo-test.py
 * connects COM3 to a socket and checks the echo; it waits for the "ready"
 * line on the console before sending anything.
 */
#include <stdio.h>
#include <hl/alloc.h>
#include <hl/bootinfo.h>
#include <hl/invoke.h>
#include <hl/uart16550.h>
#include "root.h"

#define COM3_BASE 0x3e8
#define COM3_IRQ 4
#define BAUD 115200

static int fail(const char *what, int err)
{
    printf("serial-echo: %s failed: %d\n", what, err);
    return 1;
}

int serial_echo_main(const struct hl_bootinfo *bi)
{
    int ram = hl_bootinfo_largest_ram(bi);
    struct hl_alloc a = {
        .cspace = HL_ROOT_SLOT_CSPACE,
        .next = bi->first_free_slot,
        .end = 1u << bi->cspace_bits,
    };
    uint32_t ioport, irq, ntfn;
    struct hl_uart uart;
    uint8_t buf[64];
    size_t got;
    int err;

    if (ram < 0)
        return fail("finding RAM", E_NOMEM);
    a.memory = bi->memory[ram].slot;
    if ((err = hl_alloc_slots(&a, 2, &ioport)))
        return fail("allocating slots", err);
    irq = ioport + 1;
    if ((err = hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, COM3_BASE, HL_UART_PORTS,
                                  HL_ROOT_SLOT_CSPACE, ioport)))
        return fail("getting the COM3 ports", err);
    if ((err = hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, COM3_IRQ, HL_ROOT_SLOT_CSPACE, irq)))
        return fail("getting IRQ 4", err);
    if ((err = hl_alloc_objects(&a, HL_CAP_NOTIFICATION, 0, 1, &ntfn)))
        return fail("making a notification", err);
    if ((err = hl_uart_init(&uart, ioport, COM3_BASE, irq, ntfn, BAUD)))
        return fail("setting up the UART", err);
    printf("serial-echo: ready on COM3 (port %#x, IRQ %u)\n", COM3_BASE, COM3_IRQ);
    for (;;) {
        if ((err = hl_uart_recv(&uart, buf, sizeof(buf), &got)))
            return fail("receiving", err);
        if ((err = hl_uart_send(&uart, buf, got)))
            return fail("sending", err);
    }
}
