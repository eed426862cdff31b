/*
 * The kernel GDB stub: COM2, the stop loop, and the ways in.
 *
 * Stopping means: remember the interrupted state, tell gdb (a stop reply if
 * it is waiting for one), then poll COM2 with interrupts off and feed the
 * protocol engine until gdb resumes or detaches. Everything else waits:
 * there is one CPU, and time (the tick) stands still meanwhile.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/serial.h>
#include <gdbstub/x86_64.h>
#include <kernel/cmdline.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include "kgdb_int.h"

#define COM2_IRQ 3
#define UART_IER 1
#define UART_SCRATCH 7
#define DR6_B(n) (1ull << (n))
#define DR6_BS (1ull << 14)
#define RFLAGS_TF (1ul << 8)
#define RFLAGS_RF (1ul << 16)
#define GDB_SIGABRT 6
#define GDB_SIGSEGV 11

struct kgdb kgdb;
static bool enabled;
static uint8_t rx_buf[4096], tx_buf[4096];

static void com2_put(void *io, const uint8_t *buf, size_t len)
{
    (void)io;
    serial_write(COM2_PORT, buf, len);
}

bool kgdb_hw_active(void)
{
    return kgdb.dr7 != 0;
}

bool kgdb_owns_irq(unsigned irq)
{
    return enabled && irq == COM2_IRQ;
}

static void save_fpu(void)
{
    struct task *owner = this_cpu()->fpu_owner;

    if (owner)
        __asm__ volatile("fxsave64 %0" : "=m"(owner->fpu));
}

static void restore_fpu(void)
{
    struct task *owner = this_cpu()->fpu_owner;

    if (owner)
        __asm__ volatile("fxrstor64 %0" : : "m"(owner->fpu));
}

/* Clear the trap flag we set for a step, wherever it went. */
static void clear_steps(void)
{
    if (kgdb.step_task)
        kgdb.step_task->frame.rflags &= ~RFLAGS_TF;
    if (kgdb.step_kernel && kgdb.frame)
        kgdb.frame->rflags &= ~RFLAGS_TF;
    kgdb.step_task = NULL;
    kgdb.step_kernel = false;
}

/* first: a byte already read from COM2 (-1: none) to handle in the loop. */
static void stop(struct trap_frame *f, struct task *user, const struct gdbstub_stop *why, int first)
{
    struct gdbstub_stop s = *why;

    kgdb.frame = f;
    kgdb.stop_task = user;
    if (user)
        arch_capture_regs(&kgdb.kframe);
    clear_steps();
    save_fpu();
    s.tid = user ? kgdb_tid(user) : KGDB_TID_KERNEL;
    kgdb.stopped = true;
    kgdb.resume = false;
    gdbstub_report_stop(&kgdb.gs, &s);
    if (first >= 0) {
        uint8_t b = (uint8_t)first;
        gdbstub_feed(&kgdb.gs, &b, 1);
    }
    while (!kgdb.resume) {
        int c = serial_getc_nonblock(COM2_PORT);
        if (c < 0) {
            cpu_relax();
            continue;
        }
        uint8_t b = (uint8_t)c;
        gdbstub_feed(&kgdb.gs, &b, 1);
    }
    kgdb.stopped = false;
    kgdb_osdata_forget();
    restore_fpu();
    if (kgdb.dr7)
        kgdb_hw_load();
    this_cpu()->loaded = NULL; /* gdb may have changed what the task needs loaded */
}

static const struct gdbstub_stop sigtrap = {.kind = GDBSTUB_STOP_SIGNAL, .signal = GDBSTUB_SIGTRAP};

