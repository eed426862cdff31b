/*
 * cli_settings.c: set, show and unset: the settings hdb has, each shown
 * in gdb's sentence for it, the program's arguments and environment,
 * `set var` (assignment through the expression evaluator), and the
 * settings gdb scripts commonly carry that hdb accepts and ignores.
 *
 * A setting is named as gdb names it, each word by any prefix of it
 * ("show print pre" is "show print pretty").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/value.h>

/* hdb's banner for show version: what it is, not gdb's. */
#define HDB_VERSION_TEXT                                                                           \
    "hdb (Helios-C) 0.1\n"                                                                         \
    "The Helios-C project's debugger: gdb's commands and words for Linux programs\n"               \
    "(through ptrace) and for the Helios kernel and its tasks (through the GDB\n"                  \
    "remote protocol), with its own DWARF reader.\n"

/* The element limit of print (value/format.c); not yet settable. */

enum setting_id {
    S_ARGS,
    S_LISTSIZE,
    S_PRINT_PRETTY,
    S_PRINT_ELEMENTS,
    S_CONFIRM,
    S_PAGINATION,
    S_HW_WATCH,
    S_BP_PENDING,
    S_ENVIRONMENT,
    S_VERSION,
    S_STARTUP_SHELL,
    S_RANDOMIZATION,
};

static const struct {
    const char *name;
    enum setting_id id;
} settings[] = {
    {"args", S_ARGS},
    {"listsize", S_LISTSIZE},
    {"print pretty", S_PRINT_PRETTY},
    {"print elements", S_PRINT_ELEMENTS},
    {"confirm", S_CONFIRM},
    {"pagination", S_PAGINATION},
    {"can-use-hw-watchpoints", S_HW_WATCH},
    {"breakpoint pending", S_BP_PENDING},
    {"environment", S_ENVIRONMENT},
    {"version", S_VERSION},
    {"startup-with-shell", S_STARTUP_SHELL},
    {"disable-randomization", S_RANDOMIZATION},
};

/*
 * The setting args names, each word of it a prefix of the setting's;
 * *rest: what follows the name. -1 if none; *words: how many of args'
 * words were recognised before it went wrong (for the error message).
 * whole_first: the first word must be whole (set: "set c = 1" assigns to
 * c), or three letters of "environment" at least ("set env").
 */
static int find_setting(const char *args, bool whole_first, const char **rest, int *words)
{
    *words = 0;
    for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
        const char *name = settings[i].name, *a = args;
        int matched = 0;
        for (;;) {
            while (*a == ' ' || *a == '\t')
                a++;
            size_t nlen = strcspn(name, " "), alen = strcspn(a, " \t");
            if (alen == 0 || alen > nlen || strncmp(name, a, alen) != 0)
                break;
            if (whole_first && matched == 0 && alen < nlen &&
                (settings[i].id != S_ENVIRONMENT || alen < 3))
                break;
            matched++;
            a += alen;
            name += nlen;
            if (!*name) {
                while (*a == ' ' || *a == '\t')
                    a++;
                *rest = a;
                return (int)i;
            }
            name++;
        }
        if (matched > *words)
            *words = matched;
    }
    return -1;
}

/* gdb's spelling of a boolean setting: on/off, 1/0, yes/no, enable/disable (empty: on). */
static int parse_bool(struct hdb_cli *c, const char *v, bool *out)
{
    static const char *const on[] = {"on", "1", "yes", "enable"};
    static const char *const off[] = {"off", "0", "no", "disable"};
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    if (n == 0) {
        *out = true;
        return 0;
    }
    for (int i = 0; i < 4; i++) {
        if (n <= strlen(on[i]) && !strncmp(on[i], v, n) && (n > 1 || v[0] != 'o')) {
            *out = true;
            return 0;
        }
        if (n <= strlen(off[i]) && !strncmp(off[i], v, n) && (n > 1 || v[0] != 'o')) {
            *out = false;
            return 0;
        }
    }
    hdb_cli_err(c, "\"on\" or \"off\" expected.\n");
    return HDB_E_ARG;
}

