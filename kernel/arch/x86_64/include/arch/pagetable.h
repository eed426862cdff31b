/*
 * x86_64 4-level page tables (SDM Vol. 3A 4.5): building, walking and
 * unmapping, independent of how table memory is reached. The caller supplies
 * a way to turn a table's physical address into a pointer and a way to get a
 * zeroed table, so the same code runs on the kernel's live tables and on a
 * host buffer in the unit tests.
 */
#ifndef ARCH_PAGETABLE_H
#define ARCH_PAGETABLE_H

#include <kernel/types.h>

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_U (1ull << 2)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_A (1ull << 5)
#define PTE_D (1ull << 6)
#define PTE_PS (1ull << 7)
#define PTE_G (1ull << 8)
#define PTE_NX (1ull << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ull
/* Flags a caller may ask for on a leaf. */
#define PTE_LEAF_FLAGS (PTE_W | PTE_U | PTE_PWT | PTE_PCD | PTE_G | PTE_NX)

#define PT_ENTRIES 512
#define PAGE_SIZE_2M (1ull << 21)
#define PAGE_SIZE_1G (1ull << 30)

enum pt_err {
    PT_OK = 0,
    PT_E_ALIGN = -1,        /* va or pa not aligned to the page size */
    PT_E_NOMEM = -2,        /* no memory for an intermediate table */
    PT_E_EXISTS = -3,       /* something is already mapped there */
    PT_E_NOT_MAPPED = -4,   /* nothing mapped at va */
    PT_E_NONCANONICAL = -5, /* va is not a canonical address */
    PT_E_INVALID = -6,      /* bad page size or flags */
};

struct pt_ops {
    uint64_t *(*table)(void *ctx, paddr_t pa);
    int (*alloc)(void *ctx, paddr_t *pa); /* a zeroed 4 KiB table */
    void *ctx;
};

struct pt_walk {
    paddr_t pa;      /* physical address va translates to */
    uint64_t size;   /* size of the page that maps it */
    uint64_t pte;    /* the leaf entry */
    bool writable;   /* effective: W at every level */
    bool user;       /* effective: U at every level */
    bool executable; /* effective: NX at no level */
};

bool pt_canonical(vaddr_t va);
/* Maps one page of size 4 KiB, 2 MiB or 1 GiB. */
int pt_map(const struct pt_ops *ops, paddr_t root, vaddr_t va, paddr_t pa, uint64_t size,
           uint64_t flags);
/* Maps [va, va+len) to [pa, pa+len), with 2 MiB pages where both are aligned
 * and large is true, 4 KiB pages otherwise. */
int pt_map_range(const struct pt_ops *ops, paddr_t root, vaddr_t va, paddr_t pa, uint64_t len,
                 uint64_t flags, bool large);
int pt_lookup(const struct pt_ops *ops, paddr_t root, vaddr_t va, struct pt_walk *w);
/* Removes the leaf mapping va; *size gets its page size. Intermediate tables
 * are kept. */
int pt_unmap(const struct pt_ops *ops, paddr_t root, vaddr_t va, uint64_t *size);

#endif
