/*
 * Location lists: .debug_loc (DWARF4 2.6.2: address pairs relative to the
 * base, a base-address selection entry, a (0, 0) end, each location a
 * 2-byte length and an expression) and .debug_loclists (DWARF5 2.6.2,
 * 7.7.3: DW_LLE_* entries, expressions with a ULEB length). The expressions
 * are returned in place, undecoded; <dwarf/expr.h> decodes them.
 */
#include <dwarf/lists.h>

#include "dwarf_int.h"

int dwarf_loc_iter_init(struct dwarf_loc_iter *it, const struct dwarf_unit *unit, uint64_t offset)
{
    enum dwarf_section_id section = unit->version >= 5 ? DWARF_SEC_LOCLISTS : DWARF_SEC_LOC;
    const struct dwarf_section *sec = &unit->dw->sec[section];

    if (sec->data == NULL)
        return DWARF_E_NO_SECTION;
    if (offset >= sec->size)
        return DWARF_E_OFFSET;
    *it = (struct dwarf_loc_iter){
        .unit = unit,
        .section = section,
        .pos = offset,
        .base = unit->has_base_address ? unit->base_address : 0,
    };
    return 0;
}

int dwarf_loc_iter_attr(struct dwarf_loc_iter *it, const struct dwarf_attr *attr)
{
    uint64_t offset;
    int rc = dwarf_list_attr_offset(attr, DWARF_SEC_LOCLISTS, &offset);
    if (rc)
        return rc;
    return dwarf_loc_iter_init(it, attr->unit, offset);
}

int dwarf_loclistx_offset(const struct dwarf_unit *unit, uint64_t index, uint64_t *offset)
{
    return dwarf_list_index_offset(unit, DWARF_SEC_LOCLISTS, unit->has_loclists_base,
                                   unit->loclists_base, index, offset);
}

static int read_expr(struct dwarf_cursor *c, unsigned length_size, struct dwarf_loc_entry *e)
{
    int rc = length_size ? dwarf_read_uint(c, length_size, &e->expr_len)
                         : dwarf_read_uleb(c, &e->expr_len);
    if (rc)
        return rc;
    e->is_location = true;
    return dwarf_read_bytes(c, e->expr_len, &e->expr);
}

/* DWARF 2-4: like .debug_ranges, plus a 2-byte expression length and the expression. */
static int next_v4(struct dwarf_loc_iter *it, struct dwarf_cursor *c, struct dwarf_loc_entry *e)
{
    const struct dwarf_unit *u = it->unit;
    uint64_t max = dwarf_list_addr_mask(u, ~UINT64_C(0));
    int rc;

    if ((rc = dwarf_read_uint(c, u->addr_size, &e->raw[0])) ||
        (rc = dwarf_read_uint(c, u->addr_size, &e->raw[1])))
        return rc;
    if (e->raw[0] == 0 && e->raw[1] == 0) {
        e->kind = DW_LLE_end_of_list;
        return 0;
    }
    if (e->raw[0] == max) {
        e->kind = DW_LLE_base_address;
        it->base = e->raw[1];
        return 0;
    }
    e->kind = DW_LLE_offset_pair;
    e->low = dwarf_list_addr_mask(u, it->base + e->raw[0]);
    e->high = dwarf_list_addr_mask(u, it->base + e->raw[1]);
    return read_expr(c, 2, e);
}

/*
 * GNU's split DWARF 4 (.debug_loc.dwo, which gdb reads the same way): the
 * kinds DWARF 5 later numbered alike (end 0, base_addressx 1, startx_endx
 * 2, startx_length 3 with a 4-byte length, and GNU's view pair 9), each
 * address an index into .debug_addr, each expression after a 2-byte length.
 */
