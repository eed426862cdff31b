/*
 * cli_kernel.c: the commands for remote targets and the machines behind
 * them: `target remote HOST:PORT|DEVICE`, `monitor CMD`, and the views of
 * a kernel's own state that its stub serves as osdata tables: `info
 * tasks`, `info caps [TASK]`, `info objects|memory|cpu|faults`, `info os
 * [TYPE]`. Against the Helios kernel these are the tables `monitor
 * tasks` etc. print, so plain gdb (`info os`, `monitor`) sees the same.
 * On a Linux process `info caps` shows the ptrace target's tables of the
 * same form: its file descriptors and its memory mappings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/osdata.h>
#include <hdb/remote.h>

#define OS_TABLE_MAX (256 * 1024)

int hdb_cli_target_remote(struct hdb_cli *c, const char *where)
{
    struct hdb_session *s = c->s;
    if (s->pid) {
        hdb_cli_err(c, "A program is being debugged already.\n");
        return HDB_E_RUNNING;
    }
    if (!*where) {
        hdb_cli_err(c, "To open a remote debug connection, you need to specify what\n"
                       "serial device is attached to the remote system\n"
                       "(e.g. /dev/ttyS0, /dev/ttya), or a HOST:PORT.\n");
        return HDB_E_ARG;
    }
    struct hdb_link link;
    int rc = c->plat->open_link ? c->plat->open_link(c->plat->ctx, where, &link) : HDB_E_NOTSUP;
    if (rc < 0) {
        hdb_cli_err(c, "%s: %s.\n", where,
                    rc == HDB_E_NOT_FOUND ? "No such file or directory" : "Connection refused");
        return rc;
    }
    rc = hdb_remote_target_new(&c->remote_target, c->plat, link);
    if (rc < 0) {
        link.close(link.ctx);
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    c->local_target = s->target;
    s->target = &c->remote_target;
    c->remote = true;
    hdb_cli_out(c, "Remote debugging using %s\n", where);
    rc = hdb_session_attach(s, 1);
    if (rc < 0) {
        hdb_cli_err(c, "Remote connection closed: %s\n", hdb_strerror(rc));
        hdb_cli_remote_close(c);
        return rc;
    }
    s->cur_tid = s->target->ops->stop_thread(s->target);
    hdb_session_refresh_threads(s);
    hdb_session_follow_thread(s);
    struct hdb_frame f[1];
    if (hdb_session_backtrace(s, f, 1) == 1)
        hdb_cli_print_frame(c, 0, &f[0], false);
    return 0;
}

void hdb_cli_remote_close(struct hdb_cli *c)
{
    if (!c->remote)
        return;
    hdb_session_forget_process(c->s);
    c->s->target = c->local_target;
    hdb_remote_target_free(&c->remote_target);
    c->remote = false;
}

static int cmd_target(struct hdb_cli *c, const char *args)
{
    size_t n = 0;
    while (args[n] && args[n] != ' ')
        n++;
    if ((n == 6 && !strncmp(args, "remote", 6)) ||
        (n == 15 && !strncmp(args, "extended-remote", 15))) {
        args += n;
        while (*args == ' ')
            args++;
        return hdb_cli_target_remote(c, args);
    }
    hdb_cli_err(c, "Undefined target command: \"%s\".  Try \"help target\".\n", args);
    return HDB_E_NOT_FOUND;
}

static void monitor_out(void *ctx, const char *s, size_t len)
{
    struct hdb_cli *c = ctx;
    c->plat->out(c->plat->ctx, s, len);
}

static int need_remote(struct hdb_cli *c, bool table)
{
    struct hdb_target *t = c->s->target;
    if (!c->s->pid) {
        hdb_cli_err(c, "The program is not being run.\n");
        return HDB_E_NO_PROCESS;
    }
    if (table ? !t->ops->os_table : !t->ops->monitor) {
        hdb_cli_err(c, table ? "Can not fetch data now.\n"
                             : "\"monitor\" command not supported by this target.\n");
        return HDB_E_NOTSUP;
    }
    return 0;
}

static int cmd_monitor(struct hdb_cli *c, const char *args)
{
    int rc = need_remote(c, false);
    if (rc < 0)
        return rc;
    rc = c->s->target->ops->monitor(c->s->target, args, monitor_out, c);
    if (rc == HDB_E_NOTSUP)
        hdb_cli_err(c, "Target does not support this command.\n");
    else if (rc < 0)
        hdb_cli_err(c, "Protocol error with Rcmd\n");
    return rc;
}

/*
 * info object ID, info cap TASK SLOT: one object and what names it, found
 * by its id or by following a task's capability (the stub's `monitor
 * object` and `monitor cap`, whose text is shown as it comes).
 */
