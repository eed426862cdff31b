/*
 * hdwarf --debug-line: every line program of .debug_line with its header
 * and rows, in llvm-dwarfdump's layout. Programs are found through the
 * units' DW_AT_stmt_list (which gives v2-4 their address size), then any
 * remaining ones by walking the section.
 */
#include "hdwarf.h"

#include <inttypes.h>

static void print_entry(FILE *out, const struct dwarf_line_header *h,
                        const struct dwarf_line_file *f, bool is_file)
{
    fprintf(out, "           name: \"%s\"\n", f->path ? f->path : "");
    if (!is_file)
        return;
    fprintf(out, "      dir_index: %" PRIu64 "\n", f->dir_index);
    if (f->md5) {
        fputs("   md5_checksum: ", out);
        for (int i = 0; i < 16; i++)
            fprintf(out, "%02x", f->md5[i]);
        fputc('\n', out);
    }
    if (h->version < 5 || f->has_mtime)
        fprintf(out, "       mod_time: 0x%08" PRIx64 "\n", f->mtime);
    if (h->version < 5 || f->has_size)
        fprintf(out, "         length: 0x%08" PRIx64 "\n", f->size);
}

static int print_header(FILE *out, const struct dwarf_line_header *h)
{
    struct dwarf_line_file f;
    int rc;

    fprintf(out, "debug_line[0x%08" PRIx64 "]\nLine table prologue:\n", h->offset);
    fprintf(out, "    total_length: 0x%0*" PRIx64 "\n", h->offset_size * 2, h->unit_length);
    fprintf(out, "          format: DWARF%d\n", h->offset_size == 8 ? 64 : 32);
    fprintf(out, "         version: %u\n", h->version);
    if (h->version >= 5) {
        fprintf(out, "    address_size: %u\n", h->address_size);
        fprintf(out, " seg_select_size: %u\n", h->seg_sel_size);
    }
    fprintf(out, " prologue_length: 0x%0*" PRIx64 "\n", h->offset_size * 2, h->header_length);
    fprintf(out, " min_inst_length: %u\n", h->min_inst_length);
    if (h->version >= 4)
        fprintf(out, "max_ops_per_inst: %u\n", h->max_ops_per_inst);
    fprintf(out, " default_is_stmt: %u\n", h->default_is_stmt);
    fprintf(out, "       line_base: %d\n", h->line_base);
    fprintf(out, "      line_range: %u\n", h->line_range);
    fprintf(out, "     opcode_base: %u\n", h->opcode_base);
    for (unsigned op = 1; op < h->opcode_base; op++) {
        uint8_t n;
        const char *name = dwarf_lns_name(op);
        if ((rc = dwarf_line_std_length(h, (uint8_t)op, &n)))
            return rc;
        if (name)
            fprintf(out, "standard_opcode_lengths[%s] = %u\n", name, n);
        else
            fprintf(out, "standard_opcode_lengths[DW_LNS_unknown_%x] = %u\n", op, n);
    }
    for (uint64_t i = 0; i < h->dir_count; i++) {
        if ((rc = dwarf_line_dir(h, i, &f)))
            return rc;
        fprintf(out, "include_directories[%3" PRIu64 "] = \"%s\"\n", i + (h->version < 5),
                f.path ? f.path : "");
    }
    for (uint64_t i = 0; i < h->file_count; i++) {
        if ((rc = dwarf_line_file(h, i, &f)))
            return rc;
        fprintf(out, "file_names[%3" PRIu64 "]:\n", i + (h->version < 5));
        print_entry(out, h, &f, true);
    }
    return 0;
}

static int print_program(FILE *out, const struct dwarf *dw, uint64_t offset, uint8_t addr_size,
                         uint64_t *end)
{
    struct dwarf_line_header h;
    struct dwarf_line_iter it;
    struct dwarf_line_row r;
    int rc;

    if ((rc = dwarf_line_header_at(dw, offset, addr_size, &h)))
        return rc;
    *end = h.end;
    if ((rc = print_header(out, &h)))
        return rc;
    fputs("\nAddress            Line   Column File   ISA Discriminator OpIndex Flags\n", out);
    fputs("------------------ ------ ------ ------ --- ------------- ------- -------------\n", out);
    dwarf_line_iter_init(&h, &it);
    while ((rc = dwarf_line_next(&it, &r)) > 0) {
        fprintf(out,
                "0x%016" PRIx64 " %6" PRIu64 " %6" PRIu64 " %6" PRIu64 " %3" PRIu64 " %13" PRIu64
                " %7" PRIu64 " ",
                r.address, r.line, r.column, r.file, r.isa, r.discriminator, r.op_index);
        if (r.is_stmt)
            fputs(" is_stmt", out);
        if (r.basic_block)
            fputs(" basic_block", out);
        if (r.prologue_end)
            fputs(" prologue_end", out);
        if (r.epilogue_begin)
            fputs(" epilogue_begin", out);
        if (r.end_sequence)
            fputs(" end_sequence", out);
        fputc('\n', out);
        if (r.end_sequence)
            fputc('\n', out);
    }
    fputc('\n', out);
    return rc;
}

int hdwarf_dump_line(FILE *out, const struct dwarf *dw)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_LINE];
    struct dwarf_unit u;
    uint64_t off = 0, end;
    uint8_t addr_size = 8;
    int rc;

    fputs(".debug_line contents:\n", out);
    if (sec->data == NULL)
        return 0;
    /* Units give pre-v5 programs their address size; take it from the first unit. */
    if (dwarf_unit_at(dw, DWARF_SEC_INFO, 0, &u) > 0)
        addr_size = u.addr_size;
    while (off < sec->size) {
        if ((rc = print_program(out, dw, off, addr_size, &end)))
            return rc;
        off = end;
    }
    return 0;
}
