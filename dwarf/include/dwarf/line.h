/*
 * Line-number programs of .debug_line, versions 2 to 5 (DWARF5 6.2).
 *
 * dwarf_line_header_at decodes a program header in place; directory and
 * file entries are read back by index without copying. dwarf_line_next runs
 * the state machine (DWARF5 6.2.2) and yields one row per appended entry.
 */
#ifndef DWARF_LINE_H
#define DWARF_LINE_H

#include <dwarf/dwarf.h>

struct dwarf_line_header {
    const struct dwarf *dw;
    uint64_t offset; /* of the header in .debug_line */
    uint64_t unit_length;
    uint64_t end;        /* just past this line program */
    uint8_t offset_size; /* 4 or 8 */
    uint16_t version;
    uint8_t address_size; /* from the header (v5) or from the caller (v2-4) */
    uint8_t seg_sel_size; /* v5 */
    uint64_t header_length;
    uint8_t min_inst_length;
    uint8_t max_ops_per_inst; /* 1 before v4 */
    bool default_is_stmt;
    int8_t line_base;
    uint8_t line_range;
    uint8_t opcode_base;
    uint64_t std_lengths; /* .debug_line offset of standard_opcode_lengths */
    /* v5 entry formats: offsets of (content type, form) ULEB pairs */
    uint8_t dir_format_count, file_format_count;
    uint64_t dir_formats, file_formats;
    uint64_t dir_count, file_count;
    uint64_t dirs, files; /* offset of the first directory / file entry */
    uint64_t program;     /* offset of the first opcode */
};

/* One directory or file entry; fields absent from the entry are zero. */
struct dwarf_line_file {
    const char *path;
    uint64_t dir_index;
    uint64_t mtime;
    uint64_t size;
    const uint8_t *md5; /* 16 bytes, or NULL */
    bool has_mtime, has_size;
};

/*
 * Decodes the header at an offset of .debug_line. addr_size is the size of
 * an address in the owning unit (used before v5, where the header has none).
 */
int dwarf_line_header_at(const struct dwarf *dw, uint64_t offset, uint8_t addr_size,
                         struct dwarf_line_header *hdr);

/* standard_opcode_lengths[opcode - 1], for 1 <= opcode < opcode_base. */
int dwarf_line_std_length(const struct dwarf_line_header *hdr, uint8_t opcode, uint8_t *len);

/*
 * The directory or file entry at position i of the header's list (0-based,
 * in table order). Before v5 the lists omit entry 0 (the compilation
 * directory / primary file), so a file register value k names position k-1
 * there, and position k in v5; dwarf_line_file_by_index applies that rule.
 */
int dwarf_line_dir(const struct dwarf_line_header *hdr, uint64_t i, struct dwarf_line_file *dir);
int dwarf_line_file(const struct dwarf_line_header *hdr, uint64_t i, struct dwarf_line_file *file);
int dwarf_line_file_by_index(const struct dwarf_line_header *hdr, uint64_t index,
                             struct dwarf_line_file *file);

/* DWARF5 6.2.2, Table 6.3: the state machine registers. */
struct dwarf_line_row {
    uint64_t address;
    uint64_t op_index;
    uint64_t file;
    uint64_t line;
    uint64_t column;
    bool is_stmt;
    bool basic_block;
    bool end_sequence;
    bool prologue_end;
    bool epilogue_begin;
    uint64_t isa;
    uint64_t discriminator;
};

struct dwarf_line_iter {
    const struct dwarf_line_header *hdr;
    uint64_t pos;
    struct dwarf_line_row regs;
};

void dwarf_line_iter_init(const struct dwarf_line_header *hdr, struct dwarf_line_iter *it);
/* 1 with the next row, 0 at the end of the program, or an error. */
int dwarf_line_next(struct dwarf_line_iter *it, struct dwarf_line_row *row);

#endif
