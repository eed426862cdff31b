/*
 * cli_catch.c: catch syscall, gdb's catchpoints on system calls (GDB
 * manual "Setting Catchpoints").
 *
 * `catch syscall [NAME|NUMBER]...` stops the program at the entry and at
 * the return of the system calls named (any, without names); the names
 * are Linux x86-64's (hdb/syscalls.h). The catchpoint is a breakpoint
 * like the others for info breakpoints, delete, disable, condition and
 * ignore; runctl.c turns the target's system-call stops into its events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/syscalls.h>

/* The length of the word at p (up to a blank or the end). */
static size_t word_len(const char *p)
{
    size_t n = 0;
    while (p[n] && p[n] != ' ' && p[n] != '\t')
        n++;
    return n;
}

/* One word of the list: a name or a number (any number, as gdb takes it). */
static int parse_one(struct hdb_cli *c, const char *word, long *nr)
{
    char *end;
    if (word[0] >= '0' && word[0] <= '9') {
        *nr = strtol(word, &end, 10);
        if (!*end)
            return 0;
    } else if (word[0] == '-') {
        hdb_cli_err(c, "Unknown syscall number '%s'.\n", word);
        return HDB_E_ARG;
    }
    if (!strncmp(word, "group:", 6) || !strncmp(word, "g:", 2)) {
        hdb_cli_err(c, "Syscall groups are not known to hdb: '%s'.\n", word);
        return HDB_E_NOTSUP;
    }
    *nr = hdb_syscall_by_name(word);
    if (*nr < 0) {
        hdb_cli_err(c, "Unknown syscall name '%s'.\n", word);
        return HDB_E_ARG;
    }
    return 0;
}

static int catch_syscall(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    if (!s->target->ops->catch_syscalls) {
        hdb_cli_err(c, "The target cannot stop at system calls.\n");
        return HDB_E_NOTSUP;
    }
    uint64_t mask[16] = {0};
    /* "Catchpoint 2 (syscalls 'write' [1] 9999)"; info breakpoints' What: "write, 9999". */
    struct hdb_strbuf said, what;
    char word[64];
    int n = 0;
    hdb_sb_reset(&said);
    hdb_sb_reset(&what);
    for (const char *p = args;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t len = word_len(p);
        snprintf(word, sizeof(word), "%.*s", (int)len, p);
        p += len;
        long nr;
        int rc = parse_one(c, word, &nr);
        if (rc < 0)
            return rc;
        if (nr < HDB_SYSCALL_MAX)
            mask[nr / 64] |= 1ull << (nr % 64);
        const char *name = hdb_syscall_name(nr);
        hdb_sb_printf(&what, "%s", n++ ? ", " : "");
        if (name) {
            hdb_sb_printf(&said, " '%s' [%ld]", name, nr);
            hdb_sb_printf(&what, "%s", name);
        } else {
            hdb_sb_printf(&said, " %ld", nr);
            hdb_sb_printf(&what, "%ld", nr);
        }
    }
    if (said.truncated || what.truncated) {
        hdb_cli_err(c, "Too many system calls for one catchpoint.\n");
        return HDB_E_ARG;
    }
    int num = hdb_bp_add_catch_syscall(&s->bps, n ? what.s : "<any syscall>", n, mask);
    if (num < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(num));
        return num;
    }
    if (n == 0)
        hdb_cli_out(c, "Catchpoint %d (any syscall)\n", num);
    else
        hdb_cli_out(c, "Catchpoint %d (syscall%s%s)\n", num, n > 1 ? "s" : "", said.s);
    return hdb_session_sync_bps(s);
}

int hdb_cli_cmd_catch(struct hdb_cli *c, const char *args)
{
    size_t len = word_len(args);
    if (len && !strncmp(args, "syscall", len))
        return catch_syscall(c, args + len);
    if (len)
        hdb_cli_err(c, "Undefined catch command: \"%.*s\".  Try \"help catch\".\n", (int)len, args);
    else
        hdb_cli_out(c, "List of catch subcommands:\n\n"
                       "catch syscall -- Catch system calls by their names, groups and/or "
                       "numbers.\n\n"
                       "Type \"help catch\" followed by catch subcommand name for full "
                       "documentation.\n"
                       "Command name abbreviations are allowed if unambiguous.\n");
    return len ? HDB_E_NOT_FOUND : 0;
}
