/*
 * Indexes over the debug information, built with the caller's allocator
 * (struct dwarf's): name -> DIE for functions, global variables and types,
 * and address -> compile unit, function (with its chain of inlined calls)
 * and line-table row, each answered by binary search.
 *
 * Both are lazy: memory grows with what is asked rather than with the
 * program. The name index answers from .debug_names (DWARF5 6.1.1) or
 * .gdb_index (gdb's, which names the units that define each name) when
 * the caller supplied one, else from scans of the units' top-level DIEs,
 * one unit at a time as lookups need them: a scan keeps a small filter of
 * the unit's names, and the names themselves only for units where a
 * lookup found something. The address index reads unit ranges from
 * .debug_aranges (DWARF5 6.1.2), falling back to the unit DIEs'
 * DW_AT_low_pc/high_pc/ranges for addresses no set covers; a unit's
 * functions and line table are built the first time an address inside it
 * is asked about.
 *
 * Lookup functions that build on demand take a non-const index; none of
 * this is safe to share between threads without a lock.
 */
#ifndef DWARF_INDEX_H
#define DWARF_INDEX_H

#include <dwarf/dwarf.h>
#include <dwarf/line.h>

/* ---- names ------------------------------------------------------------- */

/* What a name is looked up as; a lookup takes any combination. */
enum dwarf_name_kind {
    DWARF_NAME_FUNCTION = 1,  /* DW_TAG_subprogram */
    DWARF_NAME_VARIABLE = 2,  /* DW_TAG_variable */
    DWARF_NAME_TYPEDEF = 4,   /* DW_TAG_typedef */
    DWARF_NAME_BASE_TYPE = 8, /* DW_TAG_base_type */
    DWARF_NAME_STRUCT = 16,   /* DW_TAG_structure_type, DW_TAG_class_type */
    DWARF_NAME_UNION = 32,    /* DW_TAG_union_type */
    DWARF_NAME_ENUM = 64,     /* DW_TAG_enumeration_type */
    DWARF_NAME_TYPE = 4 | 8 | 16 | 32 | 64,
    DWARF_NAME_ANY = 127,
};

struct dwarf_name_entry {
    const char *name;     /* in .debug_str (or wherever the DIE's string lives) */
    uint64_t die_offset;  /* section offset of the DIE */
    uint64_t unit_offset; /* of its unit */
    uint64_t tag;
    uint8_t section;  /* DWARF_SEC_INFO, or DWARF_SEC_TYPES for a DWARF 4 type unit */
    bool declaration; /* a type only declared here (DW_AT_declaration) */
};

enum dwarf_name_source {
    DWARF_NAMES_WALK,        /* scans of the units' top-level DIEs */
    DWARF_NAMES_DEBUG_NAMES, /* .debug_names */
    DWARF_NAMES_GDB_INDEX,   /* .gdb_index, then scans of the units it names */
};

/* Where .gdb_index's tables lie (gdb's "Index Section Format", versions 7 and 8). */
struct dwarf_gdb_index {
    uint32_t version;
    uint64_t cu_list, cu_count;   /* (offset, length) pairs of 8 bytes each */
    uint64_t tu_list, tu_count;   /* (offset, type offset, signature) triples */
    uint64_t addr_area, addr_end; /* (low, high, CU index) entries of 20 bytes */
    uint64_t symtab, slots;       /* (name, CU vector) pairs; slots is a power of two */
    uint64_t pool;                /* the constant pool: CU vectors and names */
};

struct dwarf_name_unit; /* one unit's scan state (index/index_int.h) */

struct dwarf_name_index {
    const struct dwarf *dw;
    enum dwarf_name_source source;
    struct dwarf_gdb_index gdb;
    /* Units met so far, sorted by (section, offset). */
    struct dwarf_name_unit *units;
    size_t nunits, units_cap;
    uint64_t next_unit[2]; /* .debug_info, .debug_types: the next unit a walk reads */
    bool units_done[2];
    /* The last lookup's answer, valid until the next lookup. */
    struct dwarf_name_entry *found;
    size_t nfound, found_cap;
    /* Scratch for scans: the abbreviations of the unit being scanned. */
    void *scan;
    /* dwarf_name_index_build: every entry, sorted by name, then DIE offset. */
    struct dwarf_name_entry *entries;
    size_t count, cap;
    /* What the lookups cost so far: units scanned, and units whose names are kept. */
    size_t units_scanned, units_kept;
};

