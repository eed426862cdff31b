/*
 * cli_info.c: info breakpoints, threads, frame, signals, and the table of info commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/value.h>

/* Is breakpoint b listed by info breakpoints|watchpoints ARGS (numbers and ranges)? */
static bool listed(const struct hdb_breakpoint *b, bool watch_only, const char *args)
{
    if (watch_only && b->kind != HDB_BP_WATCH)
        return false;
    if (!*args)
        return true;
    for (const char *p = args; *p;) {
        char *end;
        long lo = strtol(p, &end, 10), hi = lo;
        if (end == p)
            return false;
        if (*end == '-')
            hi = strtol(end + 1, &end, 10);
        if (b->number >= lo && b->number <= hi)
            return true;
        p = end;
        while (*p == ' ')
            p++;
    }
    return false;
}

int hdb_cli_info_breakpoints(struct hdb_cli *c, bool watch_only, const char *args)
{
    struct hdb_session *s = c->s;
    size_t shown = 0;
    for (size_t i = 0; i < s->bps.n; i++)
        shown += listed(&s->bps.bps[i], watch_only, args);
    if (shown == 0 && *args) {
        hdb_cli_out(c, "No %s matching '%s'.\n",
                    watch_only ? "watchpoint" : "breakpoint or watchpoint", args);
        return 0;
    }
    if (shown == 0) {
        hdb_cli_out(c, watch_only ? "No watchpoints.\n" : "No breakpoints or watchpoints.\n");
        return 0;
    }
    /* gdb narrows the Address column while no entry has an address to show. */
    bool code = false;
    for (size_t i = 0; i < s->bps.n; i++)
        code = code ||
               (s->pid && s->bps.bps[i].kind != HDB_BP_CATCH_SYSCALL &&
                listed(&s->bps.bps[i], watch_only, args)) ||
               (s->bps.bps[i].kind == HDB_BP_CODE && listed(&s->bps.bps[i], watch_only, args) &&
                (s->bps.bps[i].nlocs > 0 || s->bps.bps[i].had_locs));
    int aw = code ? 18 : 10;
    /* gdb widens the Type column to its longest entry ("read watchpoint"). */
    int tw = 14;
    for (size_t i = 0; i < s->bps.n; i++)
        if (s->bps.bps[i].kind == HDB_BP_WATCH && listed(&s->bps.bps[i], watch_only, args) &&
            (int)strlen(hdb_cli_watch_kind(&s->bps.bps[i], false)) > tw)
            tw = (int)strlen(hdb_cli_watch_kind(&s->bps.bps[i], false));
    hdb_cli_out(c, "Num     %-*s Disp Enb %-*s What\n", tw, "Type", aw, "Address");
    for (size_t i = 0; i < s->bps.n; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        const char *type = b->dprintf ? "dprintf" : b->hardware ? "hw breakpoint" : "breakpoint";
        if (!listed(b, watch_only, args))
            continue;
        if (b->kind == HDB_BP_WATCH) {
            hdb_cli_out(c, "%-7d %-*s %-4s %-3s %-*s %s\n", b->number, tw,
                        hdb_cli_watch_kind(b, false), "keep", b->enabled ? "y" : "n", aw, "",
                        b->spec);
        } else if (b->kind == HDB_BP_CATCH_SYSCALL) {
            hdb_cli_out(c, "%-7d %-*s %-4s %-3s %-*s syscall%s \"%s\" \n", b->number, tw,
                        "catchpoint", "keep", b->enabled ? "y" : "n", aw, "",
                        b->sys_count > 1 ? "s" : "", b->spec);
        } else if (b->nlocs == 0) {
            /* Waiting for a library: gdb shows what was typed, condition included. */
            hdb_cli_out(c, "%-7d %-*s %-4s %-3s %-*s %s%s%s\n", b->number, tw, type,
                        b->temporary ? "del" : "keep", b->enabled ? "y" : "n", aw, "<PENDING>",
                        b->spec, b->cond ? " if " : "", b->cond ? b->cond : "");
        }
        for (int j = 0; j < b->nlocs; j++) {
            uint64_t rt = hdb_session_bp_runtime(s, b->locs[j]);
            hdb_sb_reset(&c->out);
            if (b->nlocs > 1 && j == 0) {
                hdb_cli_out(c, "%-7d %-*s %-4s %-3s %-18s \n", b->number, tw, type,
                            b->temporary ? "del" : "keep", b->enabled ? "y" : "n", "<MULTIPLE>");
            }
            if (b->nlocs > 1)
                hdb_sb_printf(&c->out, "%d.%-5d %-*s %-4s %-3s ", b->number, j + 1, tw, "", "",
                              b->enabled ? "y" : "n");
            else
                hdb_sb_printf(&c->out, "%-7d %-*s %-4s %-3s ", b->number, tw, type,
                              b->temporary ? "del" : "keep", b->enabled ? "y" : "n");
            hdb_sb_printf(&c->out, "0x%016llx", (unsigned long long)rt);
            struct hdb_line_loc loc;
            const struct hdb_lines *lines;
            const char *fn = hdb_session_func_at(s, rt, NULL);
            if (hdb_session_find_line(s, b->locs[j], &loc, &lines) == 0)
                hdb_sb_printf(&c->out, " in %s at %s:%u", fn ? fn : "??",
                              lines->files[loc.file].name, loc.line);
            else {
                size_t mark = c->out.len;
                hdb_format_symbolic(s, rt, &c->out); /* " <sym+off>", when there is one */
                if (c->out.len == mark)
                    hdb_sb_putc(&c->out, ' ');
            }
            hdb_cli_out(c, "%s\n", c->out.s);
        }
        if (b->cond && (b->nlocs || b->kind != HDB_BP_CODE))
            hdb_cli_out(c, "\tstop only if %s\n", b->cond);
        if (b->hits)
            hdb_cli_out(c, "\t%s already hit %u time%s\n",
                        b->kind == HDB_BP_CATCH_SYSCALL ? "catchpoint" : "breakpoint", b->hits,
                        b->hits == 1 ? "" : "s");
        if (b->ignore)
            hdb_cli_out(c, "\tignore next %u hits\n", b->ignore);
        if (b->commands) {
            hdb_sb_reset(&c->out);
            hdb_cli_print_lines(c, &c->out, b->commands, 8);
            hdb_cli_out(c, "%s", c->out.s);
        }
    }
    return 0;
}