int hdb_cli_info_object(struct hdb_cli *c, int id, const char *args)
{
    char cmd[128];
    if (!*args) {
        hdb_cli_err(c, id == HDB_INFO_OBJECT ? "Argument required (object id).\n"
                                             : "Arguments required (task and slot).\n");
        return HDB_E_ARG;
    }
    snprintf(cmd, sizeof(cmd), "%s %s", id == HDB_INFO_OBJECT ? "object" : "cap", args);
    return cmd_monitor(c, cmd);
}

int hdb_cli_cmd_remote(struct hdb_cli *c, int id, const char *args)
{
    return id == HDB_CMD_TARGET ? cmd_target(c, args) : cmd_monitor(c, args);
}

/* ---- osdata views ------------------------------------------------------ */

struct view {
    const char *type;        /* the osdata table */
    const char *const *cols; /* the columns shown, NULL: all */
    const char *filter_col;  /* rows whose filter_col equals filter_val */
    const char *filter_val;
    const char *symbol_col; /* an address column shown with <symbol+off> */
};

/*
 * An address with the symbol it falls in, as gdb's x/a shows it: in the
 * program a task runs when the row names a task (tid > 0), else in the
 * kernel.
 */
static void with_symbol(struct hdb_cli *c, int64_t tid, const char *v, char *out, size_t len)
{
    char *end;
    unsigned long long a = strtoull(v, &end, 16);
    uint64_t start = 0;
    const char *sym = NULL;
    if (*v && !*end)
        sym = tid > 0 ? hdb_session_thread_symbol(c->s, tid, a, &start)
                      : hdb_session_symbol_at(c->s, a, &start);
    if (!sym)
        snprintf(out, len, "%s", v);
    else if (a == start)
        snprintf(out, len, "%s <%s>", v, sym);
    else
        snprintf(out, len, "%s <%s+%llu>", v, sym, (unsigned long long)(a - start));
}

/* One output line of a table; cut at the buffer, which panes cut further anyway. */
struct table_line {
    char buf[512];
    size_t len;
};

static void cell_append(struct table_line *l, const char *v, size_t width, bool last)
{
    if (l->len >= sizeof(l->buf) - 1)
        return;
    int n = last ? snprintf(l->buf + l->len, sizeof(l->buf) - l->len, "%s", v)
                 : snprintf(l->buf + l->len, sizeof(l->buf) - l->len, "%-*s  ", (int)width, v);
    if (n > 0)
        l->len += (size_t)n < sizeof(l->buf) - l->len ? (size_t)n : sizeof(l->buf) - 1 - l->len;
}

static int show_table(struct hdb_cli *c, const struct view *v,
                      void (*line)(void *ctx, const char *s), void *ctx)
{
    int rc = need_remote(c, true);
    if (rc < 0)
        return rc;
    char *xml = hdb_alloc(c->plat, OS_TABLE_MAX);
    if (!xml)
        return HDB_E_NOMEM;
    struct hdb_os_table t;
    rc = c->s->target->ops->os_table(c->s->target, v->type, xml, OS_TABLE_MAX);
    if (rc >= 0)
        rc = hdb_os_table_parse(&t, c->plat, xml);
    if (rc < 0) {
        hdb_cli_err(c, "Can not fetch data now.\n");
        hdb_free(c->plat, xml, OS_TABLE_MAX);
        return rc;
    }
    int cols[HDB_OS_MAX_COLS], ncols = 0;
    for (size_t k = 0; k < t.ncols; k++) {
        bool shown = !v->cols;
        for (int j = 0; v->cols && v->cols[j]; j++)
            shown |= !strcmp(v->cols[j], t.cols[k]);
        if (shown)
            cols[ncols++] = (int)k;
    }
    if (t.nrows == 0) {
        struct table_line l = {.len = 0};
        snprintf(l.buf, sizeof(l.buf), "No %s.", *v->type ? v->type : "tables");
        line(ctx, l.buf);
        hdb_os_table_free(&t);
        hdb_free(c->plat, xml, OS_TABLE_MAX);
        return 0;
    }
    int filter = v->filter_col ? hdb_os_table_col(&t, v->filter_col) : -1;
    int symcol = v->symbol_col ? hdb_os_table_col(&t, v->symbol_col) : -1;
    /* Task N is thread N + 1: its rip is in the program it runs. */
    int taskcol = !strcmp(v->type, "tasks") ? hdb_os_table_col(&t, "id") : -1;
    size_t width[HDB_OS_MAX_COLS];
    char cell[160];
    /* Two passes: the widths, then the rows; the last column is not padded. */
    for (int pass = 0; pass < 2; pass++) {
        struct table_line l = {.len = 0};
        for (int j = 0; j < ncols; j++) {
            const char *h = t.cols[cols[j]];
            if (pass == 0)
                width[j] = strlen(h);
            else
                cell_append(&l, h, width[j], j + 1 == ncols);
        }
        if (pass == 1)
            line(ctx, l.buf);
        for (size_t r = 0; r < t.nrows; r++) {
            if (filter >= 0 && strcmp(hdb_os_table_cell(&t, r, (size_t)filter), v->filter_val))
                continue;
            l.len = 0;
            for (int j = 0; j < ncols; j++) {
                const char *val = hdb_os_table_cell(&t, r, (size_t)cols[j]);
                if (cols[j] == symcol) {
                    long task = taskcol >= 0
                                    ? strtol(hdb_os_table_cell(&t, r, (size_t)taskcol), NULL, 10)
                                    : 0;
                    with_symbol(c, task > 0 ? task + 1 : 0, val, cell, sizeof(cell));
                    val = cell;
                }
                if (pass == 0 && strlen(val) > width[j])
                    width[j] = strlen(val);
                else if (pass == 1)
                    cell_append(&l, val, width[j], j + 1 == ncols);
            }
            if (pass == 1)
                line(ctx, l.buf);
        }
    }
    hdb_os_table_free(&t);
    hdb_free(c->plat, xml, OS_TABLE_MAX);
    return 0;
}

