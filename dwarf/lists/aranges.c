/*
 * .debug_aranges (DWARF5 6.1.2, 7.21): per compile unit, a header and a
 * list of (address, length) tuples ending with a (0, 0) tuple. The tuples
 * start at the first multiple of twice the address size from the set's
 * start; the padding before them is part of the header.
 */
#include <dwarf/lists.h>

#include "dwarf_int.h"

int dwarf_aranges_set_at(const struct dwarf *dw, uint64_t offset, struct dwarf_aranges_set *set)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_ARANGES];
    struct dwarf_cursor c;
    uint64_t v, tuple;
    int rc;

    if (sec->data == NULL)
        return offset == 0 ? 0 : DWARF_E_NO_SECTION;
    if (offset == sec->size)
        return 0;
    if ((rc = dwarf_cursor_init(&c, sec, offset, sec->size)))
        return rc;
    *set = (struct dwarf_aranges_set){.dw = dw, .offset = offset};
    if ((rc = dwarf_read_initial_length(&c, &set->length, &set->offset_size)))
        return rc;
    if (set->length > sec->size - c.pos)
        return DWARF_E_UNIT;
    set->end = c.pos + set->length;
    c.limit = set->end;
    if ((rc = dwarf_read_uint(&c, 2, &v)))
        return rc;
    set->version = (uint16_t)v;
    /* Every DWARF version so far, 5 included, uses aranges version 2. */
    if (set->version != 2)
        return DWARF_E_VERSION;
    if ((rc = dwarf_read_uint(&c, set->offset_size, &set->info_offset)) ||
        (rc = dwarf_read_u8(&c, &set->addr_size)) || (rc = dwarf_read_u8(&c, &set->seg_size)))
        return rc;
    if (set->addr_size != 1 && set->addr_size != 2 && set->addr_size != 4 && set->addr_size != 8)
        return DWARF_E_UNIT;
    /* Segmented tuples are not produced for x86_64; refuse rather than misread them. */
    if (set->seg_size != 0)
        return DWARF_E_UNIT;
    tuple = 2u * set->addr_size;
    set->tuples = offset + (c.pos - offset + tuple - 1) / tuple * tuple;
    if (set->tuples > set->end)
        return DWARF_E_TRUNCATED;
    return 1;
}

void dwarf_aranges_iter_init(struct dwarf_aranges_iter *it, const struct dwarf_aranges_set *set)
{
    it->set = set;
    it->pos = set->tuples;
    it->done = false;
}

int dwarf_aranges_next(struct dwarf_aranges_iter *it, uint64_t *address, uint64_t *length)
{
    const struct dwarf_aranges_set *set = it->set;
    struct dwarf_cursor c;
    int rc;

    if (it->done || it->pos == set->end)
        return 0;
    if ((rc = dwarf_cursor_init(&c, &set->dw->sec[DWARF_SEC_ARANGES], it->pos, set->end)))
        return rc;
    if ((rc = dwarf_read_uint(&c, set->addr_size, address)) ||
        (rc = dwarf_read_uint(&c, set->addr_size, length)))
        return rc;
    it->pos = c.pos;
    if (*address == 0 && *length == 0) {
        it->done = true;
        return 0;
    }
    return 1;
}
