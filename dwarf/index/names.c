/*
 * The name index: function and global variable names -> DIEs, from
 * .debug_names (DWARF5 6.1.1) when the caller supplied it, else from a
 * walk of the top-level DIEs of every unit. Entries are sorted by name and
 * found by binary search.
 */
#include "index_int.h"

/* DWARF5 Table 6.1: index attributes. */
enum { DW_IDX_compile_unit = 1, DW_IDX_type_unit = 2, DW_IDX_die_offset = 3 };

static int add(struct dwarf_name_index *idx, const char *name, uint64_t die, uint64_t unit,
               uint64_t tag)
{
    int rc =
        dwarf_grow(idx->dw, (void **)&idx->entries, &idx->cap, idx->count, sizeof *idx->entries);
    if (rc)
        return rc;
    idx->entries[idx->count++] =
        (struct dwarf_name_entry){.name = name, .die_offset = die, .unit_offset = unit, .tag = tag};
    return 0;
}

/* ---- the walk ---------------------------------------------------------- */

static int index_die(struct dwarf_name_index *idx, const struct dwarf_die *d)
{
    struct dwarf_attr a;
    const char *name;
    bool decl = false;
    int rc;

    if ((rc = dwarf_die_attr(d, DW_AT_declaration, &a)) < 0)
        return rc;
    if (rc > 0 && (rc = dwarf_attr_flag(&a, &decl)))
        return rc;
    if (decl)
        return 0;
    if ((rc = dwarf_die_func_name(d, &name)) < 0)
        return rc;
    if (name == NULL)
        return 0;
    return add(idx, name, d->offset, d->unit->offset, d->tag);
}

/* Children of a unit DIE or namespace; namespaces nest at most this deep. */
#define NAMESPACE_DEPTH 16

static int walk_children(struct dwarf_name_index *idx, const struct dwarf_die *parent, int depth)
{
    struct dwarf_die d;
    int rc;

    for (rc = dwarf_die_first_child(parent, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
        if (d.tag == DW_TAG_subprogram || d.tag == DW_TAG_variable)
            rc = index_die(idx, &d);
        else if (d.tag == DW_TAG_namespace && depth < NAMESPACE_DEPTH)
            rc = walk_children(idx, &d, depth + 1);
        if (rc < 0)
            return rc;
    }
    return rc;
}

static int walk_units(struct dwarf_name_index *idx)
{
    const struct dwarf *dw = idx->dw;
    struct dwarf_unit u;
    uint64_t off = 0;
    int rc;

    while ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u)) > 0) {
        struct dwarf_abbrev_index ab = {0};
        struct dwarf_die cu;
        off = u.end;
        if (u.unit_type == DW_UT_type || u.unit_type == DW_UT_split_type)
            continue;
        /* Sparse abbreviation codes leave the unit on linear lookups. */
        if ((rc = dwarf_unit_index_abbrevs(&u, &ab)) < 0 && rc != DWARF_E_NOT_FOUND)
            return rc;
        if ((rc = dwarf_unit_die(&u, &cu)) > 0)
            rc = walk_children(idx, &cu, 0);
        dwarf_abbrev_index_free(dw, &ab);
        if (rc < 0)
            return rc;
    }
    return rc;
}

/* ---- .debug_names ------------------------------------------------------ */

/* One name index (DWARF5 6.1.1.4.1): where its tables lie. */
struct names_table {
    uint8_t offset_size;
    uint64_t end;
    uint32_t cu_count, local_tu_count, foreign_tu_count, bucket_count, name_count;
    uint32_t abbrev_size;
    uint64_t cus, str_offsets, entry_offsets, abbrevs, pool;
};

static int read_u32(struct dwarf_cursor *c, uint32_t *v)
{
    uint64_t x;
    int rc = dwarf_read_uint(c, 4, &x);
    *v = (uint32_t)x;
    return rc;
}

