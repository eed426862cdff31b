/*
 * A unit's line table kept for lookups (DWARF5 6.2): the rows of its line
 * program grouped in sequences, a row followed by one at the same address
 * replaced by it (binutils keeps the last row at an address), sequences
 * sorted by address; an address is found by binary search for its
 * sequence, then for the row. Also the path of a file entry.
 */
#include "index_int.h"

static int unit_line_offset(const struct dwarf *dw, struct dwarf_unit_cache *uc,
                            struct dwarf_unit *u, uint64_t *off)
{
    struct dwarf_die cu;
    struct dwarf_attr a;
    int rc;

    if ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, uc->offset, u)) <= 0)
        return rc < 0 ? rc : DWARF_E_OFFSET;
    if ((rc = dwarf_unit_die(u, &cu)) < 0)
        return rc;
    if (dwarf_die_attr(&cu, DW_AT_comp_dir, &a) > 0)
        dwarf_attr_string(&a, &uc->comp_dir);
    if ((rc = dwarf_die_attr(&cu, DW_AT_stmt_list, &a)) <= 0)
        return rc;
    /* DW_FORM_sec_offset, or data4/data8 before DWARF 4. */
    if (dwarf_form_class(a.form) != DWARF_CLASS_SEC_OFFSET &&
        dwarf_form_class(a.form) != DWARF_CLASS_CONSTANT)
        return DWARF_E_CLASS;
    *off = a.value;
    return 1;
}

static int push_row(const struct dwarf *dw, struct dwarf_unit_cache *uc,
                    const struct dwarf_line_row *r, bool in_seq)
{
    struct dwarf_line_entry e = {.address = r->address,
                                 .file = (uint32_t)r->file,
                                 .line = (uint32_t)r->line,
                                 .column = (uint32_t)r->column,
                                 .discriminator = (uint32_t)r->discriminator,
                                 .end_sequence = r->end_sequence};
    int rc;

    if (in_seq && uc->nrows && uc->rows[uc->nrows - 1].address == r->address && !r->end_sequence) {
        uc->rows[uc->nrows - 1] = e;
        return 0;
    }
    if ((rc = dwarf_grow(dw, (void **)&uc->rows, &uc->rows_cap, uc->nrows, sizeof *uc->rows)))
        return rc;
    uc->rows[uc->nrows++] = e;
    return 0;
}

