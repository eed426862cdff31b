/*
 * The reader itself and unit headers (DWARF5 7.5.1) of .debug_info and
 * .debug_types: DWARF 2-4 compile units, DWARF 4 type units, and every
 * DWARF 5 unit type (compile, partial, type, skeleton, split).
 */
#include "dwarf_int.h"

static const char *const section_names[DWARF_SEC_COUNT] = {
    [DWARF_SEC_INFO] = ".debug_info",
    [DWARF_SEC_ABBREV] = ".debug_abbrev",
    [DWARF_SEC_STR] = ".debug_str",
    [DWARF_SEC_LINE_STR] = ".debug_line_str",
    [DWARF_SEC_STR_OFFSETS] = ".debug_str_offsets",
    [DWARF_SEC_ADDR] = ".debug_addr",
    [DWARF_SEC_LINE] = ".debug_line",
    [DWARF_SEC_TYPES] = ".debug_types",
    [DWARF_SEC_RANGES] = ".debug_ranges",
    [DWARF_SEC_RNGLISTS] = ".debug_rnglists",
    [DWARF_SEC_LOC] = ".debug_loc",
    [DWARF_SEC_LOCLISTS] = ".debug_loclists",
    [DWARF_SEC_ARANGES] = ".debug_aranges",
    [DWARF_SEC_NAMES] = ".debug_names",
    [DWARF_SEC_GDB_INDEX] = ".gdb_index",
};

const char *dwarf_section_name(enum dwarf_section_id id)
{
    return (unsigned)id < DWARF_SEC_COUNT ? section_names[id] : NULL;
}

int dwarf_init(struct dwarf *dw, const struct dwarf_section sections[DWARF_SEC_COUNT],
               const struct dwarf_allocator *alloc)
{
    if (dw == NULL || sections == NULL)
        return DWARF_E_ARG;
    for (int i = 0; i < DWARF_SEC_COUNT; i++) {
        dw->sec[i] = sections[i];
        if (dw->sec[i].data == NULL)
            dw->sec[i].size = 0;
    }
    dw->alloc.alloc = alloc ? alloc->alloc : NULL;
    dw->alloc.free = alloc ? alloc->free : NULL;
    dw->alloc.ctx = alloc ? alloc->ctx : NULL;
    return 0;
}

void dwarf_unit_form_ctx(const struct dwarf_unit *unit, struct dwarf_form_ctx *ctx)
{
    ctx->version = unit->version;
    ctx->offset_size = unit->offset_size;
    ctx->addr_size = unit->addr_size;
}

static bool valid_addr_size(uint8_t size)
{
    return size == 1 || size == 2 || size == 4 || size == 8;
}

/* Bases from the unit DIE: DW_AT_str_offsets_base, addr_base, ... (DWARF5 3.1.1). */
static int read_bases(struct dwarf_unit *u)
{
    struct dwarf_die die;
    struct dwarf_attr_iter it;
    struct dwarf_attr a, low_pc;
    bool has_low_pc = false, gnu_dwo_name = false, gnu_dwo_id = false;
    int rc;

    if (u->unit_type == DW_UT_split_compile || u->unit_type == DW_UT_split_type) {
        /* DWARF5 7.26: split units index .debug_str_offsets.dwo past its header. */
        u->str_offsets_base = u->offset_size == 8 ? 16 : 8;
        u->has_str_offsets_base = true;
    }
    if (u->first_die >= u->end)
        return 0;
    if ((rc = dwarf_die_at(u, u->first_die, &die)) <= 0)
        return rc;
    dwarf_attr_iter_init(&die, &it);
    while ((rc = dwarf_attr_next(&it, &a)) > 0) {
        if (a.name == DW_AT_low_pc) {
            low_pc = a;
            has_low_pc = true;
        }
        if (a.name == DW_AT_GNU_dwo_name)
            gnu_dwo_name = true;
        if (a.name == DW_AT_GNU_dwo_id && u->version < 5 && a.form == DW_FORM_data8) {
            u->dwo_id = a.value;
            gnu_dwo_id = true;
        }
        if (dwarf_form_class(a.form) != DWARF_CLASS_SEC_OFFSET &&
            dwarf_form_class(a.form) != DWARF_CLASS_CONSTANT)
            continue;
        switch (a.name) {
        case DW_AT_str_offsets_base:
            u->str_offsets_base = a.value;
            u->has_str_offsets_base = true;
            break;
        case DW_AT_addr_base:
        case DW_AT_GNU_addr_base:
            u->addr_base = a.value;
            u->has_addr_base = true;
            break;
        case DW_AT_rnglists_base:
            u->rnglists_base = a.value;
            u->has_rnglists_base = true;
            break;
        case DW_AT_loclists_base:
            u->loclists_base = a.value;
            u->has_loclists_base = true;
            break;
        }
    }
    /*
     * Resolved after the loop: an addrx low_pc may come before
     * DW_AT_addr_base. A value that cannot be resolved leaves the unit
     * without a base rather than failing the unit.
     */
    /* GNU's split DWARF 4: the unit types DWARF 5 gives such units (DWARF5 3.1.2, 3.1.3). */
    if (u->unit_type == DW_UT_compile && u->version < 5 && (gnu_dwo_name || gnu_dwo_id))
        u->unit_type = gnu_dwo_name ? DW_UT_skeleton : DW_UT_split_compile;
    if (rc == 0 && has_low_pc && dwarf_attr_address(&low_pc, &u->base_address) == 0)
        u->has_base_address = true;
    return rc;
}

