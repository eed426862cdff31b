/*
 * hdb/strbuf.h: a bounded text buffer for building output lines.
 *
 * Formatting never allocates: text past the capacity is dropped and the
 * buffer remembers that it was truncated.
 */
#ifndef HDB_STRBUF_H
#define HDB_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

#define HDB_STRBUF_SIZE 16384

struct hdb_strbuf {
    char s[HDB_STRBUF_SIZE];
    size_t len;
    bool truncated;
};

void hdb_sb_reset(struct hdb_strbuf *b);
void hdb_sb_printf(struct hdb_strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void hdb_sb_putc(struct hdb_strbuf *b, char c);

#endif
