/*
 * cli_event.c: what the command line says when the program stops, as gdb
 * words it: breakpoints, catchpoints, watchpoints and their scope, steps,
 * signals, the program's end, calls that returned; then the source line
 * and the displays.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/symtab.h>
#include <hdb/syscalls.h>
#include <hdb/value.h>
#include <hdb/watch.h>

/* Frame 0 as the unwinder sees it, for the arguments in a stop message. */
static struct hdb_frame frame0(struct hdb_cli *c, uint64_t pc)
{
    struct hdb_frame f[1];
    if (c->s->pid && hdb_session_backtrace(c->s, f, 1) == 1 && f[0].pc == pc)
        return f[0];
    return (struct hdb_frame){.pc = pc};
}

static const char *who(struct hdb_cli *c, int64_t tid, const char *single, char *buf, size_t len);

/* A watchpoint's report: which, the value before and after, then where. */
static void print_watch(struct hdb_cli *c, const struct hdb_event *ev, const struct hdb_frame *f0)
{
    struct hdb_breakpoint *b = hdb_bp_get(&c->s->bps, ev->bp_number);
    if (!b)
        return;
    bool access = b->watch_kind == HDB_WATCH_ACCESS;
    char who_buf[96];
    const char *w = who(c, ev->tid, "", who_buf, sizeof(who_buf));
    hdb_cli_out(c, "\n%s%s%s %d: %s\n\n", w, *w ? " hit " : "", hdb_cli_watch_kind(b, true),
                b->number, b->spec);
    struct hdb_value v = {.kind = HDB_VAL_DWARF, .unit = b->watch_unit, .type = b->watch_type};
    struct hdb_value old, now;
    /* The values' type is in the DWARF of the file the watchpoint was set in. */
    int prev = hdb_session_enter_image(c->s, b->watch_file);
    if (b->watch_len > 8 && hdb_watch_old_new(c->s, &old, &now) == 0) {
        /* A wide software watchpoint: its old and new objects were kept as copies. */
        hdb_sb_reset(&c->out);
        hdb_value_format(c->s, &old, 0, true, &c->out);
        hdb_cli_out(c, "Old value = %s\n", c->out.s);
        hdb_sb_reset(&c->out);
        hdb_value_format(c->s, &now, 0, true, &c->out);
        hdb_cli_out(c, "New value = %s\n", c->out.s);
    } else if (!access || ev->old_value != ev->new_value) {
        v.scalar = ev->old_value;
        hdb_sb_reset(&c->out);
        hdb_value_format(c->s, &v, 0, true, &c->out);
        hdb_cli_out(c, "Old value = %s\n", c->out.s);
        v.scalar = ev->new_value;
        hdb_sb_reset(&c->out);
        hdb_value_format(c->s, &v, 0, true, &c->out);
        hdb_cli_out(c, "New value = %s\n", c->out.s);
    } else {
        v.scalar = ev->new_value;
        hdb_sb_reset(&c->out);
        hdb_value_format(c->s, &v, 0, true, &c->out);
        hdb_cli_out(c, "Value = %s\n", c->out.s);
    }
    hdb_session_activate_module(c->s, prev);
    hdb_sb_reset(&c->out);
    hdb_cli_frame_desc(c, f0, false, false, &c->out);
    hdb_cli_out(c, "%s\n", c->out.s);
    hdb_cli_print_source_at(c, ev->pc, false, false);
}

/*
 * Who stopped: "Program" while the process has had one thread, else
 * `Thread N "name"` (gdb names the thread once a second one has existed).
 */
static const char *who(struct hdb_cli *c, int64_t tid, const char *single, char *buf, size_t len)
{
    struct hdb_session *s = c->s;
    if (s->next_thread_num <= 2)
        return single;
    char name[64] = "";
    if (s->target->ops->thread_name)
        s->target->ops->thread_name(s->target, tid, name, sizeof(name));
    snprintf(buf, len, "Thread %d \"%s\"", hdb_session_thread_num(s, tid), name);
    return buf;
}

