/*
 * Line-number program headers (DWARF5 6.2.4) for versions 2 to 5, and the
 * directory and file tables: NUL-terminated lists before v5, entries
 * described by (content type, form) formats in v5 (DWARF5 6.2.4.1).
 */
#include "dwarf_int.h"

static void header_form_ctx(const struct dwarf_line_header *h, struct dwarf_form_ctx *ctx)
{
    ctx->version = h->version;
    ctx->offset_size = h->offset_size;
    ctx->addr_size = h->address_size;
}

static int skip_formats(struct dwarf_cursor *c, uint8_t count)
{
    for (uint8_t i = 0; i < count; i++) {
        uint64_t type, form;
        int rc;
        if ((rc = dwarf_read_uleb(c, &type)) || (rc = dwarf_read_uleb(c, &form)))
            return rc;
        if (form == DW_FORM_indirect || form == DW_FORM_implicit_const ||
            dwarf_form_class(form) == DWARF_CLASS_UNKNOWN)
            return DWARF_E_FORM;
    }
    return 0;
}

/* Decodes one v5 entry at c using the formats at fmt_off into *out (if not NULL). */
static int read_entry_v5(const struct dwarf_line_header *h, struct dwarf_cursor *c,
                         uint64_t fmt_off, uint8_t fmt_count, struct dwarf_line_file *out)
{
    struct dwarf_cursor fmt;
    struct dwarf_form_ctx ctx;
    int rc;

    header_form_ctx(h, &ctx);
    if ((rc = dwarf_cursor_init(&fmt, &h->dw->sec[DWARF_SEC_LINE], fmt_off, h->program)))
        return rc;
    if (out)
        *out = (struct dwarf_line_file){0};
    for (uint8_t i = 0; i < fmt_count; i++) {
        uint64_t type, form;
        struct dwarf_attr a;
        if ((rc = dwarf_read_uleb(&fmt, &type)) || (rc = dwarf_read_uleb(&fmt, &form)))
            return rc;
        if ((rc = dwarf_form_read(c, &ctx, form, 0, &a)))
            return rc;
        if (out == NULL)
            continue;
        switch (type) {
        case DW_LNCT_path:
            if (form == DW_FORM_string)
                out->path = (const char *)a.data;
            else if (form == DW_FORM_line_strp || form == DW_FORM_strp)
                rc = dwarf_section_string(h->dw,
                                          form == DW_FORM_strp ? DWARF_SEC_STR : DWARF_SEC_LINE_STR,
                                          a.value, &out->path);
            else
                rc = DWARF_E_FORM; /* strx needs a unit's str_offsets_base */
            break;
        case DW_LNCT_directory_index:
            out->dir_index = a.value;
            break;
        case DW_LNCT_timestamp:
            out->mtime = a.value;
            out->has_mtime = true;
            break;
        case DW_LNCT_size:
            out->size = a.value;
            out->has_size = true;
            break;
        case DW_LNCT_MD5:
            if (form != DW_FORM_data16)
                return DWARF_E_FORM;
            out->md5 = a.data;
            break;
        default: /* vendor content types are skipped (DWARF5 6.2.4.1) */
            break;
        }
        if (rc)
            return rc;
    }
    /* DWARF5 6.2.4.1: every entry has a path; a format without one is malformed. */
    return out && out->path == NULL ? DWARF_E_LINE : 0;
}

/* Before v5 a file entry is: path, then ULEB directory, mtime and size. */
static int read_file_v4(struct dwarf_cursor *c, struct dwarf_line_file *out, bool *last)
{
    struct dwarf_line_file f = {0};
    uint64_t len;
    int rc;
    if ((rc = dwarf_read_cstr(c, &f.path, &len)))
        return rc;
    *last = len == 0;
    if (*last)
        return 0;
    if ((rc = dwarf_read_uleb(c, &f.dir_index)) || (rc = dwarf_read_uleb(c, &f.mtime)) ||
        (rc = dwarf_read_uleb(c, &f.size)))
        return rc;
    f.has_mtime = f.has_size = true;
    if (out)
        *out = f;
    return 0;
}

static int parse_tables_v4(struct dwarf_line_header *h, struct dwarf_cursor *c)
{
    bool last;
    int rc;
    h->dirs = c->pos;
    for (h->dir_count = 0;; h->dir_count++) {
        const char *s;
        uint64_t len;
        if ((rc = dwarf_read_cstr(c, &s, &len)))
            return rc;
        if (len == 0)
            break;
    }
    h->files = c->pos;
    for (h->file_count = 0;; h->file_count++) {
        if ((rc = read_file_v4(c, NULL, &last)))
            return rc;
        if (last)
            break;
    }
    return 0;
}

static int parse_tables_v5(struct dwarf_line_header *h, struct dwarf_cursor *c)
{
    int rc;
    if ((rc = dwarf_read_u8(c, &h->dir_format_count)))
        return rc;
    h->dir_formats = c->pos;
    if ((rc = skip_formats(c, h->dir_format_count)) || (rc = dwarf_read_uleb(c, &h->dir_count)))
        return rc;
    h->dirs = c->pos;
    for (uint64_t i = 0; i < h->dir_count; i++) {
        if ((rc = read_entry_v5(h, c, h->dir_formats, h->dir_format_count, NULL)))
            return rc;
    }
    if ((rc = dwarf_read_u8(c, &h->file_format_count)))
        return rc;
    h->file_formats = c->pos;
    if ((rc = skip_formats(c, h->file_format_count)) || (rc = dwarf_read_uleb(c, &h->file_count)))
        return rc;
    h->files = c->pos;
    for (uint64_t i = 0; i < h->file_count; i++) {
        if ((rc = read_entry_v5(h, c, h->file_formats, h->file_format_count, NULL)))
            return rc;
    }
    return 0;
}

