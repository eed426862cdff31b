/*
 * Walking the type graph (DWARF5 5.1-5.11): a type is a DIE reached
 * through DW_AT_type, which may lead into another unit (DW_FORM_ref_addr)
 * or a type unit (DW_FORM_ref_sig8, and DW_AT_signature on a declaration,
 * DWARF4 7.27). Members, subranges and enumerators are read here too.
 */
#include <dwarf/types.h>

#include "dwarf_int.h"

static uint8_t kind_of(uint64_t tag)
{
    switch (tag) {
    case DW_TAG_base_type:
    case DW_TAG_unspecified_type:
        return DWARF_TYPE_BASE;
    case DW_TAG_pointer_type:
        return DWARF_TYPE_POINTER;
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type:
        return DWARF_TYPE_REFERENCE;
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
    case DW_TAG_restrict_type:
    case DW_TAG_atomic_type:
        return DWARF_TYPE_QUALIFIED;
    case DW_TAG_typedef:
        return DWARF_TYPE_TYPEDEF;
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type:
        return DWARF_TYPE_STRUCT;
    case DW_TAG_enumeration_type:
        return DWARF_TYPE_ENUM;
    case DW_TAG_array_type:
        return DWARF_TYPE_ARRAY;
    case DW_TAG_subroutine_type:
    case DW_TAG_subprogram:
        return DWARF_TYPE_FUNCTION;
    default:
        return DWARF_TYPE_OTHER;
    }
}

/* The unit for a section offset: the one at hand when it contains it. */
static int unit_for(const struct dwarf *dw, const struct dwarf_unit *hint,
                    enum dwarf_section_id section, uint64_t offset, struct dwarf_unit *unit)
{
    if (hint && hint->section == section && offset >= hint->first_die && offset < hint->end) {
        *unit = *hint;
        return 1;
    }
    return dwarf_unit_containing(dw, section, offset, unit);
}

static int fill(struct dwarf_type *t, unsigned depth)
{
    struct dwarf_die d;
    struct dwarf_attr_iter it;
    struct dwarf_attr a;
    bool has_signature = false;
    struct dwarf_attr sig;
    int rc;

    if ((rc = dwarf_die_at(&t->unit, t->offset, &d)) < 0)
        return rc;
    if (rc == 0)
        return DWARF_E_BAD_REF; /* a null entry is not a type */
    t->tag = d.tag;
    t->kind = kind_of(d.tag);
    dwarf_attr_iter_init(&d, &it);
    while ((rc = dwarf_attr_next(&it, &a)) > 0) {
        switch (a.name) {
        case DW_AT_name:
            if ((rc = dwarf_attr_string(&a, &t->name)))
                return rc;
            break;
        case DW_AT_byte_size:
            if (dwarf_attr_unsigned(&a, &t->byte_size) == 0)
                t->has_byte_size = true;
            break;
        case DW_AT_encoding:
            dwarf_attr_unsigned(&a, &t->encoding);
            break;
        case DW_AT_declaration:
            dwarf_attr_flag(&a, &t->declaration);
            break;
        case DW_AT_prototyped:
            dwarf_attr_flag(&a, &t->prototyped);
            break;
        case DW_AT_signature:
            sig = a;
            has_signature = true;
            break;
        case DW_AT_type:
            if ((rc = dwarf_attr_ref(&a, &t->target_section, &t->target_offset)))
                return rc;
            t->has_target = true;
            break;
        }
    }
    if (rc < 0)
        return rc;
    /*
     * A DIE standing for a type unit's definition (gcc -fdebug-types-section;
     * DWARF5 3.1.4): a declaration, or in gcc's DWARF 5 just DW_AT_signature.
     */
    if (has_signature && t->kind != DWARF_TYPE_FUNCTION) {
        enum dwarf_section_id sec;
        uint64_t off;
        if (depth >= DWARF_TYPE_MAX_DEPTH)
            return DWARF_E_LIMIT;
        if ((rc = dwarf_attr_ref(&sig, &sec, &off)) ||
            (rc = dwarf_unit_containing(t->unit.dw, sec, off, &t->unit)) < 0)
            return rc;
        *t = (struct dwarf_type){.unit = t->unit, .offset = off};
        return fill(t, depth + 1);
    }
    return 0;
}