static int info_threads(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    if (!s->pid) {
        hdb_cli_out(c, "No threads.\n");
        return 0;
    }
    hdb_cli_out(c, "  Id   Target Id         Frame \n");
    int64_t saved = s->cur_tid;
    int saved_frame = s->frame;
    for (int i = 0; i < s->nthreads; i++) {
        s->cur_tid = s->threads[i].tid;
        s->frame = 0;
        hdb_session_follow_thread(s);
        struct hdb_frame f[1];
        char id[160], extra[128] = "";
        if (c->remote && s->target->ops->thread_name &&
            s->target->ops->thread_name(s->target, s->threads[i].tid, extra, sizeof(extra)) == 0)
            snprintf(id, sizeof(id), "Thread %lld (%s)", (long long)s->threads[i].tid, extra);
        else
            snprintf(id, sizeof(id), "%s %lld", c->remote ? "Thread" : "LWP",
                     (long long)s->threads[i].tid);
        hdb_sb_reset(&c->out);
        hdb_sb_printf(&c->out, "%c %-4d %-17s ", s->threads[i].tid == saved ? '*' : ' ',
                      s->threads[i].num, id);
        if (hdb_session_backtrace(s, f, 1) == 1)
            hdb_cli_frame_desc(c, &f[0], false, false, &c->out);
        hdb_cli_out(c, "%s\n", c->out.s);
    }
    s->cur_tid = saved;
    hdb_session_follow_thread(s);
    s->frame = saved_frame;
    return 0;
}

void hdb_cli_signal_row(struct hdb_cli *c, int sig)
{
    const struct hdb_signal_handling *p = &c->s->policy[sig];
    hdb_cli_out(c, "%-13s %s\t%s\t%s\t\t%s\n", hdb_signal_name(sig), p->stop ? "Yes" : "No",
                p->print ? "Yes" : "No", p->pass ? "Yes" : "No", hdb_signal_desc(sig));
}

/* info signals [SIG]: gdb's table of every signal it numbers, or one row. */
static int info_signals(struct hdb_cli *c, const char *args)
{
    if (*args) {
        /* gdb prints the heading before it looks at the signal. */
        hdb_cli_out(c, "Signal        Stop\tPrint\tPass to program\tDescription\n");
        int sig = hdb_signal_by_name(args);
        if (sig <= 0 || !hdb_signal_known(sig)) {
            hdb_cli_err(c, "Only signals 1-15 are valid as numeric signals.\n"
                           "Use \"info signals\" for a list of symbolic signals.\n");
            return HDB_E_ARG;
        }
        hdb_cli_signal_row(c, sig);
        return 0;
    }
    hdb_cli_out(c, "Signal        Stop\tPrint\tPass to program\tDescription\n\n");
    for (int sig = 1; sig < HDB_SIG_COUNT; sig++)
        if (hdb_signal_known(sig))
            hdb_cli_signal_row(c, sig);
    hdb_cli_out(c, "\nUse the \"handle\" command to change these tables.\n");
    return 0;
}

