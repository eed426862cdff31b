/*
 * Range lists: .debug_ranges (DWARF4 2.17.3: address pairs relative to the
 * base, a base-address selection entry, a (0, 0) end) and .debug_rnglists
 * (DWARF5 2.17.3, 7.25: DW_RLE_* entries, addresses direct or through
 * .debug_addr). Each entry is decoded in place; the iterator carries the
 * current base address from one entry to the next.
 */
#include <dwarf/lists.h>

#include "dwarf_int.h"

int dwarf_range_iter_init(struct dwarf_range_iter *it, const struct dwarf_unit *unit,
                          uint64_t offset)
{
    enum dwarf_section_id section = unit->version >= 5 ? DWARF_SEC_RNGLISTS : DWARF_SEC_RANGES;
    const struct dwarf_section *sec = &unit->dw->sec[section];

    if (sec->data == NULL)
        return DWARF_E_NO_SECTION;
    if (offset >= sec->size)
        return DWARF_E_OFFSET;
    *it = (struct dwarf_range_iter){
        .unit = unit,
        .section = section,
        .pos = offset,
        .base = unit->has_base_address ? unit->base_address : 0,
    };
    return 0;
}

int dwarf_range_iter_attr(struct dwarf_range_iter *it, const struct dwarf_attr *attr)
{
    uint64_t offset;
    int rc = dwarf_list_attr_offset(attr, DWARF_SEC_RNGLISTS, &offset);
    if (rc)
        return rc;
    return dwarf_range_iter_init(it, attr->unit, offset);
}

int dwarf_rnglistx_offset(const struct dwarf_unit *unit, uint64_t index, uint64_t *offset)
{
    return dwarf_list_index_offset(unit, DWARF_SEC_RNGLISTS, unit->has_rnglists_base,
                                   unit->rnglists_base, index, offset);
}

/* DWARF 2-4: two addresses; all-ones begin selects a base, (0, 0) ends the list. */
static int next_v4(struct dwarf_range_iter *it, struct dwarf_cursor *c, struct dwarf_range_entry *e)
{
    const struct dwarf_unit *u = it->unit;
    uint64_t max = dwarf_list_addr_mask(u, ~UINT64_C(0));
    int rc;

    if ((rc = dwarf_read_uint(c, u->addr_size, &e->raw[0])) ||
        (rc = dwarf_read_uint(c, u->addr_size, &e->raw[1])))
        return rc;
    if (e->raw[0] == 0 && e->raw[1] == 0) {
        e->kind = DW_RLE_end_of_list;
    } else if (e->raw[0] == max) {
        e->kind = DW_RLE_base_address;
        it->base = e->raw[1];
    } else {
        e->kind = DW_RLE_offset_pair;
        e->is_range = true;
        e->low = dwarf_list_addr_mask(u, it->base + e->raw[0]);
        e->high = dwarf_list_addr_mask(u, it->base + e->raw[1]);
    }
    return 0;
}

/* DWARF5 7.25, Table 7.30. */
static int next_v5(struct dwarf_range_iter *it, struct dwarf_cursor *c, struct dwarf_range_entry *e)
{
    static const enum dwarf_list_shape shapes[] = {
        [DW_RLE_end_of_list] = DWARF_LIST_END,
        [DW_RLE_base_addressx] = DWARF_LIST_BASEX,
        [DW_RLE_startx_endx] = DWARF_LIST_STARTX_ENDX,
        [DW_RLE_startx_length] = DWARF_LIST_STARTX_LENGTH,
        [DW_RLE_offset_pair] = DWARF_LIST_OFFSET_PAIR,
        [DW_RLE_base_address] = DWARF_LIST_BASE,
        [DW_RLE_start_end] = DWARF_LIST_START_END,
        [DW_RLE_start_length] = DWARF_LIST_START_LENGTH,
    };
    int rc;

    if ((rc = dwarf_read_u8(c, &e->kind)))
        return rc;
    if (e->kind >= sizeof shapes / sizeof shapes[0])
        return DWARF_E_FORM; /* an unknown kind has operands of unknown size */
    return dwarf_list_entry_v5(c, it->unit, shapes[e->kind], &it->base, e->raw, &e->is_range,
                               &e->low, &e->high);
}

int dwarf_range_next_entry(struct dwarf_range_iter *it, struct dwarf_range_entry *e)
{
    const struct dwarf_section *sec = &it->unit->dw->sec[it->section];
    struct dwarf_cursor c;
    int rc;

    if (it->done)
        return 0;
    if ((rc = dwarf_cursor_init(&c, sec, it->pos, sec->size)))
        return rc;
    *e = (struct dwarf_range_entry){.offset = it->pos};
    rc = it->section == DWARF_SEC_RANGES ? next_v4(it, &c, e) : next_v5(it, &c, e);
    if (rc)
        return rc;
    it->pos = c.pos;
    if (e->kind == DW_RLE_end_of_list) {
        it->done = true;
        return 0;
    }
    return 1;
}

int dwarf_range_next(struct dwarf_range_iter *it, uint64_t *low, uint64_t *high)
{
    struct dwarf_range_entry e;
    int rc;
    while ((rc = dwarf_range_next_entry(it, &e)) > 0) {
        if (e.is_range) {
            *low = e.low;
            *high = e.high;
            return 1;
        }
    }
    return rc;
}
