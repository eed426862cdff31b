/*
 * Attribute values by class (DWARF5 7.5.5): constants, flags, strings
 * (in-line, .debug_str, .debug_line_str, or indexed through
 * .debug_str_offsets, DWARF5 7.26), addresses (direct or indexed through
 * .debug_addr, DWARF5 7.27), blocks and references.
 */
#include "dwarf_int.h"

int dwarf_section_string(const struct dwarf *dw, enum dwarf_section_id section, uint64_t offset,
                         const char **out)
{
    struct dwarf_cursor c;
    int rc;
    if ((unsigned)section >= DWARF_SEC_COUNT)
        return DWARF_E_ARG;
    if (dw->sec[section].data && offset >= dw->sec[section].size)
        return DWARF_E_OFFSET;
    if ((rc = dwarf_cursor_init(&c, &dw->sec[section], offset, dw->sec[section].size)))
        return rc;
    return dwarf_read_cstr(&c, out, NULL);
}

/* Reads entry index of a table of size-byte entries starting at base. */
static int table_entry(const struct dwarf_section *sec, uint64_t base, uint64_t index,
                       unsigned size, uint64_t *out)
{
    struct dwarf_cursor c;
    int rc;
    if (sec->data == NULL)
        return DWARF_E_NO_SECTION;
    if (base > sec->size || index > (sec->size - base) / size)
        return DWARF_E_OFFSET;
    if ((rc = dwarf_cursor_init(&c, sec, base + index * size, sec->size)))
        return rc;
    rc = dwarf_read_uint(&c, size, out);
    return rc == DWARF_E_TRUNCATED ? DWARF_E_OFFSET : rc;
}

int dwarf_str_offsets_entry(const struct dwarf_unit *unit, uint64_t index, uint64_t *str_offset)
{
    if (!unit->has_str_offsets_base)
        return DWARF_E_NOT_FOUND;
    return table_entry(&unit->dw->sec[DWARF_SEC_STR_OFFSETS], unit->str_offsets_base, index,
                       unit->offset_size, str_offset);
}

int dwarf_addr_entry(const struct dwarf_unit *unit, uint64_t index, uint64_t *addr)
{
    if (!unit->has_addr_base)
        return DWARF_E_NOT_FOUND;
    return table_entry(&unit->dw->sec[DWARF_SEC_ADDR], unit->addr_base, index, unit->addr_size,
                       addr);
}

int dwarf_attr_unsigned(const struct dwarf_attr *attr, uint64_t *out)
{
    switch (dwarf_form_class(attr->form)) {
    case DWARF_CLASS_CONSTANT:
        if (attr->form == DW_FORM_data16)
            return DWARF_E_CLASS;
        if ((attr->form == DW_FORM_sdata || attr->form == DW_FORM_implicit_const) &&
            (int64_t)attr->value < 0)
            return DWARF_E_CLASS;
        break;
    case DWARF_CLASS_SEC_OFFSET:
    case DWARF_CLASS_INDEX:
        break;
    default:
        return DWARF_E_CLASS;
    }
    *out = attr->value;
    return 0;
}

int dwarf_attr_signed(const struct dwarf_attr *attr, int64_t *out)
{
    uint64_t v = attr->value;
    switch (attr->form) {
    case DW_FORM_data1:
        *out = (int8_t)v;
        return 0;
    case DW_FORM_data2:
        *out = (int16_t)v;
        return 0;
    case DW_FORM_data4:
        *out = (int32_t)v;
        return 0;
    case DW_FORM_data8:
    case DW_FORM_sdata:
    case DW_FORM_implicit_const:
        *out = (int64_t)v;
        return 0;
    case DW_FORM_udata:
        if (v > (uint64_t)INT64_MAX)
            return DWARF_E_CLASS;
        *out = (int64_t)v;
        return 0;
    default:
        return DWARF_E_CLASS;
    }
}

int dwarf_attr_flag(const struct dwarf_attr *attr, bool *out)
{
    if (dwarf_form_class(attr->form) != DWARF_CLASS_FLAG)
        return DWARF_E_CLASS;
    *out = attr->value != 0;
    return 0;
}

int dwarf_attr_string_offset(const struct dwarf_attr *attr, enum dwarf_section_id *section,
                             uint64_t *offset)
{
    switch (attr->form) {
    case DW_FORM_strp:
        *section = DWARF_SEC_STR;
        *offset = attr->value;
        return 0;
    case DW_FORM_line_strp:
        *section = DWARF_SEC_LINE_STR;
        *offset = attr->value;
        return 0;
    case DW_FORM_strx:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4:
    case DW_FORM_GNU_str_index:
        *section = DWARF_SEC_STR;
        return dwarf_str_offsets_entry(attr->unit, attr->value, offset);
    case DW_FORM_strp_sup:
    case DW_FORM_GNU_strp_alt:
        return DWARF_E_NO_SECTION; /* lives in a supplementary object file */
    default:
        return DWARF_E_CLASS;
    }
}

