/*
 * panes.c: drawing the TUI's panes.
 *
 *   +-- source (file:line) -------------------+-- registers --+
 *   |  20  int add(int a, int b)              | rax  0x1      |
 *   |b 22  =>  int sum = a + b;               | ...           |
 *   +-- add (layout split or asm) ------------+               |
 *   |b=>0x0000555555555143 <+10>  mov ...     |               |
 *   +-- stack (tall terminals) --+-- breakpoints ------------+
 *   |#0  add (a=1, b=2) at ...   |1   y  break   1 hit  ...  |
 *   +-----------------------------------------+---------------+
 *   | console: command output, then (hdb) input                |
 *   +----------------------------------------------------------+
 *
 * Everything is redrawn into curses' virtual screen on each change;
 * curses itself sends only the cells that differ, so a redraw stays cheap.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/error.h>

#include "tui_int.h"

void tui_layout(struct tui *t)
{
    getmaxyx(stdscr, t->rows, t->cols);
    WINDOW **wins[] = {&t->src, &t->regs, &t->cmd, &t->status, &t->asmw};
    for (size_t i = 0; i < sizeof(wins) / sizeof(wins[0]); i++) {
        if (*wins[i])
            delwin(*wins[i]);
        *wins[i] = NULL;
    }
    int cmd_rows = t->rows >= 24 ? t->rows / 3 : 6;
    int top_rows = t->rows - cmd_rows - 1;
    if (top_rows < 3 || t->cols < 40) {
        tui_strip_layout(t, 0, 0);
        return; /* too small: draw nothing but the console line */
    }
    int regs_w = t->cols >= 100 ? TUI_REGS_WIDTH + 4 : TUI_REGS_WIDTH;
    /* The strip of list panes under the source (strip.c chooses them). */
    int strip_rows = tui_strip_rows(t, top_rows);
    int src_rows = top_rows - strip_rows;
    /* layout split: the source above the disassembly; layout asm: the disassembly alone. */
    int asm_rows = t->layout == HDB_LAYOUT_ASM     ? src_rows
                   : t->layout == HDB_LAYOUT_SPLIT ? src_rows / 2
                                                   : 0;
    if (src_rows - asm_rows > 0)
        t->src = newwin(src_rows - asm_rows, t->cols - regs_w, 0, 0);
    if (asm_rows > 0)
        t->asmw = newwin(asm_rows, t->cols - regs_w, src_rows - asm_rows, 0);
    t->regs = newwin(src_rows, regs_w, 0, t->cols - regs_w);
    tui_strip_layout(t, src_rows, strip_rows);
    t->status = newwin(1, t->cols, top_rows, 0);
    t->cmd = newwin(cmd_rows, t->cols, top_rows + 1, 0);
    if ((t->focus == TUI_FOCUS_SRC && !t->src) || (t->focus == TUI_FOCUS_ASM && !t->asmw))
        t->focus = TUI_FOCUS_CONSOLE;
    keypad(t->cmd, TRUE);
}

static bool line_has_bp(struct tui *t, uint32_t file, uint32_t line)
{
    struct hdb_session *s = t->c->s;
    for (size_t i = 0; i < s->bps.n; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        for (int j = 0; j < b->nlocs; j++) {
            struct hdb_line_loc loc;
            if (hdb_lines_find(&s->lines, hdb_session_bp_link(s, b->locs[j]), &loc) == 0 &&
                loc.file == file && loc.line == line)
                return true;
        }
    }
    return false;
}

/*
 * Whether the source pane has a file: its file is an index into the
 * active module's line table, which another module's stop (a library's),
 * or the process's end, replaces: then it has none until it is set again.
 */
static bool have_file(struct tui *t)
{
    const struct hdb_session *s = t->c->s;
    if (t->have_file && (t->file_mod != s->active_mod || t->file >= s->lines.nfiles))
        t->have_file = t->have_cur = false;
    return t->have_file;
}

