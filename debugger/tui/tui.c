/*
 * tui.c: the TUI's event loop: keys, commands, and following the process.
 *
 * Commands run through the same hdb_cli_execute as the command line; the
 * CLI's output is captured into the console pane by swapping in a copy of
 * the platform whose out/err append there. The debugged program does not
 * write to the TUI's terminal: while the TUI is up, programs it starts run
 * on a pseudo-terminal of their own (the platform's prog_terminal), and
 * what they print is shown in the console pane: as it comes while hdb
 * waits for the program, when keys typed go to the program (running.c),
 * after each command, and every 200 ms while the program runs on its own
 * (after `detach`). A program attached to keeps its own terminal; Ctrl-L
 * repaints the screen.
 *
 * `layout src|asm|split|regs` (a command like any other) rebuilds the
 * panes: source, disassembly, or source above disassembly; `tui panes`
 * and `tui mem` (strip.c) choose the panes under them.
 *
 * Keys: the console edits a command line (Enter runs it; an empty line
 * repeats the last command as in gdb; Up/Down walk the history). F5
 * continue, F10 next, F11 step, Shift-F11 finish, F9 toggles a breakpoint
 * on the source cursor's line (or the disassembly cursor's instruction).
 * Esc moves the keys to the source pane (j/k or arrows move the cursor,
 * PgUp/PgDn page, / n N search), i or Esc comes back; Tab moves them
 * through the strip's panes, the source and the disassembly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/error.h>
#include <hdb/tui.h>

#include "tui_int.h"

/* The CLI's platform inside the TUI: output to the console, the rest forwarded. */
static void tui_out(void *ctx, const char *s, size_t len)
{
    struct tui *t = ctx;
    if (!t->capture) {
        /* What the program printed before it stopped comes before what hdb says of the stop. */
        tui_poll_program_output(t);
        tui_console_append(t, s, len);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') {
            t->capture_line[t->capture_len] = 0;
            tui_list_add(t->capture, t->capture_line);
            t->capture_len = 0;
        } else if (t->capture_len + 1 < sizeof(t->capture_line)) {
            t->capture_line[t->capture_len++] = s[i] == '\t' ? ' ' : s[i];
        }
    }
}

#define ORIG(ctx) (((struct tui *)(ctx))->orig)

static void *fw_alloc(void *ctx, size_t n)
{
    return ORIG(ctx)->alloc(ORIG(ctx)->ctx, n);
}

static void *fw_realloc(void *ctx, void *p, size_t o, size_t n)
{
    return ORIG(ctx)->realloc(ORIG(ctx)->ctx, p, o, n);
}

static void fw_free(void *ctx, void *p, size_t n)
{
    ORIG(ctx)->free(ORIG(ctx)->ctx, p, n);
}

static int fw_read_file(void *ctx, const char *path, char **data, size_t *len)
{
    return ORIG(ctx)->read_file(ORIG(ctx)->ctx, path, data, len);
}

static void fw_release_file(void *ctx, char *data, size_t len)
{
    ORIG(ctx)->release_file(ORIG(ctx)->ctx, data, len);
}

static int fw_read_line(void *ctx, const char *prompt, char *buf, size_t len)
{
    return ORIG(ctx)->read_line(ORIG(ctx)->ctx, prompt, buf, len);
}

static uint64_t fw_now(void *ctx)
{
    return ORIG(ctx)->now_ns(ORIG(ctx)->ctx);
}

static int fw_open_link(void *ctx, const char *where, struct hdb_link *link)
{
    const struct hdb_platform *o = ORIG(ctx);
    return o->open_link ? o->open_link(o->ctx, where, link) : HDB_E_NOTSUP;
}

/* What the program wrote on its own terminal, into the console. */
void tui_poll_program_output(struct tui *t)
{
    const struct hdb_platform *o = t->orig;
    char buf[4096];
    size_t n;
    while (o->prog_output && (n = o->prog_output(o->ctx, buf, sizeof(buf))) > 0)
        tui_console_append(t, buf, n);
}

