/*
 * `debug-server` on the kernel command line: the root task becomes a GDB
 * server for one target, the program dbgtarget.elf (embedded in the root
 * task by target_image.S), loaded into a VSpace of its own and stopped at
 * its entry. gdb talks to it on COM3 (ports 0x3e8-0x3ef, ISA IRQ 4)
 * through the user-space 16550 driver. The UART's notification is bound to
 * the root task, so one receive on the target's debug endpoint waits for
 * both: gdb's bytes (a notification) and the target's debug events.
 * scripts/debugserver-gdb-test.sh drives it with stock gdb.
 */
#include <stdio.h>
#include <string.h>
#include <gdbstub/x86_64.h>
#include <hl/bootinfo.h>
#include <hl/invoke.h>
#include "../root/root.h"
#include "debugserver.h"

#define COM3_BASE 0x3e8
#define COM3_IRQ 4
#define BAUD 115200
#define SCRATCH_VADDR 0x0000000070000000ull /* in the server's VSpace */
#define TARGET_PRIORITY 50                  /* below the server: a busy target cannot starve it */
#define EVENT_BADGE 0xdb

#define SIGILL 4
#define SIGFPE 8
#define SIGSEGV 11
#define SIGBUS 7

extern const uint8_t ds_target_elf[], ds_target_elf_end[];

static struct ds ds;
static uint8_t rx_buf[4096], tx_buf[4096];

static int fail(const char *what, int err)
{
    printf("debug-server: %s failed: %d\n", what, err);
    return 1;
}

static void put(void *io, const uint8_t *buf, size_t len)
{
    hl_uart_send(io, buf, len);
}

int ds_wait_event(struct ds *d, struct hl_debug_event *ev)
{
    for (;;) {
        struct hl_msg m = hl_recv(d->endpoint);
        if (m.status)
            return m.status;
        if (HL_MSGINFO_FLAGS(m.info) & HL_MSG_FLAG_NOTIFICATION)
            d->uart_pending = true;
        else if (hl_debug_event_decode(&m, ev))
            return E_OK;
    }
}

static uint8_t fault_signal(uint64_t vector)
{
    switch (vector) {
    case 0:
    case 16:
    case 19:
        return SIGFPE;
    case 6:
        return SIGILL;
    case 17:
        return SIGBUS;
    case 1:
    case 3:
        return GDBSTUB_SIGTRAP;
    default:
        return SIGSEGV;
    }
}

/* The target stopped: tell gdb why, in its terms. */
static void report(struct ds *d, const struct hl_debug_event *ev)
{
    struct gdbstub_stop stop = {
        .kind = GDBSTUB_STOP_SIGNAL, .signal = GDBSTUB_SIGTRAP, .tid = DS_TID};

    d->running = false;
    d->regs_valid = false;
    d->fault_pending = false;
    switch (ev->label) {
    case HL_LABEL_DEBUG_EXIT:
        d->exited = true;
        stop = (struct gdbstub_stop){.kind = GDBSTUB_STOP_EXITED, .exit_code = (uint8_t)ev->vector};
        break;
    case HL_LABEL_DEBUG_BREAKPOINT:
        /* Ours: back up over the int3, as gdb expects with swbreak. */
        if (ds_sw_bp_at(d, ev->rip - 1) && ds_fetch_regs(d) == E_OK) {
            struct hl_debug_regs r = d->regs;
            r.rip = ev->rip - 1;
            if (hl_debug_write_regs(d->task, &r) == E_OK)
                d->regs = r;
            stop.reason = GDBSTUB_REASON_SWBREAK;
        }
        break;
    case HL_LABEL_DEBUG_HW:
        if (ev->detail < DS_HW_SLOTS && d->hw[ev->detail].used) {
            const struct ds_hw_bp *h = &d->hw[ev->detail];
            stop.reason = h->type == GDBSTUB_BP_HARDWARE   ? GDBSTUB_REASON_HWBREAK
                          : h->type == GDBSTUB_WATCH_WRITE ? GDBSTUB_REASON_WATCH
                                                           : GDBSTUB_REASON_AWATCH;
            stop.watch_addr = h->addr;
        }
        break;
    case HL_LABEL_DEBUG_FAULT:
        stop.signal = fault_signal(ev->vector);
        d->fault_pending = true;
        break;
    default: /* step */
        break;
    }
    gdbstub_report_stop(&d->gs, &stop);
}

static void feed_uart(struct ds *d)
{
    uint8_t buf[256];
    size_t got;
    int ev;

    do {
        if (hl_uart_poll(&d->uart, buf, sizeof(buf), &got) || got == 0)
            return;
        ev = gdbstub_feed(&d->gs, buf, got);
        if (ev > 0 && (ev & GDBSTUB_EV_INTERRUPT) && d->running && !d->exited) {
            hl_debug_suspend(d->task);
            d->running = false;
            d->regs_valid = false;
            gdbstub_report_stop(&d->gs, &(struct gdbstub_stop){.kind = GDBSTUB_STOP_SIGNAL,
                                                               .signal = GDBSTUB_SIGINT,
                                                               .tid = DS_TID});
        }
        while (d->has_pending) {
            d->has_pending = false;
            report(d, &d->pending);
        }
    } while (got == sizeof(buf));
}