/*
 * An integer setting: "unlimited" (0) or an expression, as gdb evaluates
 * it; minus_one: -1 is taken too (gdb's signed settings, listsize).
 */
static int parse_count(struct hdb_cli *c, const char *v, bool minus_one, int *out)
{
    if (!*v) {
        /* gdb's words differ by one period between its signed and unsigned settings. */
        hdb_cli_err(c, minus_one ? "Argument required (integer to set it to, or \"unlimited\".).\n"
                                 : "Argument required (integer to set it to, or \"unlimited\").\n");
        return HDB_E_ARG;
    }
    if (!strncmp(v, "unlimited", strlen(v))) {
        *out = 0;
        return 0;
    }
    struct hdb_value val;
    const char *stop;
    uint64_t n;
    int rc = hdb_eval_at(c->s, v, &val, &stop);
    if (rc < 0) {
        hdb_cli_eval_error(c, rc, v, stop);
        return rc;
    }
    if ((rc = hdb_value_as_u64(c->s, &val, &n)) < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    if (minus_one && (int64_t)n == -1) {
        *out = -1;
        return 0;
    }
    if ((int64_t)n < 0 || n > 0x7fffffff) {
        hdb_cli_err(c, "integer %lld out of range\n", (long long)n);
        return HDB_E_ARG;
    }
    *out = (int)n;
    return 0;
}

/* ---- environment ---------------------------------------------------------- */

static bool have_env(struct hdb_cli *c)
{
    if (c->plat->getenv && c->plat->setenv && c->plat->environ_at)
        return true;
    hdb_cli_err(c, "There is no environment on this system.\n");
    return false;
}

/*
 * set environment VAR VALUE, VAR=VALUE, VAR = VALUE: the name ends at the
 * first '=' or blank (a blank before an '=' that follows other words
 * belongs to the value, as gdb reads it); no value sets it empty.
 */
static int set_environment(struct hdb_cli *c, const char *arg)
{
    if (!have_env(c))
        return HDB_E_NOTSUP;
    if (!*arg) {
        hdb_cli_err(c, "Argument required (environment variable and value).\n");
        return HDB_E_ARG;
    }
    const char *eq = strchr(arg, '='), *sp = strchr(arg, ' ');
    const char *end = eq;
    if (eq && sp) {
        const char *after = sp;
        while (*after == ' ')
            after++;
        if (eq > after)
            end = sp; /* "VAR value=x": the '=' is the value's */
    } else if (sp) {
        end = sp;
    }
    if (end == arg) {
        hdb_cli_err(c, "Argument required (environment variable to set).\n");
        return HDB_E_ARG;
    }
    const char *value = "";
    bool null = !end || !end[1];
    if (!end)
        end = arg + strlen(arg);
    if (!null) {
        value = end + 1;
        while (*value == ' ' || *value == '\t')
            value++;
    }
    while (end > arg && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    char name[256];
    snprintf(name, sizeof(name), "%.*s", (int)(end - arg), arg);
    if (null)
        hdb_cli_out(c, "Setting environment variable \"%s\" to null value.\n", name);
    int rc = c->plat->setenv(c->plat->ctx, name, value);
    if (rc < 0)
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
    return rc;
}

static int show_environment(struct hdb_cli *c, const char *var)
{
    if (!have_env(c))
        return HDB_E_NOTSUP;
    if (*var) {
        const char *v = c->plat->getenv(c->plat->ctx, var);
        if (v)
            hdb_cli_out(c, "%s = %s\n", var, v);
        else
            hdb_cli_out(c, "Environment variable \"%s\" not defined.\n", var);
        return 0;
    }
    const char *e;
    for (size_t i = 0; (e = c->plat->environ_at(c->plat->ctx, i)) != NULL; i++)
        hdb_cli_out(c, "%s\n", e);
    return 0;
}

int hdb_cli_cmd_unset(struct hdb_cli *c, const char *args)
{
    size_t n = strcspn(args, " \t");
    if (n == 0 || n > 11 || strncmp("environment", args, n) != 0) {
        if (n == 0)
            hdb_cli_err(c, "\"unset\" must be followed by the name of an unset subcommand.\n");
        else
            hdb_cli_err(c, "Undefined unset command: \"%.*s\".  Try \"help unset\".\n", (int)n,
                        args);
        return HDB_E_ARG;
    }
    if (!have_env(c))
        return HDB_E_NOTSUP;
    const char *var = args + n;
    while (*var == ' ' || *var == '\t')
        var++;
    if (*var)
        return c->plat->setenv(c->plat->ctx, var, NULL);
    /* gdb asks first; without a terminal to answer, the answer is yes. */
    if (c->batch)
        hdb_cli_out(c, "Delete all environment variables? (y or n) "
                       "[answered Y; input not from terminal]\n");
    const char *e;
    while ((e = c->plat->environ_at(c->plat->ctx, 0)) != NULL) {
        char name[256];
        snprintf(name, sizeof(name), "%.*s", (int)strcspn(e, "="), e);
        if (c->plat->setenv(c->plat->ctx, name, NULL) < 0)
            return HDB_E_IO;
    }
    return 0;
}

/* ---- show ----------------------------------------------------------------- */

static const char *on_off(bool v)
{
    return v ? "on" : "off";
}

int hdb_cli_cmd_show(struct hdb_cli *c, const char *args)
{
    const char *rest;
    int words;
    int i = find_setting(args, false, &rest, &words);
    if (i < 0) {
        /* gdb names the prefix it understood: "show print nosuch". */
        size_t n = strcspn(args, " \t");
        if (!*args) {
            for (size_t k = 0; k < sizeof(settings) / sizeof(settings[0]); k++) {
                if (settings[k].id == S_ENVIRONMENT || settings[k].id == S_VERSION)
                    continue;
                hdb_cli_out(c, "%s:  ", settings[k].name);
                hdb_cli_cmd_show(c, settings[k].name);
            }
            return 0;
        }
        if (words == 1 && !strncmp("print", args, n)) {
            const char *w = args + n;
            while (*w == ' ')
                w++;
            hdb_cli_err(c, "Undefined show print command: \"%s\".  Try \"help show print\".\n", w);
        } else {
            hdb_cli_err(c, "Undefined show command: \"%s\".  Try \"help show\".\n", args);
        }
        return HDB_E_NOT_FOUND;
    }
    switch (settings[i].id) {
    case S_ARGS:
        hdb_cli_out(c,
                    "Argument list to give program being debugged when it is started is \"%s\".\n",
                    c->args_line);
        break;
    case S_LISTSIZE:
        if (c->listsize)
            hdb_cli_out(c, "Number of source lines gdb will list by default is %d.\n", c->listsize);
        else
            hdb_cli_out(c, "Number of source lines gdb will list by default is unlimited.\n");
        break;
    case S_PRINT_PRETTY:
        hdb_cli_out(c, "Pretty formatting of structures is %s.\n", on_off(c->s->print_pretty));
        break;
    case S_PRINT_ELEMENTS:
        if (c->s->print_elements)
            hdb_cli_out(c, "Limit on string chars or array elements to print is %u.\n",
                        c->s->print_elements);
        else
            hdb_cli_out(c, "Limit on string chars or array elements to print is unlimited.\n");
        break;
    case S_CONFIRM:
        hdb_cli_out(c, "Whether to confirm potentially dangerous operations is %s.\n",
                    on_off(c->confirm));
        break;
    case S_PAGINATION:
        hdb_cli_out(c, "State of pagination is %s.\n", on_off(c->pagination));
        break;
    case S_HW_WATCH:
        hdb_cli_out(c, "Debugger's willingness to use watchpoint hardware is %d.\n",
                    c->no_hw_watch ? 0 : 1);
        break;
    case S_BP_PENDING:
        hdb_cli_out(c, "Debugger's behavior regarding pending breakpoints is %s.\n",
                    c->bp_pending > 0   ? "on"
                    : c->bp_pending < 0 ? "off"
                                        : "auto");
        break;
    case S_ENVIRONMENT:
        return show_environment(c, rest);
    case S_VERSION:
        hdb_cli_out(c, "%s", HDB_VERSION_TEXT);
        break;
    case S_STARTUP_SHELL:
        /* hdb starts programs directly, never through a shell. */
        hdb_cli_out(c, "Use of shell to start subprocesses is off.\n");
        break;
    case S_RANDOMIZATION:
        /* The ptrace target always starts programs without address-space randomization. */
        hdb_cli_out(c, "Disabling randomization of debuggee's virtual address space is on.\n");
        break;
    }
    return 0;
}

/* ---- set ------------------------------------------------------------------ */

/* Settings gdb scripts commonly carry; hdb has nothing to change for them yet. */
static const char *const quiet_settings[] = {
    "height", "width", "startup-with-shell", "disable-randomization", "verbose", "logging",
};

/* set SETTING VALUE for the settings of the table; 1 when args names none of them. */
static int set_setting(struct hdb_cli *c, const char *args)
{
    const char *rest;
    int words;
    int i = find_setting(args, true, &rest, &words);
    if (i < 0)
        return 1;
    bool b;
    int n;
    int rc = 0;
    switch (settings[i].id) {
    case S_ARGS:
        return hdb_cli_set_args_line(c, rest);
    case S_LISTSIZE:
        if ((rc = parse_count(c, rest, true, &n)) == 0)
            c->listsize = n;
        return rc;
    case S_PRINT_PRETTY:
        if ((rc = parse_bool(c, rest, &b)) == 0)
            c->s->print_pretty = b;
        return rc;
    case S_PRINT_ELEMENTS:
        if ((rc = parse_count(c, rest, false, &n)) == 0)
            c->s->print_elements = n > 0 ? (unsigned)n : 0;
        return rc;
    case S_CONFIRM:
        if ((rc = parse_bool(c, rest, &b)) == 0)
            c->confirm = b;
        return rc;
    case S_PAGINATION:
        if ((rc = parse_bool(c, rest, &b)) == 0)
            c->pagination = b;
        return rc;
    case S_HW_WATCH:
        /* Watchpoints set from now on are software ones (gdb: those already set stay). */
        c->no_hw_watch = strtol(rest, NULL, 0) == 0;
        return 0;
    case S_BP_PENDING:
        return hdb_cli_set_bp_pending(c, rest);
    case S_ENVIRONMENT:
        return set_environment(c, rest);
    default:
        return 1; /* version and the quiet ones */
    }
}

int hdb_cli_cmd_set(struct hdb_cli *c, const char *args)
{
    int rc = set_setting(c, args);
    if (rc <= 0)
        return rc;
    if (strncmp(args, "variable ", 9) == 0)
        args += 9;
    else if (strncmp(args, "var ", 4) == 0)
        args += 4;
    else
        for (size_t i = 0; i < sizeof(quiet_settings) / sizeof(quiet_settings[0]); i++)
            if (strncmp(args, quiet_settings[i], strlen(quiet_settings[i])) == 0)
                return 0;
    struct hdb_value v;
    const char *stop;
    rc = hdb_eval_at(c->s, args, &v, &stop);
    if (rc == HDB_E_IO) {
        hdb_cli_err(c, "Cannot access memory at address 0x%llx\n",
                    (unsigned long long)(v.lvalue ? v.addr : 0));
        return rc;
    }
    if (rc < 0) {
        if (rc == HDB_E_NOT_LVALUE || rc == HDB_E_TYPE || rc == HDB_E_NOTSUP)
            hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        else
            hdb_cli_eval_error(c, rc, args, stop);
        return rc;
    }
    return 0;
}
