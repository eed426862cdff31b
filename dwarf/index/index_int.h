/*
 * Internals of the indexes: growable arrays and a sort over the caller's
 * allocator (no libc), and the per-unit cache of functions and rows.
 */
#ifndef DWARF_INDEX_INT_H
#define DWARF_INDEX_INT_H

#include "../dwarf_int.h"

#include <dwarf/index.h>

/* Grows *data (of *cap elements of size bytes) so that one more fits; 0 or DWARF_E_NOMEM. */
int dwarf_grow(const struct dwarf *dw, void **data, size_t *cap, size_t count, size_t size);
void dwarf_release(const struct dwarf *dw, void *data, size_t cap, size_t size);
/* An in-place heap sort (no scratch memory, n log n worst case). */
void dwarf_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
int dwarf_strcmp(const char *a, const char *b);

/* ---- the name index ---------------------------------------------------- */

/* One unit as the name index knows it. */
struct dwarf_name_unit {
    struct dwarf_unit unit; /* its header */
    uint64_t offset, end;
    uint8_t section; /* DWARF_SEC_INFO or DWARF_SEC_TYPES */
    bool type_unit;
    bool scanned;     /* the filter holds every name of the unit */
    bool kept;        /* entries holds them, sorted by name */
    uint32_t *filter; /* a Bloom filter of the names' hashes, filter_bits bits */
    uint32_t filter_bits;
    struct dwarf_name_entry *entries;
    size_t count;
};

/* DWARF_NAME_* of a tag, 0 for a tag the name index does not hold. */
unsigned dwarf_name_tag_kind(uint64_t tag);
/* The entry found, appended to idx->found; an entry of a listing, to idx->entries. */
int dwarf_name_found(struct dwarf_name_index *idx, const struct dwarf_name_entry *e);
int dwarf_name_add_entry(struct dwarf_name_index *idx, const struct dwarf_name_entry *e);

/* index/scan.c: calls fn with each entry of the unit's top-level DIEs and namespace members. */
typedef int (*dwarf_scan_fn)(void *ctx, const struct dwarf_name_entry *e);
int dwarf_scan_unit(struct dwarf_name_index *idx, const struct dwarf_unit *u, dwarf_scan_fn fn,
                    void *ctx);
void dwarf_scan_free(struct dwarf_name_index *idx);

/*
 * index/debug_names.c (DWARF5 6.1.1): the name tables' headers checked;
 * the entries of one name appended to idx->found; every entry to
 * idx->entries.
 */
uint32_t dwarf_djb_hash(const char *name);
int dwarf_debug_names_check(const struct dwarf *dw);
int dwarf_debug_names_lookup(struct dwarf_name_index *idx, const char *name, unsigned kinds);
int dwarf_debug_names_all(struct dwarf_name_index *idx);

/*
 * index/gdb_index.c: the header read and checked; the units .gdb_index
 * gives for a name (with the kinds it records for each: DWARF_NAME_*, or
 * DWARF_NAME_ANY where it records none), each passed to fn.
 */
int dwarf_gdb_index_open(const struct dwarf *dw, struct dwarf_gdb_index *g);
typedef int (*dwarf_gdb_unit_fn)(void *ctx, enum dwarf_section_id section, uint64_t offset,
                                 unsigned kinds);
int dwarf_gdb_index_units(const struct dwarf *dw, const struct dwarf_gdb_index *g, const char *name,
                          dwarf_gdb_unit_fn fn, void *ctx);
/* Entry index of the TU list: where that type unit is. */
int dwarf_gdb_index_type_unit(const struct dwarf *dw, const struct dwarf_gdb_index *g,
                              uint64_t index, enum dwarf_section_id *section, uint64_t *offset);

/* Name and ranges of a function-like DIE (index/func.c). */
int dwarf_die_func_name(const struct dwarf_die *die, const char **name);

/* A row kept for lookups; sequences are runs of rows ending in an end_sequence row. */
struct dwarf_line_entry {
    uint64_t address;
    uint32_t file, line, column, discriminator;
    bool end_sequence;
};

struct dwarf_line_seq {
    uint64_t low, high;
    size_t first, count; /* rows, the end row included */
};

struct dwarf_unit_cache {
    uint64_t offset;
    bool funcs_built, lines_built, has_lines;
    struct dwarf_func *funcs; /* sorted by low */
    uint64_t *func_max_high;
    size_t nfuncs, funcs_cap;
    struct dwarf_line_header hdr;
    const char *comp_dir;
    struct dwarf_line_entry *rows;
    size_t nrows, rows_cap;
    struct dwarf_line_seq *seqs; /* sorted by low */
    uint64_t *seq_max_high;
    size_t nseqs, seqs_cap;
};

/* index/addr.c: the unit whose ranges cover addr, with its cache; 1, 0 none, or an error. */
int dwarf_addr_unit_cache(struct dwarf_addr_index *idx, uint64_t addr,
                          struct dwarf_unit_cache **uc);

/* index/lines.c */
int dwarf_unit_cache_lines(const struct dwarf *dw, struct dwarf_unit_cache *uc);
void dwarf_unit_cache_free_lines(const struct dwarf *dw, struct dwarf_unit_cache *uc);

/*
 * In an array sorted by low with a running maximum of high, the entries
 * that may contain addr lie at or before the last low <= addr and after
 * the last position whose running maximum is <= addr: the last index
 * with low <= addr, plus one (0: none).
 */
size_t dwarf_upper_low(const void *base, size_t n, size_t size, uint64_t addr);

#endif
