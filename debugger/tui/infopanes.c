/*
 * infopanes.c: the TUI's stack, locals and breakpoints panes, side by side
 * in a strip under the source when the terminal is tall enough (locals
 * only when it is wide enough too; the kernel's tasks and caps panes take
 * the strip while hdb is attached to a kernel).
 *
 *   +-- stack ------------------------++-- breakpoints -------------------+
 *   |#0  add (a=1, b=2) at basic.c:22 ||1   y  1 hit   add at basic.c:22  |
 *   |#1  0x... in main (...) at ...   ||2   y  watch   counter            |
 *
 * The lines are built after each command (a backtrace reads the process)
 * and drawn from the copies; the selected frame is shown reversed.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/frameinfo.h>

#include "tui_int.h"

static void keep(char (*text)[TUI_KPANE_WIDTH], int *n, const char *s)
{
    if (*n < TUI_KPANE_LINES)
        snprintf(text[(*n)++], TUI_KPANE_WIDTH, "%s", s);
}

static void stack_lines(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    struct hdb_frame frames[TUI_KPANE_LINES];
    int n = s->pid ? hdb_session_backtrace(s, frames, TUI_KPANE_LINES) : 0;
    for (int i = 0; i < n; i++) {
        struct hdb_strbuf *b = &t->scratch;
        hdb_sb_reset(b);
        hdb_sb_printf(b, "#%-3d", i);
        hdb_cli_frame_desc(t->c, &frames[i], i > 0, false, b);
        keep(t->stack_text, &t->nstack_text, b->s);
    }
}

static void keep_local(void *ctx, const char *line)
{
    struct tui *t = ctx;
    keep(t->locals_text, &t->nlocals_text, line);
}

/* The selected frame's arguments, then its locals, as info args and info locals show them. */
static void locals_lines(struct tui *t)
{
    if (!t->c->s->pid)
        return;
    hdb_frame_list_vars(t->c->s, true, keep_local, t);
    hdb_frame_list_vars(t->c->s, false, keep_local, t);
}

static void bp_lines(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    for (size_t i = 0; i < s->bps.n; i++) {
        const struct hdb_breakpoint *bp = &s->bps.bps[i];
        struct hdb_strbuf *b = &t->scratch;
        hdb_sb_reset(b);
        hdb_sb_printf(b, "%-3d %s  %-6s", bp->number, bp->enabled ? "y" : "n",
                      bp->kind == HDB_BP_WATCH ? "watch"
                      : bp->temporary          ? "tbreak"
                                               : "break");
        hdb_sb_printf(b, " %3u hit%s  ", bp->hits, bp->hits == 1 ? " " : "s");
        struct hdb_line_loc loc;
        if (bp->kind != HDB_BP_WATCH && bp->nlocs == 1 &&
            hdb_lines_find(&s->lines, bp->locs[0], &loc) == 0) {
            uint64_t rt = hdb_session_to_runtime(s, bp->locs[0]);
            const char *fn = hdb_session_func_at(s, rt, NULL);
            hdb_sb_printf(b, "%s at %s:%u", fn ? fn : "??", s->lines.files[loc.file].name,
                          loc.line);
        } else {
            hdb_sb_printf(b, "%s", bp->spec);
        }
        if (bp->cond)
            hdb_sb_printf(b, " if %s", bp->cond);
        keep(t->bp_text, &t->nbp_text, b->s);
    }
}

void tui_info_refresh(struct tui *t)
{
    t->nstack_text = t->nbp_text = t->nlocals_text = 0;
    /* Attached to a kernel the strip is the kernel's: no backtrace over the serial line for it. */
    if (t->c->remote)
        return;
    stack_lines(t);
    locals_lines(t);
    bp_lines(t);
}

static void draw(WINDOW *w, const char *title, char (*text)[TUI_KPANE_WIDTH], int n, int sel,
                 const char *none)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    mvwprintw(w, 0, 2, " %.*s ", wd - 6 > 0 ? wd - 6 : 0, title);
    if (n == 0)
        mvwprintw(w, 1, 2, "%.*s", wd - 4 > 0 ? wd - 4 : 0, none);
    /* The selected row stays in view: the list scrolls when it is further down. */
    int body = h - 2, top = sel >= body ? sel - body + 1 : 0;
    for (int i = top; i < n && i - top < body; i++) {
        if (i == sel)
            wattron(w, A_REVERSE);
        mvwprintw(w, i - top + 1, 1, "%-*.*s", wd - 2 > 0 ? wd - 2 : 0, wd - 2 > 0 ? wd - 2 : 0,
                  text[i]);
        if (i == sel)
            wattroff(w, A_REVERSE);
    }
}

void tui_info_draw(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    draw(t->stackw, "stack", t->stack_text, t->nstack_text, s->pid ? s->frame : -1, "(no process)");
    if (t->localsw)
        draw(t->localsw, "locals", t->locals_text, t->nlocals_text, -1,
             s->pid ? "(none)" : "(no process)");
    draw(t->bpw, "breakpoints", t->bp_text, t->nbp_text, -1, "(none)");
}