static int cmp_seq(const void *pa, const void *pb)
{
    const struct dwarf_line_seq *a = pa, *b = pb;
    if (a->low != b->low)
        return a->low < b->low ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

int dwarf_unit_cache_lines(const struct dwarf *dw, struct dwarf_unit_cache *uc)
{
    struct dwarf_unit u;
    struct dwarf_line_iter it;
    struct dwarf_line_row r;
    uint64_t off;
    size_t first = 0;
    bool in_seq = false;
    int rc;

    uc->lines_built = true;
    if ((rc = unit_line_offset(dw, uc, &u, &off)) <= 0)
        return rc;
    if ((rc = dwarf_line_header_at(dw, off, u.addr_size, &uc->hdr)))
        return rc;
    uc->has_lines = true;
    dwarf_line_iter_init(&uc->hdr, &it);
    while ((rc = dwarf_line_next(&it, &r)) > 0) {
        if (!in_seq)
            first = uc->nrows;
        if ((rc = push_row(dw, uc, &r, in_seq)))
            return rc;
        in_seq = true;
        if (!r.end_sequence)
            continue;
        in_seq = false;
        if ((rc = dwarf_grow(dw, (void **)&uc->seqs, &uc->seqs_cap, uc->nseqs, sizeof *uc->seqs)))
            return rc;
        uc->seqs[uc->nseqs++] = (struct dwarf_line_seq){.low = uc->rows[first].address,
                                                        .high = r.address,
                                                        .first = first,
                                                        .count = uc->nrows - first};
    }
    if (rc < 0)
        return rc;
    dwarf_sort(uc->seqs, uc->nseqs, sizeof *uc->seqs, cmp_seq);
    if (uc->nseqs == 0)
        return 0;
    if ((uc->seq_max_high = dw->alloc.alloc(dw->alloc.ctx, uc->nseqs * sizeof(uint64_t))) == NULL)
        return DWARF_E_NOMEM;
    for (size_t i = 0, m = 0; i < uc->nseqs; i++) {
        m = uc->seqs[i].high > m ? uc->seqs[i].high : m;
        uc->seq_max_high[i] = m;
    }
    return 0;
}

void dwarf_unit_cache_free_lines(const struct dwarf *dw, struct dwarf_unit_cache *uc)
{
    dwarf_release(dw, uc->rows, uc->rows_cap, sizeof *uc->rows);
    dwarf_release(dw, uc->seqs, uc->seqs_cap, sizeof *uc->seqs);
    dwarf_release(dw, uc->seq_max_high, uc->nseqs, sizeof(uint64_t));
    uc->rows = NULL;
    uc->seqs = NULL;
    uc->seq_max_high = NULL;
    uc->nrows = uc->rows_cap = uc->nseqs = uc->seqs_cap = 0;
    uc->lines_built = uc->has_lines = false;
}

int dwarf_addr_line(struct dwarf_addr_index *idx, uint64_t addr, struct dwarf_addr_line *out)
{
    struct dwarf_unit_cache *uc;
    size_t i;
    int rc;

    if ((rc = dwarf_addr_unit_cache(idx, addr, &uc)) <= 0)
        return rc;
    if (!uc->lines_built && (rc = dwarf_unit_cache_lines(idx->dw, uc)) < 0) {
        /* Nothing is kept of a failed build: the next lookup tries again. */
        dwarf_unit_cache_free_lines(idx->dw, uc);
        return rc;
    }
    i = dwarf_upper_low(uc->seqs, uc->nseqs, sizeof *uc->seqs, addr);
    while (i-- > 0 && uc->seq_max_high[i] > addr) {
        const struct dwarf_line_seq *s = &uc->seqs[i];
        const struct dwarf_line_entry *rows = uc->rows + s->first;
        size_t k;
        if (s->high <= addr)
            continue;
        /* The last row at or below addr; the end row is above it. */
        k = dwarf_upper_low(rows, s->count, sizeof *rows, addr);
        if (k == 0)
            continue;
        const struct dwarf_line_entry *e = &rows[k - 1];
        *out = (struct dwarf_addr_line){.unit_offset = uc->offset,
                                        .header = &uc->hdr,
                                        .comp_dir = uc->comp_dir,
                                        .address = e->address,
                                        .end = rows[k].address,
                                        .file = e->file,
                                        .line = e->line,
                                        .column = e->column,
                                        .discriminator = e->discriminator};
        return 1;
    }
    return 0;
}

/* ---- file paths -------------------------------------------------------- */

struct out {
    char *buf;
    size_t size, len;
    char last;
};

static void put(struct out *o, const char *s)
{
    for (; *s; s++) {
        if (o->len + 1 < o->size)
            o->buf[o->len] = *s;
        o->len++;
        o->last = *s;
    }
}

static void put_dir(struct out *o, const char *dir)
{
    put(o, dir);
    if (o->len && o->last != '/')
        put(o, "/");
}

int dwarf_line_file_path(const struct dwarf_line_header *hdr, uint64_t file_index,
                         const char *comp_dir, char *buf, size_t size)
{
    struct dwarf_line_file file, dir = {0};
    struct out o = {buf, size, 0, 0};
    const char *subdir = NULL, *top;
    int rc;

    if (size == 0)
        return DWARF_E_LIMIT;
    if ((rc = dwarf_line_file_by_index(hdr, file_index, &file)))
        return rc;
    if (file.path[0] != '/') {
        /*
         * Before DWARF 5 directory 0 is the compilation directory itself;
         * in DWARF 5 it is an entry like the others (6.2.4.1), which
         * binutils joins after a relative comp_dir too ("./malloc" twice).
         */
        if (file.dir_index || hdr->version >= 5) {
            uint64_t i = hdr->version >= 5 ? file.dir_index : file.dir_index - 1;
            if (dwarf_line_dir(hdr, i, &dir) == 0)
                subdir = dir.path;
        }
        top = subdir && subdir[0] == '/' ? NULL : comp_dir;
        if (top == NULL) {
            top = subdir;
            subdir = NULL;
        }
        if (top)
            put_dir(&o, top);
        if (subdir)
            put_dir(&o, subdir);
    }
    put(&o, file.path);
    buf[o.len < size ? o.len : size - 1] = 0;
    return o.len < size ? 0 : DWARF_E_LIMIT;
}
