/*
 * osdata.c: GDB's osdata tables (hdb/osdata.h). The stubs that serve them
 * (the kernel's, gdbserver's) write one flat shape: items of columns,
 * values without markup; entities (&lt; ...) are decoded, anything else
 * unexpected ends the table.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/osdata.h>

/* Decodes the five predefined XML entities in place (XML 1.0 4.6). */
static void unentity(char *s)
{
    static const struct {
        const char *ent;
        char c;
    } ents[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    char *w = s;
    for (const char *r = s; *r;) {
        size_t k = 0;
        if (*r == '&')
            for (; k < sizeof(ents) / sizeof(ents[0]); k++)
                if (!strncmp(r, ents[k].ent, strlen(ents[k].ent)))
                    break;
        if (*r == '&' && k < sizeof(ents) / sizeof(ents[0])) {
            *w++ = ents[k].c;
            r += strlen(ents[k].ent);
        } else {
            *w++ = *r++;
        }
    }
    *w = 0;
}

/* Counts items, so that the cells are allocated once. */
static size_t count_items(const char *xml)
{
    size_t n = 0;
    for (const char *p = xml; (p = strstr(p, "<item>")); p += 6)
        n++;
    return n;
}

int hdb_os_table_parse(struct hdb_os_table *t, const struct hdb_platform *plat, char *xml)
{
    memset(t, 0, sizeof(*t));
    t->plat = plat;
    if (!strstr(xml, "<osdata"))
        return HDB_E_FORMAT;
    size_t items = count_items(xml);
    /* Columns come from the first item; later items must name the same ones. */
    char *first = strstr(xml, "<item>");
    if (first) {
        for (char *p = first; (p = strstr(p, "<column name=\"")) && t->ncols < HDB_OS_MAX_COLS;) {
            char *end_item = strstr(first, "</item>");
            if (end_item && p > end_item)
                break;
            p += 14;
            char *q = strchr(p, '"');
            if (!q)
                return HDB_E_FORMAT;
            t->cols[t->ncols++] = p;
            p = q + 1;
        }
    }
    if (items && !t->ncols)
        return HDB_E_FORMAT;
    if (items) {
        t->cells = hdb_alloc(plat, items * t->ncols * sizeof(*t->cells));
        if (!t->cells)
            return HDB_E_NOMEM;
        t->ncells = items * t->ncols;
        for (size_t i = 0; i < items * t->ncols; i++)
            t->cells[i] = "";
    }
    /* Walk again, now terminating names and values. */
    char *p = xml;
    for (size_t row = 0; row < items; row++) {
        p = strstr(p, "<item>");
        char *end = p ? strstr(p, "</item>") : NULL;
        if (!end)
            break;
        *end = 0;
        for (char *c = p + 6; (c = strstr(c, "<column name=\""));) {
            char *name = c + 14, *q = strchr(name, '"');
            if (!q || q[1] != '>')
                break;
            *q = 0;
            char *val = q + 2, *close = strstr(val, "</column>");
            if (!close)
                break;
            *close = 0;
            unentity(val);
            for (size_t k = 0; k < t->ncols; k++)
                if (!strcmp(t->cols[k], name))
                    t->cells[row * t->ncols + k] = val;
            c = close + 9;
        }
        t->nrows++;
        p = end + 7;
    }
    return 0;
}

void hdb_os_table_free(struct hdb_os_table *t)
{
    if (t->cells)
        hdb_free(t->plat, t->cells, t->ncells * sizeof(*t->cells));
    t->cells = NULL;
}

int hdb_os_table_col(const struct hdb_os_table *t, const char *name)
{
    for (size_t k = 0; k < t->ncols; k++)
        if (!strcmp(t->cols[k], name))
            return (int)k;
    return -1;
}
