/*
 * tui.c: the TUI's event loop: keys, commands, and following the process.
 *
 * Commands run through the same hdb_cli_execute as the command line; the
 * CLI's output is captured into the console pane by swapping in a copy of
 * the platform whose out/err append there. After every command the whole
 * screen is repainted (clearok), which also repairs whatever the debugged
 * program wrote to the shared terminal meanwhile.
 *
 * `layout src|asm|split|regs` (a command like any other) rebuilds the
 * panes: source, disassembly, or source above disassembly.
 *
 * Keys: the console edits a command line (Enter runs it; an empty line
 * repeats the last command as in gdb; Up/Down walk the history). F5
 * continue, F10 next, F11 step, Shift-F11 finish, F9 toggles a breakpoint
 * on the source cursor's line. Esc moves the keys to the source pane (j/k
 * or arrows move the cursor, PgUp/PgDn page), i or Esc comes back.
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
    tui_console_append(ctx, s, len);
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

int tui_run_command(struct tui *t, const char *line)
{
    char echo[TUI_LINE + 8];
    int n = snprintf(echo, sizeof(echo), "(hdb) %s\n", line);
    tui_console_append(t, echo, (size_t)n);
    int rc = hdb_cli_execute(t->c, line);
    if (t->c->layout) {
        t->layout = t->c->layout;
        t->c->layout = 0;
        tui_layout(t);
        if (t->cmd)
            keypad(t->cmd, TRUE);
    } else if (t->c->remote != (t->tasks != NULL)) {
        tui_layout(t); /* `target remote` or detach: the kernel panes come or go */
        if (t->cmd)
            keypad(t->cmd, TRUE);
    }
    tui_follow_stop(t);
    if (t->c->list_valid && t->c->list_mod == t->c->s->active_mod && !t->have_cur) {
        /* `list` moved the listing: show that file in the source pane. */
        t->file = t->c->list_file;
        t->cursor = t->c->list_next > 5 ? t->c->list_next - 5 : 1;
        t->have_file = true;
    }
    clearok(curscr, TRUE);
    return rc;
}

/* F9 in the disassembly pane: the same, for the instruction under its cursor. */
static void toggle_insn_breakpoint(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    uint64_t link = hdb_session_to_link(s, t->asm_cursor);
    char cmd[64];
    for (size_t i = 0; i < s->bps.n; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        for (int j = 0; j < b->nlocs; j++) {
            if (b->kind == HDB_BP_CODE && b->locs[j] == link) {
                snprintf(cmd, sizeof(cmd), "delete %d", b->number);
                tui_run_command(t, cmd);
                return;
            }
        }
    }
    snprintf(cmd, sizeof(cmd), "break *0x%llx", (unsigned long long)t->asm_cursor);
    tui_run_command(t, cmd);
}

/* F9: a breakpoint on the cursor's line goes away, else one is set there. */
static void toggle_breakpoint(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    if (t->layout == HDB_LAYOUT_ASM && t->focus_src && t->have_asm_cursor) {
        toggle_insn_breakpoint(t);
        return;
    }
    if (!t->have_file)
        return;
    for (size_t i = 0; i < s->bps.n; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        for (int j = 0; j < b->nlocs; j++) {
            struct hdb_line_loc loc;
            if (hdb_lines_find(&s->lines, b->locs[j], &loc) == 0 && loc.file == t->file &&
                loc.line == t->cursor) {
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
        t->focus_src = false;
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
        clearok(curscr, TRUE);
        return true;
    case 12:
        clearok(curscr, TRUE);
        return true; /* ^L */
    default:
        return false;
    }
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
    t->plat = (struct hdb_platform){fw_alloc,        fw_realloc,   fw_free, fw_read_file,
                                    fw_release_file, tui_out,      tui_out, fw_read_line,
                                    fw_now,          fw_open_link, t};
    c->plat = &t->plat;

    if (!initscr()) {
        c->plat = t->orig;
        c->in_tui = false;
        free(t);
        return HDB_E_IO;
    }
    set_escdelay(25);
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    tui_layout(t);
    if (t->cmd)
        keypad(t->cmd, TRUE);
    tui_follow_stop(t);
    int rc = 0, errors = 0;
    while (!c->quit) {
        tui_draw(t);
        int ch = wgetch(t->cmd ? t->cmd : stdscr);
        if (ch == ERR) {
            if (++errors > 100)
                break; /* the terminal went away */
            continue;
        }
        errors = 0;
        if (ch == KEY_RESIZE && t->cmd)
            keypad(t->cmd, TRUE);
        if (global_key(t, ch)) {
            if (t->cmd)
                keypad(t->cmd, TRUE);
            continue;
        }
        if (ch == '\t' && t->tasks) {
            t->kfocus = (t->kfocus + 1) % 3; /* tasks, caps, then back where the keys were */
            continue;
        }
        if (t->kfocus != TUI_KFOCUS_NONE)
            tui_kpanes_key(t, ch);
        else if (t->focus_src && t->layout == HDB_LAYOUT_ASM)
            tui_asm_key(t, ch);
        else if (t->focus_src)
            source_key(t, ch);
        else if (ch == 27) {
            t->focus_src = true;
            t->have_asm_cursor = false; /* the disassembly's cursor starts at the pc */
        } else
            console_key(t, ch);
    }
    endwin();
    c->plat = t->orig;
    c->in_tui = false;
    free(t);
    return rc;
}
