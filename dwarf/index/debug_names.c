/*
 * .debug_names (DWARF5 6.1.1): the name index a producer wrote. A lookup
 * hashes the name (DWARF5 7.33) into the bucket table and reads only that
 * name's entries; a table without buckets is searched name by name. The
 * listing reads every entry. Entries of foreign type units (split DWARF)
 * and of tags the index does not hold are skipped.
 */
#include "index_int.h"

/* DWARF5 Table 6.1: index attributes. */
enum { DW_IDX_compile_unit = 1, DW_IDX_type_unit = 2, DW_IDX_die_offset = 3 };

/* One name index (DWARF5 6.1.1.4.1): where its tables lie. */
struct names_table {
    uint8_t offset_size;
    uint64_t end;
    uint32_t cu_count, local_tu_count, foreign_tu_count, bucket_count, name_count;
    uint32_t abbrev_size;
    uint64_t cus, buckets, hashes, str_offsets, entry_offsets, abbrevs, pool;
};

uint32_t dwarf_djb_hash(const char *name)
{
    uint32_t h = 5381;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = h * 33 + *p;
    return h;
}

static int read_u32(struct dwarf_cursor *c, uint32_t *v)
{
    uint64_t x;
    int rc = dwarf_read_uint(c, 4, &x);
    *v = (uint32_t)x;
    return rc;
}

/* An offset-sized or 4-byte value of the table at pos. */
static int table_uint(const struct dwarf_section *sec, const struct names_table *t, uint64_t pos,
                      unsigned size, uint64_t *v)
{
    struct dwarf_cursor c;
    int rc = dwarf_cursor_init(&c, sec, pos, t->end);
    return rc ? rc : dwarf_read_uint(&c, size, v);
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
           (uint64_t)t->foreign_tu_count * 8;
    if ((rc = dwarf_skip(&c, skip)))
        return rc;
    t->buckets = c.pos;
    t->hashes = t->buckets + (uint64_t)t->bucket_count * 4;
    skip = (uint64_t)t->bucket_count * 4 + (t->bucket_count ? (uint64_t)t->name_count * 4 : 0);
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

typedef int (*entry_fn)(struct dwarf_name_index *idx, const struct dwarf_name_entry *e);

/* The entries of one name (its pool entries at pos) of the given kinds, each passed to fn. */
static int names_entries(struct dwarf_name_index *idx, const struct names_table *t,
                         const char *name, uint64_t pos, unsigned kinds, entry_fn fn)
{
    const struct dwarf_section *sec = &idx->dw->sec[DWARF_SEC_NAMES];
    struct dwarf_form_ctx ctx = {.version = 5, .offset_size = t->offset_size, .addr_size = 8};
    struct dwarf_cursor c;
    int rc;

    if ((rc = dwarf_cursor_init(&c, sec, pos, t->end)))
        return rc;
    for (;;) {
        struct dwarf_cursor specs;
        uint64_t code, tag, cu = 0, tu = 0, die = 0, base;
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
            else if (ix == DW_IDX_type_unit) {
                tu = a.value;
                in_tu = true;
            } else if (ix == DW_IDX_die_offset) {
                die = a.value;
                has_die = true;
            }
        }
        if (!has_die || !(dwarf_name_tag_kind(tag) & kinds))
            continue;
        if (in_tu) {
            /* A foreign type unit lives in a .dwo file, not here. */
            if (tu >= (uint64_t)t->local_tu_count + t->foreign_tu_count)
                return DWARF_E_OFFSET;
            if (tu >= t->local_tu_count)
                continue;
            pos = t->cus + ((uint64_t)t->cu_count + tu) * t->offset_size;
        } else {
            /* DWARF5 6.1.1.4.7: with a single unit, DW_IDX_compile_unit may be left out. */
            if (cu >= t->cu_count)
                return DWARF_E_OFFSET;
            pos = t->cus + cu * t->offset_size;
        }
        if ((rc = table_uint(sec, t, pos, t->offset_size, &base)))
            return rc;
        if (base + die < base || base + die >= idx->dw->sec[DWARF_SEC_INFO].size)
            return DWARF_E_OFFSET;
        struct dwarf_name_entry e = {.name = name,
                                     .die_offset = base + die,
                                     .unit_offset = base,
                                     .tag = tag,
                                     .section = DWARF_SEC_INFO};
        if ((rc = fn(idx, &e)))
            return rc;
    }
}

