/*
 * Slot and object allocation (hl/alloc.h), and mapping with on-demand
 * page tables. The kernel answers E_MISSING_TABLE when a level on the way
 * to the mapping is absent; the allocator then creates the table one level
 * up and retries, climbing as far as it must (PT, then PD, then PDPT).
 */
#include <hl/alloc.h>
#include <hl/invoke.h>

int hl_alloc_slots(struct hl_alloc *a, uint32_t count, uint32_t *first)
{
    if (count > a->end - a->next)
        return E_NOMEM;
    *first = a->next;
    a->next += count;
    return E_OK;
}

int hl_alloc_objects(struct hl_alloc *a, unsigned type, unsigned size_bits, uint32_t count,
                     uint32_t *first)
{
    uint32_t slot;
    int err = hl_alloc_slots(a, count, &slot);

    if (err)
        return err;
    err = hl_memory_retype(a->memory, type, size_bits, a->cspace, slot, count);
    if (err) {
        a->next -= count; /* nothing was created: the slots are still free */
        return err;
    }
    *first = slot;
    return E_OK;
}

/* Tables by level: the type and the log2 of the span one table covers. */
static const struct {
    unsigned type;
    unsigned span_bits;
} levels[] = {
    {HL_CAP_PT, 21},
    {HL_CAP_PD, 30},
    {HL_CAP_PDPT, 39},
};

static int map_table(struct hl_alloc *a, uint32_t vspace, uint64_t vaddr, unsigned level)
{
    uint64_t base = vaddr & ~((1ull << levels[level].span_bits) - 1);
    uint32_t table;
    int err = hl_alloc_objects(a, levels[level].type, 0, 1, &table);

    if (err)
        return err;
    err = hl_table_map(table, vspace, base);
    if (err == E_MISSING_TABLE && level + 1 < sizeof(levels) / sizeof(levels[0])) {
        err = map_table(a, vspace, vaddr, level + 1);
        if (err == E_OK)
            err = hl_table_map(table, vspace, base);
    }
    return err;
}

int hl_alloc_map_page(struct hl_alloc *a, uint32_t vspace, uint64_t vaddr, uint32_t page,
                      unsigned rights)
{
    struct hl_page_info info;
    int err = hl_page_map(page, vspace, vaddr, rights);

    if (err != E_MISSING_TABLE)
        return err;
    if ((err = hl_page_info(page, &info)))
        return err;
    /* A 2 MiB page sits in a PD entry and needs no PT. */
    err = map_table(a, vspace, vaddr, info.size > (1ull << HL_PAGE_BITS) ? 1 : 0);
    if (err)
        return err;
    return hl_page_map(page, vspace, vaddr, rights);
}

int hl_alloc_map_new_pages(struct hl_alloc *a, uint32_t vspace, uint64_t vaddr, uint32_t npages,
                           unsigned rights)
{
    uint32_t first;
    int err = hl_alloc_objects(a, HL_CAP_PAGE, HL_PAGE_BITS, npages, &first);

    for (uint32_t i = 0; err == E_OK && i < npages; i++)
        err =
            hl_alloc_map_page(a, vspace, vaddr + ((uint64_t)i << HL_PAGE_BITS), first + i, rights);
    return err;
}
