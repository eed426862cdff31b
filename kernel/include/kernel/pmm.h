/*
 * Physical frame allocator: one bit per 4 KiB frame below a top address,
 * set when the frame is unavailable. Portable (host-tested); the kernel's
 * instance is set up from the boot memory map by mm/pmm_setup.c.
 *
 * In the capability kernel this allocator only serves the kernel itself at
 * boot (page tables, the bitmap, the root task's first objects); what is left
 * is handed to user space as Memory capabilities.
 */
#ifndef KERNEL_PMM_H
#define KERNEL_PMM_H

#include <kernel/types.h>

enum pmm_err {
    PMM_OK = 0,
    PMM_E_NOMEM = -1,   /* no run of free frames that large */
    PMM_E_INVALID = -2, /* bad count/alignment, out of range, or not allocated */
};

struct pmm {
    uint64_t *bitmap;
    size_t nframes;
    size_t free_frames;
    size_t hint; /* where the next search starts */
};

/* Bytes of bitmap needed to cover [0, top). */
size_t pmm_bitmap_bytes(paddr_t top);

/* Starts with every frame unavailable. */
void pmm_init(struct pmm *p, uint64_t *bitmap, paddr_t top);
/* Makes the whole frames inside [base, base+len) available. */
void pmm_add_free(struct pmm *p, paddr_t base, uint64_t len);
/* Makes every frame touching [base, base+len) unavailable. */
void pmm_reserve(struct pmm *p, paddr_t base, uint64_t len);

/* count contiguous frames whose first frame number is a multiple of align. */
int pmm_alloc(struct pmm *p, size_t count, size_t align, paddr_t *out);
int pmm_free(struct pmm *p, paddr_t base, size_t count);
bool pmm_is_free(const struct pmm *p, paddr_t pa);

static inline uint64_t pmm_free_bytes(const struct pmm *p)
{
    return (uint64_t)p->free_frames << PAGE_SHIFT;
}

/* The kernel's allocator (mm/pmm_setup.c). */
extern struct pmm kernel_pmm;
struct bootinfo;
void pmm_setup(const struct bootinfo *bi);
/* One zeroed frame for kernel use; panics when memory is exhausted. */
paddr_t pmm_alloc_zeroed_frame(void);

#endif
