/*
 * Setting up the kernel's frame allocator from the checked boot memory map:
 * place the bitmap in usable memory the boot page tables reach, free every
 * usable region, then take back the first MiB (firmware data, and later the
 * application-processor trampoline), the kernel image, the modules and the
 * bitmap itself.
 */
#include <arch/layout.h>
#include <kernel/bootinfo.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <kernel/string.h>

/* Below this much free memory after boot there is no room for a root task
 * and its objects; say so instead of failing obscurely later. */
#define MIN_FREE_BYTES MiB(16)
#define LOW_RESERVED MiB(1)

extern char _kernel_phys_start[], _kernel_phys_end[];

struct pmm kernel_pmm;

static bool overlaps(paddr_t a, uint64_t alen, paddr_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

static bool bitmap_fits(const struct bootinfo *bi, paddr_t at, uint64_t size)
{
    paddr_t ks = (paddr_t)(uintptr_t)_kernel_phys_start;
    paddr_t ke = (paddr_t)(uintptr_t)_kernel_phys_end;

    if (at < LOW_RESERVED || at + size > BOOT_MAPPED_BYTES)
        return false;
    if (!memmap_is_usable(bi->regions, bi->nregions, at, size))
        return false;
    if (overlaps(at, size, ks, ke - ks))
        return false;
    for (size_t i = 0; i < bi->nmodules; i++) {
        const struct boot_module *m = &bi->modules[i];
        if (overlaps(at, size, m->start, m->end - m->start))
            return false;
    }
    return true;
}

/* Candidates: the start of each usable region, just past the kernel, and
 * just past each module. The first that fits wins. */
static paddr_t place_bitmap(const struct bootinfo *bi, uint64_t size)
{
    paddr_t c = ALIGN_UP((paddr_t)(uintptr_t)_kernel_phys_end, PAGE_SIZE);

    if (bitmap_fits(bi, c, size))
        return c;
    for (size_t i = 0; i < bi->nmodules; i++) {
        c = ALIGN_UP(bi->modules[i].end, PAGE_SIZE);
        if (bitmap_fits(bi, c, size))
            return c;
    }
    for (size_t i = 0; i < bi->nregions; i++) {
        c = ALIGN_UP(MAX(bi->regions[i].base, LOW_RESERVED), PAGE_SIZE);
        if (bitmap_fits(bi, c, size))
            return c;
    }
    panic("memory: no room for the %lu-byte frame bitmap in the first GiB", size);
}

void pmm_setup(const struct bootinfo *bi)
{
    paddr_t top = 0;

    for (size_t i = 0; i < bi->nregions; i++) {
        if (bi->regions[i].type == BOOT_MEM_USABLE)
            top = MAX(top, bi->regions[i].base + bi->regions[i].len);
    }
    uint64_t size = ALIGN_UP(pmm_bitmap_bytes(top), PAGE_SIZE);
    paddr_t at = place_bitmap(bi, size);

    pmm_init(&kernel_pmm, phys_to_virt(at), top);
    for (size_t i = 0; i < bi->nregions; i++) {
        if (bi->regions[i].type == BOOT_MEM_USABLE)
            pmm_add_free(&kernel_pmm, bi->regions[i].base, bi->regions[i].len);
    }
    pmm_reserve(&kernel_pmm, 0, LOW_RESERVED);
    pmm_reserve(&kernel_pmm, (paddr_t)(uintptr_t)_kernel_phys_start,
                (paddr_t)(uintptr_t)_kernel_phys_end - (paddr_t)(uintptr_t)_kernel_phys_start);
    for (size_t i = 0; i < bi->nmodules; i++)
        pmm_reserve(&kernel_pmm, bi->modules[i].start, bi->modules[i].end - bi->modules[i].start);
    pmm_reserve(&kernel_pmm, at, size);

    if (pmm_free_bytes(&kernel_pmm) < MIN_FREE_BYTES)
        panic("memory: too little memory: %lu KiB free after the kernel and modules, "
              "Helios needs at least %lu KiB",
              pmm_free_bytes(&kernel_pmm) >> 10, MIN_FREE_BYTES >> 10);
}

paddr_t pmm_alloc_zeroed_frame(void)
{
    paddr_t pa;

    if (pmm_alloc(&kernel_pmm, 1, 1, &pa) != PMM_OK)
        panic("memory: out of physical frames for the kernel");
    memset(phys_to_virt(pa), 0, PAGE_SIZE);
    return pa;
}
