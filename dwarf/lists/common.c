/*
 * What range and location lists share: finding a list from an attribute
 * (a section offset, or an index into the offset table of a DWARF 5 list
 * table, DWARF5 7.28/7.29), and decoding the operands of a DWARF 5 entry,
 * whose kinds mean the same for DW_RLE_* (7.25) and DW_LLE_* (7.7.3).
 */
#include "dwarf_int.h"

/*
 * DWARF5 7.28: a list table header is unit_length, version (2), address
 * size, segment selector size, offset_entry_count (4), then the offsets,
 * relative to the table's base (the first offset). DW_AT_rnglists_base and
 * DW_AT_loclists_base point at that base, so the count is the four bytes
 * before it. A split unit has no base attribute: its index is into the
 * only table of the .dwo section (DWARF5 3.1.3).
 */
int dwarf_list_index_offset(const struct dwarf_unit *unit, enum dwarf_section_id section,
                            bool has_base, uint64_t base, uint64_t index, uint64_t *offset)
{
    const struct dwarf_section *sec = &unit->dw->sec[section];
    struct dwarf_cursor c;
    uint64_t count, rel, length;
    uint8_t osize;
    int rc;

    if (!has_base) {
        if (unit->unit_type != DW_UT_split_compile && unit->unit_type != DW_UT_split_type)
            return DWARF_E_NOT_FOUND;
        if ((rc = dwarf_cursor_init(&c, sec, 0, sec->size)) ||
            (rc = dwarf_read_initial_length(&c, &length, &osize)))
            return rc;
        base = c.pos + 8;
    }
    osize = unit->offset_size;
    /* 12 or 20 bytes of header precede the base. */
    if (base < (osize == 8 ? 20u : 12u) || base > sec->size)
        return sec->data ? DWARF_E_OFFSET : DWARF_E_NO_SECTION;
    if ((rc = dwarf_cursor_init(&c, sec, base - 4, sec->size)) ||
        (rc = dwarf_read_uint(&c, 4, &count)))
        return rc;
    if (index >= count)
        return DWARF_E_OFFSET;
    if ((rc = dwarf_skip(&c, index * osize)) || (rc = dwarf_read_uint(&c, osize, &rel)))
        return rc;
    if (rel > sec->size - base)
        return DWARF_E_OFFSET;
    *offset = base + rel;
    return 0;
}

int dwarf_list_attr_offset(const struct dwarf_attr *attr, enum dwarf_section_id v5_section,
                           uint64_t *offset)
{
    const struct dwarf_unit *u = attr->unit;
    switch (attr->form) {
    case DW_FORM_sec_offset:
        *offset = attr->value;
        return 0;
    case DW_FORM_data4:
    case DW_FORM_data8:
        /* DWARF 2-3 had no sec_offset: these constants were section offsets (DWARF4 7.5.4). */
        if (u->version >= 4)
            return DWARF_E_CLASS;
        *offset = attr->value;
        return 0;
    case DW_FORM_rnglistx:
        if (v5_section != DWARF_SEC_RNGLISTS)
            return DWARF_E_CLASS;
        return dwarf_list_index_offset(u, DWARF_SEC_RNGLISTS, u->has_rnglists_base,
                                       u->rnglists_base, attr->value, offset);
    case DW_FORM_loclistx:
        if (v5_section != DWARF_SEC_LOCLISTS)
            return DWARF_E_CLASS;
        return dwarf_list_index_offset(u, DWARF_SEC_LOCLISTS, u->has_loclists_base,
                                       u->loclists_base, attr->value, offset);
    default:
        return DWARF_E_CLASS;
    }
}

/* An address operand: address-sized, or a ULEB index into .debug_addr (DWARF5 7.27). */
static int read_address(struct dwarf_cursor *c, const struct dwarf_unit *unit, bool indexed,
                        uint64_t *raw, uint64_t *addr)
{
    int rc;
    if (!indexed) {
        if ((rc = dwarf_read_uint(c, unit->addr_size, raw)))
            return rc;
        *addr = *raw;
        return 0;
    }
    if ((rc = dwarf_read_uleb(c, raw)))
        return rc;
    return dwarf_addr_entry(unit, *raw, addr);
}

/* Address arithmetic wraps at the unit's address size, as the target's would. */
uint64_t dwarf_list_addr_mask(const struct dwarf_unit *unit, uint64_t v)
{
    return unit->addr_size >= 8 ? v : v & ((UINT64_C(1) << (8 * unit->addr_size)) - 1);
}

int dwarf_list_entry_v5(struct dwarf_cursor *c, const struct dwarf_unit *u,
                        enum dwarf_list_shape shape, uint64_t *base, uint64_t raw[2],
                        bool *is_range, uint64_t *low, uint64_t *high)
{
    bool indexed = shape == DWARF_LIST_BASEX || shape == DWARF_LIST_STARTX_ENDX ||
                   shape == DWARF_LIST_STARTX_LENGTH;
    int rc;

    *is_range = false;
    switch (shape) {
    case DWARF_LIST_END:
    case DWARF_LIST_DEFAULT:
        return 0;
    case DWARF_LIST_BASEX:
    case DWARF_LIST_BASE:
        return read_address(c, u, indexed, &raw[0], base);
    case DWARF_LIST_VIEW_PAIR:
        if ((rc = dwarf_read_uleb(c, &raw[0])))
            return rc;
        return dwarf_read_uleb(c, &raw[1]);
    case DWARF_LIST_STARTX_ENDX:
    case DWARF_LIST_START_END:
        if ((rc = read_address(c, u, indexed, &raw[0], low)) ||
            (rc = read_address(c, u, indexed, &raw[1], high)))
            return rc;
        break;
    case DWARF_LIST_STARTX_LENGTH:
    case DWARF_LIST_START_LENGTH:
        if ((rc = read_address(c, u, indexed, &raw[0], low)) || (rc = dwarf_read_uleb(c, &raw[1])))
            return rc;
        *high = dwarf_list_addr_mask(u, *low + raw[1]);
        break;
    case DWARF_LIST_OFFSET_PAIR:
        if ((rc = dwarf_read_uleb(c, &raw[0])) || (rc = dwarf_read_uleb(c, &raw[1])))
            return rc;
        *low = dwarf_list_addr_mask(u, *base + raw[0]);
        *high = dwarf_list_addr_mask(u, *base + raw[1]);
        break;
    }
    *is_range = true;
    return 0;
}
