/*
 * Attribute form decoding (DWARF5 7.5.6, Table 7.6): how many bytes each
 * form takes and what raw value it carries. Interpretation through other
 * sections (strings, .debug_addr, references) lives in value.c.
 */
#include "dwarf_int.h"

/* DW_FORM_indirect may chain; real producers never nest, so a short limit. */
#define DWARF_MAX_INDIRECT 4

static int read_block(struct dwarf_cursor *c, uint64_t len, struct dwarf_attr *attr)
{
    attr->data_len = len;
    attr->value = len;
    return dwarf_read_bytes(c, len, &attr->data);
}

int dwarf_form_fixed_size(uint64_t form, const struct dwarf_form_ctx *ctx)
{
    switch (form) {
    case DW_FORM_flag_present:
    case DW_FORM_implicit_const:
        return 0;
    case DW_FORM_data1:
    case DW_FORM_ref1:
    case DW_FORM_flag:
    case DW_FORM_strx1:
    case DW_FORM_addrx1:
        return 1;
    case DW_FORM_data2:
    case DW_FORM_ref2:
    case DW_FORM_strx2:
    case DW_FORM_addrx2:
        return 2;
    case DW_FORM_strx3:
    case DW_FORM_addrx3:
        return 3;
    case DW_FORM_data4:
    case DW_FORM_ref4:
    case DW_FORM_strx4:
    case DW_FORM_addrx4:
    case DW_FORM_ref_sup4:
        return 4;
    case DW_FORM_data8:
    case DW_FORM_ref8:
    case DW_FORM_ref_sig8:
    case DW_FORM_ref_sup8:
        return 8;
    case DW_FORM_data16:
        return 16;
    case DW_FORM_strp:
    case DW_FORM_line_strp:
    case DW_FORM_sec_offset:
    case DW_FORM_strp_sup:
    case DW_FORM_GNU_ref_alt:
    case DW_FORM_GNU_strp_alt:
        return ctx->offset_size;
    case DW_FORM_addr:
        return ctx->addr_size >= 1 && ctx->addr_size <= 8 ? ctx->addr_size : -1;
    case DW_FORM_ref_addr:
        if (ctx->version <= 2)
            return ctx->addr_size >= 1 && ctx->addr_size <= 8 ? ctx->addr_size : -1;
        return ctx->offset_size;
    default:
        return -1; /* LEB128s, strings, blocks, indirect, and forms the decoder rejects */
    }
}

static int read_form(struct dwarf_cursor *c, const struct dwarf_form_ctx *ctx, uint64_t form,
                     int64_t implicit, struct dwarf_attr *attr)
{
    int size = dwarf_form_fixed_size(form, ctx);
    uint64_t len;
    int64_t s;
    int rc;

    /* Constants, references, offsets, flags, indexes and addresses of 1 to 8 bytes. */
    if (size >= 1 && size <= 8)
        return dwarf_read_uint(c, (unsigned)size, &attr->value);
    switch (form) {
    case DW_FORM_addr:
    case DW_FORM_ref_addr:
        return DWARF_E_UNIT; /* an address size other than 1, 2, 4 or 8 */
    case DW_FORM_data16:
        return read_block(c, 16, attr);
    case DW_FORM_sdata:
        rc = dwarf_read_sleb(c, &s);
        attr->value = (uint64_t)s;
        return rc;
    case DW_FORM_udata:
    case DW_FORM_ref_udata:
    case DW_FORM_strx:
    case DW_FORM_addrx:
    case DW_FORM_loclistx:
    case DW_FORM_rnglistx:
    case DW_FORM_GNU_addr_index:
    case DW_FORM_GNU_str_index:
        return dwarf_read_uleb(c, &attr->value);
    case DW_FORM_string:
        rc = dwarf_read_cstr(c, (const char **)&attr->data, &attr->data_len);
        attr->value = attr->data_len;
        return rc;
    case DW_FORM_block1:
        if ((rc = dwarf_read_uint(c, 1, &len)))
            return rc;
        return read_block(c, len, attr);
    case DW_FORM_block2:
        if ((rc = dwarf_read_uint(c, 2, &len)))
            return rc;
        return read_block(c, len, attr);
    case DW_FORM_block4:
        if ((rc = dwarf_read_uint(c, 4, &len)))
            return rc;
        return read_block(c, len, attr);
    case DW_FORM_block:
    case DW_FORM_exprloc:
        if ((rc = dwarf_read_uleb(c, &len)))
            return rc;
        return read_block(c, len, attr);
    case DW_FORM_flag_present:
        attr->value = 1;
        return 0;
    case DW_FORM_implicit_const:
        attr->value = (uint64_t)implicit;
        return 0;
    default:
        return DWARF_E_FORM;
    }
}