bool kgdb_trap(struct trap_frame *f, struct task *user)
{
    extern char kgdb_wait_point[];
    struct gdbstub_stop why = sigtrap;

    if (!enabled)
        return false;
    if (f->vector == EXC_BP) {
        uint64_t addr = f->rip - 1;
        paddr_t space = user ? user->slots[TASK_SLOT_VSPACE].cap.object : 0;
        if (kgdb_sw_bp_at(addr, space)) {
            f->rip = addr; /* run the real instruction once gdb removes the int3 */
            why.reason = GDBSTUB_REASON_SWBREAK;
        } else if (!user && f->rip != (uint64_t)(uintptr_t)kgdb_wait_point) {
            return false;
        } else if (user) {
            return false; /* the task's own int3: a fault for its handler */
        }
        stop(f, user, &why, -1);
        return true;
    }
    if (f->vector != EXC_DB)
        return false;
    uint64_t dr6;
    __asm__ volatile("mov %%dr6, %0" : "=r"(dr6));
    bool ours = false;
    for (int n = 0; n < 4; n++) {
        if ((dr6 & DR6_B(n)) && (kgdb.dr7 & (1ull << (2 * n)))) {
            uint64_t rw = (kgdb.dr7 >> (16 + 4 * n)) & 3;
            why.reason = rw == 0   ? GDBSTUB_REASON_HWBREAK
                         : rw == 1 ? GDBSTUB_REASON_WATCH
                                   : GDBSTUB_REASON_AWATCH;
            why.watch_addr = kgdb.dr[n];
            if (rw == 0)
                f->rflags |= RFLAGS_RF; /* do not break again on the same instruction */
            ours = true;
        }
    }
    if ((dr6 & DR6_BS) && ((user && kgdb.step_task == user) || (!user && kgdb.step_kernel)))
        ours = true;
    if (!ours)
        return false;
    __asm__ volatile("mov %0, %%dr6" : : "r"(0ull));
    stop(f, user, &why, -1);
    return true;
}

void kgdb_irq(struct trap_frame *f, struct task *user)
{
    int c = serial_getc_nonblock(COM2_PORT);

    lapic_eoi();
    if (c < 0 || kgdb.stopped)
        return;
    /* Any byte from gdb stops the machine: 0x03 is an interrupt, anything
     * else is a new connection or a packet, handled in the stop loop. */
    struct gdbstub_stop why = {.kind = GDBSTUB_STOP_SIGNAL, .signal = GDBSTUB_SIGINT};
    stop(f, user, &why, c == 0x03 ? -1 : c);
}

void kgdb_panic(struct trap_frame *f, bool exception)
{
    struct gdbstub_stop why = {.kind = GDBSTUB_STOP_SIGNAL,
                               .signal = exception ? GDB_SIGSEGV : GDB_SIGABRT};

    if (!enabled || kgdb.stopped)
        return;
    kprintf("kgdb: stopped for the debugger; attach gdb to COM2 to look (detach to halt)\n");
    stop(f, NULL, &why, -1);
}

void kgdb_init(const char *cmdline)
{
    char val[16];
    struct gdbstub_config cfg = {
        .ops = &kgdb_ops,
        .arch = &gdbstub_arch_x86_64,
        .put = com2_put,
        .rx_buf = rx_buf,
        .rx_size = sizeof(rx_buf),
        .tx_buf = tx_buf,
        .tx_size = sizeof(tx_buf),
        .rle = true, /* a serial line: every byte costs */
    };

    if (cmdline_get(cmdline, "gdb", val, sizeof(val)) && val[0] == 'o' && val[1] == 'f')
        return; /* gdb=off */
    /* No UART answers at COM2 (reads float to 0xff): no stub, or the stop
     * loop would read garbage forever. */
    outb(COM2_PORT + UART_SCRATCH, 0x5a);
    if (inb(COM2_PORT + UART_SCRATCH) != 0x5a) {
        kprintf("kgdb: no UART at COM2; GDB stub off\n");
        return;
    }
    serial_init(COM2_PORT);
    if (gdbstub_init(&kgdb.gs, &cfg) != GDBSTUB_OK)
        return;
    enabled = true;
    outb(COM2_PORT + UART_IER, 0x01); /* interrupt on received data */
    ioapic_set_masked(COM2_IRQ, false);
    kprintf("kgdb: GDB stub on COM2%s\n",
            cmdline_get(cmdline, "gdb=wait", NULL, 0) ? ", waiting for gdb" : "");
    if (cmdline_get(cmdline, "gdb=wait", NULL, 0))
        __asm__ volatile("int3\n\t.globl kgdb_wait_point\nkgdb_wait_point:");
}