int dwarf_unit_at(const struct dwarf *dw, enum dwarf_section_id section, uint64_t offset,
                  struct dwarf_unit *u)
{
    const struct dwarf_section *sec;
    struct dwarf_cursor c;
    uint64_t v;
    int rc;

    if (section != DWARF_SEC_INFO && section != DWARF_SEC_TYPES)
        return DWARF_E_ARG;
    sec = &dw->sec[section];
    if (sec->data == NULL)
        return offset == 0 ? 0 : DWARF_E_NO_SECTION;
    if (offset == sec->size)
        return 0;
    if ((rc = dwarf_cursor_init(&c, sec, offset, sec->size)))
        return rc;

    *u = (struct dwarf_unit){.dw = dw, .section = section, .offset = offset};
    if ((rc = dwarf_read_initial_length(&c, &u->length, &u->offset_size)))
        return rc;
    if (u->length > sec->size - c.pos)
        return DWARF_E_UNIT;
    u->end = c.pos + u->length;
    c.limit = u->end;

    if ((rc = dwarf_read_uint(&c, 2, &v)))
        return rc;
    u->version = (uint16_t)v;
    if (u->version < 2 || u->version > 5 || (section == DWARF_SEC_TYPES && u->version != 4))
        return DWARF_E_VERSION;

    if (u->version >= 5) {
        if ((rc = dwarf_read_u8(&c, &u->unit_type)) || (rc = dwarf_read_u8(&c, &u->addr_size)) ||
            (rc = dwarf_read_uint(&c, u->offset_size, &u->abbrev_offset)))
            return rc;
    } else {
        if ((rc = dwarf_read_uint(&c, u->offset_size, &u->abbrev_offset)) ||
            (rc = dwarf_read_u8(&c, &u->addr_size)))
            return rc;
        u->unit_type = section == DWARF_SEC_TYPES ? DW_UT_type : DW_UT_compile;
    }
    if (!valid_addr_size(u->addr_size))
        return DWARF_E_UNIT;
    if (u->abbrev_offset >= dw->sec[DWARF_SEC_ABBREV].size)
        return dw->sec[DWARF_SEC_ABBREV].data ? DWARF_E_OFFSET : DWARF_E_NO_SECTION;

    switch (u->unit_type) {
    case DW_UT_compile:
    case DW_UT_partial:
        break;
    case DW_UT_skeleton:
    case DW_UT_split_compile:
        if ((rc = dwarf_read_uint(&c, 8, &u->dwo_id)))
            return rc;
        break;
    case DW_UT_type:
    case DW_UT_split_type:
        if ((rc = dwarf_read_uint(&c, 8, &u->type_signature)) ||
            (rc = dwarf_read_uint(&c, u->offset_size, &u->type_offset)))
            return rc;
        /* The type DIE must lie in this unit, past the header. */
        if (u->type_offset >= u->end - offset || offset + u->type_offset < c.pos)
            return DWARF_E_BAD_REF;
        break;
    default:
        return DWARF_E_UNIT;
    }
    u->first_die = c.pos;
    if ((rc = read_bases(u)) < 0)
        return rc;
    return 1;
}

int dwarf_unit_containing(const struct dwarf *dw, enum dwarf_section_id section, uint64_t offset,
                          struct dwarf_unit *unit)
{
    uint64_t off = 0;
    int rc;
    while ((rc = dwarf_unit_at(dw, section, off, unit)) > 0) {
        if (offset < unit->end)
            return offset >= unit->first_die ? 1 : DWARF_E_BAD_REF;
        off = unit->end;
    }
    return rc < 0 ? rc : DWARF_E_OFFSET;
}

int dwarf_split_unit(const struct dwarf_unit *skeleton, struct dwarf_unit *split)
{
    uint64_t off = skeleton->end;
    int rc;
    if (skeleton->unit_type != DW_UT_skeleton || skeleton->section != DWARF_SEC_INFO)
        return 0;
    /* The join puts split units after every unit of the file. */
    while ((rc = dwarf_unit_at(skeleton->dw, DWARF_SEC_INFO, off, split)) > 0) {
        if (split->unit_type == DW_UT_split_compile && split->dwo_id == skeleton->dwo_id)
            return 1;
        off = split->end;
    }
    return rc;
}

static int find_signature(const struct dwarf *dw, enum dwarf_section_id section, uint64_t signature,
                          struct dwarf_unit *unit)
{
    uint64_t off = 0;
    int rc;
    if (dw->sec[section].data == NULL)
        return 0;
    while ((rc = dwarf_unit_at(dw, section, off, unit)) > 0) {
        if ((unit->unit_type == DW_UT_type || unit->unit_type == DW_UT_split_type) &&
            unit->type_signature == signature)
            return 1;
        off = unit->end;
    }
    return rc;
}

int dwarf_type_unit_by_signature(const struct dwarf *dw, uint64_t signature,
                                 struct dwarf_unit *unit)
{
    int rc = find_signature(dw, DWARF_SEC_INFO, signature, unit);
    if (rc == 0)
        rc = find_signature(dw, DWARF_SEC_TYPES, signature, unit);
    return rc == 0 ? DWARF_E_NOT_FOUND : rc;
}