int dwarf_form_read(struct dwarf_cursor *c, const struct dwarf_form_ctx *ctx, uint64_t form,
                    int64_t implicit, struct dwarf_attr *attr)
{
    attr->indirect = false;
    attr->value = 0;
    attr->data = NULL;
    attr->data_len = 0;
    for (int depth = 0; form == DW_FORM_indirect; depth++) {
        int rc;
        if (depth == DWARF_MAX_INDIRECT)
            return DWARF_E_FORM;
        if ((rc = dwarf_read_uleb(c, &form)))
            return rc;
        /* DWARF5 7.5.3: implicit_const has its value in the abbreviation only. */
        if (form == DW_FORM_implicit_const)
            return DWARF_E_FORM;
        attr->indirect = true;
    }
    attr->form = form;
    attr->offset = c->pos;
    return read_form(c, ctx, form, implicit, attr);
}

int dwarf_form_skip(struct dwarf_cursor *c, const struct dwarf_form_ctx *ctx, uint64_t form)
{
    struct dwarf_attr scratch;
    return dwarf_form_read(c, ctx, form, 0, &scratch);
}

enum dwarf_form_class dwarf_form_class(uint64_t form)
{
    switch (form) {
    case DW_FORM_addr:
    case DW_FORM_addrx:
    case DW_FORM_addrx1:
    case DW_FORM_addrx2:
    case DW_FORM_addrx3:
    case DW_FORM_addrx4:
    case DW_FORM_GNU_addr_index:
        return DWARF_CLASS_ADDRESS;
    case DW_FORM_block:
    case DW_FORM_block1:
    case DW_FORM_block2:
    case DW_FORM_block4:
        return DWARF_CLASS_BLOCK;
    case DW_FORM_data1:
    case DW_FORM_data2:
    case DW_FORM_data4:
    case DW_FORM_data8:
    case DW_FORM_data16:
    case DW_FORM_sdata:
    case DW_FORM_udata:
    case DW_FORM_implicit_const:
        return DWARF_CLASS_CONSTANT;
    case DW_FORM_exprloc:
        return DWARF_CLASS_EXPRLOC;
    case DW_FORM_flag:
    case DW_FORM_flag_present:
        return DWARF_CLASS_FLAG;
    case DW_FORM_sec_offset:
        return DWARF_CLASS_SEC_OFFSET;
    case DW_FORM_loclistx:
    case DW_FORM_rnglistx:
        return DWARF_CLASS_INDEX;
    case DW_FORM_ref_addr:
    case DW_FORM_ref1:
    case DW_FORM_ref2:
    case DW_FORM_ref4:
    case DW_FORM_ref8:
    case DW_FORM_ref_udata:
    case DW_FORM_ref_sig8:
    case DW_FORM_ref_sup4:
    case DW_FORM_ref_sup8:
    case DW_FORM_GNU_ref_alt:
        return DWARF_CLASS_REFERENCE;
    case DW_FORM_string:
    case DW_FORM_strp:
    case DW_FORM_line_strp:
    case DW_FORM_strp_sup:
    case DW_FORM_strx:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4:
    case DW_FORM_GNU_str_index:
    case DW_FORM_GNU_strp_alt:
        return DWARF_CLASS_STRING;
    default:
        return DWARF_CLASS_UNKNOWN;
    }
}
