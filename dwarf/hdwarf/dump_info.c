/*
 * hdwarf --debug-info / --debug-types: every unit header and DIE with each
 * attribute's name, form and value, in llvm-dwarfdump --verbose layout.
 * Values are interpreted where llvm-dwarfdump interprets them: strings
 * resolved, enumerations named, file indexes turned into paths through the
 * unit's line table, expressions disassembled.
 */
#include "hdwarf.h"

#include <inttypes.h>
#include <string.h>

#define MAX_DEPTH 1024

struct unit_ctx {
    const struct dwarf_unit *unit;
    struct dwarf_line_header line;
    bool has_line;
    const char *comp_dir;
    int err; /* first value that failed to decode */
};

static void print_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch < 0x20 || ch == 0x7f)
            fprintf(out, "\\x%02x", ch);
        else
            fputc(ch, out);
    }
    fputc('"', out);
}

/* llvm's sys::path::append: join with one '/', skipping empty parts. */
static void path_append(char *buf, size_t size, const char *part)
{
    size_t n = strlen(buf);
    if (part == NULL || *part == 0)
        return;
    if (n > 0 && buf[n - 1] != '/' && part[0] != '/')
        snprintf(buf + n, size - n, "/%s", part);
    else
        snprintf(buf + n, size - n, "%s", part);
}

/* DW_AT_decl_file and DW_AT_call_file as an absolute path (DWARF5 6.2.4 item 20). */
static bool file_path(const struct unit_ctx *uc, uint64_t index, char *buf, size_t size)
{
    struct dwarf_line_file f, d = {0};
    const struct dwarf_line_header *h = &uc->line;
    const char *dir = NULL;

    if (!uc->has_line || dwarf_line_file_by_index(h, index, &f) || f.path == NULL)
        return false;
    buf[0] = 0;
    if (f.path[0] == '/') {
        snprintf(buf, size, "%s", f.path);
        return true;
    }
    if (h->version >= 5) {
        if (f.dir_index < h->dir_count && dwarf_line_dir(h, f.dir_index, &d) == 0)
            dir = d.path;
    } else if (f.dir_index > 0 && f.dir_index <= h->dir_count &&
               dwarf_line_dir(h, f.dir_index - 1, &d) == 0) {
        dir = d.path;
    }
    if ((h->version < 5 || f.dir_index != 0) && uc->comp_dir && *uc->comp_dir &&
        !(dir && dir[0] == '/'))
        path_append(buf, size, uc->comp_dir);
    path_append(buf, size, dir);
    path_append(buf, size, f.path);
    return true;
}

/* Attributes whose block values llvm-dwarfdump prints as expressions. */
static bool is_location_attr(uint64_t at)
{
    switch (at) {
    case DW_AT_location:
    case DW_AT_frame_base:
    case DW_AT_data_member_location:
    case DW_AT_string_length:
    case DW_AT_return_addr:
    case DW_AT_static_link:
    case DW_AT_use_location:
    case DW_AT_vtable_elem_location:
    case DW_AT_call_value:
    case DW_AT_call_target:
    case DW_AT_call_data_location:
    case DW_AT_call_data_value:
    case DW_AT_GNU_call_site_value:
    case DW_AT_GNU_call_site_target:
    case DW_AT_GNU_call_site_data_value:
    case DW_AT_allocated:
    case DW_AT_associated:
    case DW_AT_data_location:
    case DW_AT_byte_stride:
    case DW_AT_bit_stride:
    case DW_AT_upper_bound:
    case DW_AT_lower_bound:
    case DW_AT_count:
        return true;
    default:
        return false;
    }
}

static void print_bytes(FILE *out, const uint8_t *p, uint64_t n)
{
    fprintf(out, "<0x%02" PRIx64 ">", n);
    for (uint64_t i = 0; i < n; i++)
        fprintf(out, " %02x", p[i]);
    fputc(' ', out);
}

