/*
 * panic() and the report shared with kernel exceptions: message, registers,
 * symbolized backtrace, then halt (or leave QEMU with panic=exit).
 */
#include <arch/backtrace.h>
#include <arch/cpu.h>
#include <arch/qemu_exit.h>
#include <arch/trap.h>
#include <kernel/kgdb.h>
#include <kernel/kprintf.h>
#include <kernel/ksym.h>
#include <kernel/panic.h>

bool panic_exit_qemu;
static volatile int panicking;

void panic_begin(void)
{
    irq_disable();
    if (panicking++) {
        kprintf("\nnested panic: halting\n");
        panic_end();
    }
}

void panic_report_frame(const struct trap_frame *f)
{
    uint64_t pcs[BACKTRACE_MAX];
    char sym[128];

    trap_dump_regs(f);
    size_t n = backtrace_collect(f->rip, f->rbp, pcs, BACKTRACE_MAX);
    kprintf("Backtrace:\n");
    for (size_t i = 0; i < n; i++) {
        /* Return addresses point after the call; look up the call itself. */
        ksym_format(sym, sizeof(sym), i == 0 ? pcs[i] : pcs[i] - 1);
        kprintf("  #%-2zu %016lx %s\n", i, pcs[i], sym);
    }
}

void panic_end(void)
{
    kprintf("System halted.\n");
    if (panic_exit_qemu)
        qemu_exit(QEMU_EXIT_PANIC);
    cpu_halt_forever();
}

void panic(const char *fmt, ...)
{
    struct trap_frame f;
    va_list ap;

    arch_capture_regs(&f);
    panic_begin();
    kprintf("\nPANIC: ");
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    panic_report_frame(&f);
    if (!panic_exit_qemu)
        kgdb_panic(&f, false);
    panic_end();
}
