/*
 * The trap frame built by isr.S and the interrupt vector numbers.
 *
 *   0-31     CPU exceptions
 *   32-47    legacy 8259 PIC, remapped here and masked (only spurious IRQs)
 *   48       local APIC timer
 *   64-79    ISA IRQs 0-15 through the IOAPIC (user drivers' IRQ caps)
 *   255      local APIC spurious interrupt
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#define VEC_PIC_BASE 32
#define VEC_TIMER 48
#define VEC_IRQ_BASE 64
#define VEC_SPURIOUS 255

#define EXC_DE 0
#define EXC_DB 1
#define EXC_NMI 2
#define EXC_BP 3
#define EXC_UD 6
#define EXC_NM 7
#define EXC_DF 8
#define EXC_GP 13
#define EXC_PF 14
#define EXC_MC 18

#ifndef __ASSEMBLER__
#include <kernel/types.h>

struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

void idt_init(void);
void trap_dispatch(struct trap_frame *f);
const char *trap_name(uint64_t vector);
const char *trap_mnemonic(uint64_t vector);

/* What the last exception recovered through the fixup table was; the
 * self-tests read it to check the right fault happened. */
struct trap_record {
    uint64_t vector;
    uint64_t error;
    uint64_t cr2;
    uint64_t rip;
    uint64_t count;
};
extern struct trap_record trap_last_fixup;

/* Registers of the caller, as if it had trapped at the return address. */
void arch_capture_regs(struct trap_frame *f);
/* Prints every register of f, symbolized where it helps. */
void trap_dump_regs(const struct trap_frame *f);
#endif

#endif
