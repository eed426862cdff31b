/*
 * The kernel's virtual address layout. Shared by C, assembly and the linker
 * script (through the preprocessor), so the numbers live in one place.
 *
 *   0xffff800000000000  direct map of all physical memory (PML4 slot 256)
 *   0xffffffff80000000  kernel image, -2 GiB, so -mcmodel=kernel reaches it
 *
 * The image is loaded at physical 1 MiB; its virtual address is its
 * physical address plus KERNEL_VMA.
 */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define KERNEL_VMA 0xffffffff80000000
#define KERNEL_PHYS 0x100000
#define DIRECT_MAP_BASE 0xffff800000000000
#define DIRECT_MAP_PML4_SLOT 256
#define KERNEL_PML4_SLOT 511

/* Boot code maps the first GiB with 2 MiB pages until paging_init runs. */
#define BOOT_MAPPED_BYTES 0x40000000

#define BOOT_STACK_SIZE 16384

#ifndef __ASSEMBLER__
#include <kernel/types.h>

static inline void *phys_to_virt(paddr_t pa)
{
    return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE);
}

static inline paddr_t kernel_virt_to_phys(const void *va)
{
    return (paddr_t)((uintptr_t)va - KERNEL_VMA);
}

static inline paddr_t direct_virt_to_phys(const void *va)
{
    return (paddr_t)((uintptr_t)va - DIRECT_MAP_BASE);
}
#endif

#endif