static void print_line(void *ctx, const char *s)
{
    hdb_cli_out(ctx, "%s\n", s);
}

/*
 * info caps on a process: Linux's capability space, the descriptors it
 * holds, and its address space, its mappings (the target's "caps" and
 * "maps" tables; linux-port/procview.c reads them from /proc).
 */
static int info_caps_process(struct hdb_cli *c)
{
    int rc = need_remote(c, true);
    if (rc < 0)
        return rc;
    hdb_cli_out(c, "File descriptors of process %lld:\n", (long long)c->s->pid);
    rc = hdb_cli_os_view(c, HDB_INFO_OS, "caps", NULL, print_line, c);
    if (rc < 0)
        return rc;
    hdb_cli_out(c, "Memory mappings of process %lld:\n", (long long)c->s->pid);
    return hdb_cli_os_view(c, HDB_INFO_OS, "maps", NULL, print_line, c);
}

int hdb_cli_info_os(struct hdb_cli *c, int id, const char *args)
{
    if (id == HDB_INFO_CAPS && !c->remote) {
        if (*args) {
            hdb_cli_err(c, "A process has one descriptor table: \"info caps\" takes no task.\n");
            return HDB_E_ARG;
        }
        return info_caps_process(c);
    }
    if (id == HDB_INFO_CAPS && *args) {
        char *end;
        strtoul(args, &end, 10);
        if (end == args || *end) {
            hdb_cli_err(c, "Invalid task id: %s\n", args);
            return HDB_E_ARG;
        }
        hdb_cli_out(c, "CSpace of task %s:\n", args);
    }
    return hdb_cli_os_view(c, id, args, NULL, print_line, c);
}

int hdb_cli_os_view(struct hdb_cli *c, int id, const char *args, const char *const *cols,
                    void (*line)(void *ctx, const char *s), void *ctx)
{
    static const char *const caps_cols[] = {"slot",   "type",         "rights", "badge",
                                            "object", "derived from", "detail", NULL};
    struct view v = {0};
    switch (id) {
    case HDB_INFO_TASKS:
        v = (struct view){.type = "tasks", .symbol_col = "rip"};
        break;
    case HDB_INFO_CAPS:
        v = (struct view){.type = "caps"};
        if (*args) {
            v.cols = caps_cols;
            v.filter_col = "task";
            v.filter_val = args;
        }
        break;
    case HDB_INFO_OBJECTS:
        v.type = "objects";
        break;
    case HDB_INFO_MEMORY:
        v.type = "memory";
        break;
    case HDB_INFO_CPU:
        v.type = "cpu";
        break;
    case HDB_INFO_FAULTS:
        v = (struct view){.type = "faults", .symbol_col = "rip"};
        break;
    default:
        v.type = *args ? args : "";
        break;
    }
    if (cols)
        v.cols = cols;
    return show_table(c, &v, line, ctx);
}
