/*
 * hdb/lines.h: the program's line tables as one address-sorted index.
 *
 * Built once from every unit's .debug_line program (through dwarf/'s row
 * iterator), it answers address -> file:line and file:line -> addresses.
 * Addresses are link-time addresses.
 */
#ifndef HDB_LINES_H
#define HDB_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dwarf/dwarf.h>
#include <hdb/platform.h>

enum {
    HDB_LINE_STMT = 1,
    HDB_LINE_END_SEQ = 2,
    HDB_LINE_PROLOGUE_END = 4,
};

struct hdb_line_row {
    uint64_t addr;
    uint32_t line;
    uint32_t file; /* index into hdb_lines.files */
    uint32_t flags;
    uint32_t order; /* position in the programs, to keep equal addresses in program order */
};

struct hdb_line_file {
    char *name; /* as the compiler named it: "prog.c", "dir/prog.c" */
    char *path; /* absolute when the unit gave a compilation directory */
};

struct hdb_lines {
    const struct hdb_platform *plat;
    struct hdb_line_row *rows;
    size_t nrows, cap_rows;
    struct hdb_line_file *files;
    size_t nfiles, cap_files;
};

/* Where an address is: the row that covers it and the end of that row's range. */
struct hdb_line_loc {
    uint32_t file, line;
    uint64_t start, end; /* [start, end): the row's address range */
    bool is_stmt;
};

/* Reads every unit's line program. Units with a corrupt program are skipped. */
int hdb_lines_build(struct hdb_lines *lines, const struct hdb_platform *plat,
                    const struct dwarf *dw);
void hdb_lines_free(struct hdb_lines *lines);

/* The row covering addr: 0 with *loc, or HDB_E_NOT_FOUND (no line information there). */
int hdb_lines_find(const struct hdb_lines *lines, uint64_t addr, struct hdb_line_loc *loc);

/* The index of file fi of unit u's line program (a DW_AT_call_file, DW_AT_decl_file). */
struct dwarf_unit;
int hdb_lines_unit_file(const struct hdb_lines *lines, const struct dwarf_unit *u, uint64_t fi,
                        uint32_t *id);

/* The name and path of file fi of unit u's line program, whether or not it has rows. */
int hdb_lines_unit_file_names(const struct dwarf_unit *u, uint64_t fi, char name[1024],
                              char path[2048]);

/* Does the file (by index) match what the user typed ("prog.c", "dir/prog.c", a full path)? */
bool hdb_lines_file_matches(const struct hdb_lines *lines, uint32_t file, const char *query);

/*
 * The is_stmt rows of line in the files matching query, or of the
 * smallest later line that has any when line itself has none (*found_line
 * says which). Returns the count of addresses written (up to max), in
 * address order, or HDB_E_NOT_FOUND.
 */
int hdb_lines_addrs(const struct hdb_lines *lines, const char *query, uint32_t line,
                    uint64_t *addrs, uint32_t *files, int max, uint32_t *found_line);

/* The first row in [lo, hi) flagged prologue_end, or 0. */
uint64_t hdb_lines_prologue_end(const struct hdb_lines *lines, uint64_t lo, uint64_t hi);

#endif
