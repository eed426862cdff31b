/*
 * hdb/osdata.h: a target's operating-system tables as GDB's osdata XML
 * carries them (GDB manual "Operating System Information"):
 *   <osdata type="tasks"><item><column name="id">1</column>...</item>...</osdata>
 * Parsed in place: names and values point into the caller's text.
 */
#ifndef HDB_OSDATA_H
#define HDB_OSDATA_H

#include <stddef.h>

#include <hdb/platform.h>

#define HDB_OS_MAX_COLS 16

struct hdb_os_table {
    const struct hdb_platform *plat;
    const char *cols[HDB_OS_MAX_COLS]; /* column names, from the first item */
    size_t ncols, nrows;
    const char **cells; /* nrows * ncols; "" where an item lacks a column */
    size_t ncells;      /* allocated */
};

/* Parses xml (modified: NULs are written into it). HDB_E_FORMAT, HDB_E_NOMEM. */
int hdb_os_table_parse(struct hdb_os_table *t, const struct hdb_platform *plat, char *xml);
void hdb_os_table_free(struct hdb_os_table *t);
/* The column's index, or -1. */
int hdb_os_table_col(const struct hdb_os_table *t, const char *name);
static inline const char *hdb_os_table_cell(const struct hdb_os_table *t, size_t row, size_t col)
{
    return t->cells[row * t->ncols + col];
}

#endif