static int names_header(const struct dwarf_section *sec, uint64_t off, struct names_table *t)
{
    struct dwarf_cursor c;
    uint64_t length, version, skip;
    uint32_t aug_size;
    int rc;

    if ((rc = dwarf_cursor_init(&c, sec, off, sec->size)) ||
        (rc = dwarf_read_initial_length(&c, &length, &t->offset_size)))
        return rc;
    if (length > c.limit - c.pos)
        return DWARF_E_TRUNCATED;
    t->end = c.pos + length;
    c.limit = t->end;
    if ((rc = dwarf_read_uint(&c, 2, &version)))
        return rc;
    if (version != 5)
        return DWARF_E_VERSION;
    if ((rc = dwarf_skip(&c, 2)) || (rc = read_u32(&c, &t->cu_count)) ||
        (rc = read_u32(&c, &t->local_tu_count)) || (rc = read_u32(&c, &t->foreign_tu_count)) ||
        (rc = read_u32(&c, &t->bucket_count)) || (rc = read_u32(&c, &t->name_count)) ||
        (rc = read_u32(&c, &t->abbrev_size)) || (rc = read_u32(&c, &aug_size)) ||
        (rc = dwarf_skip(&c, aug_size)))
        return rc;
    t->cus = c.pos;
    skip = ((uint64_t)t->cu_count + t->local_tu_count) * t->offset_size +
           (uint64_t)t->foreign_tu_count * 8 + (uint64_t)t->bucket_count * 4 +
           (t->bucket_count ? (uint64_t)t->name_count * 4 : 0);
    if ((rc = dwarf_skip(&c, skip)))
        return rc;
    t->str_offsets = c.pos;
    t->entry_offsets = t->str_offsets + (uint64_t)t->name_count * t->offset_size;
    t->abbrevs = t->entry_offsets + (uint64_t)t->name_count * t->offset_size;
    t->pool = t->abbrevs + t->abbrev_size;
    return t->pool > t->end ? DWARF_E_TRUNCATED : 0;
}

/* The abbreviation with code: 1 with its tag and the cursor at its specs. */
static int names_abbrev(const struct dwarf_section *sec, const struct names_table *t, uint64_t code,
                        uint64_t *tag, struct dwarf_cursor *specs)
{
    struct dwarf_cursor c;
    int rc;

    if ((rc = dwarf_cursor_init(&c, sec, t->abbrevs, t->pool)))
        return rc;
    for (;;) {
        uint64_t ac, idx, form;
        if ((rc = dwarf_read_uleb(&c, &ac)))
            return rc;
        if (ac == 0)
            return DWARF_E_ABBREV;
        if ((rc = dwarf_read_uleb(&c, tag)))
            return rc;
        if (ac == code) {
            *specs = c;
            return 1;
        }
        do {
            if ((rc = dwarf_read_uleb(&c, &idx)) || (rc = dwarf_read_uleb(&c, &form)))
                return rc;
        } while (idx || form);
    }
}

/* The entries of one name: those for subprograms and variables in compile units. */
static int names_entries(struct dwarf_name_index *idx, const struct names_table *t,
                         const char *name, uint64_t pos)
{
    const struct dwarf_section *sec = &idx->dw->sec[DWARF_SEC_NAMES];
    struct dwarf_form_ctx ctx = {.version = 5, .offset_size = t->offset_size, .addr_size = 8};
    struct dwarf_cursor c;
    int rc;

    if ((rc = dwarf_cursor_init(&c, sec, pos, t->end)))
        return rc;
    for (;;) {
        struct dwarf_cursor specs;
        uint64_t code, tag, cu = 0, die = 0, cu_base;
        bool has_die = false, in_tu = false;
        if ((rc = dwarf_read_uleb(&c, &code)))
            return rc;
        if (code == 0)
            return 0;
        if ((rc = names_abbrev(sec, t, code, &tag, &specs)) < 0)
            return rc;
        for (;;) {
            uint64_t ix, form;
            struct dwarf_attr a = {0};
            if ((rc = dwarf_read_uleb(&specs, &ix)) || (rc = dwarf_read_uleb(&specs, &form)))
                return rc;
            if (ix == 0 && form == 0)
                break;
            if (form == DW_FORM_indirect || form == DW_FORM_implicit_const)
                return DWARF_E_FORM;
            if ((rc = dwarf_form_read(&c, &ctx, form, 0, &a)))
                return rc;
            if (ix == DW_IDX_compile_unit)
                cu = a.value;
            else if (ix == DW_IDX_type_unit)
                in_tu = true;
            else if (ix == DW_IDX_die_offset) {
                die = a.value;
                has_die = true;
            }
        }
        if (in_tu || !has_die || (tag != DW_TAG_subprogram && tag != DW_TAG_variable))
            continue;
        /* DWARF5 6.1.1.4.7: with a single unit, DW_IDX_compile_unit may be left out. */
        if (cu >= t->cu_count)
            return DWARF_E_OFFSET;
        struct dwarf_cursor cc;
        if ((rc = dwarf_cursor_init(&cc, sec, t->cus + cu * t->offset_size, t->end)) ||
            (rc = dwarf_read_uint(&cc, t->offset_size, &cu_base)))
            return rc;
        if (cu_base + die < cu_base || cu_base + die >= idx->dw->sec[DWARF_SEC_INFO].size)
            return DWARF_E_OFFSET;
        if ((rc = add(idx, name, cu_base + die, cu_base, tag)))
            return rc;
    }
}

