/*
 * Finding the FDE for an address: a sorted index over one section built
 * with the caller's allocator (binary search), the binary-search table of
 * .eh_frame_hdr (LSB 5.0, "The .eh_frame_hdr section"), or a linear scan
 * when neither exists.
 */
#include <dwarf/cfi.h>

#include "cfi_int.h"

/* Heapsort by pc_begin: no libc, no recursion, no extra memory. */
static void sift(struct dwarf_cfi_index_entry *e, uint64_t root, uint64_t n)
{
    for (;;) {
        uint64_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && e[child + 1].pc_begin > e[child].pc_begin)
            child++;
        if (e[root].pc_begin >= e[child].pc_begin)
            return;
        struct dwarf_cfi_index_entry t = e[root];
        e[root] = e[child];
        e[child] = t;
        root = child;
    }
}

static void sort_entries(struct dwarf_cfi_index_entry *e, uint64_t n)
{
    for (uint64_t i = n / 2; i > 0; i--)
        sift(e, i - 1, n);
    for (uint64_t end = n; end > 1; end--) {
        struct dwarf_cfi_index_entry t = e[0];
        e[0] = e[end - 1];
        e[end - 1] = t;
        sift(e, 0, end - 1);
    }
}

/* Counts (and, given an index, records) the FDEs covering a non-empty range. */
static int each_fde(const struct dwarf_cfi *cfi, struct dwarf_cfi_index *index, uint64_t *count)
{
    struct dwarf_cfi_entry e;
    uint64_t off = 0;
    int rc;
    *count = 0;
    while ((rc = dwarf_cfi_entry_at(cfi, off, &e)) > 0) {
        if (!e.is_cie && e.fde.pc_end > e.fde.pc_begin) {
            if (index)
                index->entry[*count] = (struct dwarf_cfi_index_entry){
                    .pc_begin = e.fde.pc_begin, .pc_end = e.fde.pc_end, .fde_offset = off};
            (*count)++;
        }
        off = e.next;
    }
    return rc;
}

int dwarf_cfi_index_build(const struct dwarf_cfi *cfi, const struct dwarf_allocator *alloc,
                          struct dwarf_cfi_index *index)
{
    uint64_t n, filled;
    int rc;

    if (alloc == NULL || alloc->alloc == NULL || alloc->free == NULL)
        return DWARF_E_ARG;
    *index = (struct dwarf_cfi_index){.alloc = *alloc};
    if ((rc = each_fde(cfi, NULL, &n)) < 0)
        return rc;
    if (n == 0)
        return 0;
    if (n > SIZE_MAX / sizeof *index->entry)
        return DWARF_E_NOMEM;
    index->entry = alloc->alloc(alloc->ctx, n * sizeof *index->entry);
    if (index->entry == NULL)
        return DWARF_E_NOMEM;
    index->count = n;
    if ((rc = each_fde(cfi, index, &filled)) < 0 || filled != n) {
        dwarf_cfi_index_free(index);
        return rc < 0 ? rc : DWARF_E_CFI;
    }
    sort_entries(index->entry, n);
    return 0;
}

void dwarf_cfi_index_free(struct dwarf_cfi_index *index)
{
    if (index->entry)
        index->alloc.free(index->alloc.ctx, index->entry, index->count * sizeof *index->entry);
    index->entry = NULL;
    index->count = 0;
}

static int fde_at(const struct dwarf_cfi *cfi, uint64_t off, uint64_t pc, struct dwarf_fde *fde)
{
    struct dwarf_cfi_entry e;
    int rc = dwarf_cfi_entry_at(cfi, off, &e);
    if (rc < 0)
        return rc;
    if (rc == 0 || e.is_cie)
        return DWARF_E_CFI;
    if (pc < e.fde.pc_begin || pc >= e.fde.pc_end)
        return DWARF_E_NOT_FOUND;
    *fde = e.fde;
    return 0;
}

