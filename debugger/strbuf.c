/*
 * strbuf.c: the bounded text buffer (see hdb/strbuf.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include <hdb/strbuf.h>

void hdb_sb_reset(struct hdb_strbuf *b)
{
    b->len = 0;
    b->s[0] = 0;
    b->truncated = false;
}

void hdb_sb_printf(struct hdb_strbuf *b, const char *fmt, ...)
{
    size_t room = sizeof(b->s) - b->len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->s + b->len, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= room) {
        b->len = sizeof(b->s) - 1;
        b->truncated = true;
    } else {
        b->len += (size_t)n;
    }
}

void hdb_sb_putc(struct hdb_strbuf *b, char c)
{
    if (b->len + 1 < sizeof(b->s)) {
        b->s[b->len++] = c;
        b->s[b->len] = 0;
    } else {
        b->truncated = true;
    }
}
