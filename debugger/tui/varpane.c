/*
 * varpane.c: the locals pane: the selected frame's arguments and locals
 * as `info args` and `info locals` print them, then the `display`
 * expressions as watches, each a tree that opens:
 *
 *   +-- locals -----------------------------------------+
 *   |- copy = {id = 1, in = {a = 5, tag = "ab"}, ...}    |
 *   |    id = 1                                          |
 *   |  + in = {a = 5, tag = "ab"}                        |
 *   |  + vals = {10, 20, 30}                             |
 *   |+ o = 0x7fffffffe3a0                                |
 *
 * A struct or union opens to its members, an array to its elements (the
 * first TUI_LIST_LINES), a pointer to a struct to what it points at.
 * Every row is an expression ("copy.in.a", "(*o).vals[2]") evaluated and
 * formatted by the same code as `print`, so a row shows what `print`
 * would. Enter or Space on a row opens or closes it; what is open is
 * remembered by expression, so it stays open across steps (and what was
 * open inside a row opens with it again).
 */
#include <stdio.h>
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/frameinfo.h>
#include <hdb/value.h>

#include "tui_int.h"

#define MAX_ELEMENTS 100 /* elements of an array listed when it opens */

static bool is_open(const struct tui *t, const char *expr)
{
    for (int i = 0; i < t->nexpanded; i++)
        if (!strcmp(t->expanded[i], expr))
            return true;
    return false;
}

/* What the value can open to: 's' struct or union, 'a' array, 'p' pointer to a struct; 0. */
static char openable(struct hdb_session *s, const struct hdb_value *v, struct hdb_ctype *ct)
{
    if (v->kind != HDB_VAL_DWARF || hdb_ctype_resolve(&s->dw, v->unit, v->type, ct) < 0)
        return 0;
    if (ct->tag == DW_TAG_structure_type || ct->tag == DW_TAG_union_type)
        return 's';
    if (ct->tag == DW_TAG_array_type && ct->has_count && ct->count > 0)
        return 'a';
    struct hdb_ctype to;
    if (ct->tag == DW_TAG_pointer_type && ct->target &&
        hdb_ctype_resolve(&s->dw, v->unit, ct->target, &to) == 0 &&
        (to.tag == DW_TAG_structure_type || to.tag == DW_TAG_union_type))
        return 'p';
    return 0;
}

/* expr as the operand of a postfix operator: "*p" needs parentheses, "a.b" does not. */
static void operand(char *out, size_t len, const char *expr)
{
    snprintf(out, len, expr[0] == '*' ? "(%s)" : "%s", expr);
}

static void add_row(struct tui *t, const char *expr, const char *label, const char *text,
                    int depth);

static void add_children(struct tui *t, const char *expr, char kind, const struct hdb_ctype *ct,
                         uint64_t unit, int depth)
{
    struct hdb_session *s = t->c->s;
    char child[TUI_EXPR], base[TUI_EXPR], label[64];
    operand(base, sizeof(base), expr);
    if (kind == 'p') {
        if (snprintf(child, sizeof(child), "*%s", expr) >= (int)sizeof(child))
            return;
        snprintf(label, sizeof(label), "*%.60s", expr);
        add_row(t, child, label, NULL, depth);
        return;
    }
    if (kind == 'a') {
        for (uint64_t i = 0; i < ct->count && i < MAX_ELEMENTS; i++) {
            if (snprintf(child, sizeof(child), "%s[%llu]", base, (unsigned long long)i) >=
                (int)sizeof(child))
                return; /* too deep to name: not listed */
            snprintf(label, sizeof(label), "[%llu]", (unsigned long long)i);
            add_row(t, child, label, NULL, depth);
        }
        return;
    }
    struct dwarf_unit u;
    struct dwarf_die d, m;
    if (hdb_dinfo_die(&s->dw, unit, ct->off, &u, &d) < 0)
        return;
    for (int rc = dwarf_die_first_child(&d, &m); rc > 0; rc = dwarf_die_next_sibling(&m, &m)) {
        struct dwarf_attr a;
        const char *name = NULL;
        if (m.tag != DW_TAG_member || dwarf_die_attr(&m, DW_AT_name, &a) <= 0 ||
            dwarf_attr_string(&a, &name) < 0)
            continue; /* anonymous members have no expression of their own */
        if (snprintf(child, sizeof(child), "%s.%s", base, name) >= (int)sizeof(child))
            continue;
        add_row(t, child, name, NULL, depth);
    }
}

