/*
 * Trap dispatch. Interrupts go to their handlers; exceptions in the kernel
 * are either expected (the faulting instruction is in the fixup table, as
 * in arch_copy_safe) and resumed at the fixup, or a kernel bug, reported in
 * full and the machine stopped. Exceptions in user mode become fault
 * messages once tasks exist (capability core and IPC issues).
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/extable.h>
#include <arch/trap.h>
#include <kernel/kprintf.h>
#include <kernel/panic.h>
#include <kernel/timer.h>

struct trap_record trap_last_fixup;
static uint64_t spurious_count;

static const char *const names[32][2] = {
    {"#DE", "divide error"},
    {"#DB", "debug"},
    {"NMI", "non-maskable interrupt"},
    {"#BP", "breakpoint"},
    {"#OF", "overflow"},
    {"#BR", "bound range exceeded"},
    {"#UD", "invalid opcode"},
    {"#NM", "device not available"},
    {"#DF", "double fault"},
    {"CSO", "coprocessor segment overrun"},
    {"#TS", "invalid TSS"},
    {"#NP", "segment not present"},
    {"#SS", "stack-segment fault"},
    {"#GP", "general protection fault"},
    {"#PF", "page fault"},
    {"#15", "reserved"},
    {"#MF", "x87 floating-point error"},
    {"#AC", "alignment check"},
    {"#MC", "machine check"},
    {"#XM", "SIMD floating-point exception"},
    {"#VE", "virtualization exception"},
    {"#CP", "control protection exception"},
    {"#22", "reserved"},
    {"#23", "reserved"},
    {"#24", "reserved"},
    {"#25", "reserved"},
    {"#26", "reserved"},
    {"#27", "reserved"},
    {"#HV", "hypervisor injection exception"},
    {"#VC", "VMM communication exception"},
    {"#SX", "security exception"},
    {"#31", "reserved"},
};

const char *trap_mnemonic(uint64_t vector)
{
    return vector < 32 ? names[vector][0] : "IRQ";
}

const char *trap_name(uint64_t vector)
{
    return vector < 32 ? names[vector][1] : "interrupt";
}

/* SDM Vol. 3A 4.7: page-fault error code bits. */
static void describe_pf_error(uint64_t e)
{
    kprintf(" [%s, %s, %s%s%s]", e & 1 ? "protection violation" : "not present",
            e & 2 ? "write" : "read", e & 4 ? "user" : "kernel", e & 8 ? ", reserved bit" : "",
            e & 16 ? ", instruction fetch" : "");
}

NORETURN static void kernel_exception(struct trap_frame *f)
{
    uint64_t cr2 = read_cr2();

    panic_begin();
    kprintf("\nKERNEL EXCEPTION: %s %s (vector %lu), error code 0x%lx", trap_mnemonic(f->vector),
            trap_name(f->vector), f->vector, f->error);
    if (f->vector == EXC_PF)
        describe_pf_error(f->error);
    kprintf("\n");
    if (f->vector == EXC_PF)
        kprintf("  cr2 %016lx (faulting address)\n", cr2);
    panic_report_frame(f);
    panic_end();
}

static void exception(struct trap_frame *f)
{
    if ((f->cs & 3) == 0) {
        uint64_t fixup = extable_find(f->rip);
        if (fixup) {
            trap_last_fixup = (struct trap_record){
                .vector = f->vector,
                .error = f->error,
                .cr2 = f->vector == EXC_PF ? read_cr2() : 0,
                .rip = f->rip,
                .count = trap_last_fixup.count + 1,
            };
            f->rip = fixup;
            return;
        }
    }
    kernel_exception(f);
}

void trap_dispatch(struct trap_frame *f)
{
    if (f->vector < 32) {
        exception(f);
        return;
    }
    switch (f->vector) {
    case VEC_TIMER:
        timer_tick();
        lapic_eoi();
        return;
    case VEC_SPURIOUS:
    case VEC_PIC_BASE + 7:
    case VEC_PIC_BASE + 15:
        /* Spurious: no EOI (SDM 10.9; 8259A datasheet on IRQ7/IRQ15). */
        spurious_count++;
        return;
    default:
        kprintf("trap: unexpected interrupt vector %lu\n", f->vector);
        lapic_eoi();
        return;
    }
}