static void draw_source(struct tui *t)
{
    WINDOW *w = t->src;
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    struct hdb_session *s = t->c->s;
    if (!have_file(t)) {
        mvwprintw(w, 0, 2, " source ");
        mvwprintw(w, 2, 2, s->img ? "(no source: run the program or `list`)" : "(no program)");
        return;
    }
    mvwprintw(w, 0, 2, " %.*s:%u ", wd - 10, s->lines.files[t->file].name,
              t->have_cur && t->file == t->cur_file ? t->cur_line : t->cursor);
    size_t total = hdb_cli_source_count(t->c, t->file);
    int body = h - 2;
    /* Keep the cursor visible, a few lines from the edges when possible. */
    if (t->cursor < t->top + 2 || t->cursor >= t->top + (uint32_t)body - 2)
        t->top = t->cursor > (uint32_t)body / 2 ? t->cursor - (uint32_t)body / 2 : 1;
    if (t->top < 1)
        t->top = 1;
    for (int r = 0; r < body; r++) {
        uint32_t line = t->top + (uint32_t)r;
        if (line > total)
            break;
        size_t len;
        const char *text = hdb_cli_source_line(t->c, t->file, line, &len);
        bool cur = t->have_cur && t->file == t->cur_file && line == t->cur_line;
        bool bp = line_has_bp(t, t->file, line);
        char mark[8];
        snprintf(mark, sizeof(mark), "%c%c", bp ? 'b' : ' ', cur ? '>' : ' ');
        if (cur)
            wattron(w, A_REVERSE);
        if (t->focus == TUI_FOCUS_SRC && line == t->cursor)
            wattron(w, A_UNDERLINE);
        mvwprintw(w, r + 1, 1, "%s%4u %.*s", mark, line, wd - 9 > 0 ? wd - 9 : 0, "");
        /* Tabs expanded to the next multiple of 8, the rest cut at the pane's edge. */
        int col = 0, x0 = 8;
        for (size_t i = 0; text && i < len && x0 + col < wd - 1; i++) {
            if (text[i] == '\t') {
                do
                    mvwaddch(w, r + 1, x0 + col++, ' ');
                while (col % 8 && x0 + col < wd - 1);
            } else {
                mvwaddch(w, r + 1, x0 + col++, (unsigned char)text[i]);
            }
        }
        if (cur)
            wattroff(w, A_REVERSE);
        if (t->focus == TUI_FOCUS_SRC && line == t->cursor)
            wattroff(w, A_UNDERLINE);
    }
}

static void draw_regs(struct tui *t)
{
    WINDOW *w = t->regs;
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    mvwprintw(w, 0, 2, " registers ");
    struct hdb_regs r;
    if (!t->c->s->pid || hdb_session_regs(t->c->s, &r) < 0) {
        mvwprintw(w, 1, 2, "(no process)");
        return;
    }
    int n;
    const int *order = hdb_reg_general(&n);
    for (int i = 0; i < n && i < h - 2; i++) {
        int reg = order[i];
        bool changed = (t->changed >> reg) & 1;
        if (changed)
            wattron(w, A_BOLD | A_REVERSE);
        mvwprintw(w, i + 1, 1, "%-7s0x%-*llx", hdb_reg_name(reg), wd - 11,
                  (unsigned long long)r.v[reg]);
        if (changed)
            wattroff(w, A_BOLD | A_REVERSE);
    }
}

/* The status line's help for whoever has the keys. */
static const char *focus_help(const struct tui *t)
{
    static const char *const strip_help[TUI_PANE_COUNT] = {
        [TUI_PANE_STACK] = "STACK: j/k move, Enter select frame, Tab next, i console",
        [TUI_PANE_LOCALS] = "LOCALS: j/k move, Enter/Space open or close, Tab next, i console",
        [TUI_PANE_BPS] = "BREAKPOINTS: j/k move, Enter show, d delete, Tab next, i console",
        [TUI_PANE_THREADS] = "THREADS: j/k move, Enter select thread, Tab next, i console",
        [TUI_PANE_MEM] = "MEMORY: j/k scroll, PgUp/PgDn, g back, Tab next, i console",
        [TUI_PANE_CAPS] = "CAPS: j/k move, Enter follow, Tab next, i console",
        [TUI_PANE_TASKS] = "TASKS: j/k move, Enter select, Tab next, i console",
    };
    if (t->focus >= TUI_FOCUS_STRIP)
        return strip_help[t->strip[t->focus - TUI_FOCUS_STRIP]];
    if (t->focus == TUI_FOCUS_ASM)
        return "ASM: j/k move, F9 breakpoint, Tab next, i console";
    if (t->focus == TUI_FOCUS_SRC)
        return "SOURCE: j/k move, / search, n/N, F9 breakpoint, Tab next, i console";
    if (t->c->remote)
        return "F5 cont F9 break F10 next F11 step Esc source Tab tasks";
    return t->c->s->pid ? "F5 cont F9 break F10 next F11 step S-F11 finish Esc source Tab panes"
                        : "r to run, Esc source pane, Tab panes, q to quit";
}

static void draw_status(struct tui *t)
{
    WINDOW *w = t->status;
    werase(w);
    wattron(w, A_REVERSE);
    struct hdb_session *s = t->c->s;
    char buf[256];
    if (t->running)
        snprintf(buf, sizeof(buf),
                 " process %lld is running  |  keys go to the program, Ctrl-C stops it",
                 (long long)s->pid);
    else if (t->searching)
        snprintf(buf, sizeof(buf), "/%s", t->search);
    else if (t->search_msg[0] && t->focus == TUI_FOCUS_SRC)
        snprintf(buf, sizeof(buf), " %s  |  %s", t->search_msg, focus_help(t));
    else if (s->pid && t->c->remote)
        snprintf(buf, sizeof(buf), " remote kernel, thread %d  |  %s",
                 hdb_session_thread_num(s, s->cur_tid), focus_help(t));
    else if (s->pid)
        snprintf(buf, sizeof(buf), " process %lld, thread %d  |  %s", (long long)s->pid,
                 hdb_session_thread_num(s, s->cur_tid), focus_help(t));
    else
        snprintf(buf, sizeof(buf), " no process  |  %s", focus_help(t));
    mvwprintw(w, 0, 0, "%-*.*s", t->cols, t->cols, buf);
    wattroff(w, A_REVERSE);
}

