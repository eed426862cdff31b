/*
 * strip.c: the strip of list panes under the source, and who has the keys.
 *
 *   +-- stack ----------++-- locals -----------++-- breakpoints --------+
 *   |#0  add (a=1, ...  ||- p = {x = 1, y = 2} ||1   y  break  1 hit   |
 *   |#1  0x... in main  ||    x = 1            ||                       |
 *
 * Which panes: by default the terminal's size chooses (a kernel: tasks
 * and caps; a process on a tall terminal: stack and breakpoints, with
 * the locals between them from 120 columns); `tui panes NAME...` chooses
 * them by name at any size, 80x24 included, and `tui panes auto` gives
 * the choice back. `tui mem EXPR` points the memory pane at an
 * expression, evaluated again after every command.
 *
 * Keys: Tab moves them through the strip's panes, then the source and the
 * disassembly, then back to the console; Esc or i in a strip pane returns
 * them where they were. In a list pane j/k (arrows) and PgUp/PgDn move the
 * selection, and each pane's file says what Enter and the other keys do.
 *
 * The rows are built after each command (they read the process) and drawn
 * from the copies; curses sends only the cells that changed.
 */
#include <stdio.h>
#include <string.h>

#include "tui_int.h"

static const char *const pane_names[TUI_PANE_COUNT] = {
    "stack", "locals", "breakpoints", "threads", "memory", "caps", "tasks",
};

void tui_list_add(struct tui_list *l, const char *s)
{
    if (l->n < TUI_LIST_LINES)
        snprintf(l->text[l->n++], TUI_LIST_WIDTH, "%s", s);
}

void tui_capture(struct tui *t, struct tui_list *l, const char *cmd)
{
    t->capture = l;
    t->capture_len = 0;
    hdb_cli_execute(t->c, cmd);
    t->capture = NULL;
}

static void auto_panes(struct tui *t, int *panes, int *n)
{
    *n = 0;
    if (t->c->remote) {
        panes[(*n)++] = TUI_PANE_TASKS;
        panes[(*n)++] = TUI_PANE_CAPS;
        return;
    }
    panes[(*n)++] = TUI_PANE_STACK;
    if (t->cols >= 120)
        panes[(*n)++] = TUI_PANE_LOCALS;
    panes[(*n)++] = TUI_PANE_BPS;
}

/*
 * The strip's rows out of the rows above the status line: chosen panes
 * get two fifths (at least 5 rows, leaving the source 5); the automatic
 * ones need a kernel (10 rows and up) or a tall terminal (24 and up).
 */
int tui_strip_rows(const struct tui *t, int top_rows)
{
    if (t->nchosen)
        return top_rows >= 10 ? (top_rows * 2 / 5 > 5 ? top_rows * 2 / 5 : 5) : 0;
    if (t->c->remote)
        return top_rows >= 10 ? top_rows * 2 / 5 : 0;
    return top_rows >= 24 ? top_rows / 3 : 0;
}

void tui_strip_layout(struct tui *t, int top, int rows)
{
    for (int i = 0; i < t->nstrip; i++)
        if (t->stripw[i])
            delwin(t->stripw[i]);
    t->nstrip = 0;
    if (rows <= 0)
        return;
    int panes[TUI_STRIP_MAX], n;
    if (t->nchosen) {
        n = t->nchosen;
        memcpy(panes, t->chosen, sizeof(panes));
    } else {
        auto_panes(t, panes, &n);
    }
    int w = t->cols / n;
    for (int i = 0; i < n; i++) {
        t->strip[i] = panes[i];
        t->stripw[i] = newwin(rows, i + 1 == n ? t->cols - (n - 1) * w : w, top, i * w);
    }
    t->nstrip = n;
    if (t->focus >= TUI_FOCUS_STRIP + n)
        t->focus = TUI_FOCUS_CONSOLE;
}

static bool shown(const struct tui *t, int pane)
{
    for (int i = 0; i < t->nstrip; i++)
        if (t->strip[i] == pane)
            return true;
    return false;
}

void tui_strip_refresh(struct tui *t)
{
    for (int p = 0; p < TUI_PANE_COUNT; p++)
        t->lists[p].n = t->lists[p].header = 0;
    /* Only what is shown is fetched: a kernel's tables cross a serial line. */
    if (shown(t, TUI_PANE_STACK))
        tui_stack_refresh(t);
    if (shown(t, TUI_PANE_LOCALS))
        tui_vars_refresh(t);
    if (shown(t, TUI_PANE_BPS))
        tui_bps_refresh(t);
    if (shown(t, TUI_PANE_THREADS))
        tui_threads_refresh(t);
    if (shown(t, TUI_PANE_MEM))
        tui_mem_refresh(t);
    if (shown(t, TUI_PANE_TASKS))
        tui_tasks_refresh(t);
    if (shown(t, TUI_PANE_CAPS))
        tui_caps_refresh(t);
    for (int p = 0; p < TUI_PANE_COUNT; p++) {
        struct tui_list *l = &t->lists[p];
        int rows = l->n - l->header;
        if (l->sel >= rows)
            l->sel = rows > 0 ? rows - 1 : 0;
    }
}

