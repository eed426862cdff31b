/*
 * kpanes.c: the tasks and caps panes. Attached to a kernel they show its
 * tasks (the `info tasks` table) and the capability space of the task
 * whose thread is selected (`info caps N`, brief: slot, type, detail),
 * fetched once per stop, since every fetch is a round of packets over the
 * serial line. On a Linux process the caps pane shows the same concept
 * there: the descriptors the process holds and its mappings (the
 * target's "caps" and "maps" tables, as `info caps` prints them).
 *
 * Enter in the tasks pane selects the task (its thread: registers, stack
 * and source follow); in a kernel's caps pane it follows the capability to
 * its object (`info cap TASK SLOT`); on a mapping of a process it points
 * the memory pane at the mapping's start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

static void keep_line(void *ctx, const char *s)
{
    tui_list_add(ctx, s);
}

/* Thread N + 1 is task N (docs/abi.md); thread 1, the kernel, shows task 1's CSpace. */
static unsigned task_of_thread(int64_t tid)
{
    return tid >= 2 ? (unsigned)(tid - 1) : 1;
}

void tui_tasks_refresh(struct tui *t)
{
    struct hdb_cli *c = t->c;
    struct tui_list *l = &t->lists[TUI_PANE_TASKS];
    if (!c->remote || !c->s->pid)
        return;
    /* The tables go to the panes; an error would go to the console, which is right. */
    hdb_cli_os_view(c, HDB_INFO_TASKS, "", NULL, keep_line, l);
    l->header = l->n ? 1 : 0;
}

void tui_caps_refresh(struct tui *t)
{
    struct hdb_cli *c = t->c;
    struct tui_list *l = &t->lists[TUI_PANE_CAPS];
    if (!c->s->pid)
        return;
    if (c->remote) {
        static const char *const brief[] = {"slot", "type", "detail", NULL};
        char id[16];
        t->caps_task = task_of_thread(c->s->cur_tid);
        snprintf(id, sizeof(id), "%u", t->caps_task);
        hdb_cli_os_view(c, HDB_INFO_CAPS, id, brief, keep_line, l);
        l->header = l->n ? 1 : 0;
        return;
    }
    /* A process: the descriptors, then the mappings, under their own header lines. */
    hdb_cli_os_view(c, HDB_INFO_OS, "caps", NULL, keep_line, l);
    l->header = l->n ? 1 : 0;
    static const char *const maps_cols[] = {"start", "end", "perms", "path", NULL};
    hdb_cli_os_view(c, HDB_INFO_OS, "maps", maps_cols, keep_line, l);
}

/* The number a row starts with (task id, slot), or -1. */
static long row_number(const char *row)
{
    char *end;
    long v = strtol(row, &end, 10);
    return end == row ? -1 : v;
}

void tui_tasks_key(struct tui *t, int ch)
{
    struct tui_list *l = &t->lists[TUI_PANE_TASKS];
    if ((ch != '\n' && ch != '\r' && ch != KEY_ENTER) || l->header + l->sel >= l->n)
        return;
    long n = row_number(l->text[l->header + l->sel]);
    if (n < 0)
        return;
    char cmd[64];
    snprintf(cmd, sizeof(cmd), "thread %ld", n + 1); /* task N is thread N + 1 */
    tui_run_command(t, cmd);
}

void tui_caps_key(struct tui *t, int ch)
{
    struct tui_list *l = &t->lists[TUI_PANE_CAPS];
    if ((ch != '\n' && ch != '\r' && ch != KEY_ENTER) || l->header + l->sel >= l->n)
        return;
    const char *row = l->text[l->header + l->sel];
    char cmd[64];
    if (t->c->remote) {
        long n = row_number(row);
        if (n < 0)
            return;
        snprintf(cmd, sizeof(cmd), "info cap %u %ld", t->caps_task, n);
        tui_run_command(t, cmd);
    } else if (!strncmp(row, "0x", 2)) {
        /* A mapping: the memory pane shows its first bytes. */
        snprintf(cmd, sizeof(cmd), "tui mem %.*s", (int)strcspn(row, " "), row);
        tui_run_command(t, cmd);
    }
}
