/*
 * cli_run.c: the commands that start, stop and resume the program:
 * run, start, starti, attach, detach, kill, continue, next, step, stepi, nexti,
 * finish, and handle (the signal policy).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/symtab.h>
#include <hdb/value.h>

static int need_process(struct hdb_cli *c)
{
    if (c->s->pid)
        return 0;
    hdb_cli_err(c, "The program is not being run.\n");
    return HDB_E_NO_PROCESS;
}

/*
 * After an exec: say so, load the new program, put the breakpoints into
 * it, and carry on as gdb does (there is no `catch exec` yet).
 */
static int follow_execs(struct hdb_cli *c, struct hdb_event *ev)
{
    struct hdb_session *s = c->s;
    int rc = 0;
    while (ev->kind == HDB_EV_EXEC && rc == 0) {
        char path[1024];
        const struct hdb_image *img;
        char why[256];
        if (s->target->ops->exe_path(s->target, path, sizeof(path)) < 0)
            snprintf(path, sizeof(path), "%s", c->prog);
        hdb_cli_out(c, "process %lld is executing new program: %s\n", (long long)s->pid, path);
        if (c->loader.load(c->loader.ctx, path, &img, why, sizeof(why)) < 0) {
            hdb_cli_err(c, "%s: %s.\n", path, why);
            return HDB_E_FORMAT;
        }
        int disabled = hdb_session_exec_reload(s, img, path);
        if (disabled < 0) {
            c->loader.unload(c->loader.ctx, img);
            hdb_cli_err(c, "%s\n", hdb_strerror(disabled));
            return disabled;
        }
        if (c->img)
            c->loader.unload(c->loader.ctx, c->img);
        c->img = img;
        snprintf(c->prog, sizeof(c->prog), "%s", path);
        c->list_valid = false;
        rc = hdb_session_continue(s, ev);
    }
    return rc;
}

/* Splits run's arguments at blanks (quotes group words, as a shell would). */
int hdb_cli_set_args_line(struct hdb_cli *c, const char *args)
{
    char *argv[64] = {NULL};
    int argc = 0;
    char word[1024];
    const char *p = args;
    while (*p && argc < 63) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t n = 0;
        char quote = 0;
        while (*p && (quote || (*p != ' ' && *p != '\t'))) {
            if (!quote && (*p == '"' || *p == '\'')) {
                quote = *p++;
                continue;
            }
            if (quote && *p == quote) {
                quote = 0;
                p++;
                continue;
            }
            if (n + 1 < sizeof(word))
                word[n++] = *p;
            p++;
        }
        word[n] = 0;
        argv[argc] = hdb_strdup(c->plat, word);
        if (!argv[argc])
            break;
        argc++;
    }
    int rc = hdb_cli_set_args(c, argc, argv);
    for (int i = 0; i < argc; i++)
        hdb_strfree(c->plat, argv[i]);
    /* show args shows them as typed, trailing blanks gone. */
    size_t n = strlen(args);
    while (n && (args[n - 1] == ' ' || args[n - 1] == '\t'))
        n--;
    snprintf(c->args_line, sizeof(c->args_line), "%.*s", (int)n, args);
    return rc;
}

/*
 * Where starti stopped. A dynamically linked program starts in its
 * interpreter, which is not yet a library the session knows (the loader
 * has not said so through r_debug): its function is named from the
 * interpreter's own symbols at its load address (AT_BASE), as gdb names
 * it through PT_INTERP.
 */
static void print_first_insn(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    struct hdb_frame f[1];
    if (hdb_session_backtrace(s, f, 1) != 1)
        return;
    uint64_t pc = f[0].pc, auxv[512], base = 0;
    const struct hdb_image *ld;
    char why[256];
    if (s->img->interp && !hdb_session_module_at(s, pc) && !hdb_session_func_at(s, pc, NULL)) {
        int n = s->target->ops->read_auxv ? s->target->ops->read_auxv(s->target, auxv, sizeof(auxv))
                                          : 0;
        for (int i = 0; i + 1 < n / 8 && auxv[i]; i += 2)
            if (auxv[i] == 7) /* AT_BASE */
                base = auxv[i + 1];
    }
    if (base && c->loader.load(c->loader.ctx, s->img->interp, &ld, why, sizeof(why)) == 0) {
        const struct hdb_symbol *sym = hdb_sym_func_at(ld, pc - base);
        hdb_cli_out(c, "0x%016llx in %s () from %s\n", (unsigned long long)pc,
                    sym ? sym->name : "??", s->img->interp);
        c->loader.unload(c->loader.ctx, ld);
    } else {
        hdb_cli_print_frame(c, 0, &f[0], false);
    }
    hdb_cli_do_displays(c);
}

