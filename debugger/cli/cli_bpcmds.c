/*
 * cli_bpcmds.c: what breakpoints do besides stopping (GDB manual
 * "Breakpoint Command Lists", "Dynamic Printf", "Save Breakpoints"):
 * `commands [N|N-M...]` ... `end`, the lists run after the command that
 * stopped at their breakpoint, `dprintf`, and `save breakpoints FILE`.
 *
 * The lists are the breakpoint table's text (hdb_breakpoint.commands);
 * the stop notes the list of its breakpoint (a tbreak's, deleted at the
 * stop, comes from the session), and the top level runs it once the
 * command is done, as gdb's bpstat_do_actions does: a list that resumes
 * the program ends there, and the list of the next stop runs in its turn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/watch.h>

/* The length of s up to the first of stops (strcspn, which the core may not call). */
static size_t span_to(const char *s, const char *stops)
{
    size_t n = 0;
    while (s[n] && !strchr(stops, s[n]))
        n++;
    return n;
}

static bool starts_silent(const char *cmds)
{
    return cmds && strncmp(cmds, "silent", 6) == 0 && (cmds[6] == '\n' || !cmds[6]);
}

bool hdb_cli_note_stop(struct hdb_cli *c, int number, bool stop)
{
    (void)stop;
    hdb_strfree(c->plat, c->stop_cmds);
    c->stop_cmds = NULL;
    if (!number)
        return false;
    struct hdb_breakpoint *b = hdb_bp_get(&c->s->bps, number);
    if (b && b->commands) {
        c->stop_cmds = hdb_strdup(c->plat, b->commands);
    } else if (!b) {
        c->stop_cmds = c->s->stop_commands; /* a tbreak's, deleted at the stop */
        c->s->stop_commands = NULL;
    }
    return starts_silent(c->stop_cmds);
}

int hdb_cli_run_actions(struct hdb_cli *c)
{
    if (c->in_actions)
        return 0;
    int rc = 0;
    c->in_actions = true;
    while (c->stop_cmds && !c->quit) {
        char *cmds = c->stop_cmds;
        c->stop_cmds = NULL;
        c->proceeded = false;
        /* silent did its work at the stop. */
        const char *body = starts_silent(cmds) ? cmds + 6 + (cmds[6] == '\n') : cmds;
        rc = hdb_cli_run_lines(c, body, true);
        hdb_strfree(c->plat, cmds);
        if (rc < 0 || !c->proceeded)
            break;
    }
    hdb_strfree(c->plat, c->stop_cmds);
    c->stop_cmds = NULL;
    c->in_actions = false;
    return rc;
}

void hdb_cli_dprintf(void *ctx, const struct hdb_breakpoint *b)
{
    struct hdb_cli *c = ctx;
    char *cmds = b->commands ? hdb_strdup(c->plat, b->commands) : NULL;
    if (!cmds)
        return;
    hdb_cli_run_lines(c, cmds, false);
    hdb_strfree(c->plat, cmds);
}

/* ---- commands ------------------------------------------------------------ */

/*
 * The breakpoint numbers of "N N-M ..." in order, as gdb's
 * map_breakpoint_numbers takes them; a word that is not a number ends them.
 */
static int parse_numbers(const char *p, int *out, int max)
{
    int n = 0;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p < '0' || *p > '9')
            break;
        char *end;
        long lo = strtol(p, &end, 10), hi = lo;
        if (*end == '-' && end[1] >= '0' && end[1] <= '9')
            hi = strtol(end + 1, &end, 10);
        for (long k = lo; k <= hi && n < max; k++)
            out[n++] = (int)k;
        p = end;
    }
    return n;
}

static int commands_cmd(struct hdb_cli *c, const char *args)
{
    char spec[256];
    int last = c->s->bps.next_number - 1;
    if (*args) {
        snprintf(spec, sizeof(spec), "%s", args);
    } else if (c->rbreak_last == last && c->rbreak_last > c->rbreak_first) {
        /* After rbreak, gdb's bare commands means every breakpoint it set. */
        snprintf(spec, sizeof(spec), "%d-%d", c->rbreak_first, c->rbreak_last);
    } else if (last > 0) {
        snprintf(spec, sizeof(spec), "%d", last);
    } else {
        hdb_cli_err(c, "Argument required (one or more breakpoint numbers).\n");
        return HDB_E_ARG;
    }
    int nums[256];
    int n = parse_numbers(spec, nums, 256);
    struct hdb_strbuf *body = NULL;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (!hdb_bp_get(&c->s->bps, nums[i])) {
            hdb_cli_out(c, "No breakpoint number %d.\n", nums[i]);
            continue;
        }
        if (!body) {
            /* The list is read once, for the first breakpoint that exists. */
            if (c->in_tui && !c->in) {
                hdb_cli_err(c, "The TUI's console reads no command lists: use source FILE.\n");
                return HDB_E_NOTSUP;
            }
            body = hdb_alloc(c->plat, sizeof(*body));
            if (!body)
                return HDB_E_NOMEM;
            if (c->from_tty && !c->in)
                hdb_cli_out(c,
                            "Type commands for breakpoint(s) %s, one per line.\n"
                            "End with a line saying just \"end\".\n",
                            spec);
            hdb_cli_read_block(c, 0, body, NULL);
        }
        rc = hdb_bp_set_commands(&c->s->bps, nums[i], body->s);
    }
    if (body)
        hdb_free(c->plat, body, sizeof(*body));
    if (rc < 0)
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
    return rc;
}