static int print_constant(FILE *out, struct unit_ctx *uc, const struct dwarf_attr *a)
{
    const char *name = dwarf_attr_value_name(a->name, a->value);
    char path[4096];

    if (a->form == DW_FORM_data16) {
        print_bytes(out, a->data, a->data_len);
        return 0;
    }
    if ((a->name == DW_AT_decl_file || a->name == DW_AT_call_file) &&
        file_path(uc, a->value, path, sizeof path)) {
        print_string(out, path);
        return 0;
    }
    if (name && !(a->form == DW_FORM_sdata && (int64_t)a->value < 0)) {
        fputs(name, out);
        return 0;
    }
    if (a->name == DW_AT_decl_line || a->name == DW_AT_call_line) {
        fprintf(out, "%" PRIu64, a->value);
        return 0;
    }
    switch (a->form) {
    case DW_FORM_data1:
        fprintf(out, "0x%02" PRIx64, a->value);
        break;
    case DW_FORM_data2:
        fprintf(out, "0x%04" PRIx64, a->value);
        break;
    case DW_FORM_data4:
        fprintf(out, "0x%08" PRIx64, a->value);
        break;
    case DW_FORM_data8:
        fprintf(out, "0x%016" PRIx64, a->value);
        break;
    case DW_FORM_udata:
        fprintf(out, "0x%" PRIx64, a->value);
        break;
    default:
        fprintf(out, "%" PRId64, (int64_t)a->value);
        break; /* sdata, implicit_const */
    }
    return 0;
}

static int print_value(FILE *out, struct unit_ctx *uc, const struct dwarf_attr *a, unsigned indent)
{
    enum dwarf_section_id sec;
    const char *s;
    uint64_t v;
    int rc = 0;

    if (hdwarf_is_list_attr(a))
        return hdwarf_print_list_attr(out, a, indent + 3);
    switch (dwarf_form_class(a->form)) {
    case DWARF_CLASS_STRING:
        if (a->form == DW_FORM_string) {
            print_string(out, (const char *)a->data);
            return 0;
        }
        if (a->form == DW_FORM_strp)
            fprintf(out, " .debug_str[0x%08" PRIx64 "] = ", a->value);
        else if (a->form == DW_FORM_line_strp)
            fprintf(out, " .debug_line_str[0x%08" PRIx64 "] = ", a->value);
        else
            fprintf(out, "indexed (%08" PRIx64 ") string = ", a->value);
        if ((rc = dwarf_attr_string(a, &s)) == 0)
            print_string(out, s);
        return rc;
    case DWARF_CLASS_ADDRESS:
        if (a->form != DW_FORM_addr)
            fprintf(out, "indexed (%08" PRIx64 ") address = ", a->value);
        rc = dwarf_attr_address(a, &v);
        if (rc == 0)
            fprintf(out, "0x%016" PRIx64, v);
        /* A split unit's addresses live in the skeleton's file (DWARF5 3.1.3). */
        if ((rc == DWARF_E_NOT_FOUND || rc == DWARF_E_NO_SECTION) &&
            (a->unit->unit_type == DW_UT_split_compile || a->unit->unit_type == DW_UT_split_type)) {
            fputs("<unresolved>", out);
            rc = 0;
        }
        return rc;
    case DWARF_CLASS_REFERENCE:
        if (a->form == DW_FORM_ref_sig8) {
            fprintf(out, "0x%016" PRIx64, a->value);
            return 0;
        }
        if ((rc = dwarf_attr_ref(a, &sec, &v)))
            return rc;
        if (a->form == DW_FORM_ref_addr)
            fprintf(out, "0x%08" PRIx64, v);
        else
            fprintf(out, "cu + 0x%04" PRIx64 " => {0x%08" PRIx64 "}", a->value, v);
        return 0;
    case DWARF_CLASS_FLAG:
        fputs(a->value ? "true" : "false", out);
        return 0;
    case DWARF_CLASS_CONSTANT:
        return print_constant(out, uc, a);
    case DWARF_CLASS_SEC_OFFSET:
        fprintf(out, "0x%0*" PRIx64, a->unit->offset_size * 2, a->value);
        return 0;
    case DWARF_CLASS_INDEX:
        fprintf(out, "indexed (0x%" PRIx64 ")", a->value);
        return 0;
    case DWARF_CLASS_EXPRLOC:
        return hdwarf_print_expr(out, a->data, a->data_len, a->unit);
    case DWARF_CLASS_BLOCK:
        if (is_location_attr(a->name))
            return hdwarf_print_expr(out, a->data, a->data_len, a->unit);
        print_bytes(out, a->data, a->data_len);
        return 0;
    default:
        fprintf(out, "0x%" PRIx64, a->value);
        return 0;
    }
}

static void print_name(FILE *out, const char *name, const char *kind, uint64_t v)
{
    if (name)
        fputs(name, out);
    else
        fprintf(out, "DW_%s_unknown_%" PRIx64, kind, v);
}

