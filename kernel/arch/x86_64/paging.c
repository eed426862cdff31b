/*
 * Final kernel page tables. The direct map covers all physical memory the
 * map mentions and at least 4 GiB (so the local APIC and other MMIO below
 * 4 GiB are reachable) with 2 MiB pages, never executable; 2 MiB frames with
 * no RAM in them are mapped uncached. The kernel image gets 4 KiB pages with
 * text R-X, rodata R-- and data/bss RW-, so no kernel page is both writable
 * and executable. The boot identity map is gone afterwards, which also turns
 * null-pointer dereferences into page faults.
 */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/paging.h>
#include <kernel/bootinfo.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <kernel/string.h>

extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _kernel_end[];

#define CR4_PGE (1ull << 7)

paddr_t kernel_pml4;
uint64_t direct_map_size;

static uint64_t *table_at(void *ctx, paddr_t pa)
{
    (void)ctx;
    return phys_to_virt(pa);
}

static int table_alloc(void *ctx, paddr_t *pa)
{
    (void)ctx;
    if (pmm_alloc(&kernel_pmm, 1, 1, pa) != PMM_OK)
        return -1;
    memset(phys_to_virt(*pa), 0, PAGE_SIZE);
    return 0;
}

const struct pt_ops kernel_pt_ops = {.table = table_at, .alloc = table_alloc};

static bool is_ram(const struct boot_region *r)
{
    return r->type == BOOT_MEM_USABLE || r->type == BOOT_MEM_ACPI_RECLAIMABLE ||
           r->type == BOOT_MEM_ACPI_NVS;
}

static bool has_ram(const struct bootinfo *bi, paddr_t base, uint64_t len)
{
    for (size_t i = 0; i < bi->nregions; i++) {
        const struct boot_region *r = &bi->regions[i];
        if (is_ram(r) && r->base < base + len && base < r->base + r->len)
            return true;
    }
    return false;
}

/* Reserved ranges far above RAM (QEMU reports AMD's HyperTransport hole at
 * 1 TiB) are not worth page tables; devices up there get mapped when a
 * driver asks for them. */
static paddr_t top_of_ram(const struct bootinfo *bi)
{
    paddr_t top = 0;

    for (size_t i = 0; i < bi->nregions; i++) {
        if (is_ram(&bi->regions[i]))
            top = MAX(top, bi->regions[i].base + bi->regions[i].len);
    }
    return top;
}

static void map_or_panic(vaddr_t va, paddr_t pa, uint64_t len, uint64_t flags, bool large)
{
    int err = pt_map_range(&kernel_pt_ops, kernel_pml4, va, pa, len, flags, large);
    if (err)
        panic("paging: mapping %016lx -> %lx (+%lx) failed: error %d", va, pa, len, err);
}

static void map_section(const char *start, const char *end, uint64_t flags)
{
    vaddr_t va = ALIGN_DOWN((vaddr_t)(uintptr_t)start, PAGE_SIZE);
    vaddr_t ve = ALIGN_UP((vaddr_t)(uintptr_t)end, PAGE_SIZE);

    map_or_panic(va, va - KERNEL_VMA, ve - va, flags | PTE_G, false);
}

void paging_init(const struct bootinfo *bi)
{
    /* NX is a reserved bit, and faults, when EFER.NXE could not be set. */
    uint64_t nx = cpu_features.nx ? PTE_NX : 0;

    kernel_pml4 = pmm_alloc_zeroed_frame();

    direct_map_size = ALIGN_UP(MAX(top_of_ram(bi), GiB(4)), PAGE_SIZE_2M);
    for (paddr_t pa = 0; pa < direct_map_size; pa += PAGE_SIZE_2M) {
        uint64_t flags = PTE_W | nx | PTE_G;
        if (!has_ram(bi, pa, PAGE_SIZE_2M))
            flags |= PTE_PCD | PTE_PWT;
        map_or_panic(DIRECT_MAP_BASE + pa, pa, PAGE_SIZE_2M, flags, true);
    }

    map_section(_text_start, _text_end, 0);
    map_section(_rodata_start, _rodata_end, nx);
    map_section(_data_start, _kernel_end, PTE_W | nx);

    write_cr3(kernel_pml4);
    write_cr4(read_cr4() | CR4_PGE);
}
