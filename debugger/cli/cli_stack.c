/*
 * cli_stack.c: backtrace, frame, up, down and thread.
 */
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>

static int frames_of(struct hdb_cli *c, struct hdb_frame *frames)
{
    if (!c->s->pid) {
        hdb_cli_err(c, "No stack.\n");
        return HDB_E_NO_PROCESS;
    }
    int n = hdb_session_backtrace(c->s, frames, HDB_MAX_FRAMES);
    if (n <= 0) {
        hdb_cli_err(c, "No stack.\n");
        return n < 0 ? n : HDB_E_NO_FRAME;
    }
    return n;
}

/* bt full: a frame's locals under it, eight spaces in, as info locals lists them. */
static void frame_locals(struct hdb_cli *c, int level, const struct hdb_frame *f)
{
    struct hdb_session *s = c->s;
    int frame = s->frame, prev = s->active_mod - 1;
    s->frame = level;
    hdb_session_activate_pc(s, level && !f->exact_pc ? f->pc - 1 : f->pc);
    hdb_cli_list_vars(c, false, "        ");
    s->frame = frame;
    hdb_session_activate_module(s, prev);
}

static int backtrace_cmd(struct hdb_cli *c, const char *args)
{
    struct hdb_frame frames[HDB_MAX_FRAMES];
    /* backtrace [full|-full] [N]: the words in either order, as gdb takes them. */
    bool full = false;
    long limit = 0;
    for (const char *p = args; *p;) {
        while (*p == ' ')
            p++;
        size_t len = 0;
        while (p[len] && p[len] != ' ')
            len++;
        if ((len == 4 && !strncmp(p, "full", 4)) || (len == 5 && !strncmp(p, "-full", 5)))
            full = true;
        else if (len)
            limit = strtol(p, NULL, 10);
        p += len;
    }
    int n = frames_of(c, frames);
    if (n < 0)
        return n;
    if (limit <= 0 || limit > n)
        limit = n;
    for (int i = 0; i < limit; i++) {
        hdb_sb_reset(&c->out);
        hdb_sb_printf(&c->out, "#%-3d", i);
        hdb_cli_frame_desc(c, &frames[i], i > 0, false, &c->out);
        hdb_cli_out(c, "%s\n", c->out.s);
        if (full)
            frame_locals(c, i, &frames[i]);
    }
    if (full && limit < n && !c->batch)
        hdb_cli_out(c, "\n");
    if (limit < n && !c->batch)
        hdb_cli_out(c, "(More stack frames follow...)\n");
    return 0;
}

static int select_frame(struct hdb_cli *c, int level)
{
    struct hdb_frame frames[HDB_MAX_FRAMES];
    if (!c->s->pid) {
        hdb_cli_err(c, "No registers.\n");
        return HDB_E_NO_PROCESS;
    }
    int n = frames_of(c, frames);
    if (n < 0)
        return n;
    if (level < 0) {
        hdb_cli_err(c, "Bottom (innermost) frame selected; you cannot go down.\n");
        return HDB_E_NO_FRAME;
    }
    if (level >= n) {
        if (level == c->s->frame + 1)
            hdb_cli_err(c, "Initial frame selected; you cannot go up.\n");
        else
            hdb_cli_err(c, "No frame at level %d.\n", level);
        return HDB_E_NO_FRAME;
    }
    c->s->frame = level;
    /* The frame's file answers for its variables and lines from now on. */
    const struct hdb_frame *f = &frames[level];
    hdb_session_activate_pc(c->s, level && !f->exact_pc ? f->pc - 1 : f->pc);
    hdb_cli_print_frame(c, level, f, true);
    return 0;
}

/* frame [N], frame level N, frame function NAME (gdb 10's forms). */
static int frame_cmd(struct hdb_cli *c, const char *args)
{
    if (!strncmp(args, "level ", 6))
        return select_frame(c, (int)strtol(args + 6, NULL, 10));
    if (strncmp(args, "function ", 9) != 0)
        return select_frame(c, *args ? (int)strtol(args, NULL, 10) : c->s->frame);
    const char *name = args + 9;
    while (*name == ' ')
        name++;
    struct hdb_frame frames[HDB_MAX_FRAMES];
    int n = frames_of(c, frames);
    if (n < 0)
        return n;
    for (int i = 0; i < n; i++)
        if (hdb_cli_frame_is(c, &frames[i], i > 0, name))
            return select_frame(c, i);
    /* A function the program has, not on the stack, or no such function (gdb's two lines). */
    uint64_t loc;
    if (hdb_session_resolve(c->s, name, &loc, 1) == 1)
        hdb_cli_err(c, "No frame for function \"%s\".\n", name);
    else
        hdb_cli_err(c, "Function \"%s\" not defined.\n", name);
    return HDB_E_NOT_FOUND;
}

static int thread_cmd(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    if (!s->pid) {
        hdb_cli_err(c, "No thread selected.\n");
        return HDB_E_NO_PROCESS;
    }
    if (!*args) {
        hdb_cli_out(c, "[Current thread is %d (LWP %lld)]\n", hdb_session_thread_num(s, s->cur_tid),
                    (long long)s->cur_tid);
        return 0;
    }
    long num = strtol(args, NULL, 10);
    for (int i = 0; i < s->nthreads; i++) {
        if (s->threads[i].num != num)
            continue;
        s->cur_tid = s->threads[i].tid;
        s->frame = 0;
        hdb_session_follow_thread(s);
        hdb_cli_out(c, "[Switching to thread %ld (%s %lld)]\n", num, c->remote ? "Thread" : "LWP",
                    (long long)s->cur_tid);
        struct hdb_frame f[1];
        if (hdb_session_backtrace(s, f, 1) == 1)
            hdb_cli_print_frame(c, 0, &f[0], true);
        return 0;
    }
    hdb_cli_err(c, "Invalid thread ID: %s\n", args);
    return HDB_E_NOT_FOUND;
}

int hdb_cli_cmd_stack(struct hdb_cli *c, int id, const char *args)
{
    switch (id) {
    case HDB_CMD_BACKTRACE:
        return backtrace_cmd(c, args);
    case HDB_CMD_FRAME:
        return frame_cmd(c, args);
    case HDB_CMD_UP:
        return select_frame(c, c->s->frame + (*args ? (int)strtol(args, NULL, 10) : 1));
    case HDB_CMD_DOWN:
        return select_frame(c, c->s->frame - (*args ? (int)strtol(args, NULL, 10) : 1));
    default:
        return thread_cmd(c, args);
    }
}