/* Name i of the table: its string and its entries' position in the pool. */
static int name_at(const struct dwarf *dw, const struct names_table *t, uint64_t i,
                   const char **name, uint64_t *pos)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_NAMES];
    uint64_t str, entry;
    int rc;

    if ((rc = table_uint(sec, t, t->str_offsets + i * t->offset_size, t->offset_size, &str)) ||
        (rc = table_uint(sec, t, t->entry_offsets + i * t->offset_size, t->offset_size, &entry)) ||
        (rc = dwarf_section_string(dw, DWARF_SEC_STR, str, name)))
        return rc;
    if (entry > t->end - t->pool)
        return DWARF_E_OFFSET;
    *pos = t->pool + entry;
    return 0;
}

int dwarf_debug_names_check(const struct dwarf *dw)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_NAMES];
    struct names_table t;
    int rc;

    for (uint64_t off = 0; off < sec->size; off = t.end) {
        if ((rc = names_header(sec, off, &t)))
            return rc;
    }
    return 0;
}

/* DWARF5 6.1.1.4.5: the names of a bucket follow one another, each with its hash. */
static int lookup_hashed(struct dwarf_name_index *idx, const struct names_table *t,
                         const char *name, unsigned kinds)
{
    const struct dwarf_section *sec = &idx->dw->sec[DWARF_SEC_NAMES];
    uint32_t h = dwarf_djb_hash(name), bucket = h % t->bucket_count;
    uint64_t first, hash, pos;
    const char *s;
    int rc;

    if ((rc = table_uint(sec, t, t->buckets + (uint64_t)bucket * 4, 4, &first)))
        return rc;
    if (first == 0)
        return 0;
    for (uint64_t i = first - 1; i < t->name_count; i++) {
        if ((rc = table_uint(sec, t, t->hashes + i * 4, 4, &hash)))
            return rc;
        if (hash % t->bucket_count != bucket)
            return 0;
        if (hash != h)
            continue;
        if ((rc = name_at(idx->dw, t, i, &s, &pos)))
            return rc;
        if (dwarf_strcmp(s, name) == 0)
            return names_entries(idx, t, s, pos, kinds, dwarf_name_found);
    }
    return 0;
}

/* The entries of name (every name when NULL) of the kinds, in each name index, to fn. */
static int each_name(struct dwarf_name_index *idx, const char *name, unsigned kinds, entry_fn fn)
{
    const struct dwarf_section *sec = &idx->dw->sec[DWARF_SEC_NAMES];
    struct names_table t;
    int rc;

    for (uint64_t off = 0; off < sec->size; off = t.end) {
        if ((rc = names_header(sec, off, &t)))
            return rc;
        if (name && t.bucket_count) {
            if ((rc = lookup_hashed(idx, &t, name, kinds)))
                return rc;
            continue;
        }
        for (uint64_t i = 0; i < t.name_count; i++) {
            const char *s;
            uint64_t pos;
            if ((rc = name_at(idx->dw, &t, i, &s, &pos)))
                return rc;
            if ((name == NULL || dwarf_strcmp(s, name) == 0) &&
                (rc = names_entries(idx, &t, s, pos, kinds, fn)))
                return rc;
        }
    }
    return 0;
}

int dwarf_debug_names_lookup(struct dwarf_name_index *idx, const char *name, unsigned kinds)
{
    return each_name(idx, name, kinds, dwarf_name_found);
}

int dwarf_debug_names_all(struct dwarf_name_index *idx)
{
    return each_name(idx, NULL, DWARF_NAME_ANY, dwarf_name_add_entry);
}