/* ---- dprintf ------------------------------------------------------------- */

static int dprintf_cmd(struct hdb_cli *c, const char *args)
{
    size_t loclen = span_to(args, ",");
    if (!loclen && !c->list_valid) {
        hdb_cli_err(c, "No default breakpoint address now.\n");
        return HDB_E_ARG;
    }
    const char *fmt = args + loclen;
    if (!loclen || fmt[0] != ',' || !fmt[1]) {
        hdb_cli_err(c, "Format string required\n");
        return HDB_E_ARG;
    }
    const char *f = fmt + 1;
    while (*f == ' ')
        f++;
    if (*f != '"') {
        hdb_cli_err(c, "Bad format string, missing '\"'.\n");
        return HDB_E_ARG;
    }
    char loc[512];
    snprintf(loc, sizeof(loc), "%.*s", (int)loclen, args);
    return hdb_cli_break_at(c, false, false, loc, fmt);
}

/* ---- save breakpoints ---------------------------------------------------- */

static void save_one(struct hdb_cli *c, const struct hdb_breakpoint *b, struct hdb_strbuf *f)
{
    if (b->kind == HDB_BP_WATCH) {
        hdb_sb_printf(f, "%s %s\n",
                      b->watch_read                       ? "rwatch"
                      : b->watch_kind == HDB_WATCH_ACCESS ? "awatch"
                                                          : "watch",
                      b->spec);
    } else if (b->dprintf) {
        hdb_sb_printf(f, "dprintf %s%s\n", b->spec, b->dprintf_args ? b->dprintf_args : "");
    } else {
        hdb_sb_printf(f, "%s%s %s\n", b->temporary ? "t" : "", b->hardware ? "hbreak" : "break",
                      b->spec);
    }
    if (b->cond)
        hdb_sb_printf(f, "  condition $bpnum %s\n", b->cond);
    if (b->ignore)
        hdb_sb_printf(f, "  ignore $bpnum %u\n", b->ignore);
    if (b->commands && !b->dprintf) {
        hdb_sb_printf(f, "  commands\n");
        hdb_cli_print_lines(c, f, b->commands, 4);
        hdb_sb_printf(f, "  end\n");
    }
    if (!b->enabled)
        hdb_sb_printf(f, "disable $bpnum\n");
}

static int save_cmd(struct hdb_cli *c, const char *args)
{
    size_t n = span_to(args, " ");
    if (n == 0 || strncmp(args, "breakpoints", n) != 0 || n > 11) {
        hdb_cli_err(c, "\"save\" must be followed by the name of a save subcommand.\n");
        return HDB_E_ARG;
    }
    const char *path = args + n;
    while (*path == ' ')
        path++;
    if (!*path) {
        hdb_cli_err(c, "Argument required (file name in which to save)\n");
        return HDB_E_ARG;
    }
    if (c->s->bps.n == 0) {
        hdb_cli_err(c, "warning: Nothing to save.\n");
        return 0;
    }
    struct hdb_strbuf *f = hdb_alloc(c->plat, sizeof(*f));
    if (!f)
        return HDB_E_NOMEM;
    hdb_sb_reset(f);
    for (size_t i = 0; i < c->s->bps.n; i++)
        save_one(c, &c->s->bps.bps[i], f);
    int rc = f->truncated                  ? HDB_E_NOMEM
             : c->plat->write_file == NULL ? HDB_E_NOTSUP
                                           : c->plat->write_file(c->plat->ctx, path, f->s, f->len);
    hdb_free(c->plat, f, sizeof(*f));
    if (rc < 0) {
        hdb_cli_err(c, "Unable to open file '%s' for saving (%s)\n", path,
                    rc == HDB_E_NOT_FOUND ? "No such file or directory" : hdb_strerror(rc));
        return rc;
    }
    if (c->from_tty)
        hdb_cli_out(c, "Saved to file '%s'.\n", path);
    return 0;
}

int hdb_cli_cmd_bpcmds(struct hdb_cli *c, int id, const char *args)
{
    switch (id) {
    case HDB_CMD_COMMANDS:
        return commands_cmd(c, args);
    case HDB_CMD_DPRINTF:
        return dprintf_cmd(c, args);
    case HDB_CMD_RBREAK:
        return hdb_cli_rbreak(c, args);
    default:
        return save_cmd(c, args);
    }
}