static int print_die(FILE *out, struct unit_ctx *uc, const struct dwarf_die *d, unsigned depth,
                     uint64_t parent, uint64_t *end)
{
    struct dwarf_attr_iter it;
    struct dwarf_attr a;
    int rc;

    fprintf(out, "0x%08" PRIx64 ": %*s", d->offset, (int)(2 * depth), "");
    print_name(out, dwarf_tag_name(d->tag), "TAG", d->tag);
    fprintf(out, " [%" PRIu64 "] %c", d->abbrev_code, d->has_children ? '*' : ' ');
    if (depth > 0)
        fprintf(out, " (0x%08" PRIx64 ")", parent);
    fputc('\n', out);
    dwarf_attr_iter_init(d, &it);
    while ((rc = dwarf_attr_next(&it, &a)) > 0) {
        int vrc;
        fprintf(out, "%*s", (int)(14 + 2 * depth), "");
        print_name(out, dwarf_at_name(a.name), "AT", a.name);
        fputs(" [", out);
        print_name(out, dwarf_form_name(a.form), "FORM", a.form);
        fputs("]\t(", out);
        vrc = print_value(out, uc, &a, 14 + 2 * depth);
        if (vrc < 0) {
            fprintf(out, "<error: %s>", dwarf_strerror(vrc));
            if (uc->err == 0)
                uc->err = vrc;
        }
        fputs(")\n", out);
    }
    fputc('\n', out);
    if (rc < 0)
        return rc;
    *end = it.value;
    return 0;
}

static void print_unit_header(FILE *out, const struct dwarf_unit *u)
{
    const char *ut = dwarf_ut_name(u->unit_type);
    bool is_type = u->unit_type == DW_UT_type || u->unit_type == DW_UT_split_type;

    fprintf(out,
            "0x%08" PRIx64 ": %s Unit: length = 0x%0*" PRIx64 ", format = DWARF%d, "
            "version = 0x%04x",
            u->offset, is_type ? "Type" : "Compile", u->offset_size * 2, u->length,
            u->offset_size == 8 ? 64 : 32, u->version);
    if (u->version >= 5)
        fprintf(out, ", unit_type = %s", ut ? ut : "DW_UT_unknown");
    fprintf(out, ", abbr_offset = 0x%04" PRIx64 ", addr_size = 0x%02x", u->abbrev_offset,
            u->addr_size);
    if (is_type)
        fprintf(out, ", type_signature = 0x%016" PRIx64 ", type_offset = 0x%04" PRIx64,
                u->type_signature, u->type_offset);
    if (u->unit_type == DW_UT_skeleton || u->unit_type == DW_UT_split_compile)
        fprintf(out, ", DWO_id = 0x%016" PRIx64, u->dwo_id);
    fprintf(out, " (next unit at 0x%08" PRIx64 ")\n\n", u->end);
}

/* The unit DIE's line table and compilation directory, for file names. */
static void unit_line_table(struct unit_ctx *uc, const struct dwarf_die *d)
{
    struct dwarf_attr a;
    if (dwarf_die_attr(d, DW_AT_comp_dir, &a) > 0 && dwarf_attr_string(&a, &uc->comp_dir))
        uc->comp_dir = NULL;
    if (dwarf_die_attr(d, DW_AT_stmt_list, &a) > 0 &&
        dwarf_line_header_at(uc->unit->dw, a.value, uc->unit->addr_size, &uc->line) == 0)
        uc->has_line = true;
}

static int dump_unit(FILE *out, const struct dwarf_unit *u)
{
    struct unit_ctx uc = {.unit = u};
    uint64_t parents[MAX_DEPTH];
    unsigned depth = 0;
    uint64_t pos = u->first_die;
    int rc;

    print_unit_header(out, u);
    while (pos < u->end) {
        struct dwarf_die d;
        if ((rc = dwarf_die_at(u, pos, &d)) < 0)
            return rc;
        if (rc == 0) {
            fprintf(out, "0x%08" PRIx64 ": %*sNULL\n\n", pos, (int)(2 * depth), "");
            pos = d.attrs;
            if (depth > 0)
                depth--;
            continue;
        }
        if (pos == u->first_die)
            unit_line_table(&uc, &d);
        if ((rc = print_die(out, &uc, &d, depth, depth ? parents[depth - 1] : 0, &pos)))
            return rc;
        if (d.has_children) {
            if (depth == MAX_DEPTH)
                return DWARF_E_BAD_REF;
            parents[depth++] = d.offset;
        }
    }
    return uc.err;
}

int hdwarf_dump_info(FILE *out, const struct dwarf *dw, enum dwarf_section_id section)
{
    struct dwarf_unit u;
    uint64_t off = 0;
    int rc;

    fprintf(out, "%s contents:\n", dwarf_section_name(section));
    while ((rc = dwarf_unit_at(dw, section, off, &u)) > 0) {
        if ((rc = dump_unit(out, &u)))
            return rc;
        off = u.end;
    }
    return rc;
}
