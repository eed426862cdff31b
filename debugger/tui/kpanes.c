/*
 * kpanes.c: the TUI's kernel panes, shown while hdb is attached to a
 * remote kernel: its tasks (the `info tasks` table) and the capability
 * space of the task whose thread is selected (`info caps N`, brief:
 * slot, type, detail). Fetched once per stop, since every fetch is a
 * round of packets over the serial line; drawn from the copies.
 *
 * Tab gives the panes the keys: in the tasks pane Enter selects the task
 * (its thread: registers, stack and source follow), in the caps pane
 * Enter follows the capability to its object (`info cap TASK SLOT`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

struct sink {
    char (*text)[TUI_KPANE_WIDTH];
    int *n;
};

static void keep_line(void *ctx, const char *s)
{
    struct sink *k = ctx;
    if (*k->n < TUI_KPANE_LINES)
        snprintf(k->text[(*k->n)++], TUI_KPANE_WIDTH, "%s", s);
}

/* Thread N + 1 is task N (docs/abi.md); thread 1, the kernel, shows task 1's CSpace. */
static unsigned task_of_thread(int64_t tid)
{
    return tid >= 2 ? (unsigned)(tid - 1) : 1;
}

void tui_kpanes_refresh(struct tui *t)
{
    struct hdb_cli *c = t->c;
    t->ntasks_text = t->ncaps_text = 0;
    if (!c->remote || !c->s->pid || !t->tasks)
        return;
    /* The tables go to the panes; an error would go to the console, which is right. */
    struct sink tasks = {t->tasks_text, &t->ntasks_text};
    hdb_cli_os_view(c, HDB_INFO_TASKS, "", NULL, keep_line, &tasks);
    static const char *const brief[] = {"slot", "type", "detail", NULL};
    char id[16];
    t->caps_task = task_of_thread(c->s->cur_tid);
    snprintf(id, sizeof(id), "%u", t->caps_task);
    struct sink caps = {t->caps_text, &t->ncaps_text};
    hdb_cli_os_view(c, HDB_INFO_CAPS, id, brief, keep_line, &caps);
}

/* sel: the selected row under the header line (-1: the pane has no focus). */
static void draw_lines(WINDOW *w, const char *title, char (*text)[TUI_KPANE_WIDTH], int n, int sel)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    mvwprintw(w, 0, 2, " %.*s%s ", wd - 12 > 0 ? wd - 12 : 0, title, sel >= 0 ? " [Tab]" : "");
    if (n == 0)
        mvwprintw(w, 1, 2, "(not attached)");
    /* Scrolled so that the selected row shows. */
    int first = sel >= 0 && sel + 2 > h - 2 ? sel + 2 - (h - 2) : 0;
    for (int i = 0; i < n && i < h - 2; i++) {
        int row = i == 0 ? 0 : i + first;
        if (row >= n)
            break;
        if (row == sel + 1)
            wattron(w, A_REVERSE);
        mvwprintw(w, i + 1, 1, "%-*.*s", wd - 2 > 0 ? wd - 2 : 0, wd - 2 > 0 ? wd - 2 : 0,
                  text[row]);
        if (row == sel + 1)
            wattroff(w, A_REVERSE);
    }
}

void tui_kpanes_draw(struct tui *t)
{
    char title[64];
    draw_lines(t->tasks, "tasks", t->tasks_text, t->ntasks_text,
               t->kfocus == TUI_KFOCUS_TASKS ? t->task_sel : -1);
    snprintf(title, sizeof(title), "caps of task %u", t->caps_task);
    draw_lines(t->caps, title, t->caps_text, t->ncaps_text,
               t->kfocus == TUI_KFOCUS_CAPS ? t->cap_sel : -1);
}

/* The number a row starts with (task id, slot), or -1. */
static long row_number(const char *row)
{
    char *end;
    long v = strtol(row, &end, 10);
    return end == row ? -1 : v;
}

void tui_kpanes_key(struct tui *t, int ch)
{
    bool tasks = t->kfocus == TUI_KFOCUS_TASKS;
    int *sel = tasks ? &t->task_sel : &t->cap_sel;
    int rows = (tasks ? t->ntasks_text : t->ncaps_text) - 1; /* under the header */
    char cmd[64];
    switch (ch) {
    case 'j':
    case KEY_DOWN:
        if (*sel + 1 < rows)
            (*sel)++;
        break;
    case 'k':
    case KEY_UP:
        if (*sel > 0)
            (*sel)--;
        break;
    case '\n':
    case '\r':
    case KEY_ENTER: {
        if (*sel >= rows)
            break;
        long n = row_number(tasks ? t->tasks_text[*sel + 1] : t->caps_text[*sel + 1]);
        if (n < 0)
            break;
        /* Task N is thread N + 1 (thread 1 is the kernel). */
        if (tasks)
            snprintf(cmd, sizeof(cmd), "thread %ld", n + 1);
        else
            snprintf(cmd, sizeof(cmd), "info cap %u %ld", t->caps_task, n);
        tui_run_command(t, cmd);
        break;
    }
    case 27:
    case 'i':
        t->kfocus = TUI_KFOCUS_NONE;
        break;
    default:
        break;
    }
}
