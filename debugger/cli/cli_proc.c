/*
 * cli_proc.c: what the system says of the process: info proc [mappings|
 * cmdline|cwd|exe|stat|status|all], info auxv and info program, in gdb's
 * layouts.
 *
 * The facts come through the target (its proc_fact and os_table
 * operations, and read_auxv); the Linux names and the meaning of
 * /proc/PID/stat's fields are gdb's presentation of them (proc(5)), so
 * they are known here, while where the text comes from stays the target's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/osdata.h>
#include <hdb/value.h>

#define FACT_MAX 8192
#define MAPS_MAX (256 * 1024)

static int need_process(struct hdb_cli *c)
{
    if (c->s->pid)
        return 0;
    hdb_cli_err(c, "No current process: you must name one.\n");
    return HDB_E_NO_PROCESS;
}

/* One fact of the process into buf; its length, or a negative code (nothing printed). */
static int fact(struct hdb_cli *c, const char *what, char *buf, size_t len)
{
    const struct hdb_target_ops *ops = c->s->target->ops;
    if (!ops->proc_fact)
        return HDB_E_NOTSUP;
    return ops->proc_fact(c->s->target, what, buf, len);
}

/* "cmdline = '...'", "cwd = '...'", "exe = '...'": what gdb shows of each (its warning if none). */
static void show_fact(struct hdb_cli *c, const char *what)
{
    char buf[FACT_MAX];
    int n = fact(c, what, buf, sizeof(buf));
    if (n < 0) {
        hdb_cli_err(c, "warning: unable to %s /proc/%lld/%s\n",
                    strcmp(what, "cmdline") ? "read link" : "open", (long long)c->s->pid, what);
        return;
    }
    /* The arguments are NUL-separated; gdb joins them with blanks. */
    for (int i = 0; i + 1 < n; i++)
        if (buf[i] == 0)
            buf[i] = ' ';
    hdb_cli_out(c, "%s = '%s'\n", what, buf);
}

/* info proc mappings: the target's "maps" table in gdb's columns. */
static int show_mappings(struct hdb_cli *c)
{
    const struct hdb_target_ops *ops = c->s->target->ops;
    char *xml = hdb_alloc(c->plat, MAPS_MAX);
    if (!xml)
        return HDB_E_NOMEM;
    struct hdb_os_table t;
    int rc = ops->os_table ? ops->os_table(c->s->target, "maps", xml, MAPS_MAX) : HDB_E_NOTSUP;
    if (rc >= 0)
        rc = hdb_os_table_parse(&t, c->plat, xml);
    if (rc < 0) {
        hdb_cli_err(c, "warning: unable to open /proc file '/proc/%lld/maps'\n",
                    (long long)c->s->pid);
        hdb_free(c->plat, xml, MAPS_MAX);
        return 0;
    }
    static const char *const names[] = {"start", "end", "size", "offset", "perms", "path"};
    int col[6];
    for (int i = 0; i < 6; i++)
        col[i] = hdb_os_table_col(&t, names[i]);
    hdb_cli_out(c, "Mapped address spaces:\n\n");
    hdb_cli_out(c, "  %18s %18s %10s %10s  %-5s  %s\n", "Start Addr", "End Addr", "Size", "Offset",
                "Perms", "objfile");
    for (size_t r = 0; r < t.nrows; r++) {
        const char *v[6];
        for (int i = 0; i < 6; i++)
            v[i] = col[i] >= 0 ? hdb_os_table_cell(&t, r, (size_t)col[i]) : "";
        hdb_cli_out(c, "  %18s %18s %10s %10s  %-5s  %s\n", v[0], v[1], v[2], v[3], v[4], v[5]);
    }
    hdb_os_table_free(&t);
    hdb_free(c->plat, xml, MAPS_MAX);
    return 0;
}

