/*
 * cli_break.c: break, tbreak and delete.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ctype.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/value.h>
#include <hdb/watch.h>

static bool file_known(struct hdb_session *s, const char *spec)
{
    char file[512];
    snprintf(file, sizeof(file), "%.*s", (int)(strrchr(spec, ':') - spec), spec);
    for (uint32_t f = 0; f < s->lines.nfiles; f++)
        if (hdb_lines_file_matches(&s->lines, f, file))
            return true;
    return false;
}

void hdb_cli_location_error(struct hdb_cli *c, const char *spec)
{
    struct hdb_session *s = c->s;
    if (!s->img)
        hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
    else if (strchr(spec, ':') && !file_known(s, spec))
        hdb_cli_err(c, "No source file named %.*s.\n", (int)(strrchr(spec, ':') - spec), spec);
    else if (strchr(spec, ':'))
        hdb_cli_err(c, "No line %s in file \"%.*s\".\n", strrchr(spec, ':') + 1,
                    (int)(strrchr(spec, ':') - spec), spec);
    else if (spec[0] >= '0' && spec[0] <= '9')
        hdb_cli_err(c, "No line %s in the current file.\n", spec);
    else
        hdb_cli_err(c, "Function \"%s\" not defined.\n", spec);
}

/*
 * gdb's question when a location is not found: a breakpoint may wait for a
 * library that has it. `set breakpoint pending` answers it beforehand; a
 * script (batch mode) answers no, as gdb's queries do without a terminal.
 */
static bool pending_wanted(struct hdb_cli *c, bool dprintf)
{
    const char *q = dprintf ? "Make dprintf pending on future shared library load? (y or [n]) "
                            : "Make breakpoint pending on future shared library load? (y or [n]) ";
    if (c->bp_pending)
        return c->bp_pending > 0;
    /* The TUI's console has no way to ask in the middle of a command yet. */
    if (c->batch || c->in_tui) {
        hdb_cli_out(c, "%s[answered N; input not from terminal]\n", q);
        return false;
    }
    char answer[16];
    if (c->plat->read_line(c->plat->ctx, q, answer, sizeof(answer)) < 0)
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

/* What break, tbreak, hbreak and thbreak call the breakpoint they set, as gdb does. */
static const char *bp_kind(bool temporary, bool hardware, bool dprintf)
{
    return dprintf ? "Dprintf"
           : hardware
               ? (temporary ? "Temporary hardware breakpoint" : "Hardware assisted breakpoint")
           : temporary ? "Temporary breakpoint"
                       : "Breakpoint";
}

static void make_dprintf(struct hdb_cli *c, int num, const char *dprintf)
{
    struct hdb_breakpoint *b = hdb_bp_get(&c->s->bps, num);
    if (!dprintf || !b)
        return;
    /* gdb's list of a dprintf: printf with what follows the comma. */
    char line[1024];
    const char *f = dprintf + 1;
    while (*f == ' ')
        f++;
    snprintf(line, sizeof(line), "printf %s", f);
    b->dprintf = true;
    b->dprintf_args = hdb_strdup(c->plat, dprintf);
    hdb_bp_set_commands(&c->s->bps, num, line);
}

static int add_pending(struct hdb_cli *c, bool temporary, bool hardware, const char *spec,
                       const char *cond, const char *dprintf)
{
    int num = hdb_bp_add_pending(&c->s->bps, spec, temporary);
    if (num < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(num));
        return num;
    }
    if (cond)
        hdb_bp_set_condition(&c->s->bps, num, cond);
    hdb_bp_get(&c->s->bps, num)->hardware = hardware;
    make_dprintf(c, num, dprintf);
    /* gdb names a pending hardware breakpoint the same, temporary or not. */
    hdb_cli_out(c, "%s %d (%s%s%s) pending.\n",
                bp_kind(temporary && !hardware, hardware, dprintf != NULL), num, spec,
                cond ? " if " : "", cond ? cond : "");
    return 0;
}

int hdb_cli_set_bp_pending(struct hdb_cli *c, const char *args)
{
    while (*args == ' ')
        args++;
    if (!strcmp(args, "on") || !*args)
        c->bp_pending = 1;
    else if (!strcmp(args, "off"))
        c->bp_pending = -1;
    else if (!strcmp(args, "auto"))
        c->bp_pending = 0;
    else {
        hdb_cli_err(c, "\"on\", \"off\" or \"auto\" expected.\n");
        return HDB_E_ARG;
    }
    return 0;
}

