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