static int read_debug_names(struct dwarf_name_index *idx)
{
    const struct dwarf_section *sec = &idx->dw->sec[DWARF_SEC_NAMES];
    struct names_table t;
    int rc;

    for (uint64_t off = 0; off < sec->size; off = t.end) {
        if ((rc = names_header(sec, off, &t)))
            return rc;
        for (uint64_t i = 0; i < t.name_count; i++) {
            struct dwarf_cursor c;
            uint64_t str, entry;
            const char *name;
            if ((rc = dwarf_cursor_init(&c, sec, t.str_offsets + i * t.offset_size, t.end)) ||
                (rc = dwarf_read_uint(&c, t.offset_size, &str)) ||
                (rc = dwarf_cursor_init(&c, sec, t.entry_offsets + i * t.offset_size, t.end)) ||
                (rc = dwarf_read_uint(&c, t.offset_size, &entry)) ||
                (rc = dwarf_section_string(idx->dw, DWARF_SEC_STR, str, &name)))
                return rc;
            if (entry > t.end - t.pool)
                return DWARF_E_OFFSET;
            if ((rc = names_entries(idx, &t, name, t.pool + entry)))
                return rc;
        }
    }
    return 0;
}

/* ---- the index --------------------------------------------------------- */

static int cmp_entry(const void *pa, const void *pb)
{
    const struct dwarf_name_entry *a = pa, *b = pb;
    int c = dwarf_strcmp(a->name, b->name);
    if (c)
        return c;
    return a->die_offset < b->die_offset ? -1 : a->die_offset > b->die_offset;
}

int dwarf_name_index_build(const struct dwarf *dw, struct dwarf_name_index *idx)
{
    int rc;

    *idx = (struct dwarf_name_index){.dw = dw};
    if (dw->alloc.alloc == NULL)
        return DWARF_E_ARG;
    idx->from_debug_names = dw->sec[DWARF_SEC_NAMES].data != NULL;
    rc = idx->from_debug_names ? read_debug_names(idx) : walk_units(idx);
    if (rc < 0) {
        dwarf_name_index_free(idx);
        return rc;
    }
    dwarf_sort(idx->entries, idx->count, sizeof *idx->entries, cmp_entry);
    return 0;
}

size_t dwarf_name_index_find(const struct dwarf_name_index *idx, const char *name, size_t *first)
{
    size_t lo = 0, hi = idx->count, end;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (dwarf_strcmp(idx->entries[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (end = lo; end < idx->count && dwarf_strcmp(idx->entries[end].name, name) == 0; end++)
        ;
    *first = lo;
    return end - lo;
}

void dwarf_name_index_free(struct dwarf_name_index *idx)
{
    if (idx->dw)
        dwarf_release(idx->dw, idx->entries, idx->cap, sizeof *idx->entries);
    idx->entries = NULL;
    idx->count = idx->cap = 0;
}
