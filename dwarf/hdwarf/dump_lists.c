/*
 * hdwarf's view of address tables and lists: the ranges and locations that
 * llvm-dwarfdump --verbose expands after a DW_AT_ranges or location-list
 * attribute (with the unit's base address applied), and --debug-aranges.
 */
#include "hdwarf.h"

#include <dwarf/lists.h>
#include <inttypes.h>

/* The attributes whose section offsets llvm-dwarfdump expands as location lists. */
static bool may_have_loclist(uint64_t at)
{
    switch (at) {
    case DW_AT_location:
    case DW_AT_string_length:
    case DW_AT_return_addr:
    case DW_AT_data_member_location:
    case DW_AT_frame_base:
    case DW_AT_segment:
    case DW_AT_static_link:
    case DW_AT_use_location:
    case DW_AT_vtable_elem_location:
        return true;
    default:
        return false;
    }
}

static bool is_list_form(const struct dwarf_attr *a)
{
    switch (a->form) {
    case DW_FORM_sec_offset:
    case DW_FORM_loclistx:
    case DW_FORM_rnglistx:
        return true;
    case DW_FORM_data4:
    case DW_FORM_data8:
        return a->unit->version <= 3;
    default:
        return false;
    }
}

bool hdwarf_is_list_attr(const struct dwarf_attr *a)
{
    return is_list_form(a) && (a->name == DW_AT_ranges || may_have_loclist(a->name));
}

/*
 * A split unit's lists may name .debug_addr entries that live in the
 * skeleton's file: llvm-dwarfdump then prints raw entries, and hdwarf
 * prints the offset alone. Each list is walked once to find out.
 */
static bool unresolvable(const struct dwarf_unit *u, int rc)
{
    return (u->unit_type == DW_UT_split_compile || u->unit_type == DW_UT_split_type) &&
           (rc == DWARF_E_NOT_FOUND || rc == DWARF_E_NO_SECTION);
}

static int print_ranges(FILE *out, const struct dwarf_attr *a, unsigned indent)
{
    struct dwarf_range_iter it, first;
    uint64_t off, lo, hi;
    int rc;

    if (a->form == DW_FORM_rnglistx) {
        if ((rc = dwarf_rnglistx_offset(a->unit, a->value, &off)))
            return rc;
        fprintf(out, "indexed (0x%" PRIx64 ") rangelist = 0x%08" PRIx64, a->value, off);
    } else {
        fprintf(out, "0x%08" PRIx64, a->value);
    }
    if ((rc = dwarf_range_iter_attr(&first, a)))
        return rc;
    it = first;
    while ((rc = dwarf_range_next(&it, &lo, &hi)) > 0)
        ;
    if (rc < 0)
        return unresolvable(a->unit, rc) ? 0 : rc;
    while ((rc = dwarf_range_next(&first, &lo, &hi)) > 0)
        fprintf(out, "\n%*s[0x%016" PRIx64 ", 0x%016" PRIx64 ")", indent, "", lo, hi);
    return rc;
}

static int print_locations(FILE *out, const struct dwarf_attr *a, unsigned indent)
{
    struct dwarf_loc_iter it, first;
    struct dwarf_loc_entry e;
    uint64_t off;
    int rc;

    if (a->form == DW_FORM_loclistx) {
        if ((rc = dwarf_loclistx_offset(a->unit, a->value, &off)))
            return rc;
        fprintf(out, "indexed (0x%" PRIx64 ") loclist = 0x%08" PRIx64 ": ", a->value, off);
    } else {
        fprintf(out, "0x%08" PRIx64 ": ", a->value);
    }
    if ((rc = dwarf_loc_iter_attr(&first, a)))
        return rc;
    it = first;
    while ((rc = dwarf_loc_next(&it, &e)) > 0)
        ;
    if (rc < 0)
        return unresolvable(a->unit, rc) ? 0 : rc;
    while ((rc = dwarf_loc_next(&first, &e)) > 0) {
        fprintf(out, "\n%*s", indent, "");
        if (e.is_default)
            fputs("<default>: ", out);
        else
            fprintf(out, "[0x%016" PRIx64 ", 0x%016" PRIx64 "): ", e.low, e.high);
        if ((rc = hdwarf_print_expr(out, e.expr, e.expr_len, a->unit)))
            return rc;
    }
    return rc;
}

int hdwarf_print_list_attr(FILE *out, const struct dwarf_attr *a, unsigned indent)
{
    return a->name == DW_AT_ranges ? print_ranges(out, a, indent) : print_locations(out, a, indent);
}

int hdwarf_dump_aranges(FILE *out, const struct dwarf *dw)
{
    struct dwarf_aranges_set set;
    struct dwarf_aranges_iter it;
    uint64_t off = 0, addr, len;
    int rc;

    fputs(".debug_aranges contents:\n", out);
    while ((rc = dwarf_aranges_set_at(dw, off, &set)) > 0) {
        fprintf(out,
                "Address Range Header: length = 0x%0*" PRIx64 ", format = DWARF%d, version = "
                "0x%04x, cu_offset = 0x%0*" PRIx64 ", addr_size = 0x%02x, seg_size = 0x%02x\n",
                set.offset_size * 2, set.length, set.offset_size == 8 ? 64 : 32, set.version,
                set.offset_size * 2, set.info_offset, set.addr_size, set.seg_size);
        dwarf_aranges_iter_init(&it, &set);
        while ((rc = dwarf_aranges_next(&it, &addr, &len)) > 0)
            fprintf(out, "[0x%016" PRIx64 ", 0x%016" PRIx64 ")\n", addr, addr + len);
        if (rc < 0)
            return rc;
        off = set.end;
    }
    return rc;
}
