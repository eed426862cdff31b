/*
 * Abbreviation tables (DWARF5 7.5.3), read in place from .debug_abbrev.
 *
 * An entry is: code (ULEB), tag (ULEB), children flag (byte), then
 * (name, form) ULEB pairs ending in (0, 0); DW_FORM_implicit_const pairs
 * carry an SLEB value. A table ends with code 0. Lookups scan the table
 * unless the caller built a code-indexed array with its allocator.
 */
#include "dwarf_int.h"

/* Tables whose codes are this sparse are left to linear lookup. */
#define DWARF_ABBREV_SPARSE_FACTOR 8

int dwarf_abbrev_spec(struct dwarf_cursor *c, uint64_t *name, uint64_t *form, int64_t *implicit)
{
    int rc;
    if ((rc = dwarf_read_uleb(c, name)) || (rc = dwarf_read_uleb(c, form)))
        return rc;
    *implicit = 0;
    if (*name == 0 && *form == 0)
        return 0;
    if (*name == 0 || *form == 0)
        return DWARF_E_ABBREV;
    if (*form == DW_FORM_implicit_const && (rc = dwarf_read_sleb(c, implicit)))
        return rc;
    return 1;
}

int dwarf_abbrev_at(const struct dwarf *dw, uint64_t offset, struct dwarf_abbrev *ab,
                    uint64_t *next)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_ABBREV];
    struct dwarf_cursor c;
    uint8_t children;
    int rc;

    if ((rc = dwarf_cursor_init(&c, sec, offset, sec->size)))
        return rc;
    if ((rc = dwarf_read_uleb(&c, &ab->code)))
        return rc;
    if (ab->code == 0) {
        *next = c.pos;
        return 0;
    }
    if ((rc = dwarf_read_uleb(&c, &ab->tag)) || (rc = dwarf_read_u8(&c, &children)))
        return rc;
    if (ab->tag == 0 || children > 1)
        return DWARF_E_ABBREV;
    ab->has_children = children;
    ab->specs = c.pos;
    for (;;) {
        uint64_t name, form;
        int64_t implicit;
        rc = dwarf_abbrev_spec(&c, &name, &form, &implicit);
        if (rc < 0)
            return rc;
        if (rc == 0)
            break;
    }
    *next = c.pos;
    return 1;
}

int dwarf_abbrev_find(const struct dwarf *dw, uint64_t table_offset, uint64_t code,
                      struct dwarf_abbrev *ab)
{
    uint64_t off = table_offset;
    if (code == 0)
        return DWARF_E_ABBREV;
    for (;;) {
        uint64_t next;
        int rc = dwarf_abbrev_at(dw, off, ab, &next);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return DWARF_E_ABBREV;
        if (ab->code == code)
            return 1;
        off = next; /* strictly increasing: the scan ends */
    }
}

int dwarf_unit_index_abbrevs(struct dwarf_unit *unit, struct dwarf_abbrev_index *index)
{
    const struct dwarf *dw = unit->dw;
    struct dwarf_abbrev ab;
    uint64_t off, next, count = 0, max_code = 0;
    int rc;

    if (dw->alloc.alloc == NULL)
        return DWARF_E_ARG;
    for (off = unit->abbrev_offset; (rc = dwarf_abbrev_at(dw, off, &ab, &next)) > 0; off = next) {
        count++;
        if (ab.code > max_code)
            max_code = ab.code;
    }
    if (rc < 0)
        return rc;
    if (max_code > count * DWARF_ABBREV_SPARSE_FACTOR + 64 || max_code >= SIZE_MAX / 8)
        return DWARF_E_NOT_FOUND;
    index->ncodes = max_code + 1;
    index->entry = dw->alloc.alloc(dw->alloc.ctx, (size_t)index->ncodes * sizeof(uint64_t));
    if (index->entry == NULL)
        return DWARF_E_NOMEM;
    for (uint64_t i = 0; i < index->ncodes; i++)
        index->entry[i] = 0;
    for (off = unit->abbrev_offset; dwarf_abbrev_at(dw, off, &ab, &next) > 0; off = next) {
        if (index->entry[ab.code] == 0) /* the first definition wins, as in a scan */
            index->entry[ab.code] = off + 1;
    }
    unit->abbrevs = index;
    return 0;
}

void dwarf_abbrev_index_free(const struct dwarf *dw, struct dwarf_abbrev_index *index)
{
    if (index->entry && dw->alloc.free)
        dw->alloc.free(dw->alloc.ctx, index->entry, (size_t)index->ncodes * sizeof(uint64_t));
    index->entry = NULL;
    index->ncodes = 0;
}
