/*
 * A bump allocator for a task's own CSpace slots and for kernel objects
 * carved out of one Memory capability. Nothing is ever given back one at a
 * time: the owner revokes the Memory capability, which destroys every
 * object made from it and makes it whole again (seL4-style untyped
 * memory), and resets `next`.
 */
#ifndef HL_ALLOC_H
#define HL_ALLOC_H

#include <stdint.h>

struct hl_alloc {
    uint32_t cspace; /* cptr of the caller's own CSpace: where new caps go */
    uint32_t memory; /* the Memory capability objects are carved from */
    uint32_t next;   /* next free slot */
    uint32_t end;    /* one past the last slot this allocator may hand out */
};

/* E_NOMEM when the slot range is used up. */
int hl_alloc_slots(struct hl_alloc *a, uint32_t count, uint32_t *first);
/* Retypes count objects into consecutive fresh slots; first gets the first
 * slot. Errors: those of hl_alloc_slots and of Memory.retype. */
int hl_alloc_objects(struct hl_alloc *a, unsigned type, unsigned size_bits, uint32_t count,
                     uint32_t *first);
/* Maps page at vaddr in vspace, first creating (from a->memory) and
 * mapping whatever PDPT, PD and PT the mapping lacks. */
int hl_alloc_map_page(struct hl_alloc *a, uint32_t vspace, uint64_t vaddr, uint32_t page,
                      unsigned rights);
/* Retypes npages 4 KiB pages and maps them from vaddr up. */
int hl_alloc_map_new_pages(struct hl_alloc *a, uint32_t vspace, uint64_t vaddr, uint32_t npages,
                           unsigned rights);

#endif