int hdb_cli_break_at(struct hdb_cli *c, bool temporary, bool hardware, const char *args,
                     const char *dprintf)
{
    struct hdb_session *s = c->s;
    char spec[512];
    if (!*args) {
        /* A bare break means the current pc in gdb. */
        struct hdb_regs regs;
        if (hdb_session_regs(s, &regs) < 0) {
            hdb_cli_err(c, "No default breakpoint location now selected.\n");
            return HDB_E_NO_PROCESS;
        }
        snprintf(spec, sizeof(spec), "*0x%llx", (unsigned long long)regs.v[HDB_REG_RIP]);
    } else {
        snprintf(spec, sizeof(spec), "%s", args);
        size_t n = strlen(spec);
        while (n && spec[n - 1] == ' ')
            spec[--n] = 0;
    }
    /* break LOCATION if CONDITION */
    const char *cond = NULL;
    char *kw = strstr(spec, " if ");
    if (kw) {
        cond = kw + 4;
        *kw = 0;
    }
    uint64_t addrs[HDB_BP_MAX_LOCS];
    int n = hdb_session_resolve(s, spec, addrs, HDB_BP_MAX_LOCS);
    if (n == HDB_E_ARG && spec[0] == '*') {
        /* *EXPR that does not evaluate: say why, as for print. */
        struct hdb_value v;
        const char *stop;
        int rc = hdb_eval_at(s, spec + 1, &v, &stop);
        hdb_cli_eval_error(c, rc < 0 ? rc : HDB_E_ARG, spec + 1, stop);
        return n;
    }
    if (n == HDB_E_ARG) {
        hdb_cli_err(c, "Invalid breakpoint location \"%s\".\n", spec);
        return n;
    }
    if (n <= 0) {
        hdb_cli_location_error(c, spec);
        if (s->img && pending_wanted(c, dprintf != NULL))
            return add_pending(c, temporary, hardware, spec, cond, dprintf);
        return n < 0 ? n : HDB_E_NOT_FOUND;
    }
    int num = hdb_bp_add(&s->bps, spec, temporary, addrs, n);
    if (num < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(num));
        return num;
    }
    if (cond)
        hdb_bp_set_condition(&s->bps, num, cond);
    hdb_bp_get(&s->bps, num)->hardware = hardware;
    make_dprintf(c, num, dprintf);
    int rc = hdb_session_sync_bps(s);
    const char *kind = bp_kind(temporary, hardware, dprintf != NULL);
    uint64_t rt = hdb_session_bp_runtime(s, addrs[0]);
    struct hdb_line_loc loc;
    const struct hdb_lines *lines;
    if (n > 1) {
        hdb_cli_out(c, "%s %d at 0x%llx: %s. (%d locations)\n", kind, num, (unsigned long long)rt,
                    spec, n);
    } else if (hdb_session_find_line(s, addrs[0], &loc, &lines) == 0) {
        hdb_cli_out(c, "%s %d at 0x%llx: file %s, line %u.\n", kind, num, (unsigned long long)rt,
                    lines->files[loc.file].name, loc.line);
    } else {
        hdb_cli_out(c, "%s %d at 0x%llx\n", kind, num, (unsigned long long)rt);
    }
    if (rc < 0)
        hdb_cli_err(c, "Cannot insert breakpoint %d.\nCannot access memory at address 0x%llx\n",
                    num, (unsigned long long)rt);
    return 0;
}

static int delete_cmd(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    if (strncmp(args, "breakpoints", 11) == 0)
        args += 11;
    while (*args == ' ')
        args++;
    if (!*args) {
        hdb_bp_delete_all(&s->bps);
        return hdb_session_sync_bps(s);
    }
    while (*args) {
        char *end;
        long n = strtol(args, &end, 10);
        if (end == args) {
            hdb_cli_err(c, "Convenience variable must have integer value.\n"
                           "Args must be numbers or '$' variables.\n");
            return HDB_E_ARG;
        }
        /* Not an error in gdb: the other numbers are still deleted. */
        if (hdb_bp_delete(&s->bps, (int)n) < 0)
            hdb_cli_err(c, "No breakpoint number %ld.\n", n);
        args = end;
        while (*args == ' ')
            args++;
    }
    return hdb_session_sync_bps(s);
}

