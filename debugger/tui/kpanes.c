/*
 * kpanes.c: the TUI's kernel panes, shown while hdb is attached to a
 * remote kernel: its tasks (the `info tasks` table) and the capability
 * space of the task whose thread is selected (`info caps N`, brief:
 * slot, type, detail). Fetched once per stop, since every fetch is a
 * round of packets over the serial line; drawn from the copies.
 */
#include <stdio.h>
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

static void draw_lines(WINDOW *w, const char *title, char (*text)[TUI_KPANE_WIDTH], int n)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    mvwprintw(w, 0, 2, " %.*s ", wd - 6 > 0 ? wd - 6 : 0, title);
    if (n == 0)
        mvwprintw(w, 1, 2, "(not attached)");
    for (int i = 0; i < n && i < h - 2; i++)
        mvwprintw(w, i + 1, 1, "%.*s", wd - 2 > 0 ? wd - 2 : 0, text[i]);
}

void tui_kpanes_draw(struct tui *t)
{
    char title[64];
    draw_lines(t->tasks, "tasks", t->tasks_text, t->ntasks_text);
    snprintf(title, sizeof(title), "caps of task %u", t->caps_task);
    draw_lines(t->caps, title, t->caps_text, t->ncaps_text);
}