static int serve(struct ds *d)
{
    struct hl_debug_event ev;

    for (;;) {
        struct hl_msg m = hl_recv(d->endpoint);
        if (m.status)
            return fail("receiving", m.status);
        if (HL_MSGINFO_FLAGS(m.info) & HL_MSG_FLAG_NOTIFICATION)
            d->uart_pending = true;
        else if (hl_debug_event_decode(&m, &ev))
            report(d, &ev);
        while (d->uart_pending) {
            d->uart_pending = false;
            feed_uart(d);
        }
    }
}

/* The UART, the target and the debug endpoint. */
static int setup(const struct hl_bootinfo *bi, struct hl_alloc *a)
{
    uint32_t ioport, irq, ntfn, send;
    struct ds_loaded t;
    int err;

    if ((err = hl_alloc_slots(a, 2, &ioport)))
        return fail("allocating slots", err);
    irq = ioport + 1;
    if ((err = hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, COM3_BASE, HL_UART_PORTS,
                                  HL_ROOT_SLOT_CSPACE, ioport)) ||
        (err = hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, COM3_IRQ, HL_ROOT_SLOT_CSPACE, irq)) ||
        (err = hl_alloc_objects(a, HL_CAP_NOTIFICATION, 0, 1, &ntfn)) ||
        (err = hl_uart_init(&ds.uart, ioport, COM3_BASE, irq, ntfn, BAUD)) ||
        (err = hl_task_bind_notification(HL_ROOT_SLOT_TASK, ntfn)))
        return fail("setting up COM3", err);
    (void)bi;
    if ((err = ds_load(a, HL_ROOT_SLOT_VSPACE, SCRATCH_VADDR, ds_target_elf,
                       (size_t)(ds_target_elf_end - ds_target_elf), &t)))
        return fail("loading dbgtarget", err);
    ds.task = t.task;
    if ((err = hl_alloc_objects(a, HL_CAP_ENDPOINT, 0, 1, &ds.endpoint)) ||
        (err = hl_alloc_slots(a, 1, &send)) ||
        (err = hl_cspace_mint(HL_ROOT_SLOT_CSPACE, send, HL_ROOT_SLOT_CSPACE, ds.endpoint,
                              HL_RIGHT_WRITE, EVENT_BADGE)) ||
        (err = hl_debug_set_endpoint(ds.task, send)))
        return fail("setting the debug endpoint", err);
    /* Stopped at its entry: made runnable and suspended again before it
     * can run (it is below us in priority). */
    if ((err = hl_task_set_priority(ds.task, TARGET_PRIORITY, TARGET_PRIORITY)) ||
        (err = hl_task_set_name(ds.task, "dbgtarget", 9)) || (err = hl_task_resume(ds.task)) ||
        (err = hl_debug_suspend(ds.task)))
        return fail("starting dbgtarget", err);
    printf("debug-server: dbgtarget loaded, entry %#lx, stopped\n", (unsigned long)t.entry);
    return 0;
}

int debug_server_main(const struct hl_bootinfo *bi)
{
    int ram = hl_bootinfo_largest_ram(bi);
    struct hl_alloc a = {
        .cspace = HL_ROOT_SLOT_CSPACE,
        .next = bi->first_free_slot,
        .end = 1u << bi->cspace_bits,
    };
    struct gdbstub_config cfg = {
        .ops = &ds_target_ops,
        .target = &ds,
        .arch = &gdbstub_arch_x86_64,
        .put = put,
        .io = &ds.uart,
        .rx_buf = rx_buf,
        .rx_size = sizeof(rx_buf),
        .tx_buf = tx_buf,
        .tx_size = sizeof(tx_buf),
        .rle = true, /* a serial line: every byte costs */
    };
    int err;

    if (ram < 0)
        return fail("finding RAM", E_NOMEM);
    a.memory = bi->memory[ram].slot;
    if (setup(bi, &a))
        return 1;
    if ((err = gdbstub_init(&ds.gs, &cfg)))
        return fail("starting the protocol engine", err);
    gdbstub_report_stop(&ds.gs, &(struct gdbstub_stop){.kind = GDBSTUB_STOP_SIGNAL,
                                                       .signal = GDBSTUB_SIGTRAP,
                                                       .tid = DS_TID});
    printf("debug-server: ready on COM3 (port %#x, IRQ %u)\n", COM3_BASE, COM3_IRQ);
    return serve(&ds);
}
