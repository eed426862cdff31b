/*
 * Boot self-tests of the memory map and the physical allocator, run on the
 * real map the loader gave.
 */
#include <arch/layout.h>
#include <kernel/bootinfo.h>
#include <kernel/ktest.h>
#include <kernel/pmm.h>
#include <kernel/string.h>

extern struct bootinfo bootinfo;
extern char _kernel_phys_start[], _kernel_phys_end[];

KTEST(memmap, sorted_and_disjoint)
{
    KT_TRUE(bootinfo.nregions > 0);
    for (size_t i = 1; i < bootinfo.nregions; i++) {
        const struct boot_region *p = &bootinfo.regions[i - 1], *r = &bootinfo.regions[i];
        KT_TRUE(p->base + p->len <= r->base);
        KT_TRUE(r->len > 0);
    }
}

KTEST(memmap, kernel_in_usable_ram)
{
    paddr_t s = (paddr_t)(uintptr_t)_kernel_phys_start, e = (paddr_t)(uintptr_t)_kernel_phys_end;

    KT_EQ(s, KERNEL_PHYS);
    KT_TRUE(memmap_is_usable(bootinfo.regions, bootinfo.nregions, s, e - s));
}

KTEST(pmm, kernel_low_and_modules_reserved)
{
    paddr_t s = (paddr_t)(uintptr_t)_kernel_phys_start, e = (paddr_t)(uintptr_t)_kernel_phys_end;

    for (paddr_t pa = s; pa < e; pa += PAGE_SIZE)
        KT_TRUE(!pmm_is_free(&kernel_pmm, pa));
    for (paddr_t pa = 0; pa < MiB(1); pa += PAGE_SIZE)
        KT_TRUE(!pmm_is_free(&kernel_pmm, pa));
    for (size_t i = 0; i < bootinfo.nmodules; i++) {
        for (paddr_t pa = bootinfo.modules[i].start; pa < bootinfo.modules[i].end; pa += PAGE_SIZE)
            KT_TRUE(!pmm_is_free(&kernel_pmm, pa));
    }
}

KTEST(pmm, alloc_write_free)
{
    paddr_t frames[64];
    uint64_t before = kernel_pmm.free_frames;

    for (size_t i = 0; i < ARRAY_SIZE(frames); i++) {
        KT_EQ(pmm_alloc(&kernel_pmm, 1, 1, &frames[i]), PMM_OK);
        KT_TRUE(IS_ALIGNED(frames[i], PAGE_SIZE));
        KT_TRUE(memmap_is_usable(bootinfo.regions, bootinfo.nregions, frames[i], PAGE_SIZE));
        memset(phys_to_virt(frames[i]), (int)i, PAGE_SIZE);
    }
    for (size_t i = 0; i < ARRAY_SIZE(frames); i++) {
        const uint8_t *p = phys_to_virt(frames[i]);
        KT_EQ(p[0], i);
        KT_EQ(p[PAGE_SIZE - 1], i);
        for (size_t j = 0; j < i; j++)
            KT_TRUE(frames[j] != frames[i]);
    }
    KT_EQ(kernel_pmm.free_frames, before - ARRAY_SIZE(frames));
    for (size_t i = 0; i < ARRAY_SIZE(frames); i++)
        KT_EQ(pmm_free(&kernel_pmm, frames[i], 1), PMM_OK);
    KT_EQ(pmm_free(&kernel_pmm, frames[0], 1), PMM_E_INVALID); /* double free */
    KT_EQ(kernel_pmm.free_frames, before);
}

KTEST(pmm, contiguous_aligned)
{
    paddr_t pa;
    uint64_t before = kernel_pmm.free_frames;

    KT_EQ(pmm_alloc(&kernel_pmm, 512, 512, &pa), PMM_OK);
    KT_TRUE(IS_ALIGNED(pa, MiB(2)));
    for (paddr_t f = pa; f < pa + MiB(2); f += PAGE_SIZE)
        KT_TRUE(!pmm_is_free(&kernel_pmm, f));
    KT_EQ(pmm_free(&kernel_pmm, pa, 512), PMM_OK);
    KT_EQ(kernel_pmm.free_frames, before);
}

/* Take every free frame, chaining them through their first word, check the
 * allocator then refuses, and give them all back. */
KTEST(pmm, exhaust_and_recover)
{
    uint64_t before = kernel_pmm.free_frames, taken = 0;
    paddr_t head = 0, pa;

    while (pmm_alloc(&kernel_pmm, 1, 1, &pa) == PMM_OK) {
        *(paddr_t *)phys_to_virt(pa) = head;
        head = pa;
        taken++;
    }
    KT_EQ(taken, before);
    KT_EQ(kernel_pmm.free_frames, 0);
    KT_EQ(pmm_alloc(&kernel_pmm, 1, 1, &pa), PMM_E_NOMEM);
    while (head) {
        paddr_t next = *(paddr_t *)phys_to_virt(head);
        KT_EQ(pmm_free(&kernel_pmm, head, 1), PMM_OK);
        head = next;
    }
    KT_EQ(kernel_pmm.free_frames, before);
}