void tui_list_draw(WINDOW *w, const char *title, const struct tui_list *l, bool focus,
                   bool show_sel, const char *none)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    int inner = wd - 2 > 0 ? wd - 2 : 0;
    mvwprintw(w, 0, 2, " %.*s%s ", wd - 12 > 0 ? wd - 12 : 0, title, focus ? " [Tab]" : "");
    if (l->n == 0)
        mvwprintw(w, 1, 2, "%.*s", wd - 4 > 0 ? wd - 4 : 0, none);
    int body = h - 2 - l->header;
    for (int i = 0; i < l->header && i < h - 2; i++)
        mvwprintw(w, i + 1, 1, "%-*.*s", inner, inner, l->text[i]);
    if (body <= 0)
        return;
    /* The selected row stays in view: the list scrolls when it is further down. */
    int top = l->sel >= body ? l->sel - body + 1 : 0;
    for (int r = 0; r < body && l->header + top + r < l->n; r++) {
        bool sel = show_sel && top + r == l->sel;
        if (sel)
            wattron(w, A_REVERSE);
        mvwprintw(w, l->header + r + 1, 1, "%-*.*s", inner, inner, l->text[l->header + top + r]);
        if (sel)
            wattroff(w, A_REVERSE);
    }
}

void tui_strip_draw(struct tui *t)
{
    struct hdb_session *s = t->c->s;
    for (int i = 0; i < t->nstrip; i++) {
        WINDOW *w = t->stripw[i];
        bool focus = t->focus == TUI_FOCUS_STRIP + i;
        struct tui_list *l = &t->lists[t->strip[i]];
        const char *none = s->pid ? "(none)" : "(no process)";
        char title[64];
        switch (t->strip[i]) {
        case TUI_PANE_STACK: {
            /* Without the keys the selected frame shows reversed. */
            struct tui_list copy = *l;
            if (!focus)
                copy.sel = s->frame;
            tui_list_draw(w, "stack", &copy, focus, focus || s->pid, none);
            break;
        }
        case TUI_PANE_MEM:
            tui_mem_draw(t, w, focus);
            break;
        case TUI_PANE_CAPS:
            if (t->c->remote)
                snprintf(title, sizeof(title), "caps of task %u", t->caps_task);
            else
                snprintf(title, sizeof(title), "caps: descriptors and mappings");
            tui_list_draw(w, title, l, focus, focus, t->c->remote ? "(not attached)" : none);
            break;
        case TUI_PANE_BPS:
            tui_list_draw(w, pane_names[t->strip[i]], l, focus, focus, "(none)");
            break;
        default:
            tui_list_draw(w, pane_names[t->strip[i]], l, focus, focus,
                          t->strip[i] == TUI_PANE_TASKS ? "(not attached)" : none);
        }
    }
}

bool tui_list_move(struct tui_list *l, int ch, int page)
{
    int rows = l->n - l->header;
    switch (ch) {
    case 'j':
    case KEY_DOWN:
        l->sel++;
        break;
    case 'k':
    case KEY_UP:
        l->sel--;
        break;
    case KEY_NPAGE:
        l->sel += page;
        break;
    case KEY_PPAGE:
        l->sel -= page;
        break;
    default:
        return false;
    }
    if (l->sel >= rows)
        l->sel = rows - 1;
    if (l->sel < 0)
        l->sel = 0;
    return true;
}

void tui_strip_key(struct tui *t, int i, int ch)
{
    int pane = t->strip[i];
    if (ch == 27 || ch == 'i') {
        t->focus = t->back_focus;
        return;
    }
    if (pane == TUI_PANE_MEM) {
        tui_mem_key(t, ch);
        return;
    }
    if (tui_list_move(&t->lists[pane], ch, getmaxy(t->stripw[i]) - 2))
        return;
    switch (pane) {
    case TUI_PANE_STACK:
        tui_stack_key(t, ch);
        break;
    case TUI_PANE_LOCALS:
        tui_vars_key(t, ch);
        break;
    case TUI_PANE_BPS:
        tui_bps_key(t, ch);
        break;
    case TUI_PANE_THREADS:
        tui_threads_key(t, ch);
        break;
    case TUI_PANE_TASKS:
        tui_tasks_key(t, ch);
        break;
    case TUI_PANE_CAPS:
        tui_caps_key(t, ch);
        break;
    default:
        break;
    }
}