static int type_in(const struct dwarf *dw, const struct dwarf_unit *hint,
                   enum dwarf_section_id section, uint64_t offset, struct dwarf_type *t)
{
    int rc;
    *t = (struct dwarf_type){.offset = offset};
    if ((rc = unit_for(dw, hint, section, offset, &t->unit)) < 0)
        return rc;
    return fill(t, 0);
}

int dwarf_type_at(const struct dwarf *dw, enum dwarf_section_id section, uint64_t offset,
                  struct dwarf_type *type)
{
    if (dw == NULL || type == NULL)
        return DWARF_E_ARG;
    return type_in(dw, NULL, section, offset, type);
}

static void make_void(const struct dwarf_unit *u, struct dwarf_type *t)
{
    *t = (struct dwarf_type){.unit = *u, .kind = DWARF_TYPE_VOID};
}

int dwarf_type_of(const struct dwarf_die *die, struct dwarf_type *type)
{
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off;
    int rc = dwarf_die_attr(die, DW_AT_type, &a);
    if (rc < 0)
        return rc;
    if (rc == 0) {
        make_void(die->unit, type);
        return 0;
    }
    if ((rc = dwarf_attr_ref(&a, &sec, &off)))
        return rc;
    return type_in(die->unit->dw, die->unit, sec, off, type);
}

int dwarf_type_of_function(const struct dwarf_die *subprogram, struct dwarf_type *type)
{
    if (subprogram->tag != DW_TAG_subprogram && subprogram->tag != DW_TAG_subroutine_type)
        return DWARF_E_ARG;
    *type = (struct dwarf_type){.unit = *subprogram->unit, .offset = subprogram->offset};
    return fill(type, 0);
}

int dwarf_type_target(const struct dwarf_type *type, struct dwarf_type *target)
{
    if (!type->has_target) {
        make_void(&type->unit, target);
        return 0;
    }
    return type_in(type->unit.dw, &type->unit, type->target_section, type->target_offset, target);
}

int dwarf_type_strip(const struct dwarf_type *type, struct dwarf_type *out)
{
    struct dwarf_type t = *type;
    int rc;
    for (unsigned depth = 0; t.kind == DWARF_TYPE_TYPEDEF || t.kind == DWARF_TYPE_QUALIFIED;
         depth++) {
        if (depth == DWARF_TYPE_MAX_DEPTH)
            return DWARF_E_LIMIT;
        if ((rc = dwarf_type_target(&t, &t)))
            return rc;
    }
    *out = t;
    return 0;
}

int dwarf_type_die(const struct dwarf_type *type, struct dwarf_die *die)
{
    int rc;
    if (type->kind == DWARF_TYPE_VOID)
        return DWARF_E_NOT_FOUND;
    rc = dwarf_die_at(&type->unit, type->offset, die);
    return rc < 0 ? rc : rc == 0 ? DWARF_E_BAD_REF : 0;
}

/* DWARF 2 described member offsets as "DW_OP_plus_uconst N" (DWARF2 5.6.6). */
static int offset_expr(const struct dwarf_attr *a, uint64_t *off)
{
    struct dwarf_cursor c;
    struct dwarf_section s = {.data = a->data, .size = a->data_len};
    uint8_t op;
    int rc;
    if ((rc = dwarf_cursor_init(&c, &s, 0, s.size)) || (rc = dwarf_read_u8(&c, &op)))
        return rc;
    if (op != DW_OP_plus_uconst || (rc = dwarf_read_uleb(&c, off)))
        return rc ? rc : DWARF_E_CLASS;
    return c.pos == s.size ? 0 : DWARF_E_CLASS;
}