static int info_sharedlibrary(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    /* The libraries of a process that ended are kept until asked for, as gdb keeps them. */
    if (!s->pid)
        hdb_session_drop_solibs(s, true);
    if (s->nmods == 0) {
        hdb_cli_out(c, "No shared libraries loaded at this time.\n");
        return 0;
    }
    hdb_cli_out(c, "From                To                  Syms Read   Shared Object Library\n");
    bool without = false;
    for (int i = 0; i < s->nmods; i++) {
        const struct hdb_module *m = &s->mods[i];
        /* gdb shows where .text lies; "(*)" marks a library without debugging information. */
        uint64_t lo = m->img->text.size ? m->img->text.addr + m->bias : m->lo;
        uint64_t hi = m->img->text.size ? lo + m->img->text.size : m->hi;
        without = without || !m->img->has_dwarf;
        hdb_cli_out(c, "0x%016llx  0x%016llx  %-11s %s\n", (unsigned long long)lo,
                    (unsigned long long)hi, m->img->has_dwarf ? "Yes" : "Yes (*)", m->path);
    }
    if (without)
        hdb_cli_out(c, "(*): Shared library is missing debugging information.\n");
    return 0;
}

struct var_lines {
    struct hdb_cli *c;
    const char *indent;
    int count;
};

static void emit_line(void *ctx, const char *line)
{
    struct var_lines *v = ctx;
    v->count++;
    hdb_cli_out(v->c, "%s%s\n", v->indent, line);
}

int hdb_cli_list_vars(struct hdb_cli *c, bool args, const char *indent)
{
    struct var_lines v = {c, indent, 0};
    int rc = hdb_frame_list_vars(c->s, args, emit_line, &v);
    /* gdb indents the variables of bt full, not these sentences. */
    if (rc == HDB_E_NOT_FOUND) {
        hdb_cli_out(c, "No symbol table info available.\n");
        return 0;
    }
    if (rc == 0 && v.count == 0)
        hdb_cli_out(c, "%s\n", args ? "No arguments." : "No locals.");
    return rc;
}

static int info_vars(struct hdb_cli *c, bool args)
{
    if (!c->s->pid) {
        hdb_cli_err(c, "No frame selected.\n");
        return HDB_E_NO_PROCESS;
    }
    return hdb_cli_list_vars(c, args, "");
}

/* gdb's name of a DW_AT_language (DWARF5 7.12). */
static const char *language_name(uint64_t lang)
{
    switch (lang) {
    case DW_LANG_C89:
    case DW_LANG_C:
    case DW_LANG_C99:
    case DW_LANG_C11:
        return "c";
    case DW_LANG_C_plus_plus:
    case DW_LANG_C_plus_plus_03:
    case DW_LANG_C_plus_plus_11:
    case DW_LANG_C_plus_plus_14:
        return "c++";
    case DW_LANG_Mips_Assembler:
        return "asm";
    default:
        return "unknown";
    }
}

/*
 * info source: the file, then what its compile unit says (gdb's lines):
 * the unit is the one whose code the file's first line-table row is in.
 */