int dwarf_attr_string(const struct dwarf_attr *attr, const char **out)
{
    enum dwarf_section_id sec;
    uint64_t off;
    int rc;
    if (attr->form == DW_FORM_string) {
        *out = (const char *)attr->data;
        return 0;
    }
    if ((rc = dwarf_attr_string_offset(attr, &sec, &off)))
        return rc;
    return dwarf_section_string(attr->unit->dw, sec, off, out);
}

int dwarf_attr_address(const struct dwarf_attr *attr, uint64_t *out)
{
    switch (attr->form) {
    case DW_FORM_addr:
        *out = attr->value;
        return 0;
    case DW_FORM_addrx:
    case DW_FORM_addrx1:
    case DW_FORM_addrx2:
    case DW_FORM_addrx3:
    case DW_FORM_addrx4:
    case DW_FORM_GNU_addr_index:
        return dwarf_addr_entry(attr->unit, attr->value, out);
    case DW_FORM_implicit_const:
        /* The skeleton's low_pc, which dwarf_join_split gives its split unit's DIE as a constant.
         */
        if (attr->name != DW_AT_low_pc || attr->unit->unit_type != DW_UT_split_compile)
            return DWARF_E_CLASS;
        *out = attr->value;
        return 0;
    default:
        return DWARF_E_CLASS;
    }
}

int dwarf_attr_block(const struct dwarf_attr *attr, const uint8_t **data, uint64_t *len)
{
    enum dwarf_form_class cls = dwarf_form_class(attr->form);
    if (cls != DWARF_CLASS_BLOCK && cls != DWARF_CLASS_EXPRLOC && attr->form != DW_FORM_data16)
        return DWARF_E_CLASS;
    *data = attr->data;
    *len = attr->data_len;
    return 0;
}

int dwarf_attr_ref(const struct dwarf_attr *attr, enum dwarf_section_id *section, uint64_t *offset)
{
    const struct dwarf_unit *unit = attr->unit;
    struct dwarf_unit target;
    int rc;

    switch (attr->form) {
    case DW_FORM_ref1:
    case DW_FORM_ref2:
    case DW_FORM_ref4:
    case DW_FORM_ref8:
    case DW_FORM_ref_udata:
        /* DWARF5 7.5.5: offset from the first byte of the unit header. */
        if (attr->value >= unit->end - unit->offset || unit->offset + attr->value < unit->first_die)
            return DWARF_E_BAD_REF;
        *section = unit->section;
        *offset = unit->offset + attr->value;
        return 0;
    case DW_FORM_ref_addr:
        if (attr->value >= unit->dw->sec[unit->section].size)
            return DWARF_E_BAD_REF;
        *section = unit->section;
        *offset = attr->value;
        return 0;
    case DW_FORM_ref_sig8:
        if ((rc = dwarf_type_unit_by_signature(unit->dw, attr->value, &target)) < 0)
            return rc;
        *section = target.section;
        *offset = target.offset + target.type_offset;
        return 0;
    case DW_FORM_ref_sup4:
    case DW_FORM_ref_sup8:
    case DW_FORM_GNU_ref_alt:
        return DWARF_E_NO_SECTION;
    default:
        return DWARF_E_CLASS;
    }
}

const char *dwarf_strerror(int err)
{
    switch (err) {
    case DWARF_OK:
        return "success";
    case DWARF_E_TRUNCATED:
        return "truncated data";
    case DWARF_E_LEB128:
        return "malformed LEB128 number";
    case DWARF_E_VERSION:
        return "unsupported DWARF version";
    case DWARF_E_ABBREV:
        return "bad abbreviation";
    case DWARF_E_FORM:
        return "unknown or invalid form";
    case DWARF_E_OFFSET:
        return "offset out of range";
    case DWARF_E_NO_SECTION:
        return "section missing";
    case DWARF_E_BAD_REF:
        return "invalid DIE reference";
    case DWARF_E_NOMEM:
        return "out of memory";
    case DWARF_E_CLASS:
        return "attribute has the wrong class";
    case DWARF_E_UNIT:
        return "bad unit header";
    case DWARF_E_LINE:
        return "malformed line program";
    case DWARF_E_ARG:
        return "invalid argument";
    case DWARF_E_NOT_FOUND:
        return "not found";
    case DWARF_E_CFI:
        return "malformed call frame information";
    case DWARF_E_LIMIT:
        return "fixed limit exceeded";
    case DWARF_E_EXPR:
        return "expression cannot be evaluated";
    case DWARF_E_UNAVAILABLE:
        return "value not available";
    default:
        return "unknown error";
    }
}
