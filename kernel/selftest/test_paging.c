/*
 * Boot self-tests of the kernel page tables: W^X on every kernel page, the
 * direct map, the identity map gone, and map/unmap on the live tables with
 * the hardware (not just the walker) agreeing.
 */
#include <arch/cpu.h>
#include <arch/extable.h>
#include <arch/layout.h>
#include <arch/paging.h>
#include <arch/trap.h>
#include <kernel/ktest.h>
#include <kernel/pmm.h>

extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _kernel_end[];

static struct pt_walk walk(const void *va, int *err)
{
    struct pt_walk w = {0};

    *err = pt_lookup(&kernel_pt_ops, kernel_pml4, (vaddr_t)(uintptr_t)va, &w);
    return w;
}

KTEST(vm, kernel_sections_wx)
{
    int err;

    for (const char *p = _text_start; p < _text_end; p += PAGE_SIZE) {
        struct pt_walk w = walk(p, &err);
        KT_EQ(err, PT_OK);
        KT_TRUE(!w.writable && w.executable && !w.user);
        KT_EQ(w.pa, kernel_virt_to_phys(p));
    }
    for (const char *p = _rodata_start; p < _rodata_end; p += PAGE_SIZE) {
        struct pt_walk w = walk(p, &err);
        KT_EQ(err, PT_OK);
        KT_TRUE(!w.writable && !w.executable);
    }
    for (const char *p = _data_start; p < _kernel_end; p += PAGE_SIZE) {
        struct pt_walk w = walk(p, &err);
        KT_EQ(err, PT_OK);
        KT_TRUE(w.writable && !w.executable);
    }
}

KTEST(vm, no_page_writable_and_executable)
{
    int err;

    for (const char *p = _text_start; p < _kernel_end; p += PAGE_SIZE) {
        struct pt_walk w = walk(p, &err);
        KT_TRUE(!(w.writable && w.executable));
    }
    for (uint64_t pa = 0; pa < direct_map_size; pa += PAGE_SIZE_2M) {
        struct pt_walk w = walk(phys_to_virt(pa), &err);
        KT_EQ(err, PT_OK);
        KT_TRUE(!w.executable && w.writable);
        KT_EQ(w.pa, pa);
    }
}

KTEST(vm, identity_map_removed)
{
    int err;
    uint64_t v;

    walk((void *)(uintptr_t)KERNEL_PHYS, &err);
    KT_EQ(err, PT_E_NOT_MAPPED);
    walk((void *)0, &err);
    KT_EQ(err, PT_E_NOT_MAPPED);
    KT_EQ(arch_copy_safe(&v, (const void *)(uintptr_t)KERNEL_PHYS, sizeof(v)), sizeof(v));
    KT_EQ(trap_last_fixup.vector, EXC_PF);
    KT_EQ(trap_last_fixup.cr2, KERNEL_PHYS);
}

KTEST(vm, apic_uncached)
{
    int err;
    struct pt_walk w = walk(phys_to_virt(0xfee00000), &err);

    KT_EQ(err, PT_OK);
    KT_TRUE(w.pte & PTE_PCD);
    w = walk(phys_to_virt(KERNEL_PHYS), &err);
    KT_TRUE(!(w.pte & PTE_PCD));
}

#define TEST_VA 0xffffff0000000000ul

KTEST(vm, map_write_unmap)
{
    paddr_t pa = pmm_alloc_zeroed_frame();
    uint64_t before = kernel_pmm.free_frames, size = 0, v = 0;
    volatile uint64_t *p = (volatile uint64_t *)TEST_VA;

    /* PML4 slot 510 is empty: the walk needs a new PDPT, PD and PT. */
    KT_EQ(pt_map(&kernel_pt_ops, kernel_pml4, TEST_VA, pa, PAGE_SIZE, PTE_W | PTE_NX), PT_OK);
    KT_EQ(kernel_pmm.free_frames, before - 3);
    KT_EQ(pt_map(&kernel_pt_ops, kernel_pml4, TEST_VA, pa, PAGE_SIZE, PTE_W), PT_E_EXISTS);
    p[3] = 0x1234abcd5678ef00ul;
    KT_EQ(((uint64_t *)phys_to_virt(pa))[3], 0x1234abcd5678ef00ul);
    KT_EQ(pt_unmap(&kernel_pt_ops, kernel_pml4, TEST_VA, &size), PT_OK);
    KT_EQ(size, PAGE_SIZE);
    invlpg(TEST_VA);
    KT_EQ(arch_copy_safe(&v, (const void *)TEST_VA, sizeof(v)), sizeof(v));
    KT_EQ(trap_last_fixup.cr2, TEST_VA);
    KT_EQ(pt_unmap(&kernel_pt_ops, kernel_pml4, TEST_VA, &size), PT_E_NOT_MAPPED);
    /* The intermediate tables stay; the frame goes back. */
    KT_EQ(pmm_free(&kernel_pmm, pa, 1), PMM_OK);
    KT_EQ(kernel_pmm.free_frames, before - 3 + 1);
}