/* The frame line and source line of a stop, then the displays. */
static void print_stop_frame(struct hdb_cli *c, const struct hdb_frame *f0, uint64_t pc)
{
    hdb_sb_reset(&c->out);
    hdb_cli_frame_desc(c, f0, false, false, &c->out);
    hdb_cli_out(c, "%s\n", c->out.s);
    hdb_cli_print_source_at(c, pc, false, false);
    hdb_cli_do_displays(c);
}

const char *hdb_cli_watch_kind(const struct hdb_breakpoint *b, bool sentence)
{
    if (b->watch_soft)
        return sentence ? "Watchpoint" : "watchpoint";
    if (b->watch_read)
        return sentence ? "Hardware read watchpoint" : "read watchpoint";
    if (b->watch_kind == HDB_WATCH_ACCESS)
        return sentence ? "Hardware access (read/write) watchpoint" : "acc watchpoint";
    return sentence ? "Hardware watchpoint" : "hw watchpoint";
}

/* $name = an int, or void (value NULL), as gdb sets its $_exitcode and $_exitsignal. */
static void set_int_conv(struct hdb_cli *c, const char *name, const int *value)
{
    struct hdb_value v, n = {.kind = HDB_VAL_VOID};
    if (hdb_values_conv(c->s, name, &v) < 0 || !v.conv1)
        return;
    if (value) {
        n.kind = HDB_VAL_INT;
        n.scalar = (uint64_t)(int64_t)*value;
    }
    hdb_values_set_conv(c->s, v.conv1, &n);
}