static int find_indexed(const struct dwarf_cfi *cfi, const struct dwarf_cfi_index *index,
                        uint64_t pc, struct dwarf_fde *fde)
{
    uint64_t lo = 0, hi = index->count;
    /* The last entry starting at or below pc. */
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (index->entry[mid].pc_begin <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || pc >= index->entry[lo - 1].pc_end)
        return DWARF_E_NOT_FOUND;
    return fde_at(cfi, index->entry[lo - 1].fde_offset, pc, fde);
}

/*
 * .eh_frame_hdr: version 1, three encodings, the .eh_frame pointer, the
 * count, then (initial location, FDE address) pairs sorted by location.
 * Only the fixed-size datarel sdata4 table that linkers write can be
 * searched; for any other this returns 1 and the caller scans.
 */
static int find_hdr(const struct dwarf_cfi *cfi, uint64_t pc, struct dwarf_fde *fde)
{
    struct dwarf_cfi hdr_cfi = *cfi;
    struct dwarf_cursor c;
    uint8_t version, ptr_enc, count_enc, table_enc;
    uint64_t eh_ptr, count, table, lo, hi, loc, addr;
    int rc;

    hdr_cfi.data_base = cfi->hdr_vaddr;
    if ((rc = dwarf_cursor_init(&c, &cfi->hdr, 0, cfi->hdr.size)) ||
        (rc = dwarf_read_u8(&c, &version)) || (rc = dwarf_read_u8(&c, &ptr_enc)) ||
        (rc = dwarf_read_u8(&c, &count_enc)) || (rc = dwarf_read_u8(&c, &table_enc)))
        return rc;
    if (version != 1)
        return DWARF_E_VERSION;
    if ((ptr_enc & DW_EH_PE_indirect) || (count_enc & DW_EH_PE_indirect))
        return DWARF_E_CFI;
    if ((rc = dwarf_cfi_read_pointer(&c, &hdr_cfi, cfi->hdr_vaddr, ptr_enc, false, &eh_ptr)))
        return rc;
    if (eh_ptr != cfi->vaddr)
        return DWARF_E_CFI; /* the header describes another .eh_frame */
    if (count_enc == DW_EH_PE_omit || table_enc != (DW_EH_PE_datarel | DW_EH_PE_sdata4))
        return 1;
    if ((rc = dwarf_cfi_read_pointer(&c, &hdr_cfi, cfi->hdr_vaddr, count_enc, false, &count)))
        return rc;
    table = c.pos;
    if (count > (cfi->hdr.size - table) / 8)
        return DWARF_E_TRUNCATED;
    lo = 0;
    hi = count;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        c.pos = table + mid * 8;
        if ((rc = dwarf_cfi_read_pointer(&c, &hdr_cfi, cfi->hdr_vaddr, table_enc, false, &loc)))
            return rc;
        if (loc <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return DWARF_E_NOT_FOUND;
    c.pos = table + (lo - 1) * 8 + 4;
    if ((rc = dwarf_cfi_read_pointer(&c, &hdr_cfi, cfi->hdr_vaddr, table_enc, false, &addr)))
        return rc;
    if (addr < cfi->vaddr || addr - cfi->vaddr >= cfi->sec.size)
        return DWARF_E_CFI;
    return fde_at(cfi, addr - cfi->vaddr, pc, fde);
}

static int find_linear(const struct dwarf_cfi *cfi, uint64_t pc, struct dwarf_fde *fde)
{
    struct dwarf_cfi_entry e;
    uint64_t off = 0;
    int rc;
    while ((rc = dwarf_cfi_entry_at(cfi, off, &e)) > 0) {
        if (!e.is_cie && pc >= e.fde.pc_begin && pc < e.fde.pc_end) {
            *fde = e.fde;
            return 0;
        }
        off = e.next;
    }
    return rc < 0 ? rc : DWARF_E_NOT_FOUND;
}

int dwarf_cfi_find_fde(const struct dwarf_cfi *cfi, const struct dwarf_cfi_index *index,
                       uint64_t pc, struct dwarf_fde *fde)
{
    int rc;
    if (index)
        return find_indexed(cfi, index, pc, fde);
    if (cfi->is_eh && cfi->hdr.data && (rc = find_hdr(cfi, pc, fde)) <= 0)
        return rc;
    return find_linear(cfi, pc, fde);
}