void tui_focus_next(struct tui *t)
{
    /* The ring: the strip's panes, the source, the disassembly, the console. */
    int ring[TUI_STRIP_MAX + 3], n = 0, at = -1;
    for (int i = 0; i < t->nstrip; i++)
        ring[n++] = TUI_FOCUS_STRIP + i;
    if (t->src)
        ring[n++] = TUI_FOCUS_SRC;
    if (t->asmw)
        ring[n++] = TUI_FOCUS_ASM;
    ring[n++] = TUI_FOCUS_CONSOLE;
    for (int i = 0; i < n; i++)
        if (ring[i] == t->focus)
            at = i;
    if (t->focus < TUI_FOCUS_STRIP)
        t->back_focus = t->focus; /* where Esc from the strip returns */
    /* From the console, Tab goes to the strip first (the kernel's tasks pane). */
    t->focus = at == n - 1 || at < 0 ? ring[0] : ring[at + 1];
    if (t->focus >= TUI_FOCUS_STRIP && t->strip[t->focus - TUI_FOCUS_STRIP] == TUI_PANE_STACK)
        t->lists[TUI_PANE_STACK].sel = t->c->s->frame; /* the keys start at the selected frame */
    if (t->focus == TUI_FOCUS_ASM)
        t->have_asm_cursor = false; /* its cursor starts at the pc */
}

static int pane_by_name(const char *name, size_t len)
{
    static const struct {
        const char *name;
        int pane;
    } aliases[] = {{"bp", TUI_PANE_BPS},
                   {"break", TUI_PANE_BPS},
                   {"mem", TUI_PANE_MEM},
                   {"watches", TUI_PANE_LOCALS},
                   {"fds", TUI_PANE_CAPS}};
    for (int p = 0; p < TUI_PANE_COUNT; p++)
        if (strlen(pane_names[p]) == len && !strncmp(pane_names[p], name, len))
            return p;
    for (size_t k = 0; k < sizeof(aliases) / sizeof(aliases[0]); k++)
        if (strlen(aliases[k].name) == len && !strncmp(aliases[k].name, name, len))
            return aliases[k].pane;
    return -1;
}

static void panes_command(struct tui *t, const char *args)
{
    char msg[TUI_LINE];
    if (!*args) {
        size_t n = (size_t)snprintf(msg, sizeof(msg), "Panes under the source:");
        for (int i = 0; i < t->nstrip && n < sizeof(msg); i++)
            n += (size_t)snprintf(msg + n, sizeof(msg) - n, " %s", pane_names[t->strip[i]]);
        snprintf(msg + n, sizeof(msg) - n, "%s%s\n", t->nstrip ? "" : " none",
                 t->nchosen ? "" : " (chosen by the terminal's size)");
        tui_console_append(t, msg, strlen(msg));
        static const char usage[] = "tui panes auto | NAME... (up to 4 of: stack locals "
                                    "breakpoints threads memory caps tasks)\n";
        tui_console_append(t, usage, sizeof(usage) - 1);
        return;
    }
    if (!strcmp(args, "auto")) {
        t->nchosen = 0;
        tui_layout(t);
        return;
    }
    int chosen[TUI_STRIP_MAX], n = 0;
    for (const char *p = args; *p;) {
        size_t len = strcspn(p, " ");
        int pane = pane_by_name(p, len);
        if (pane < 0 || n == TUI_STRIP_MAX) {
            snprintf(msg, sizeof(msg),
                     pane < 0 ? "No pane named \"%.*s\".\n" : "At most %d panes.\n",
                     pane < 0 ? (int)len : TUI_STRIP_MAX, p);
            tui_console_append(t, msg, strlen(msg));
            return;
        }
        chosen[n++] = pane;
        p += len;
        p += strspn(p, " ");
    }
    memcpy(t->chosen, chosen, sizeof(chosen));
    t->nchosen = n;
    tui_layout(t);
}

bool tui_strip_command(struct tui *t, const char *line)
{
    line += strspn(line, " ");
    if (strncmp(line, "tui", 3) || (line[3] && line[3] != ' '))
        return false;
    const char *args = line + 3;
    args += strspn(args, " ");
    if (!strncmp(args, "panes", 5) && (!args[5] || args[5] == ' ')) {
        panes_command(t, args + 5 + strspn(args + 5, " "));
    } else if (!strncmp(args, "mem", 3) && (!args[3] || args[3] == ' ')) {
        tui_mem_follow(t, args + 3 + strspn(args + 3, " "));
    } else {
        static const char usage[] =
            "tui panes [auto | NAME...]: the panes under the source\n"
            "tui mem EXPR: the memory pane shows memory from EXPR's value\n";
        tui_console_append(t, usage, sizeof(usage) - 1);
    }
    return true;
}