static void draw_console(struct tui *t)
{
    WINDOW *w = t->cmd ? t->cmd : stdscr;
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    /* While the program runs its output has every row; the prompt comes back at its stop. */
    int shown = t->running ? h : h - 1;
    int total = t->nlines + (t->partial_len || t->running ? 1 : 0);
    int start = total > shown ? total - shown : 0;
    for (int i = start, row = 0; i < total; i++, row++) {
        const char *line = i < t->nlines ? t->lines[(t->first + i) % TUI_SCROLLBACK] : t->partial;
        mvwprintw(w, row, 0, "%.*s", wd, line);
    }
    if (!t->running)
        mvwprintw(w, h - 1, 0, "(hdb) %.*s", wd - 7 > 0 ? wd - 7 : 0, t->input);
}

/* The terminal's cursor: after the prompt's input, or where the program's output goes on. */
static void place_cursor(struct tui *t, WINDOW *w)
{
    int h, wd;
    getmaxyx(w, h, wd);
    if (t->running) {
        int total = t->nlines + 1;
        int row = total < h ? total - 1 : h - 1;
        int x = (int)t->col;
        wmove(w, row, x < wd ? x : wd - 1);
        return;
    }
    int x = 6 + (int)t->input_len;
    wmove(w, h - 1, x < wd ? x : wd - 1);
}

void tui_draw_running(struct tui *t)
{
    WINDOW *w = t->cmd ? t->cmd : stdscr;
    if (t->status) {
        draw_status(t);
        wnoutrefresh(t->status);
    }
    draw_console(t);
    place_cursor(t, w);
    wnoutrefresh(w);
    doupdate();
}

void tui_draw(struct tui *t)
{
    if (t->src)
        draw_source(t);
    if (t->asmw)
        tui_asm_draw(t);
    if (t->regs)
        draw_regs(t);
    if (t->status)
        draw_status(t);
    tui_strip_draw(t);
    draw_console(t);
    WINDOW *wins[] = {t->src, t->asmw, t->regs, t->status};
    for (size_t i = 0; i < sizeof(wins) / sizeof(wins[0]); i++)
        if (wins[i])
            wnoutrefresh(wins[i]);
    for (int i = 0; i < t->nstrip; i++)
        wnoutrefresh(t->stripw[i]);
    WINDOW *w = t->cmd ? t->cmd : stdscr;
    place_cursor(t, w);
    wnoutrefresh(w);
    doupdate();
}

void tui_console_append(struct tui *t, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n' || t->col + 1 >= TUI_LINE) {
            t->partial[t->partial_len] = 0;
            int slot;
            if (t->nlines < TUI_SCROLLBACK) {
                slot = (t->first + t->nlines++) % TUI_SCROLLBACK;
            } else {
                slot = t->first;
                t->first = (t->first + 1) % TUI_SCROLLBACK;
            }
            memcpy(t->lines[slot], t->partial, t->partial_len + 1);
            t->partial_len = t->col = 0;
            t->partial[0] = 0;
            if (s[i] == '\n')
                continue;
        }
        /*
         * The line being written has a column, as a terminal's cursor: \r
         * goes back to its start (a terminal's line ends are \r\n; a
         * progress line rewrites itself), \b one back (the line
         * discipline's echo of an erase is "\b \b").
         */
        if (s[i] == '\r') {
            t->col = 0;
            continue;
        }
        if (s[i] == '\b') {
            if (t->col)
                t->col--;
            continue;
        }
        /* Other control characters would move curses' cursor: shown as '?'. */
        char ch = s[i] == '\t' ? ' ' : (unsigned char)s[i] < 32 || s[i] == 127 ? '?' : s[i];
        t->partial[t->col++] = ch;
        if (t->col > t->partial_len) {
            t->partial_len = t->col;
            t->partial[t->partial_len] = 0;
        }
    }
}

void tui_follow_stop(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    struct hdb_regs r;
    have_file(t);
    t->have_cur = false;
    t->changed = 0;
    tui_strip_refresh(t);
    if (!s->pid || hdb_session_regs(s, &r) < 0) {
        t->have_last_regs = false;
        return;
    }
    if (t->have_last_regs)
        for (int i = 0; i < HDB_REG_COUNT; i++)
            if (hdb_regs_has(&r, i) && r.v[i] != t->last_regs.v[i])
                t->changed |= 1ull << i;
    t->last_regs = r;
    t->have_last_regs = true;
    struct hdb_line_loc loc;
    uint64_t pc = r.v[HDB_REG_RIP];
    if (s->frame > 0)
        pc--; /* a caller's line is the one of its call */
    if (hdb_lines_find(&s->lines, hdb_session_to_link(s, pc), &loc) == 0) {
        /* The cursor follows the process only when the process moved. */
        if (pc != t->last_pc || loc.file != t->file)
            t->cursor = loc.line;
        t->file = t->cur_file = loc.file;
        t->file_mod = s->active_mod;
        t->cur_line = loc.line;
        t->have_file = t->have_cur = true;
    }
    t->last_pc = pc;
}