int tui_run_command(struct tui *t, const char *line)
{
    char echo[TUI_LINE + 8];
    int n = snprintf(echo, sizeof(echo), "(hdb) %s\n", line);
    tui_console_append(t, echo, (size_t)n);
    bool was_remote = t->c->remote;
    int rc = 0;
    if (!tui_strip_command(t, line))
        rc = hdb_cli_execute(t->c, line);
    t->running = false;
    tui_poll_program_output(t);
    if (t->c->layout) {
        t->layout = t->c->layout;
        t->c->layout = 0;
        tui_layout(t);
    } else if (t->c->remote != was_remote) {
        tui_layout(t); /* `target remote` or detach: the kernel panes come or go */
    }
    tui_follow_stop(t);
    if (t->c->list_valid && t->c->list_mod == t->c->s->active_mod && !t->have_cur) {
        /* `list` moved the listing: show that file in the source pane. */
        t->file = t->c->list_file;
        t->file_mod = t->c->list_mod;
        t->cursor = t->c->list_next > 5 ? t->c->list_next - 5 : 1;
        t->have_file = true;
    }
    /*
     * A program sharing hdb's terminal (no pty to be had, or attached to)
     * may have written over the screen: repaint it all. Otherwise curses
     * sends only the cells that changed.
     */
    if (!t->own_terminal || t->c->s->attached)
        clearok(curscr, TRUE);
    return rc;
}

/* F9: a breakpoint on the cursor's line goes away, else one is set there. */
static void toggle_breakpoint(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    if (t->focus == TUI_FOCUS_ASM) {
        tui_asm_toggle_breakpoint(t);
        return;
    }
    if (!t->have_file)
        return;
    for (size_t i = 0; i < s->bps.n; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        for (int j = 0; j < b->nlocs; j++) {
            struct hdb_line_loc loc;
            if (hdb_lines_find(&s->lines, hdb_session_bp_link(s, b->locs[j]), &loc) == 0 &&
                loc.file == t->file && loc.line == t->cursor) {
                char cmd[32];
                snprintf(cmd, sizeof(cmd), "delete %d", b->number);
                tui_run_command(t, cmd);
                return;
            }
        }
    }
    char cmd[TUI_LINE];
    snprintf(cmd, sizeof(cmd), "break %s:%u", s->lines.files[t->file].path, t->cursor);
    tui_run_command(t, cmd);
}

static void history_add(struct tui *t, const char *line)
{
    if (t->nhistory == 32) {
        memmove(t->history[0], t->history[1], sizeof(t->history[0]) * 31);
        t->nhistory--;
    }
    snprintf(t->history[t->nhistory++], TUI_LINE, "%s", line);
    t->hist_pos = t->nhistory;
}

static void console_key(struct tui *t, int ch)
{
    switch (ch) {
    case '\n':
    case '\r':
    case KEY_ENTER: {
        char line[TUI_LINE];
        bool repeated = t->input_len == 0;
        if (repeated && (!t->last_cmd[0] || !hdb_cmd_repeat_line(t->last_cmd, line, sizeof(line))))
            return;
        if (!repeated)
            snprintf(line, sizeof(line), "%s", t->input);
        t->input_len = 0;
        t->input[0] = 0;
        if (!repeated) {
            if (strcmp(line, t->last_cmd) != 0)
                history_add(t, line);
            snprintf(t->last_cmd, sizeof(t->last_cmd), "%s", line);
        }
        tui_run_command(t, line);
        return;
    }
    case KEY_BACKSPACE:
    case 127:
    case 8:
        if (t->input_len)
            t->input[--t->input_len] = 0;
        return;
    case KEY_UP:
    case KEY_DOWN:
        if (ch == KEY_UP && t->hist_pos > 0)
            t->hist_pos--;
        else if (ch == KEY_DOWN && t->hist_pos < t->nhistory)
            t->hist_pos++;
        snprintf(t->input, sizeof(t->input), "%s",
                 t->hist_pos < t->nhistory ? t->history[t->hist_pos] : "");
        t->input_len = strlen(t->input);
        return;
    case 21: /* ^U */
        t->input_len = 0;
        t->input[0] = 0;
        return;
    default:
        if (ch >= 32 && ch < 127 && t->input_len + 1 < sizeof(t->input)) {
            t->input[t->input_len++] = (char)ch;
            t->input[t->input_len] = 0;
        }
    }
}

static void source_key(struct tui *t, int ch)
{
    if (tui_search_key(t, ch))
        return;
    size_t total = t->have_file ? hdb_cli_source_count(t->c, t->file) : 0;
    int page = t->src ? getmaxy(t->src) - 2 : 10;
    switch (ch) {
    case 'j':
    case KEY_DOWN:
        if (t->cursor < total)
            t->cursor++;
        break;
    case 'k':
    case KEY_UP:
        if (t->cursor > 1)
            t->cursor--;
        break;
    case KEY_NPAGE:
    case ' ':
        t->cursor =
            t->cursor + (uint32_t)page < total ? t->cursor + (uint32_t)page : (uint32_t)total;
        break;
    case KEY_PPAGE:
        t->cursor = t->cursor > (uint32_t)page ? t->cursor - (uint32_t)page : 1;
        break;
    case 'i':
    case 27:
        t->focus = TUI_FOCUS_CONSOLE;
        t->search_msg[0] = 0;
        break;
    default:
        break;
    }
}