/* One row (and, when it is open, its children); text: the value as already formatted. */
static void add_row(struct tui *t, const char *expr, const char *label, const char *text, int depth)
{
    struct hdb_session *s = t->c->s;
    struct tui_list *l = &t->lists[TUI_PANE_LOCALS];
    if (l->n >= TUI_LIST_LINES || depth > 8)
        return;
    struct hdb_value v;
    struct hdb_ctype ct;
    char kind = 0;
    bool ok = hdb_eval(s, expr, &v) == 0;
    if (ok)
        kind = openable(s, &v, &ct);
    bool open = kind && is_open(t, expr);
    struct hdb_strbuf *b = &t->scratch;
    hdb_sb_reset(b);
    for (int i = 0; i < depth; i++)
        hdb_sb_printf(b, "  ");
    hdb_sb_printf(b, "%s%s = ", !kind ? "  " : open ? "- " : "+ ", label);
    if (text)
        hdb_sb_printf(b, "%s", text);
    else if (!ok || hdb_value_format(s, &v, 0, true, b) < 0)
        hdb_sb_printf(b, "<error>");
    int row = l->n;
    tui_list_add(l, b->s);
    snprintf(t->var_expr[row], TUI_EXPR, "%s", expr);
    t->var_open[row] = (signed char)(!kind ? -1 : open);
    if (open)
        add_children(t, expr, kind, &ct, v.unit, depth + 1);
}

/* A line of info args/locals, "name = value": the variable is a row of its own. */
static void add_var_line(void *ctx, const char *line)
{
    struct tui *t = ctx;
    const char *eq = strstr(line, " = ");
    char name[TUI_EXPR];
    if (!eq || (size_t)(eq - line) >= sizeof(name)) {
        tui_list_add(&t->lists[TUI_PANE_LOCALS], line);
        t->var_open[t->lists[TUI_PANE_LOCALS].n - 1] = -1;
        t->var_expr[t->lists[TUI_PANE_LOCALS].n - 1][0] = 0;
        return;
    }
    snprintf(name, sizeof(name), "%.*s", (int)(eq - line), line);
    add_row(t, name, name, eq + 3, 0);
}

void tui_vars_refresh(struct tui *t)
{
    struct hdb_cli *c = t->c;
    if (!c->s->pid)
        return;
    hdb_frame_list_vars(c->s, true, true, add_var_line, t);
    hdb_frame_list_vars(c->s, false, true, add_var_line, t);
    for (int i = 0; i < c->ndisplays; i++)
        add_row(t, c->displays[i].expr, c->displays[i].expr, NULL, 0);
}

void tui_vars_key(struct tui *t, int ch)
{
    struct tui_list *l = &t->lists[TUI_PANE_LOCALS];
    int row = l->sel;
    if ((ch != '\n' && ch != '\r' && ch != KEY_ENTER && ch != ' ') || row >= l->n ||
        t->var_open[row] < 0)
        return;
    char expr[TUI_EXPR];
    snprintf(expr, sizeof(expr), "%s", t->var_expr[row]);
    if (t->var_open[row]) {
        /* What was open under it stays remembered: it opens again as it was. */
        for (int i = 0; i < t->nexpanded; i++) {
            if (!strcmp(t->expanded[i], expr)) {
                memmove(t->expanded[i], t->expanded[i + 1],
                        (size_t)(t->nexpanded - i - 1) * sizeof(t->expanded[0]));
                t->nexpanded--;
                break;
            }
        }
    } else if (t->nexpanded < TUI_EXPANDED) {
        snprintf(t->expanded[t->nexpanded++], TUI_EXPR, "%s", expr);
    }
    l->n = 0;
    tui_vars_refresh(t);
}