/* info proc stat: /proc/PID/stat's fields under gdb's names for them (proc(5) numbers them). */
static void show_stat(struct hdb_cli *c)
{
    char buf[FACT_MAX];
    if (fact(c, "stat", buf, sizeof(buf)) < 0) {
        hdb_cli_err(c, "warning: unable to open /proc file '/proc/%lld/stat'\n",
                    (long long)c->s->pid);
        return;
    }
    /* pid (comm) state ...: comm may hold blanks and parentheses, so it ends at the last ')'. */
    char *open = strchr(buf, '('), *close = strrchr(buf, ')');
    if (!open || !close || close < open)
        return;
    *close = 0;
    hdb_cli_out(c, "Process: %lld\n", strtoll(buf, NULL, 10));
    hdb_cli_out(c, "Exec file: %s\n", open + 1);
    const char *p = close + 1;
    while (*p == ' ')
        p++;
    if (*p)
        hdb_cli_out(c, "State: %c\n", *p++);
    /* gdb's labels, in field order from field 4 (ppid); NULL: a field gdb skips. */
    static const struct {
        const char *label;
        char how; /* 'u' unsigned decimal, 'x' hexadecimal */
    } fields[] = {
        {"Parent process", 'u'},
        {"Process group", 'u'},
        {"Session id", 'u'},
        {"TTY", 'u'},
        {"TTY owner process group", 'u'},
        {"Flags", 'x'},
        {"Minor faults (no memory page)", 'u'},
        {"Minor faults, children", 'u'},
        {"Major faults (memory page faults)", 'u'},
        {"Major faults, children", 'u'},
        {"utime", 'u'},
        {"stime", 'u'},
        {"utime, children", 'u'},
        {"stime, children", 'u'},
        {"jiffies remaining in current time slice", 'u'},
        {"'nice' value", 'u'},
        {"jiffies until next timeout", 'u'},
        {"jiffies until next SIGALRM", 'u'},
        {"start time (jiffies since system boot)", 'u'},
        {"Virtual memory size", 'u'},
        {"Resident set size", 'u'},
        {"rlim", 'u'},
        {"Start of text", 'x'},
        {"End of text", 'x'},
        {"Start of stack", 'x'},
    };
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        char *end;
        /* gdb reads each as an unsigned number: -1 shows as 2^64 - 1. */
        unsigned long long v = strtoull(p, &end, 10);
        if (end == p)
            return;
        p = end;
        if (fields[i].how == 'x')
            hdb_cli_out(c, "%s: 0x%llx\n", fields[i].label, v);
        else
            hdb_cli_out(c, "%s: %llu\n", fields[i].label, v);
    }
}

static void show_status(struct hdb_cli *c)
{
    char buf[FACT_MAX];
    if (fact(c, "status", buf, sizeof(buf)) < 0) {
        hdb_cli_err(c, "warning: unable to open /proc file '/proc/%lld/status'\n",
                    (long long)c->s->pid);
        return;
    }
    hdb_cli_out(c, "%s", buf);
}