int dwarf_line_header_at(const struct dwarf *dw, uint64_t offset, uint8_t addr_size,
                         struct dwarf_line_header *h)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_LINE];
    struct dwarf_cursor c;
    uint64_t v;
    uint8_t b;
    int rc;

    if ((rc = dwarf_cursor_init(&c, sec, offset, sec->size)))
        return rc;
    *h = (struct dwarf_line_header){.dw = dw, .offset = offset};
    if ((rc = dwarf_read_initial_length(&c, &h->unit_length, &h->offset_size)))
        return rc;
    if (h->unit_length > sec->size - c.pos)
        return DWARF_E_LINE;
    h->end = c.pos + h->unit_length;
    c.limit = h->end;
    if ((rc = dwarf_read_uint(&c, 2, &v)))
        return rc;
    h->version = (uint16_t)v;
    if (h->version < 2 || h->version > 5)
        return DWARF_E_VERSION;
    h->address_size = addr_size;
    if (h->version >= 5 &&
        ((rc = dwarf_read_u8(&c, &h->address_size)) || (rc = dwarf_read_u8(&c, &h->seg_sel_size))))
        return rc;
    if ((rc = dwarf_read_uint(&c, h->offset_size, &h->header_length)))
        return rc;
    if (h->header_length > h->end - c.pos)
        return DWARF_E_LINE;
    h->program = c.pos + h->header_length;
    c.limit = h->program;
    if ((rc = dwarf_read_u8(&c, &h->min_inst_length)))
        return rc;
    h->max_ops_per_inst = 1;
    if (h->version >= 4 && (rc = dwarf_read_u8(&c, &h->max_ops_per_inst)))
        return rc;
    if ((rc = dwarf_read_u8(&c, &b)))
        return rc;
    h->default_is_stmt = b != 0;
    if ((rc = dwarf_read_u8(&c, &b)))
        return rc;
    h->line_base = (int8_t)b;
    if ((rc = dwarf_read_u8(&c, &h->line_range)) || (rc = dwarf_read_u8(&c, &h->opcode_base)))
        return rc;
    if (h->opcode_base == 0)
        return DWARF_E_LINE;
    h->std_lengths = c.pos;
    if ((rc = dwarf_skip(&c, h->opcode_base - 1u)))
        return rc;
    return h->version >= 5 ? parse_tables_v5(h, &c) : parse_tables_v4(h, &c);
}

int dwarf_line_std_length(const struct dwarf_line_header *h, uint8_t opcode, uint8_t *len)
{
    struct dwarf_cursor c;
    int rc;
    if (opcode == 0 || opcode >= h->opcode_base)
        return DWARF_E_ARG;
    if ((rc = dwarf_cursor_init(&c, &h->dw->sec[DWARF_SEC_LINE], h->std_lengths + opcode - 1,
                                h->program)))
        return rc;
    return dwarf_read_u8(&c, len);
}

static int nth_entry(const struct dwarf_line_header *h, bool files, uint64_t i,
                     struct dwarf_line_file *out)
{
    struct dwarf_cursor c;
    int rc;
    if (i >= (files ? h->file_count : h->dir_count))
        return DWARF_E_NOT_FOUND;
    if ((rc = dwarf_cursor_init(&c, &h->dw->sec[DWARF_SEC_LINE], files ? h->files : h->dirs,
                                h->program)))
        return rc;
    for (uint64_t k = 0; k <= i; k++) {
        struct dwarf_line_file *dst = k == i ? out : NULL;
        if (h->version >= 5) {
            rc = files ? read_entry_v5(h, &c, h->file_formats, h->file_format_count, dst)
                       : read_entry_v5(h, &c, h->dir_formats, h->dir_format_count, dst);
        } else if (files) {
            bool last;
            rc = read_file_v4(&c, dst, &last);
        } else {
            const char *s;
            rc = dwarf_read_cstr(&c, &s, NULL);
            if (dst)
                *dst = (struct dwarf_line_file){.path = s};
        }
        if (rc)
            return rc;
    }
    return 0;
}

int dwarf_line_dir(const struct dwarf_line_header *h, uint64_t i, struct dwarf_line_file *dir)
{
    return nth_entry(h, false, i, dir);
}

int dwarf_line_file(const struct dwarf_line_header *h, uint64_t i, struct dwarf_line_file *file)
{
    return nth_entry(h, true, i, file);
}

int dwarf_line_file_by_index(const struct dwarf_line_header *h, uint64_t index,
                             struct dwarf_line_file *file)
{
    if (h->version >= 5)
        return nth_entry(h, true, index, file);
    if (index == 0)
        return DWARF_E_NOT_FOUND;
    return nth_entry(h, true, index - 1, file);
}