int dwarf_member_info(const struct dwarf_die *member, struct dwarf_member *info)
{
    struct dwarf_attr_iter it;
    struct dwarf_attr a;
    uint64_t byte_size = 0, old_bit_offset = 0;
    bool has_old = false, has_data_bit = false, has_byte_size = false;
    int rc;

    *info = (struct dwarf_member){0};
    dwarf_attr_iter_init(member, &it);
    while ((rc = dwarf_attr_next(&it, &a)) > 0) {
        switch (a.name) {
        case DW_AT_name:
            if ((rc = dwarf_attr_string(&a, &info->name)))
                return rc;
            break;
        case DW_AT_data_member_location:
            if (dwarf_form_class(a.form) == DWARF_CLASS_CONSTANT)
                rc = dwarf_attr_unsigned(&a, &info->byte_offset);
            else if (dwarf_form_class(a.form) == DWARF_CLASS_EXPRLOC ||
                     dwarf_form_class(a.form) == DWARF_CLASS_BLOCK)
                rc = offset_expr(&a, &info->byte_offset);
            else
                rc = DWARF_E_CLASS;
            if (rc)
                return rc;
            info->has_offset = true;
            break;
        case DW_AT_bit_size:
            if ((rc = dwarf_attr_unsigned(&a, &info->bit_size)))
                return rc;
            info->is_bitfield = true;
            break;
        case DW_AT_data_bit_offset:
            if ((rc = dwarf_attr_unsigned(&a, &info->bit_offset)))
                return rc;
            has_data_bit = true;
            break;
        case DW_AT_bit_offset:
            if ((rc = dwarf_attr_unsigned(&a, &old_bit_offset)))
                return rc;
            has_old = true;
            break;
        case DW_AT_byte_size:
            if ((rc = dwarf_attr_unsigned(&a, &byte_size)))
                return rc;
            has_byte_size = true;
            break;
        }
    }
    if (rc < 0)
        return rc;
    if (!info->is_bitfield || has_data_bit)
        return 0;
    info->bit_offset = info->byte_offset * 8;
    /*
     * DWARF 2-3 counted DW_AT_bit_offset from the most significant bit of
     * the storage unit (DWARF3 5.6.6); on a little-endian target that is
     * byte_size * 8 - bit_offset - bit_size from the least significant.
     */
    if (has_old && has_byte_size) {
        if (old_bit_offset + info->bit_size > byte_size * 8)
            return DWARF_E_CLASS;
        info->bit_offset += byte_size * 8 - old_bit_offset - info->bit_size;
    }
    return 0;
}

int dwarf_subrange_count(const struct dwarf_die *subrange, uint64_t *count)
{
    struct dwarf_attr a;
    uint64_t lower = 0, upper;
    int rc;

    if ((rc = dwarf_die_attr(subrange, DW_AT_count, &a)) < 0)
        return rc;
    if (rc > 0)
        return dwarf_attr_unsigned(&a, count) == 0 ? 1 : 0;
    if ((rc = dwarf_die_attr(subrange, DW_AT_lower_bound, &a)) < 0)
        return rc;
    if (rc > 0 && dwarf_attr_unsigned(&a, &lower))
        return 0;
    if ((rc = dwarf_die_attr(subrange, DW_AT_upper_bound, &a)) <= 0)
        return rc; /* no upper bound: a flexible or unknown-size array */
    /* A bound that is an expression or a reference is a run-time size (VLA). */
    if (dwarf_form_class(a.form) != DWARF_CLASS_CONSTANT)
        return 0;
    if (dwarf_attr_unsigned(&a, &upper)) {
        int64_t s;
        /* gcc writes -1 (data1 0xff, or sdata) for a zero-length array. */
        if (dwarf_attr_signed(&a, &s) == 0 && s == -1) {
            *count = 0;
            return 1;
        }
        return 0;
    }
    if (upper + 1 < lower)
        return 0;
    *count = upper + 1 - lower;
    return 1;
}

int dwarf_enumerator_value(const struct dwarf_die *enumerator, uint64_t *value, bool *is_signed)
{
    struct dwarf_attr a;
    int rc = dwarf_die_attr(enumerator, DW_AT_const_value, &a);
    if (rc <= 0)
        return rc < 0 ? rc : DWARF_E_NOT_FOUND;
    *is_signed = a.form == DW_FORM_sdata || a.form == DW_FORM_implicit_const;
    if (dwarf_form_class(a.form) != DWARF_CLASS_CONSTANT || a.form == DW_FORM_data16)
        return DWARF_E_CLASS;
    *value = a.value;
    return 0;
}