/*
 * Prepares lookups: chooses .debug_names, else .gdb_index (a version this
 * reader knows, 7 or 8, with its tables inside the section), else scans.
 * Nothing else is read yet.
 */
int dwarf_name_index_init(const struct dwarf *dw, struct dwarf_name_index *idx);

/* Lookup flags. */
enum {
    /*
     * Stop at the first unit (in section order) that defines the name:
     * enough for a type, which every unit that uses it defines alike.
     */
    DWARF_NAME_FIRST = 1,
};

/*
 * The entries named name of the given kinds: definitions of functions and
 * variables (a concrete out-of-line instance named through
 * DW_AT_abstract_origin or DW_AT_specification, DWARF5 3.3.8.3 and
 * 2.13.2), types defined or declared. Top-level DIEs and namespace members
 * only (gdb's index has no more). Returns how many with *found pointing to
 * them (valid until the next lookup), or an error.
 */
int dwarf_name_lookup(struct dwarf_name_index *idx, const char *name, unsigned kinds,
                      unsigned flags, const struct dwarf_name_entry **found);

/*
 * Every entry at once into entries/count (for listings): init, then every
 * unit (or all of .debug_names) read.
 */
int dwarf_name_index_build(const struct dwarf *dw, struct dwarf_name_index *idx);
/* On a built index: position of the first entry named name in *first; how many (0: none). */
size_t dwarf_name_index_find(const struct dwarf_name_index *idx, const char *name, size_t *first);
void dwarf_name_index_free(struct dwarf_name_index *idx);

/* The hash of .gdb_index versions 5 and later (gdb's mapped_index_string_hash). */
uint32_t dwarf_gdb_index_hash(const char *name);

/* ---- concrete DIEs ----------------------------------------------------- */

/*
 * Looks an attribute up on the DIE, then along its DW_AT_abstract_origin
 * or DW_AT_specification chain (DWARF5 3.3.8.3, 2.13.2; at most 8 hops,
 * possibly into other units): how an inlined parameter or an out-of-line
 * instance gets its name and type. 1 found, with the DIE that has it in
 * *holder (may be NULL), both in *unit, which the caller keeps while it
 * uses them; 0 absent, or an error.
 */
int dwarf_die_attr_inherited(const struct dwarf_die *die, uint64_t name, struct dwarf_unit *unit,
                             struct dwarf_die *holder, struct dwarf_attr *attr);

/* ---- addresses --------------------------------------------------------- */

/*
 * Calls fn with each non-empty range [low, high) of a DIE (DWARF5 2.17:
 * DW_AT_ranges, else DW_AT_low_pc with DW_AT_high_pc as an address or an
 * offset); stops at fn's first non-zero return and returns it.
 */
typedef int (*dwarf_range_fn)(void *ctx, uint64_t low, uint64_t high);
int dwarf_die_ranges(const struct dwarf_die *d, dwarf_range_fn fn, void *ctx);

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
    uint64_t end;                           /* of the next row: the row covers [address, end) */
    uint64_t file, line, column, discriminator;
};

struct dwarf_unit_cache; /* per-unit functions and lines, built on demand (index_int.h) */

struct dwarf_addr_index {
    const struct dwarf *dw;
    struct dwarf_unit_range *ranges; /* sorted by low */
    uint64_t *max_high;              /* max_high[i]: largest high of ranges[0..i] */
    size_t nranges, ranges_cap, nmax;
    struct dwarf_unit_cache **units; /* created on demand, sorted by unit offset */
    size_t nunits, units_cap;
    bool from_aranges; /* every range so far came from .debug_aranges */
    bool dies_read;    /* the unit DIEs of units without a set have been read */
};

/*
 * Reads .debug_aranges when present, nothing of .debug_info: the unit DIEs
 * are read when an address no set covers is first asked about.
 */
int dwarf_addr_index_build(const struct dwarf *dw, struct dwarf_addr_index *idx);
void dwarf_addr_index_free(struct dwarf_addr_index *idx);

/* The compile unit whose ranges cover addr: 1 with *unit_offset, 0 none, or an error. */
int dwarf_addr_unit(struct dwarf_addr_index *idx, uint64_t addr, uint64_t *unit_offset);

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

#endif