static int next_gnu_dwo(struct dwarf_loc_iter *it, struct dwarf_cursor *c,
                        struct dwarf_loc_entry *e)
{
    const struct dwarf_unit *u = it->unit;
    int rc;
    if ((rc = dwarf_read_u8(c, &e->kind)))
        return rc;
    switch (e->kind) {
    case DW_LLE_end_of_list:
        return 0;
    case DW_LLE_base_addressx:
        if ((rc = dwarf_read_uleb(c, &e->raw[0])))
            return rc;
        return dwarf_addr_entry(u, e->raw[0], &it->base);
    case DW_LLE_GNU_view_pair:
        if ((rc = dwarf_read_uleb(c, &e->raw[0])))
            return rc;
        return dwarf_read_uleb(c, &e->raw[1]);
    case DW_LLE_startx_endx:
        if ((rc = dwarf_read_uleb(c, &e->raw[0])) || (rc = dwarf_read_uleb(c, &e->raw[1])) ||
            (rc = dwarf_addr_entry(u, e->raw[0], &e->low)) ||
            (rc = dwarf_addr_entry(u, e->raw[1], &e->high)))
            return rc;
        return read_expr(c, 2, e);
    case DW_LLE_startx_length:
        if ((rc = dwarf_read_uleb(c, &e->raw[0])) || (rc = dwarf_read_uint(c, 4, &e->raw[1])) ||
            (rc = dwarf_addr_entry(u, e->raw[0], &e->low)))
            return rc;
        e->high = dwarf_list_addr_mask(u, e->low + e->raw[1]);
        return read_expr(c, 2, e);
    default:
        return DWARF_E_FORM;
    }
}

/* DWARF5 7.7.3, Table 7.10. */
static int next_v5(struct dwarf_loc_iter *it, struct dwarf_cursor *c, struct dwarf_loc_entry *e)
{
    static const enum dwarf_list_shape shapes[] = {
        [DW_LLE_end_of_list] = DWARF_LIST_END,
        [DW_LLE_base_addressx] = DWARF_LIST_BASEX,
        [DW_LLE_startx_endx] = DWARF_LIST_STARTX_ENDX,
        [DW_LLE_startx_length] = DWARF_LIST_STARTX_LENGTH,
        [DW_LLE_offset_pair] = DWARF_LIST_OFFSET_PAIR,
        [DW_LLE_default_location] = DWARF_LIST_DEFAULT,
        [DW_LLE_base_address] = DWARF_LIST_BASE,
        [DW_LLE_start_end] = DWARF_LIST_START_END,
        [DW_LLE_start_length] = DWARF_LIST_START_LENGTH,
        [DW_LLE_GNU_view_pair] = DWARF_LIST_VIEW_PAIR,
    };
    bool is_range;
    int rc;

    if ((rc = dwarf_read_u8(c, &e->kind)))
        return rc;
    if (e->kind >= sizeof shapes / sizeof shapes[0])
        return DWARF_E_FORM; /* an unknown kind has operands of unknown size */
    if ((rc = dwarf_list_entry_v5(c, it->unit, shapes[e->kind], &it->base, e->raw, &is_range,
                                  &e->low, &e->high)))
        return rc;
    if (e->kind == DW_LLE_default_location) {
        e->is_default = true;
        return read_expr(c, 0, e);
    }
    return is_range ? read_expr(c, 0, e) : 0;
}

int dwarf_loc_next_entry(struct dwarf_loc_iter *it, struct dwarf_loc_entry *e)
{
    const struct dwarf_section *sec = &it->unit->dw->sec[it->section];
    struct dwarf_cursor c;
    int rc;

    if (it->done)
        return 0;
    if ((rc = dwarf_cursor_init(&c, sec, it->pos, sec->size)))
        return rc;
    *e = (struct dwarf_loc_entry){.offset = it->pos};
    if (it->section == DWARF_SEC_LOCLISTS)
        rc = next_v5(it, &c, e);
    else if (it->unit->unit_type == DW_UT_split_compile || it->unit->unit_type == DW_UT_split_type)
        rc = next_gnu_dwo(it, &c, e);
    else
        rc = next_v4(it, &c, e);
    if (rc)
        return rc;
    it->pos = c.pos;
    if (e->kind == DW_LLE_end_of_list) {
        it->done = true;
        return 0;
    }
    return 1;
}

int dwarf_loc_next(struct dwarf_loc_iter *it, struct dwarf_loc_entry *e)
{
    int rc;
    while ((rc = dwarf_loc_next_entry(it, e)) > 0) {
        if (e->is_location)
            return 1;
    }
    return rc;
}
