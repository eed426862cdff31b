/*
 * Tables that print either as text (for `monitor`, through gdb's console)
 * or as osdata XML (for `info os`, GDB manual "Operating System
 * Information"), so every kernel view is written once and shows the same
 * in both.
 */
#ifndef KGDB_TABLE_H
#define KGDB_TABLE_H

#include <gdbstub/gdbstub.h>
#include <kernel/types.h>

#define TABLE_MAX_COLS 8

struct table {
    struct gdbstub *gs; /* text to gdb's console, or */
    char *buf;          /* XML into buf */
    size_t size, len;
    bool xml;
    bool truncated; /* XML: rows dropped for want of room */
    unsigned ncols;
    const char *cols[TABLE_MAX_COLS];
    uint8_t widths[TABLE_MAX_COLS];
};

/* cols: names; widths: text column widths (the last column is free). */
void table_begin(struct table *t, const char *type, unsigned ncols, const char *const *cols,
                 const uint8_t *widths);
/* One row: ncols values, each printf-formatted beforehand by the caller. */
void table_row(struct table *t, const char *const *values);
void table_end(struct table *t);
/* Free text (text mode only; XML ignores it). */
void table_note(struct table *t, const char *fmt, ...) PRINTF_LIKE(2, 3);

#endif