static int number_arg(struct hdb_cli *c, const char **args, int *num)
{
    char *end;
    long n = strtol(*args, &end, 10);
    if (end == *args) {
        hdb_cli_err(c, "Argument required (breakpoint number).\n");
        return HDB_E_ARG;
    }
    *num = (int)n;
    *args = end;
    while (**args == ' ')
        (*args)++;
    return 0;
}

static int condition_cmd(struct hdb_cli *c, const char *args)
{
    int num;
    if (number_arg(c, &args, &num) < 0)
        return HDB_E_ARG;
    struct hdb_breakpoint *b = hdb_bp_get(&c->s->bps, num);
    if (!b) {
        hdb_cli_err(c, "No breakpoint number %d.\n", num);
        return HDB_E_NOT_FOUND;
    }
    if (!*args) {
        hdb_bp_set_condition(&c->s->bps, num, NULL);
        if (!c->batch)
            hdb_cli_out(c, "Breakpoint %d now unconditional.\n", num);
        return 0;
    }
    return hdb_bp_set_condition(&c->s->bps, num, args);
}

static int ignore_cmd(struct hdb_cli *c, const char *args)
{
    int num, count;
    if (number_arg(c, &args, &num) < 0)
        return HDB_E_ARG;
    struct hdb_breakpoint *b = hdb_bp_get(&c->s->bps, num);
    if (!b) {
        hdb_cli_err(c, "No breakpoint number %d.\n", num);
        return HDB_E_NOT_FOUND;
    }
    if (!*args) {
        hdb_cli_err(c, "Second argument (specified ignore-count) is missing.\n");
        return HDB_E_ARG;
    }
    if (number_arg(c, &args, &count) < 0)
        return HDB_E_ARG;
    b->ignore = count > 0 ? (unsigned)count : 0;
    if (c->batch)
        return 0; /* gdb says it only to a person at the terminal */
    if (b->ignore == 0)
        hdb_cli_out(c, "Will stop next time breakpoint %d is reached.\n", num);
    else if (b->ignore == 1)
        hdb_cli_out(c, "Will ignore next crossing of breakpoint %d.\n", num);
    else
        hdb_cli_out(c, "Will ignore next %u crossings of breakpoint %d.\n", b->ignore, num);
    return 0;
}

static int enable_cmd(struct hdb_cli *c, bool enable, const char *args)
{
    struct hdb_session *s = c->s;
    if (!*args) {
        for (size_t i = 0; i < s->bps.n; i++)
            s->bps.bps[i].enabled = enable;
        return hdb_session_sync_bps(s);
    }
    int rc = 0;
    while (*args) {
        int num;
        if (number_arg(c, &args, &num) < 0)
            return HDB_E_ARG;
        struct hdb_breakpoint *b = hdb_bp_get(&s->bps, num);
        if (b)
            b->enabled = enable;
        else
            hdb_cli_err(c, "No breakpoint number %d.\n", num);
    }
    hdb_session_sync_bps(s);
    return rc;
}

/* Does the expression name a local or parameter of the selected frame? Then it has a scope. */
static bool uses_locals(struct hdb_session *s, const char *expr)
{
    uint64_t unit, die;
    for (const char *p = expr; *p;) {
        if (!isalpha((unsigned char)*p) && *p != '_') {
            /* A member name after . or -> is not a variable. */
            p++;
            continue;
        }
        const char *w = p;
        while (isalnum((unsigned char)*p) || *p == '_')
            p++;
        bool member = w > expr && (w[-1] == '.' || (w - expr >= 2 && w[-1] == '>' && w[-2] == '-'));
        char name[128];
        snprintf(name, sizeof(name), "%.*s", (int)(p - w), w);
        if (!member && hdb_frame_find_var(s, name, &unit, &die) == 0)
            return true;
    }
    return false;
}

/*
 * watch / rwatch / awatch EXPR: the object the expression names, in a
 * debug register when one fits it (1, 2, 4 or 8 aligned bytes), else
 * single-stepped and compared (watch only, as gdb). A watchpoint on a
 * local ends with the frame it was set in.
 */