void hdb_cli_print_event(struct hdb_cli *c, const struct hdb_event *ev)
{
    struct hdb_frame f0 = frame0(c, ev->pc);
    char who_buf[96];
    c->last_stop = *ev;
    c->have_last_stop = true;
    switch (ev->kind) {
    case HDB_EV_EXITED:
        hdb_cli_note_stop(c, 0, true);
        set_int_conv(c, "_exitcode", &ev->exit_code);
        set_int_conv(c, "_exitsignal", NULL);
        if (ev->exit_code == 0)
            hdb_cli_out(c, "[Inferior 1 (process %lld) exited normally]\n", (long long)ev->tid);
        else
            hdb_cli_out(c, "[Inferior 1 (process %lld) exited with code 0%o]\n", (long long)ev->tid,
                        ev->exit_code);
        return;
    case HDB_EV_KILLED:
        hdb_cli_note_stop(c, 0, true);
        set_int_conv(c, "_exitcode", NULL);
        set_int_conv(c, "_exitsignal", &ev->signal);
        hdb_cli_out(c, "\nProgram terminated with signal %s, %s.\nThe program no longer exists.\n",
                    hdb_signal_name(ev->signal), hdb_signal_desc(ev->signal));
        return;
    case HDB_EV_SOLIB_UNLOADED:
        hdb_cli_out(
            c, "warning: Temporarily disabling breakpoints for unloaded shared library \"%s\"\n",
            ev->solib);
        return;
    case HDB_EV_SIGNAL:
        if (ev->signal > 0 && ev->signal < HDB_SIG_COUNT && !c->s->policy[ev->signal].stop) {
            /* print nostop: one line, and the program goes on. */
            hdb_cli_out(c, "\n%s received signal %s, %s.\n",
                        who(c, ev->tid, "Program", who_buf, sizeof(who_buf)),
                        hdb_signal_name(ev->signal), hdb_signal_desc(ev->signal));
            return;
        }
        hdb_cli_out(c, "\n%s received signal %s, %s.\n",
                    who(c, ev->tid, "Program", who_buf, sizeof(who_buf)),
                    hdb_signal_name(ev->signal), hdb_signal_desc(ev->signal));
        hdb_cli_note_stop(c, 0, true);
        print_stop_frame(c, &f0, ev->pc);
        return;
    case HDB_EV_BREAKPOINT:
        /* silent, a command list's first line: the stop is not shown. */
        if (hdb_cli_note_stop(c, ev->bp_number, true) && !ev->cond_call_stopped)
            return;
        if (ev->cond_call_stopped)
            hdb_cli_call_stopped(c, "Error in testing breakpoint condition:\n");
        hdb_sb_reset(&c->out);
        if (c->s->next_thread_num > 2) {
            hdb_sb_printf(&c->out, "\n%s hit %s %d, ",
                          who(c, ev->tid, "", who_buf, sizeof(who_buf)),
                          ev->bp_temporary ? "Temporary breakpoint" : "Breakpoint", ev->bp_number);
        } else {
            hdb_sb_printf(&c->out, "\n%s %d, ",
                          ev->bp_temporary ? "Temporary breakpoint" : "Breakpoint", ev->bp_number);
        }
        hdb_cli_frame_desc(c, &f0, false, false, &c->out);
        hdb_cli_out(c, "%s\n", c->out.s);
        hdb_cli_print_source_at(c, ev->pc, false, false);
        hdb_cli_do_displays(c);
        return;
    case HDB_EV_SYSCALL: {
        const char *name = hdb_syscall_name(ev->syscall);
        hdb_sb_reset(&c->out);
        hdb_sb_printf(&c->out, "\n");
        if (c->s->next_thread_num > 2)
            hdb_sb_printf(&c->out, "%s hit ", who(c, ev->tid, "", who_buf, sizeof(who_buf)));
        hdb_sb_printf(&c->out, "Catchpoint %d (%s syscall ", ev->bp_number,
                      ev->syscall_return ? "returned from" : "call to");
        if (name)
            hdb_sb_printf(&c->out, "%s), ", name);
        else
            hdb_sb_printf(&c->out, "%ld), ", ev->syscall);
        hdb_cli_frame_desc(c, &f0, false, false, &c->out);
        hdb_cli_out(c, "%s\n", c->out.s);
        hdb_cli_print_source_at(c, ev->pc, false, false);
        hdb_cli_do_displays(c);
        return;
    }
    case HDB_EV_WATCH:
        if (hdb_cli_note_stop(c, ev->bp_number, true))
            return;
        print_watch(c, ev, &f0);
        hdb_cli_do_displays(c);
        return;
    case HDB_EV_WATCH_SCOPE:
        hdb_cli_note_stop(c, 0, true);
        for (int i = 0; i < ev->nscope_bps; i++)
            hdb_cli_out(c,
                        "\nWatchpoint %d deleted because the program has left the block in\n"
                        "which its expression is valid.\n",
                        ev->scope_bps[i]);
        print_stop_frame(c, &f0, ev->pc);
        return;
    case HDB_EV_EXEC:
        hdb_cli_out(c, "process %lld is executing new program\n", (long long)ev->tid);
        return;
    case HDB_EV_CALL_DONE:
        return; /* gdb: "When the function is done executing, GDB will silently stop." */
    case HDB_EV_FINISHED:
    case HDB_EV_STEPPED: {
        hdb_cli_note_stop(c, 0, true);
        /* Where there is no source line to show, gdb shows the frame (0x... in f ()). */
        struct hdb_line_loc loc;
        bool no_line =
            !c->s->img || hdb_lines_find(&c->s->lines, hdb_session_to_link(c->s, ev->pc), &loc) < 0;
        if (ev->frame_changed || no_line) {
            hdb_sb_reset(&c->out);
            hdb_cli_frame_desc(c, &f0, false, false, &c->out);
            hdb_cli_out(c, "%s\n", c->out.s);
            hdb_cli_print_source_at(c, ev->pc, false, false);
        } else {
            hdb_cli_print_source_at(c, ev->pc, false, true);
        }
        hdb_cli_do_displays(c);
        return;
    }
    }
}
