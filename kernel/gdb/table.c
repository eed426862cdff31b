/* Text or osdata XML tables; see table.h. */
#include <kernel/fmt.h>
#include <kernel/string.h>
#include "table.h"

static void emit(struct table *t, const char *s, size_t n)
{
    if (t->gs) {
        gdbstub_console_write(t->gs, s, n);
    } else if (t->len < t->size) {
        size_t k = MIN(n, t->size - t->len);
        memcpy(t->buf + t->len, s, k);
        t->len += k;
    }
}

static void emitf(struct table *t, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void emitf(struct table *t, const char *fmt, ...)
{
    char line[320];
    va_list ap;

    va_start(ap, fmt);
    int n = kvsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    emit(t, line, MIN((size_t)n, sizeof(line) - 1));
}

/* A text cell: padded to its width, or the free last column and a newline. */
static void cell(struct table *t, unsigned i, const char *v)
{
    if (i + 1 < t->ncols)
        emitf(t, "%-*s ", t->widths[i], v);
    else
        emitf(t, "%s\n", v);
}

void table_begin(struct table *t, const char *type, unsigned ncols, const char *const *cols,
                 const uint8_t *widths)
{
    t->ncols = MIN(ncols, TABLE_MAX_COLS);
    for (unsigned i = 0; i < t->ncols; i++) {
        t->cols[i] = cols[i];
        t->widths[i] = widths[i];
    }
    if (t->xml) {
        emitf(t, "<osdata type=\"%s\">", type);
        return;
    }
    for (unsigned i = 0; i < t->ncols; i++)
        cell(t, i, cols[i]);
}

/* Values are names and numbers; anything XML would need escaped becomes '?'. */
static void emit_xml_value(struct table *t, const char *v)
{
    char clean[128];
    size_t n = 0;

    for (; *v && n < sizeof(clean) - 1; v++)
        clean[n++] = (*v == '<' || *v == '>' || *v == '&' || *v == '"') ? '?' : *v;
    emit(t, clean, n);
}

/* Room kept for the closing tag: a document cut short stays well formed. */
#define XML_END_RESERVE 16

void table_row(struct table *t, const char *const *values)
{
    if (t->xml) {
        size_t start = t->len;
        if (t->truncated)
            return;
        emit(t, "<item>", 6);
        for (unsigned i = 0; i < t->ncols; i++) {
            emitf(t, "<column name=\"%s\">", t->cols[i]);
            emit_xml_value(t, values[i]);
            emit(t, "</column>", 9);
        }
        emit(t, "</item>", 7);
        if (t->len + XML_END_RESERVE > t->size) {
            t->len = start; /* whole rows only */
            t->truncated = true;
        }
        return;
    }
    for (unsigned i = 0; i < t->ncols; i++)
        cell(t, i, values[i]);
}

void table_end(struct table *t)
{
    if (t->xml)
        emit(t, "</osdata>", 9);
}

void table_note(struct table *t, const char *fmt, ...)
{
    char line[256];
    va_list ap;

    if (t->xml)
        return;
    va_start(ap, fmt);
    int n = kvsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    emit(t, line, MIN((size_t)n, sizeof(line) - 1));
}