static int watch_cmd(struct hdb_cli *c, int id, const char *args)
{
    struct hdb_session *s = c->s;
    struct hdb_value v;
    int kind = id == HDB_CMD_WATCH ? HDB_WATCH_WRITE : HDB_WATCH_ACCESS;
    if (!*args) {
        hdb_cli_err(c, "Argument required (expression to compute).\n");
        return HDB_E_ARG;
    }
    int rc = hdb_eval(s, args, &v);
    if (rc < 0) {
        hdb_cli_err(c,
                    rc == HDB_E_NOT_FOUND ? "No symbol \"%s\" in current context.\n"
                                          : "Cannot watch `%s'.\n",
                    args);
        return rc;
    }
    uint64_t size;
    if (v.kind != HDB_VAL_DWARF || !v.lvalue || hdb_values_in_store(v.addr) ||
        hdb_value_sizeof(s, &v, &size) < 0 || size == 0) {
        hdb_cli_err(c, "Cannot watch constant value `%s'.\n", args);
        return HDB_E_ARG;
    }
    /* Debug registers for up to four aligned pieces, as gdb splits an object over them. */
    uint64_t at[4];
    unsigned len[4];
    bool fits = size <= 32 && hdb_watch_pieces(v.addr, (unsigned)size, at, len, 4) > 0;
    bool soft = c->no_hw_watch || !fits;
    if (soft && id != HDB_CMD_WATCH) {
        hdb_cli_err(c, c->no_hw_watch
                           ? "Can't set read/access watchpoint when hardware watchpoints are "
                             "disabled.\n"
                           : "Expression cannot be implemented with read/access watchpoint.\n");
        return HDB_E_NOTSUP;
    }
    if (size > 1u << 20) {
        hdb_cli_err(c, "Cannot watch `%s': too large.\n", args);
        return HDB_E_NOTSUP;
    }
    /*
     * A local's frame: where it is and where it returns to. Frames of
     * inlined calls share their function's registers: the return is that of
     * the first frame above that is a real call.
     */
    uint64_t cfa = 0, ret = 0;
    if (uses_locals(s, args)) {
        struct hdb_frame frames[HDB_MAX_FRAMES];
        int n = hdb_session_backtrace(s, frames, HDB_MAX_FRAMES);
        int up = hdb_frame_return_to(frames, n, s->frame);
        if (s->frame < n)
            cfa = frames[s->frame].cfa;
        if (up < n)
            ret = frames[up].pc;
    }
    int num = hdb_bp_add_watch(&s->bps, args, kind, hdb_session_bp_loc(s, v.addr), (unsigned)size,
                               v.unit, v.type, 0);
    if (num < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(num));
        return num;
    }
    struct hdb_breakpoint *b = hdb_bp_get(&s->bps, num);
    b->watch_soft = soft;
    b->watch_read = id == HDB_CMD_RWATCH;
    b->watch_cfa = cfa;
    b->watch_ret = ret;
    b->watch_file = s->img;
    if ((rc = hdb_watch_snapshot(s, b)) < 0) {
        hdb_bp_delete(&s->bps, num);
        hdb_cli_err(c, "Cannot access memory at address 0x%llx\n", (unsigned long long)v.addr);
        return rc;
    }
    rc = hdb_session_sync_bps(s);
    if (rc == HDB_E_NOMEM) {
        hdb_bp_delete(&s->bps, num);
        hdb_cli_err(c, "Hardware watchpoints used exceeds limit.\n");
        return rc;
    }
    hdb_cli_out(c, "%s %d: %s\n", hdb_cli_watch_kind(b, true), num, args);
    return 0;
}

int hdb_cli_cmd_break(struct hdb_cli *c, int id, const char *args)
{
    if (id == HDB_CMD_WATCH || id == HDB_CMD_AWATCH || id == HDB_CMD_RWATCH)
        return watch_cmd(c, id, args);
    if (id == HDB_CMD_DELETE)
        return delete_cmd(c, args);
    if (id == HDB_CMD_CONDITION)
        return condition_cmd(c, args);
    if (id == HDB_CMD_IGNORE)
        return ignore_cmd(c, args);
    if (id == HDB_CMD_ENABLE || id == HDB_CMD_DISABLE)
        return enable_cmd(c, id == HDB_CMD_ENABLE, args);
    return hdb_cli_break_at(c, id == HDB_CMD_TBREAK || id == HDB_CMD_THBREAK,
                            id == HDB_CMD_HBREAK || id == HDB_CMD_THBREAK, args, NULL);
}