/* run, start (to_main) and starti (first_insn: stopped before the program's first instruction). */
static int start_process(struct hdb_cli *c, const char *args, bool to_main, bool first_insn)
{
    struct hdb_session *s = c->s;
    if (!s->img) {
        hdb_cli_err(c, "No executable file specified.\nUse the \"file\" command.\n");
        return HDB_E_NOT_FOUND;
    }
    if (s->pid) {
        /* gdb asks; a script cannot answer, so the old process goes, as with gdb -batch. */
        hdb_session_kill(s);
    }
    if (*args && hdb_cli_set_args_line(c, args) < 0)
        return HDB_E_NOMEM;
    char *argv[66];
    argv[0] = c->prog;
    for (int i = 0; i < c->nrun_args; i++)
        argv[i + 1] = c->run_args[i];
    argv[c->nrun_args + 1] = NULL;
    /* Like gdb, the progress messages are for people; batch runs (from_tty = 0) omit them. */
    if (!c->batch) {
        hdb_cli_out(c, "Starting program: %s", c->prog);
        for (int i = 0; i < c->nrun_args; i++)
            hdb_cli_out(c, " %s", c->run_args[i]);
        hdb_cli_out(c, "\n");
    }
    int tbp = 0;
    if (to_main) {
        uint64_t addr;
        if (hdb_session_resolve(s, "main", &addr, 1) == 1) {
            tbp = hdb_bp_add(&s->bps, "main", true, &addr, 1);
            hdb_sb_reset(&c->out);
            hdb_cli_out(c, "Temporary breakpoint %d at 0x%llx\n", tbp,
                        (unsigned long long)hdb_session_bp_runtime(s, addr));
        }
    }
    int rc = hdb_session_start(s, argv);
    if (rc < 0) {
        hdb_cli_err(c, "During startup program exited: %s\n", hdb_strerror(rc));
        return rc;
    }
    c->have_last_stop = false;
    if (first_insn) {
        hdb_cli_out(c, "\nProgram stopped.\n");
        print_first_insn(c);
        return 0;
    }
    struct hdb_event ev;
    rc = hdb_session_continue(s, &ev);
    if (rc == 0)
        rc = follow_execs(c, &ev);
    if (rc < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    hdb_cli_print_event(c, &ev);
    return 0;
}

/* Before a line step where the pc has no line: gdb's words for stepping out of the function. */
static void say_no_lines(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    struct hdb_regs regs;
    struct hdb_line_loc loc;
    if (hdb_session_regs(s, &regs) < 0 ||
        hdb_lines_find(&s->lines, hdb_session_to_link(s, regs.v[HDB_REG_RIP]), &loc) == 0)
        return;
    const char *fn = hdb_session_func_at(s, regs.v[HDB_REG_RIP], NULL);
    if (fn)
        hdb_cli_out(c,
                    "Single stepping until exit from function %s,\n"
                    "which has no line number information.\n",
                    fn);
}

static int resume_cmd(struct hdb_cli *c, int id, const char *args)
{
    struct hdb_session *s = c->s;
    if (need_process(c) < 0)
        return HDB_E_NO_PROCESS;
    long count = *args ? strtol(args, NULL, 0) : 1;
    if (count < 1)
        count = 1;
    struct hdb_event ev;
    int rc = 0;
    if (id == HDB_CMD_CONTINUE && count > 1) {
        /* continue N: the breakpoint the program stopped at is ignored N-1 more times. */
        struct hdb_regs regs;
        struct hdb_breakpoint *b = NULL;
        if (hdb_session_regs(s, &regs) == 0)
            b = hdb_bp_at(&s->bps, hdb_session_bp_loc(s, regs.v[HDB_REG_RIP]));
        if (b) {
            b->ignore = (unsigned)(count - 1);
            if (!c->batch)
                hdb_cli_out(c, "Will ignore next %ld crossings of breakpoint %d.  ", count - 1,
                            b->number);
        }
    }
    if (id == HDB_CMD_CONTINUE && !c->batch)
        hdb_cli_out(c, "Continuing.\n");
    for (long i = 0; i < count; i++) {
        switch (id) {
        case HDB_CMD_CONTINUE:
            rc = hdb_session_continue(s, &ev);
            i = count;
            break;
        case HDB_CMD_NEXT:
        case HDB_CMD_STEP:
            say_no_lines(c);
            rc = hdb_session_step_line(s, id == HDB_CMD_NEXT, &ev);
            break;
        case HDB_CMD_NEXTI:
            rc = hdb_session_step_insn(s, true, &ev);
            break;
        default:
            rc = hdb_session_step_insn(s, false, &ev);
            break;
        }
        if (rc == 0)
            rc = follow_execs(c, &ev);
        if (rc < 0) {
            hdb_cli_err(c, "%s\n", hdb_strerror(rc));
            return rc;
        }
        /* Intermediate steps of `next N` print only when something else happened. */
        if (i + 1 >= count || ev.kind != HDB_EV_STEPPED)
            hdb_cli_print_event(c, &ev);
        if (ev.kind != HDB_EV_STEPPED)
            break;
    }
    return 0;
}

/* The value a function returns, from rax (regs), for integer, pointer and enum types. */
static void return_value(struct hdb_cli *c, uint64_t func_pc, const struct hdb_regs *regs)
{
    struct hdb_session *s = c->s;
    const struct hdb_dfunc *f = hdb_dinfo_func_at(&s->dinfo, hdb_session_to_link(s, func_pc));
    if (!f)
        return;
    struct dwarf_unit u;
    struct dwarf_die d;
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t type;
    if (hdb_dinfo_die(&s->dw, f->unit, f->decl, &u, &d) < 0 ||
        dwarf_die_attr(&d, DW_AT_type, &a) <= 0 || dwarf_attr_ref(&a, &sec, &type) < 0)
        return; /* void */
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, f->unit, type, &t) < 0 ||
        (t.tag != DW_TAG_base_type && t.tag != DW_TAG_pointer_type &&
         t.tag != DW_TAG_enumeration_type) ||
        t.encoding == DW_ATE_float || t.size > 8)
        return;
    /* Integers and pointers come back in rax (System V ABI 3.2.3). */
    struct hdb_value v = {.kind = HDB_VAL_DWARF,
                          .unit = f->unit,
                          .type = type,
                          .lvalue = false,
                          .scalar = regs->v[HDB_REG_RAX]};
    hdb_sb_reset(&c->out);
    int rc = hdb_value_format(s, &v, 0, true, &c->out);
    if (rc == 0)
        hdb_cli_out(c, "Value returned is $%d = %s\n", hdb_cli_record(c, &v), c->out.s);
}

