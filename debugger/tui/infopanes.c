/*
 * infopanes.c: the stack, breakpoints and threads panes of the strip.
 *
 *   +-- stack ------------------------++-- breakpoints -------------------+
 *   |#0  add (a=1, b=2) at basic.c:22 ||1   y  break    1 hit   add at ... |
 *   |#1  0x... in main (...) at ...   ||2   y  watch    0 hits  counter    |
 *
 * Frames as `bt` prints them, breakpoints with their hit counts and
 * conditions, threads as `info threads` prints them (its own output,
 * captured). With the keys: Enter in the stack selects that frame (`frame
 * N`: the source, registers and locals follow); in the breakpoints pane
 * Enter shows the breakpoint's line in the source pane and `d` deletes it;
 * in the threads pane Enter selects the thread (`thread N`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>

#include "tui_int.h"

void tui_stack_refresh(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    struct hdb_frame frames[TUI_LIST_LINES];
    struct tui_list *l = &t->lists[TUI_PANE_STACK];
    int n = s->pid ? hdb_session_backtrace(s, frames, TUI_LIST_LINES) : 0;
    for (int i = 0; i < n && i < TUI_LIST_LINES; i++) {
        struct hdb_strbuf *b = &t->scratch;
        hdb_sb_reset(b);
        hdb_sb_printf(b, "#%-3d", i);
        hdb_cli_frame_desc(t->c, &frames[i], i > 0, false, b);
        tui_list_add(l, b->s);
    }
}

void tui_bps_refresh(struct tui *t)
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
        const struct hdb_lines *lines;
        if (bp->kind != HDB_BP_WATCH && bp->nlocs == 1 &&
            hdb_session_find_line(s, bp->locs[0], &loc, &lines) == 0) {
            uint64_t rt = hdb_session_bp_runtime(s, bp->locs[0]);
            const char *fn = hdb_session_func_at(s, rt, NULL);
            hdb_sb_printf(b, "%s at %s:%u", fn ? fn : "??", lines->files[loc.file].name, loc.line);
        } else {
            hdb_sb_printf(b, "%s", bp->spec);
        }
        if (bp->cond)
            hdb_sb_printf(b, " if %s", bp->cond);
        tui_list_add(&t->lists[TUI_PANE_BPS], b->s);
    }
}

void tui_threads_refresh(struct tui *t)
{
    struct tui_list *l = &t->lists[TUI_PANE_THREADS];
    if (!t->c->s->pid)
        return;
    tui_capture(t, l, "info threads");
    l->header = l->n > 0 ? 1 : 0; /* "  Id   Target Id   Frame" */
}

void tui_stack_key(struct tui *t, int ch)
{
    if (ch != '\n' && ch != '\r' && ch != KEY_ENTER)
        return;
    char cmd[32];
    snprintf(cmd, sizeof(cmd), "frame %d", t->lists[TUI_PANE_STACK].sel);
    tui_run_command(t, cmd);
}

void tui_bps_key(struct tui *t, int ch)
{
    struct hdb_session *s = t->c->s;
    int sel = t->lists[TUI_PANE_BPS].sel;
    if (sel < 0 || (size_t)sel >= s->bps.n)
        return;
    const struct hdb_breakpoint *bp = &s->bps.bps[sel];
    char cmd[32];
    struct hdb_line_loc loc;
    switch (ch) {
    case 'd':
    case KEY_DC:
        snprintf(cmd, sizeof(cmd), "delete %d", bp->number);
        tui_run_command(t, cmd);
        break;
    case '\n':
    case '\r':
    case KEY_ENTER:
        /* The source pane shows the breakpoint's line, with the keys on it. */
        if (bp->kind == HDB_BP_WATCH || bp->nlocs < 1 ||
            hdb_lines_find(&s->lines, hdb_session_bp_link(s, bp->locs[0]), &loc) < 0)
            break;
        t->file = loc.file;
        t->file_mod = s->active_mod;
        t->cursor = loc.line;
        t->have_file = true;
        if (t->src)
            t->focus = TUI_FOCUS_SRC;
        break;
    default:
        break;
    }
}

void tui_threads_key(struct tui *t, int ch)
{
    struct tui_list *l = &t->lists[TUI_PANE_THREADS];
    if ((ch != '\n' && ch != '\r' && ch != KEY_ENTER) || l->header + l->sel >= l->n)
        return;
    /* "* 2    LWP 1234  ...": the number after the current thread's star. */
    const char *row = l->text[l->header + l->sel];
    row += strspn(row, "* ");
    long n = strtol(row, NULL, 10);
    if (n <= 0)
        return;
    char cmd[32];
    snprintf(cmd, sizeof(cmd), "thread %ld", n);
    tui_run_command(t, cmd);
}
