/*
 * The kernel's own page tables: the direct map of physical memory and the
 * kernel image with W^X permissions per section.
 */
#ifndef ARCH_PAGING_H
#define ARCH_PAGING_H

#include <arch/pagetable.h>

struct bootinfo;

extern paddr_t kernel_pml4;
extern const struct pt_ops kernel_pt_ops;
/* Bytes of physical address space the direct map covers. */
extern uint64_t direct_map_size;

/* Builds the final tables, switches to them and drops the identity map. */
void paging_init(const struct bootinfo *bi);

#endif