static int info_proc(struct hdb_cli *c, const char *args)
{
    enum { CMDLINE = 1, CWD = 2, EXE = 4, MAPPINGS = 8, STATUS = 16, STAT = 32 };
    static const struct {
        const char *name;
        int what;
    } subs[] = {
        {"mappings", MAPPINGS},
        {"cmdline", CMDLINE},
        {"cwd", CWD},
        {"exe", EXE},
        {"stat", STAT},
        {"status", STATUS},
        {"all", CMDLINE | CWD | EXE | MAPPINGS | STATUS | STAT},
    };
    int what = CMDLINE | CWD | EXE, found = -1, nfound = 0;
    size_t n = strcspn(args, " ");
    for (size_t i = 0; n && i < sizeof(subs) / sizeof(subs[0]); i++) {
        /* gdb takes a unique prefix, or the whole word ("stat" is a prefix of "status"). */
        if (n <= strlen(subs[i].name) && strncmp(subs[i].name, args, n) == 0) {
            if (n == strlen(subs[i].name)) {
                found = (int)i;
                nfound = 1;
                break;
            }
            found = nfound++ ? found : (int)i;
        }
    }
    if (nfound > 1) {
        hdb_cli_err(c, "Ambiguous info proc command \"%.*s\":", (int)n, args);
        for (size_t i = 0, k = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
            if (n <= strlen(subs[i].name) && strncmp(subs[i].name, args, n) == 0)
                hdb_cli_err(c, "%s %s", k++ ? "," : "", subs[i].name);
        hdb_cli_err(c, ".\n");
        return HDB_E_ARG;
    }
    if (nfound == 1) {
        what = subs[found].what;
        args += n;
        while (*args == ' ')
            args++;
    }
    if (*args && !c->s->pid)
        return need_process(c);
    if (*args) {
        /* A process id: the target answers only for its own process. */
        char *end;
        long long pid = strtoll(args, &end, 10);
        if (end == args || *end) {
            hdb_cli_err(c, "Too many parameters: %s\n", args);
            return HDB_E_ARG;
        }
        if (pid != (long long)c->s->pid) {
            hdb_cli_err(c, "hdb can show only the debugged process, not %lld.\n", pid);
            return HDB_E_NOTSUP;
        }
    }
    int rc = need_process(c);
    if (rc < 0)
        return rc;
    hdb_cli_out(c, "process %lld\n", (long long)c->s->pid);
    if (what & CMDLINE)
        show_fact(c, "cmdline");
    if (what & CWD)
        show_fact(c, "cwd");
    if (what & EXE)
        show_fact(c, "exe");
    if (what & MAPPINGS)
        rc = show_mappings(c);
    if (what & STATUS)
        show_status(c);
    if (what & STAT)
        show_stat(c);
    return rc;
}

/* ---- info auxv ---------------------------------------------------------- */

enum { AUXV_DEC, AUXV_HEX, AUXV_STR };

/* gdb's names and words for the AT_* types Linux on x86-64 passes (and a few others'). */
static const struct {
    uint64_t type;
    const char *name, *desc;
    int how;
} at_types[] = {
    {0, "AT_NULL", "End of vector", AUXV_HEX},
    {1, "AT_IGNORE", "Entry should be ignored", AUXV_HEX},
    {2, "AT_EXECFD", "File descriptor of program", AUXV_DEC},
    {3, "AT_PHDR", "Program headers for program", AUXV_HEX},
    {4, "AT_PHENT", "Size of program header entry", AUXV_DEC},
    {5, "AT_PHNUM", "Number of program headers", AUXV_DEC},
    {6, "AT_PAGESZ", "System page size", AUXV_DEC},
    {7, "AT_BASE", "Base address of interpreter", AUXV_HEX},
    {8, "AT_FLAGS", "Flags", AUXV_HEX},
    {9, "AT_ENTRY", "Entry point of program", AUXV_HEX},
    {10, "AT_NOTELF", "Program is not ELF", AUXV_DEC},
    {11, "AT_UID", "Real user ID", AUXV_DEC},
    {12, "AT_EUID", "Effective user ID", AUXV_DEC},
    {13, "AT_GID", "Real group ID", AUXV_DEC},
    {14, "AT_EGID", "Effective group ID", AUXV_DEC},
    {15, "AT_PLATFORM", "String identifying platform", AUXV_STR},
    {16, "AT_HWCAP", "Machine-dependent CPU capability hints", AUXV_HEX},
    {17, "AT_CLKTCK", "Frequency of times()", AUXV_DEC},
    {18, "AT_FPUCW", "Used FPU control word", AUXV_DEC},
    {19, "AT_DCACHEBSIZE", "Data cache block size", AUXV_DEC},
    {20, "AT_ICACHEBSIZE", "Instruction cache block size", AUXV_DEC},
    {21, "AT_UCACHEBSIZE", "Unified cache block size", AUXV_DEC},
    {22, "AT_IGNOREPPC", "Entry should be ignored", AUXV_DEC},
    {23, "AT_SECURE", "Boolean, was exec setuid-like?", AUXV_DEC},
    {24, "AT_BASE_PLATFORM", "String identifying base platform", AUXV_STR},
    {25, "AT_RANDOM", "Address of 16 random bytes", AUXV_HEX},
    {26, "AT_HWCAP2", "Extension of AT_HWCAP", AUXV_HEX},
    {31, "AT_EXECFN", "File name of executable", AUXV_STR},
    {32, "AT_SYSINFO", "Special system info/entry points", AUXV_HEX},
    {33, "AT_SYSINFO_EHDR", "System-supplied DSO's ELF header", AUXV_HEX},
    {51, "AT_MINSIGSTKSZ", "Minimum stack size for signal delivery", AUXV_HEX},
};

static int info_auxv(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    uint64_t v[512];
    int n = s->pid && s->target->ops->read_auxv ? s->target->ops->read_auxv(s->target, v, sizeof(v))
                                                : HDB_E_NO_PROCESS;
    if (n <= 0) {
        hdb_cli_err(c, "The program has no auxiliary information now.\n");
        return n < 0 ? n : HDB_E_NOT_FOUND;
    }
    for (size_t i = 0; i + 1 < (size_t)n / 8; i += 2) {
        const char *name = "???", *desc = "";
        int how = AUXV_HEX;
        for (size_t k = 0; k < sizeof(at_types) / sizeof(at_types[0]); k++) {
            if (at_types[k].type == v[i]) {
                name = at_types[k].name;
                desc = at_types[k].desc;
                how = at_types[k].how;
            }
        }
        hdb_sb_reset(&c->out);
        hdb_sb_printf(&c->out, "%-4llu %-20s %-30s ", (unsigned long long)v[i], name, desc);
        if (how == AUXV_DEC) {
            hdb_sb_printf(&c->out, "%llu", (unsigned long long)v[i + 1]);
        } else {
            hdb_sb_printf(&c->out, "0x%llx", (unsigned long long)v[i + 1]);
        }
        if (how == AUXV_STR) {
            /* The string in the program's memory, as print shows a char pointer's. */
            uint8_t str[201];
            size_t len = 0;
            while (len < sizeof(str) - 1 &&
                   hdb_session_read(s, v[i + 1] + len, &str[len], 1) == 1 && str[len])
                len++;
            hdb_sb_putc(&c->out, ' ');
            hdb_format_chars(str, len, false, &c->out);
            if (len == sizeof(str) - 1)
                hdb_sb_printf(&c->out, "...");
        }
        hdb_cli_out(c, "%s\n", c->out.s);
        if (v[i] == 0)
            break;
    }
    return 0;
}

/* ---- info program --------------------------------------------------------- */

static int info_program(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    if (!s->pid) {
        hdb_cli_out(c, "The program being debugged is not being run.\n");
        return 0;
    }
    struct hdb_regs regs;
    uint64_t pc = hdb_session_regs(s, &regs) == 0 ? regs.v[HDB_REG_RIP] : 0;
    if (s->frame != 0) {
        /* The stop pc, not the selected frame's. */
        int saved = s->frame;
        s->frame = 0;
        if (hdb_session_regs(s, &regs) == 0)
            pc = regs.v[HDB_REG_RIP];
        s->frame = saved;
    }
    hdb_cli_out(c, "\tUsing the running image of %s process %lld.\n",
                s->attached ? "attached" : "child", (long long)s->pid);
    hdb_cli_out(c, "Program stopped at 0x%llx.\n", (unsigned long long)pc);
    const struct hdb_event *ev = &c->last_stop;
    if (c->have_last_stop) {
        switch (ev->kind) {
        case HDB_EV_STEPPED:
            hdb_cli_out(c, "It stopped after being stepped.\n");
            break;
        case HDB_EV_BREAKPOINT:
        case HDB_EV_WATCH:
            if (hdb_bp_get(&s->bps, ev->bp_number))
                hdb_cli_out(c, "It stopped at breakpoint %d.\n", ev->bp_number);
            else
                hdb_cli_out(c, "It stopped at a breakpoint that has since been deleted.\n");
            break;
        case HDB_EV_FINISHED:
            /* finish and until ran to a breakpoint of their own, gone once they stopped. */
            hdb_cli_out(c, "It stopped at a breakpoint that has since been deleted.\n");
            break;
        case HDB_EV_SIGNAL:
            hdb_cli_out(c, "It stopped at signal %s, %s.\n", hdb_signal_name(ev->signal),
                        hdb_signal_desc(ev->signal));
            break;
        default:
            break;
        }
    }
    if (!c->batch)
        hdb_cli_out(c, "Type \"info stack\" or \"info registers\" for more information.\n");
    return 0;
}

int hdb_cli_info_proc(struct hdb_cli *c, int id, const char *args)
{
    switch (id) {
    case HDB_INFO_PROC:
        return info_proc(c, args);
    case HDB_INFO_AUXV:
        return info_auxv(c);
    default:
        return info_program(c);
    }
}