static void print_return_value(struct hdb_cli *c, uint64_t func_pc, const struct hdb_regs *regs)
{
    /* The function's own file has its type (a library's, when it returned from one). */
    int prev = hdb_session_enter_pc(c->s, func_pc);
    return_value(c, func_pc, regs);
    hdb_session_activate_module(c->s, prev);
}

static int finish_cmd(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    if (need_process(c) < 0)
        return HDB_E_NO_PROCESS;
    struct hdb_frame frames[HDB_MAX_FRAMES];
    int n = hdb_session_backtrace(s, frames, HDB_MAX_FRAMES);
    if (n <= s->frame + 1) {
        hdb_cli_err(c, "\"finish\" not meaningful in the outermost frame.\n");
        return HDB_E_NO_FRAME;
    }
    if (!c->batch) {
        hdb_sb_reset(&c->out);
        hdb_sb_printf(&c->out, "Run till exit from #%-3d", s->frame);
        hdb_cli_frame_desc(c, &frames[s->frame], s->frame > 0, false, &c->out);
        hdb_cli_out(c, "%s\n", c->out.s);
    }
    struct hdb_event ev;
    struct hdb_frame done;
    int rc = hdb_session_finish(s, &ev, &done);
    if (rc == 0)
        rc = follow_execs(c, &ev);
    if (rc < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    struct hdb_regs regs;
    if (ev.kind == HDB_EV_CALL_DONE) {
        /* Out of a function called from an expression: its dummy frame is gone, as in gdb. */
        struct hdb_frame f[1];
        if (hdb_session_backtrace(s, f, 1) == 1)
            hdb_cli_print_frame(c, 0, &f[0], false);
        print_return_value(c, done.pc, hdb_call_returned_regs(s));
        return 0;
    }
    hdb_cli_print_event(c, &ev);
    if (ev.kind == HDB_EV_FINISHED && hdb_session_regs(s, &regs) == 0)
        print_return_value(c, done.pc, &regs);
    return 0;
}

static int until_cmd(struct hdb_cli *c, int id, const char *args)
{
    struct hdb_session *s = c->s;
    if (need_process(c) < 0)
        return HDB_E_NO_PROCESS;
    struct hdb_event ev;
    int rc;
    if (!*args) {
        if (id == HDB_CMD_ADVANCE) {
            hdb_cli_err(c, "Argument required (a location).\n");
            return HDB_E_ARG;
        }
        rc = hdb_session_until(s, &ev);
    } else {
        uint64_t loc;
        if (hdb_session_resolve(s, args, &loc, 1) < 1) {
            hdb_cli_location_error(c, args);
            return HDB_E_NOT_FOUND;
        }
        rc = hdb_session_advance(s, loc, &ev);
    }
    if (rc == 0)
        rc = follow_execs(c, &ev);
    if (rc < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    hdb_cli_print_event(c, &ev);
    return 0;
}

/*
 * handle SIGNAL... [no]stop [no]print [no]pass (GDB manual "Signals"):
 * words are read in order, each action applying to the signals named
 * before it; `all` is every signal but the two the debugger itself uses
 * (SIGTRAP, SIGINT), numbers are 1-15 only.
 */
static int handle_cmd(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    bool sel[HDB_SIG_COUNT] = {false};
    char word[32];
    if (!*args) {
        hdb_cli_err(c, "Argument required (signal and action to apply).\n");
        return HDB_E_ARG;
    }
    while (*args) {
        size_t n = 0;
        while (*args == ' ')
            args++;
        while (*args && *args != ' ' && n + 1 < sizeof(word))
            word[n++] = *args++;
        word[n] = 0;
        if (!n)
            break;
        int set = -1; /* which field an action word changes: 0 stop, 1 print, 2 pass */
        int value = 1;
        if (!strcmp(word, "all")) {
            for (int sig = 1; sig < HDB_SIG_COUNT; sig++)
                sel[sig] = hdb_signal_known(sig) && sig != HDB_SIGTRAP && sig != HDB_SIGINT;
            continue;
        } else if (!strcmp(word, "stop") || !strcmp(word, "nostop")) {
            set = 0, value = word[0] == 's';
        } else if (!strcmp(word, "print") || !strcmp(word, "noprint")) {
            set = 1, value = word[0] == 'p';
        } else if (!strcmp(word, "pass") || !strcmp(word, "noignore")) {
            set = 2;
        } else if (!strcmp(word, "nopass") || !strcmp(word, "ignore")) {
            set = 2, value = 0;
        } else if (word[0] >= '0' && word[0] <= '9') {
            long sig = strtol(word, NULL, 10);
            if (sig < 1 || sig > 15) {
                hdb_cli_err(c, "Only signals 1-15 are valid as numeric signals.\n"
                               "Use \"info signals\" for a list of symbolic signals.\n");
                return HDB_E_ARG;
            }
            sel[sig] = true;
            continue;
        } else {
            int sig = hdb_signal_by_name(word);
            if (sig <= 0 || !hdb_signal_known(sig)) {
                hdb_cli_err(c, "Unrecognized or ambiguous flag word: \"%s\".\n", word);
                return HDB_E_ARG;
            }
            if ((sig == HDB_SIGTRAP || sig == HDB_SIGINT) && !sel[sig]) {
                /* gdb asks; without a terminal to answer, its answer is yes. */
                hdb_cli_out(c, "%s is used by the debugger.\n", hdb_signal_name(sig));
                if (c->batch)
                    hdb_cli_out(c, "Are you sure you want to change it? (y or n) "
                                   "[answered Y; input not from terminal]\n");
            }
            sel[sig] = true;
            continue;
        }
        for (int sig = 1; sig < HDB_SIG_COUNT; sig++) {
            struct hdb_signal_handling *p = &s->policy[sig];
            if (!sel[sig])
                continue;
            /* gdb: stop implies print, noprint implies nostop. */
            if (set == 0)
                p->stop = (unsigned char)value, p->print |= (unsigned char)value;
            else if (set == 1)
                p->print = (unsigned char)value, p->stop &= (unsigned char)value;
            else
                p->pass = (unsigned char)value;
        }
    }
    hdb_session_apply_policy(s);
    if (c->batch)
        return 0; /* gdb prints the table only for a person at the terminal */
    hdb_cli_out(c, "Signal        Stop\tPrint\tPass to program\tDescription\n");
    for (int sig = 1; sig < HDB_SIG_COUNT; sig++) {
        if (sel[sig])
            hdb_cli_signal_row(c, sig);
    }
    return 0;
}

int hdb_cli_cmd_run(struct hdb_cli *c, int id, const char *args)
{
    struct hdb_session *s = c->s;
    int rc;
    switch (id) {
    case HDB_CMD_RUN:
        return start_process(c, args, false, false);
    case HDB_CMD_START:
        return start_process(c, args, true, false);
    case HDB_CMD_STARTI:
        return start_process(c, args, false, true);
    case HDB_CMD_ATTACH: {
        char *end;
        long long pid = strtoll(args, &end, 10);
        if (end == args || pid <= 0) {
            hdb_cli_err(c, "Argument required (process-id to attach).\n");
            return HDB_E_ARG;
        }
        if (!s->img) {
            /* gdb finds the program through the process when no file was given. */
            char path[64];
            snprintf(path, sizeof(path), "/proc/%lld/exe", pid);
            hdb_cli_load(c, path);
        }
        rc = hdb_session_attach(s, pid);
        if (rc < 0) {
            hdb_cli_err(c, "Cannot attach to process %lld: %s\n", pid, hdb_strerror(rc));
            return rc;
        }
        hdb_cli_out(c, "Attaching to program: %s, process %lld\n", c->prog, pid);
        struct hdb_frame f[1];
        if (hdb_session_backtrace(s, f, 1) == 1) {
            hdb_sb_reset(&c->out);
            hdb_cli_frame_desc(c, &f[0], false, true, &c->out);
            hdb_cli_out(c, "%s\n", c->out.s);
        }
        return 0;
    }
    case HDB_CMD_DETACH: {
        if (need_process(c) < 0)
            return HDB_E_NO_PROCESS;
        long long pid = (long long)s->pid;
        if (c->remote) {
            rc = hdb_session_detach(s);
            hdb_cli_remote_close(c);
            hdb_cli_out(c, "[Inferior 1 (Remote target) detached]\n");
            return rc;
        }
        hdb_cli_out(c, "Detaching from program: %s, process %lld\n", c->prog, pid);
        rc = hdb_session_detach(s);
        hdb_cli_out(c, "[Inferior 1 (process %lld) detached]\n", pid);
        return rc;
    }
    case HDB_CMD_KILL: {
        if (need_process(c) < 0)
            return HDB_E_NO_PROCESS;
        long long pid = (long long)s->pid;
        rc = hdb_session_kill(s);
        if (c->remote) {
            hdb_cli_remote_close(c);
            hdb_cli_out(c, "[Inferior 1 (Remote target) killed]\n");
            return rc;
        }
        hdb_cli_out(c, "[Inferior 1 (process %lld) killed]\n", pid);
        return rc;
    }
    case HDB_CMD_FINISH:
        return finish_cmd(c);
    case HDB_CMD_UNTIL:
    case HDB_CMD_ADVANCE:
        return until_cmd(c, id, args);
    case HDB_CMD_HANDLE:
        return handle_cmd(c, args);
    default:
        return resume_cmd(c, id, args);
    }
}
