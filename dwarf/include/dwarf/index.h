/*
 * Indexes over the debug information, built with the caller's allocator
 * (struct dwarf's): name -> DIE for functions and global variables, and
 * address -> compile unit, function (with its chain of inlined calls) and
 * line-table row, each answered by binary search.
 *
 * The name index comes from .debug_names (DWARF5 6.1.1) when the caller
 * supplied it, else from a walk of the top-level DIEs of every unit. The
 * address index reads unit ranges eagerly (from .debug_aranges when every
 * unit with code has a set there, else from the unit DIEs' DW_AT_low_pc/
 * high_pc/ranges); a unit's functions and line table are built the first
 * time an address inside it is asked about, so memory grows with what is
 * asked rather than with the program.
 *
 * Lookup functions that build on demand take a non-const index; none of
 * this is safe to share between threads without a lock.
 */
#ifndef DWARF_INDEX_H
#define DWARF_INDEX_H

#include <dwarf/dwarf.h>
#include <dwarf/line.h>

/* ---- names ------------------------------------------------------------- */

struct dwarf_name_entry {
    const char *name;     /* in .debug_str (or wherever the DIE's string lives) */
    uint64_t die_offset;  /* .debug_info offset of the DIE */
    uint64_t unit_offset; /* of its unit */
    uint64_t tag;         /* DW_TAG_subprogram or DW_TAG_variable */
};

struct dwarf_name_index {
    const struct dwarf *dw;
    struct dwarf_name_entry *entries; /* sorted by name, then DIE offset */
    size_t count, cap;
    bool from_debug_names; /* built from .debug_names rather than a walk */
};

/*
 * Indexes named subprograms and variables: from .debug_names when present
 * (its subprogram and variable entries), else every non-declaration
 * DW_TAG_subprogram and DW_TAG_variable among the top-level DIEs of each
 * unit (and inside namespaces), a concrete out-of-line instance named
 * through DW_AT_abstract_origin or DW_AT_specification.
 */
int dwarf_name_index_build(const struct dwarf *dw, struct dwarf_name_index *idx);
/* Position of the first entry named name in *first; returns how many there are (0: none). */
size_t dwarf_name_index_find(const struct dwarf_name_index *idx, const char *name, size_t *first);
void dwarf_name_index_free(struct dwarf_name_index *idx);

/* ---- addresses --------------------------------------------------------- */

/* A function or inlined call and one of its address ranges [low, high). */
struct dwarf_func {
    uint64_t low, high;
    uint64_t die_offset; /* DW_TAG_subprogram or DW_TAG_inlined_subroutine */
    uint64_t unit_offset;
    uint64_t tag;
    const char *name; /* through DW_AT_abstract_origin/specification; NULL if none */
    uint32_t depth;   /* enclosing functions and inlined calls (0: outermost) */
    /* Inlined subroutines: where the call is (DWARF5 3.3.8.2); file is a line-table index. */
    uint64_t call_file, call_line, call_column;
};

/* A unit's address range. */
struct dwarf_unit_range {
    uint64_t low, high;
    uint64_t unit_offset;
};

/* The row that covers an address. */
struct dwarf_addr_line {
    uint64_t unit_offset;
    const struct dwarf_line_header *header; /* the unit's; lives as long as the index */
    const char *comp_dir;                   /* DW_AT_comp_dir of the unit, or NULL */
    uint64_t address;                       /* of the row */
    uint64_t file, line, column, discriminator;
};

struct dwarf_unit_cache; /* per-unit functions and lines, built on demand (index_int.h) */

struct dwarf_addr_index {
    const struct dwarf *dw;
    struct dwarf_unit_range *ranges; /* sorted by low */
    uint64_t *max_high;              /* max_high[i]: largest high of ranges[0..i] */
    size_t nranges, ranges_cap;
    struct dwarf_unit_cache *units; /* one per compile unit, by unit offset */
    size_t nunits, units_cap;
    bool from_aranges; /* unit ranges came from .debug_aranges */
};

/* Reads every unit's ranges. */
int dwarf_addr_index_build(const struct dwarf *dw, struct dwarf_addr_index *idx);
void dwarf_addr_index_free(struct dwarf_addr_index *idx);

/* The compile unit whose ranges cover addr: 1 with *unit_offset, 0 none. */
int dwarf_addr_unit(const struct dwarf_addr_index *idx, uint64_t addr, uint64_t *unit_offset);

/*
 * The functions covering addr, innermost first: the inlined calls, then
 * the subprogram that contains them (DWARF5 3.3.8). Fills up to max
 * entries and returns how many there are in all (0: none), or an error.
 * Where ranges of one depth overlap, the smallest wins; among equal ones
 * the later DIE (as binutils: glibc's assembly declares _setjmp, then
 * __GI__setjmp, over the same bytes).
 */
int dwarf_addr_functions(struct dwarf_addr_index *idx, uint64_t addr, struct dwarf_func *chain,
                         size_t max);

/*
 * The line-table row for addr (DWARF5 6.2): in the sequence that covers
 * it, the last row at the greatest address not above addr. 1, 0 when no
 * sequence covers addr, or an error.
 */
int dwarf_addr_line(struct dwarf_addr_index *idx, uint64_t addr, struct dwarf_addr_line *out);

/* The functions and rows of one unit, built now if they were not yet. */
int dwarf_addr_unit_functions(struct dwarf_addr_index *idx, uint64_t unit_offset,
                              const struct dwarf_func **funcs, size_t *count);

/*
 * The path of a line-table file as binutils joins it: the name; before a
 * relative name its directory entry (in DWARF 2-4 not directory 0, which
 * means none; in DWARF 5 any, directory 0 too); before a relative result
 * the compilation directory. DWARF_E_LIMIT when buf is too small.
 */
int dwarf_line_file_path(const struct dwarf_line_header *hdr, uint64_t file_index,
                         const char *comp_dir, char *buf, size_t size);

/*
 * The attribute name of a function-like DIE or, where it lacks one, of the
 * DIEs it refers to through DW_AT_abstract_origin (DWARF5 3.3.8.3) and
 * DW_AT_specification (2.13.2), possibly in other units: 1 with *attr
 * (whose unit is kept in *unit), 0 when none of them has it, or an error.
 */
int dwarf_die_func_attr(const struct dwarf_die *die, uint64_t name, struct dwarf_unit *unit,
                        struct dwarf_attr *attr);

#endif
