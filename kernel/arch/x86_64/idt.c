/*
 * The IDT: every vector goes to its stub in isr.S as an interrupt gate
 * (interrupts off on entry). Double fault, NMI and machine check use their
 * own IST stacks. #BP is reachable from ring 3 so int3 in a user task
 * becomes a debug event rather than a #GP.
 */
#include <arch/gdt.h>
#include <arch/trap.h>

struct __attribute__((packed)) idt_gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
};

struct __attribute__((packed)) idtr {
    uint16_t limit;
    uint64_t base;
};

extern const uint64_t trap_stub_table[256];
static struct idt_gate idt[256] __attribute__((aligned(16)));

static void set_gate(int v, uint64_t handler, uint8_t ist, uint8_t dpl)
{
    idt[v] = (struct idt_gate){
        .offset_lo = handler & 0xffff,
        .selector = SEL_KCODE,
        .ist = ist,
        .type_attr = (uint8_t)(0x80 | (dpl << 5) | 0xe), /* present, 64-bit interrupt gate */
        .offset_mid = (handler >> 16) & 0xffff,
        .offset_hi = (uint32_t)(handler >> 32),
    };
}

void idt_init(void)
{
    for (int v = 0; v < 256; v++)
        set_gate(v, trap_stub_table[v], 0, 0);
    set_gate(EXC_DF, trap_stub_table[EXC_DF], IST_DOUBLE_FAULT, 0);
    set_gate(EXC_NMI, trap_stub_table[EXC_NMI], IST_NMI, 0);
    set_gate(EXC_MC, trap_stub_table[EXC_MC], IST_MACHINE_CHECK, 0);
    set_gate(EXC_BP, trap_stub_table[EXC_BP], 0, 3);

    struct idtr idtr = {.limit = sizeof(idt) - 1, .base = (uint64_t)(uintptr_t)idt};
    __asm__ volatile("lidt %0" : : "m"(idtr));
}
