/*
 * hdwarf: the command-line face of the dwarf library (Linux only).
 * elf.c finds the debug sections with libelf; dump_info.c and dump_line.c
 * print .debug_info/.debug_types and .debug_line in llvm-dwarfdump's
 * verbose layout so tests can compare the two; dump_lists.c the range and
 * location lists and .debug_aranges; expr_print.c prints DW_OP
 * expressions the way llvm-dwarfdump does for x86_64; addr_cmd.c answers
 * addr2line, lines, func and names through the indexes, with symbols.c's
 * ELF code symbols where binutils would use them; query_cmd.c answers
 * line, scope, ptype and whatis questions, several in one process, through
 * a session (the file and both indexes, built as far as asked).
 */
#ifndef HDWARF_H
#define HDWARF_H

#include <dwarf/dwarf.h>
#include <dwarf/index.h>
#include <dwarf/line.h>

#include <stdio.h>

struct hdwarf_file {
    int fd;
    void *elf; /* Elf * */
    /* The separate debug file the DWARF came from, when the file has none. */
    int debug_fd;
    void *debug_elf;
    char debug_path[4096];
    struct dwarf_section sec[DWARF_SEC_COUNT];
    bool joined; /* sec holds copies joined with dwz's supplementary file (altfile.c) */
    bool split;  /* sec holds copies joined with its skeleton units' .dwo files (dwofile.c) */
    /* Call frame information, with load addresses for pc-relative pointers. */
    struct dwarf_section eh_frame, eh_frame_hdr, debug_frame;
    uint64_t eh_frame_addr, eh_frame_hdr_addr;
    char err[4352]; /* room for the debug file's path */
};

/*
 * 0, or -1 with a message in f->err. HDWARF_NEED_INFO: fail without
 * .debug_info (in the file or in its separate debug file); HDWARF_NO_DWO:
 * the file's own units, its skeletons' .dwo files not joined (the dumps,
 * compared with tools that show the file as it is).
 */
#define HDWARF_NEED_INFO 1u
#define HDWARF_NO_DWO 2u
int hdwarf_open(struct hdwarf_file *f, const char *path, unsigned flags);
void hdwarf_close(struct hdwarf_file *f);

/* An ELF symbol that can name code, and an allocated section (symbols.c). */
struct hdwarf_sym {
    uint64_t value, size; /* a size of 0 is counted as 1, as binutils does */
    const char *name;
    uint32_t shndx;
    bool func;   /* STT_FUNC or STT_GNU_IFUNC */
    bool notype; /* STT_NOTYPE */
};
struct hdwarf_sec {
    uint64_t addr, size;
    uint32_t index;
};

/* The symbols in symbol-table order, the sections, and binutils' one-entry cache. */
struct hdwarf_syms {
    struct hdwarf_sym *sym;
    size_t nsym;
    struct hdwarf_sec *sec;
    size_t nsec;
    const struct hdwarf_sym *func;
    uint32_t last_section;
    uint64_t code_off, code_size;
};

/* A file opened for the index commands: the reader over the heap, and its indexes. */
struct hdwarf_session {
    const char *path;
    struct hdwarf_file f;
    struct dwarf dw;
    struct dwarf_name_index names; /* initialised: lookups build what they need */
    struct dwarf_addr_index addrs; /* built on first use (hdwarf_session_addrs) */
    bool have_names, have_addrs;
};

/* 0, or -1 after printing why (query_cmd.c). */
int hdwarf_session_open(struct hdwarf_session *s, const char *path);
int hdwarf_session_addrs(struct hdwarf_session *s, struct dwarf_addr_index **addrs);
void hdwarf_session_close(struct hdwarf_session *s);
/* Prints "hdwarf: PATH: corrupt DWARF: ..." and returns exit status 1. */
int hdwarf_corrupt(const char *path, int rc);
/* The DIE of a name-index entry, with its unit. */
int hdwarf_die_of(struct hdwarf_session *s, const struct dwarf_name_entry *e,
                  struct dwarf_unit *unit, struct dwarf_die *die);
/* A unit's line-table header and compilation directory (have: the unit has a line table). */
struct hdwarf_unit_lines {
    bool have;
    struct dwarf_line_header hdr;
    const char *comp_dir;
};
void hdwarf_unit_lines(const struct dwarf_unit *u, struct hdwarf_unit_lines *ul);
/* Where a function's code starts (low_pc, or its first range): 1, 0 no code, or an error. */
int hdwarf_entry_pc(const struct dwarf_die *d, uint64_t *pc);
/*
 * 0 or -1 (out of memory): the symbols binutils would name addresses after
 * (.symtab, else .dynsym; those of the separate debug file when the DWARF
 * came from one). Freed by hdwarf_symbols_free.
 */
int hdwarf_symbols_load(struct hdwarf_file *f, struct hdwarf_syms *syms);
void hdwarf_symbols_free(struct hdwarf_syms *syms);
/* The symbol binutils names addr after, or NULL; queries in order, as binutils caches. */
const struct hdwarf_sym *hdwarf_symbol_at(struct hdwarf_syms *syms, uint64_t addr);

/* Each returns 0, or a negative DWARF_E_* code after printing what it could. */
int hdwarf_dump_info(FILE *out, const struct dwarf *dw, enum dwarf_section_id section);
int hdwarf_dump_line(FILE *out, const struct dwarf *dw);

/* Attributes whose value names a range or location list (dump_lists.c). */
bool hdwarf_is_list_attr(const struct dwarf_attr *a);
/* The list offset and, one per line at indent, each range or location llvm prints. */
int hdwarf_print_list_attr(FILE *out, const struct dwarf_attr *a, unsigned indent);
int hdwarf_dump_aranges(FILE *out, const struct dwarf *dw);

struct dwarf_cfi;
/* CIEs, FDEs and each FDE's CFA rows (dump_frames.c). */
int hdwarf_dump_frames(FILE *out, const struct dwarf_cfi *cfi, const char *name);
struct dwarf_cfa_row;
/* One row in readelf's notation: LOC CFA reg=rule... */
void hdwarf_print_cfa_row(FILE *out, const struct dwarf_cfa_row *row, uint64_t ra);
/* "0xPC: " and the row for pc from the first of cfi[] that covers it, or "no CFI". */
int hdwarf_frames_at(FILE *out, const struct dwarf_cfi *cfi, unsigned ncfi, uint64_t pc);
/* whatis/ptype: gdb's "type = ..." for the name (type_cmd.c). */
int hdwarf_type_question(FILE *out, struct hdwarf_session *s, bool ptype, const char *name);
/* The variables in scope in each function so named (scope_cmd.c). */
int hdwarf_scope(FILE *out, struct hdwarf_session *s, const char *name);
/* query, line and scope (query_cmd.c); whatis, ptype and type: an exit status. */
int hdwarf_query(int argc, char **argv);
int hdwarf_types(int argc, char **argv);
/* Unwinds a snapshot file (unwind_cmd.c); an exit status. */
int hdwarf_unwind(FILE *out, const struct dwarf_cfi *cfi, unsigned ncfi, const char *snap_path);

/* addr2line, lines, func and names (addr_cmd.c): each an exit status. */
int hdwarf_addr2line(int argc, char **argv);
int hdwarf_lines(const char *path);
int hdwarf_func(int argc, char **argv);
int hdwarf_names(const char *path);

/* Prints the expression; returns 0 or a DWARF_E_* code for a malformed one. */
int hdwarf_print_expr(FILE *out, const uint8_t *p, uint64_t len, const struct dwarf_unit *unit);

#endif