/* Keys that act in either pane; true when handled. */
static bool global_key(struct tui *t, int ch)
{
    switch (ch) {
    case KEY_F(5):
        tui_run_command(t, "continue");
        return true;
    case KEY_F(10):
        tui_run_command(t, "next");
        return true;
    case KEY_F(11):
        tui_run_command(t, "step");
        return true;
    case KEY_F(23):
        tui_run_command(t, "finish");
        return true; /* Shift-F11 in xterm-like terminals */
    case KEY_F(9):
        toggle_breakpoint(t);
        return true;
    case KEY_RESIZE:
        tui_layout(t);
        tui_strip_refresh(t); /* the strip's panes may be others at the new size */
        clearok(curscr, TRUE);
        return true;
    case 12:
        clearok(curscr, TRUE);
        return true; /* ^L */
    default:
        return false;
    }
}

/* A key for whoever has it. */
static void dispatch_key(struct tui *t, int ch)
{
    /* A search being typed takes every key, Tab and F-keys included. */
    if (t->focus == TUI_FOCUS_SRC && t->searching) {
        tui_search_key(t, ch);
        return;
    }
    if (global_key(t, ch))
        return;
    if (ch == '\t') {
        tui_focus_next(t);
        return;
    }
    if (t->focus >= TUI_FOCUS_STRIP)
        tui_strip_key(t, t->focus - TUI_FOCUS_STRIP, ch);
    else if (t->focus == TUI_FOCUS_ASM)
        tui_asm_key(t, ch);
    else if (t->focus == TUI_FOCUS_SRC)
        source_key(t, ch);
    else if (ch == 27) {
        /* Esc: the source pane, or the disassembly in `layout asm`. */
        t->focus = t->src ? TUI_FOCUS_SRC : t->asmw ? TUI_FOCUS_ASM : TUI_FOCUS_CONSOLE;
        t->have_asm_cursor = false; /* the disassembly's cursor starts at the pc */
    } else
        console_key(t, ch);
}

int hdb_tui_run(struct hdb_cli *c)
{
    struct tui *t = calloc(1, sizeof(*t));
    if (!t)
        return HDB_E_NOMEM;
    t->c = c;
    t->orig = c->plat;
    t->layout = c->layout ? c->layout : HDB_LAYOUT_SRC;
    c->layout = 0;
    c->in_tui = true;
    t->plat = (struct hdb_platform){
        .alloc = fw_alloc,
        .realloc = fw_realloc,
        .free = fw_free,
        .read_file = fw_read_file,
        .release_file = fw_release_file,
        .out = tui_out,
        .err = tui_out,
        .read_line = fw_read_line,
        .now_ns = fw_now,
        .open_link = fw_open_link,
        .ctx = t,
    };
    c->plat = &t->plat;

    if (!initscr()) {
        c->plat = t->orig;
        c->in_tui = false;
        free(t);
        return HDB_E_IO;
    }
    /* From here on the programs hdb starts write to a terminal of their own. */
    t->own_terminal = t->orig->prog_terminal && t->orig->prog_terminal(t->orig->ctx, true) == 0;
    /* While hdb waits for such a program, its output shows and keys go to it (running.c). */
    if (t->own_terminal && t->orig->prog_waiting)
        t->orig->prog_waiting(t->orig->ctx, tui_running, t);
    set_escdelay(25);
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    tui_layout(t);
    tui_follow_stop(t);
    int rc = 0, errors = 0;
    while (!c->quit) {
        tui_draw(t);
        WINDOW *w = t->cmd ? t->cmd : stdscr;
        /* Wake up now and then for what a program running on its own prints. */
        wtimeout(w, t->own_terminal ? 200 : -1);
        uint64_t before = t->orig->now_ns(t->orig->ctx);
        int ch = wgetch(w);
        if (ch == ERR) {
            tui_poll_program_output(t);
            /* An immediate error, again and again: the terminal went away. */
            bool timed_out = t->orig->now_ns(t->orig->ctx) - before >= 100000000ull;
            if (!timed_out && ++errors > 100)
                break;
            continue;
        }
        errors = 0;
        dispatch_key(t, ch);
        if (t->cmd)
            keypad(t->cmd, TRUE);
    }
    endwin();
    if (t->own_terminal && t->orig->prog_waiting)
        t->orig->prog_waiting(t->orig->ctx, NULL, NULL);
    if (t->own_terminal)
        t->orig->prog_terminal(t->orig->ctx, false);
    c->plat = t->orig;
    c->in_tui = false;
    free(t);
    return rc;
}