static void info_source(struct hdb_cli *c, uint32_t file)
{
    struct hdb_session *s = c->s;
    const struct hdb_line_file *lf = &s->lines.files[file];
    hdb_cli_out(c, "Current source file is %s\n", lf->name);
    const struct hdb_dfunc *f = NULL;
    for (size_t i = 0; i < s->lines.nrows && !f; i++)
        if (s->lines.rows[i].file == file)
            f = hdb_dinfo_func_at(&s->dinfo, s->lines.rows[i].addr);
    struct dwarf_unit u;
    struct dwarf_die cu;
    struct dwarf_attr a;
    const char *str;
    uint64_t lang = 0;
    bool have_cu =
        f && dwarf_unit_at(&s->dw, DWARF_SEC_INFO, f->unit, &u) > 0 && dwarf_unit_die(&u, &cu) > 0;
    if (have_cu && dwarf_die_attr(&cu, DW_AT_comp_dir, &a) > 0 && dwarf_attr_string(&a, &str) == 0)
        hdb_cli_out(c, "Compilation directory is %s\n", str);
    size_t lines = hdb_cli_source_count(c, file);
    if (lines) {
        hdb_cli_out(c, "Located in %s\n", lf->path ? lf->path : lf->name);
        hdb_cli_out(c, "Contains %zu lines.\n", lines);
    }
    if (!have_cu)
        return;
    if (dwarf_die_attr(&cu, DW_AT_language, &a) > 0)
        dwarf_attr_unsigned(&a, &lang);
    hdb_cli_out(c, "Source language is %s.\n", language_name(lang));
    if (dwarf_die_attr(&cu, DW_AT_producer, &a) > 0 && dwarf_attr_string(&a, &str) == 0)
        hdb_cli_out(c, "Producer is %s.\n", str);
    hdb_cli_out(c, "Compiled with DWARF %u debugging format.\n", (unsigned)u.version);
    bool macros = dwarf_die_attr(&cu, DW_AT_macros, &a) > 0 ||
                  dwarf_die_attr(&cu, DW_AT_GNU_macros, &a) > 0 ||
                  dwarf_die_attr(&cu, DW_AT_macro_info, &a) > 0;
    hdb_cli_out(c, "%s preprocessor macro info.\n", macros ? "Includes" : "Does not include");
}

int hdb_cli_cmd_info(struct hdb_cli *c, const char *args)
{
    const char *rest;
    int id = hdb_info_parse(args, &rest);
    switch (id) {
    case HDB_INFO_BREAKPOINTS:
    case HDB_INFO_WATCHPOINTS:
        return hdb_cli_info_breakpoints(c, id == HDB_INFO_WATCHPOINTS, rest);
    case HDB_INFO_REGISTERS:
    case HDB_INFO_ALL_REGISTERS:
    case HDB_INFO_VECTOR:
    case HDB_INFO_FLOAT:
        return hdb_cli_info_registers(c, id, rest);
    case HDB_INFO_THREADS:
        return info_threads(c);
    case HDB_INFO_FRAME:
        return hdb_cli_info_frame(c);
    case HDB_INFO_SIGNALS:
        return info_signals(c, rest);
    case HDB_INFO_DISPLAY:
        return hdb_cli_info_display(c);
    case HDB_INFO_SHAREDLIBRARY:
        return info_sharedlibrary(c);
    case HDB_INFO_ARGS:
        return info_vars(c, true);
    case HDB_INFO_LOCALS:
        return info_vars(c, false);
    case HDB_INFO_INFERIORS:
        hdb_cli_out(c, "  Num  Description       Executable        \n* 1    process %lld     %s \n",
                    (long long)c->s->pid, c->prog);
        return 0;
    case HDB_INFO_SOURCE: {
        /* list_file is in the line table of the file that was listed (a library's, maybe). */
        int prev = c->s->active_mod - 1;
        if (c->list_valid)
            hdb_session_activate_module(c->s, c->list_mod - 1);
        if (c->list_valid && c->list_file < c->s->lines.nfiles)
            info_source(c, c->list_file);
        else
            hdb_cli_out(c, "No current source file.\n");
        hdb_session_activate_module(c->s, prev);
        return 0;
    }
    case HDB_INFO_TASKS:
    case HDB_INFO_CAPS:
    case HDB_INFO_OBJECTS:
    case HDB_INFO_MEMORY:
    case HDB_INFO_CPU:
    case HDB_INFO_FAULTS:
    case HDB_INFO_OS:
        return hdb_cli_info_os(c, id, rest);
    case HDB_INFO_OBJECT:
    case HDB_INFO_CAP:
        return hdb_cli_info_object(c, id, rest);
    case HDB_INFO_LINE:
    case HDB_INFO_ADDRESS:
    case HDB_INFO_SYMBOL:
        return hdb_cli_info_symbols(c, id, rest);
    case HDB_INFO_FUNCTIONS:
    case HDB_INFO_VARIABLES:
    case HDB_INFO_TYPES:
        return hdb_cli_info_symsearch(c, id, rest);
    case HDB_INFO_SCOPE:
        return hdb_cli_info_scope(c, rest);
    case HDB_INFO_PROC:
    case HDB_INFO_AUXV:
    case HDB_INFO_PROGRAM:
        return hdb_cli_info_proc(c, id, rest);
    case HDB_INFO_FILES:
    case HDB_INFO_SOURCES:
        return hdb_cli_info_files(c, id, rest);
    default:
        hdb_cli_err(c, "Undefined info command: \"%s\".  Try \"help info\".\n", args);
        return HDB_E_NOT_FOUND;
    }
}
