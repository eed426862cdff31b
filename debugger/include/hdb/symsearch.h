/*
 * hdb/symsearch.h: the symbols of a file's DWARF whose names match a
 * regular expression, for gdb's `info functions`, `info variables` and
 * `info types` (GDB manual "Examining the Symbol Table").
 *
 * The symbols are gdb's file-level ones: what a unit's top-level DIEs
 * define (functions with code, variables that are not mere declarations,
 * named types and base types), each in the file its DW_AT_decl_file names,
 * "static" when not DW_AT_external. Sorted as gdb sorts them: by file
 * name, then external before static, then by name; duplicates dropped.
 */
#ifndef HDB_SYMSEARCH_H
#define HDB_SYMSEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dwarf/dwarf.h>
#include <hdb/platform.h>
#include <hdb/regex.h>

enum hdb_symsearch_kind {
    HDB_SEARCH_FUNCTIONS,
    HDB_SEARCH_VARIABLES,
    HDB_SEARCH_TYPES,
};

struct hdb_symhit {
    const char *name; /* as gdb sorts and matches it (a base type: as gdb spells it) */
    const char *file; /* the file's name as gdb's symtab has it (held by hdb_symhits) */
    uint32_t line;    /* DW_AT_decl_line; 0: none */
    bool is_static;
    const struct dwarf *dw;
    uint64_t unit, die; /* the DIE that names it (a function's: the one with its type) */
    uint64_t tag;
};

struct hdb_symhits {
    const struct hdb_platform *plat;
    struct hdb_symhit *v;
    size_t n, cap;
    char **files; /* the file names the hits point to, each once */
    size_t nfiles, cap_files;
};

/*
 * Adds the symbols of one file's DWARF of the given kind
 * whose names re matches (NULL: every one). Unreadable units are skipped.
 */
int hdb_symsearch_file(struct hdb_symhits *h, const struct dwarf *dw, enum hdb_symsearch_kind kind,
                       const struct hdb_regex *re);
/*
 * Does a top-level DIE of dw name a variable or function called name,
 * declarations included (gdb's test for an ELF symbol DWARF describes,
 * such as a copy-relocated variable a unit declares extern)?
 */
bool hdb_symsearch_names(const struct dwarf *dw, const char *name);
/* Sorts the hits in gdb's order and drops the duplicates. */
void hdb_symsearch_sort(struct hdb_symhits *h);
void hdb_symhits_free(struct hdb_symhits *h);

#endif
