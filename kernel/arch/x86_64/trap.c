/*
 * Trap dispatch. Interrupts go to their handlers; exceptions in the kernel
 * are either expected (the faulting instruction is in the fixup table, as
 * in arch_copy_safe) and resumed at the fixup, or a kernel bug, reported in
 * full and the machine stopped. Exceptions in user mode stop the task with
 * a one-line report; with IPC they become fault messages to its handler.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/extable.h>
#include <arch/trap.h>
#include <kernel/faultlog.h>
#include <kernel/kgdb.h>
#include <kernel/kprintf.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
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
    if (!panic_exit_qemu)
        kgdb_panic(f, true);
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
        if ((f->vector == EXC_BP || f->vector == EXC_DB) && kgdb_trap(f, NULL))
            return;
        if (f->vector == EXC_DB) {
            /* A task's data watchpoint on a user address the kernel just
             * touched for it (a copy from user memory): not the task's
             * access, and not a kernel bug. The access has completed. */
            __asm__ volatile("mov %0, %%dr6" : : "r"(0ull));
            return;
        }
    }
    kernel_exception(f);
}

/* user: the task whose user mode was interrupted, or NULL. */
static void interrupt(struct trap_frame *f, struct task *user)
{
    if (f->vector >= VEC_IRQ_BASE && f->vector < VEC_IRQ_BASE + 16) {
        unsigned irq = (unsigned)(f->vector - VEC_IRQ_BASE);
        if (kgdb_owns_irq(irq))
            kgdb_irq(f, user);
        else
            irq_handle(irq);
        return;
    }
    switch (f->vector) {
    case VEC_TIMER:
        timer_tick();
        sched_tick();
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

/* Traps taken in kernel mode: exceptions (fixups or bugs) and interrupts
 * that arrive while the kernel idles. */
void trap_dispatch(struct trap_frame *f)
{
    if (f->vector < 32)
        exception(f);
    else
        interrupt(f, NULL);
}

/*
 * A user task faulted: a message to its fault endpoint, or, with no
 * handler, the task stops with a one-line report and the others run on.
 */
static void user_fault(struct task *t, struct trap_frame *f)
{
    t->fault_vector = f->vector;
    t->fault_error = f->error;
    t->fault_addr = f->vector == EXC_PF ? read_cr2() : 0;
    faultlog_add(t, f->vector, f->error, t->fault_addr, f->rip);
    if (debug_event_trap(t, f) || ipc_send_fault(t))
        return;
    kprintf("fault: task %u '%s': %s %s at rip %#lx, address %#lx, error %#lx; task stopped\n",
            t->id, t->name, trap_mnemonic(f->vector), trap_name(f->vector), f->rip, t->fault_addr,
            f->error);
    sched_stop(t, HL_TASK_FAULTED);
}

/* Traps taken in user mode: f is the current task's saved frame. */
void trap_user(struct trap_frame *f)
{
    struct task *t = this_cpu()->current;

    if (f != &t->frame) {
        /* NMI, #DF or #MC arrive on their own stacks; none is recoverable. */
        kernel_exception(f);
    }
    if ((f->vector == EXC_BP || f->vector == EXC_DB) && kgdb_trap(f, t))
        return;
    if (f->vector < 32)
        user_fault(t, f);
    else
        interrupt(f, t);
}
