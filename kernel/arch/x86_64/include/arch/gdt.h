/*
 * Segment selectors and the TSS. The order kernel code, kernel data, user
 * code32, user data, user code64 is the one SYSRET requires (SDM Vol. 2B
 * SYSRET: user CS = STAR[63:48]+16, SS = STAR[63:48]+8).
 */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UCODE32 0x1b
#define SEL_UDATA 0x23
#define SEL_UCODE 0x2b
#define SEL_TSS 0x30

/* Interrupt stack table slots (1-based as in the IDT gate). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3

#ifndef __ASSEMBLER__
#include <kernel/types.h>

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

void gdt_init(void);
extern struct tss kernel_tss;
#endif

#endif
