/*
 * The final GDT and the TSS with its interrupt stacks. Double fault, NMI and
 * machine check run on their own stacks so a kernel stack overflow still
 * ends in a readable report instead of a triple fault.
 */
#include <arch/gdt.h>
#include <kernel/string.h>

#define IST_STACK_SIZE 8192

static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

struct tss kernel_tss __attribute__((aligned(16)));

static uint64_t gdt[8] __attribute__((aligned(16))) = {
    [0] = 0,
    [1] = 0x00af9a000000ffff, /* kernel code 64 */
    [2] = 0x00cf92000000ffff, /* kernel data */
    [3] = 0x00cffa000000ffff, /* user code 32 (unused, SYSRET layout) */
    [4] = 0x00cff2000000ffff, /* user data */
    [5] = 0x00affa000000ffff, /* user code 64 */
    /* [6], [7]: 16-byte TSS descriptor, filled in below */
};

struct __attribute__((packed)) gdtr {
    uint16_t limit;
    uint64_t base;
};

static void set_tss_descriptor(void)
{
    uint64_t base = (uint64_t)(uintptr_t)&kernel_tss;
    uint64_t limit = sizeof(kernel_tss) - 1;

    gdt[6] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
             (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[7] = base >> 32;
}

void gdt_init(void)
{
    memset(&kernel_tss, 0, sizeof(kernel_tss));
    for (int i = 0; i < 3; i++)
        kernel_tss.ist[i] = (uint64_t)(uintptr_t)(ist_stacks[i] + IST_STACK_SIZE);
    kernel_tss.iomap_base = sizeof(kernel_tss); /* no I/O bitmap: user port I/O faults */
    set_tss_descriptor();

    struct gdtr gdtr = {.limit = sizeof(gdt) - 1, .base = (uint64_t)(uintptr_t)gdt};
    __asm__ volatile("lgdt %0\n\t"
                     "pushq %1\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movw %w2, %%ax\n\t"
                     "movw %%ax, %%ds\n\t"
                     "movw %%ax, %%es\n\t"
                     "movw %%ax, %%ss\n\t"
                     "ltr %w3"
                     :
                     : "m"(gdtr), "i"(SEL_KCODE), "i"(SEL_KDATA), "r"((uint16_t)SEL_TSS)
                     : "rax", "memory");
}
