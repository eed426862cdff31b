/*
 * cli_data.c: print, x and list.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/value.h>

void hdb_cli_call_stopped(struct hdb_cli *c, const char *why)
{
    const struct hdb_call_stop *cs = hdb_call_last_stop(c->s);
    if (!cs)
        return;
    hdb_cli_print_event(c, &cs->ev);
    /* gdb runs no breakpoint commands for a stop inside a call from an expression. */
    hdb_cli_note_stop(c, 0, false);
    hdb_cli_err(c, "%s", why);
    if (cs->ev.kind == HDB_EV_EXITED || cs->ev.kind == HDB_EV_KILLED) {
        hdb_cli_err(c,
                    "The program being debugged exited while in a function called from GDB.\n"
                    "Evaluation of the expression containing the function\n"
                    "(%s) will be abandoned.\n",
                    cs->func);
        return;
    }
    if (cs->ev.kind == HDB_EV_SIGNAL)
        hdb_cli_err(c, "The program being debugged was signaled while in a function called from "
                       "GDB.\nGDB remains in the frame where the signal was received.\n"
                       "To change this behavior use \"set unwindonsignal on\".\n");
    else
        hdb_cli_err(c, "%s\n", hdb_strerror(HDB_E_CALL_STOPPED));
    hdb_cli_err(c,
                "Evaluation of the expression containing the function\n"
                "(%s) will be abandoned.\n"
                "When the function is done executing, GDB will silently stop.\n",
                cs->func);
}

void hdb_cli_eval_error(struct hdb_cli *c, int rc, const char *expr, const char *stop)
{
    if (rc == HDB_E_NOT_STRUCT) {
        /* Where parsing stopped is just after "->name" or ".name". */
        const char *b = stop;
        while (b > expr && (isalnum((unsigned char)b[-1]) || b[-1] == '_' || b[-1] == ' '))
            b--;
        bool arrow = b - expr >= 2 && b[-1] == '>' && b[-2] == '-';
        hdb_cli_err(c, "Attempt to extract a component of a value that is not a structure%s.\n",
                    arrow ? " pointer" : "");
        return;
    }
    if (rc == HDB_E_NO_MEMBER) {
        /* The member is the name just before where parsing stopped. */
        const char *e = stop, *b = stop;
        while (b > expr && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
            b--;
        hdb_cli_err(c, "There is no member named %.*s.\n", (int)(e - b), b);
        return;
    }
    if (rc == HDB_E_HISTORY) {
        /* The $N, $$N, $ or $$ parsing stopped after. */
        const char *b = stop;
        while (b > expr && isdigit((unsigned char)b[-1]))
            b--;
        long n = b < stop ? strtol(b, NULL, 10) : -1;
        bool back = b - expr >= 2 && b[-1] == '$' && b[-2] == '$';
        if ((back && n == 0) || (!back && n <= 0)) {
            hdb_cli_err(c, "The history is empty.\n");
        } else if (back) {
            hdb_cli_err(c, "History does not go back to $$%ld.\n", n < 0 ? 1 : n);
        } else {
            hdb_cli_err(c, "History has not yet reached $%ld.\n", n);
        }
        return;
    }
    if (rc == HDB_E_CALL_STOPPED) {
        hdb_cli_call_stopped(c, "");
        return;
    }
    if (rc == HDB_E_UNKNOWN_RET) {
        const struct hdb_call_stop *cs = hdb_call_last_stop(c->s);
        hdb_cli_err(c, "'%s' %s\n", cs ? cs->func : "?", hdb_strerror(rc));
        return;
    }
    if (rc == HDB_E_REPEAT) {
        const char *at = strrchr(expr, '@');
        hdb_cli_err(c, "Invalid number %ld of repetitions.\n", at ? strtol(at + 1, NULL, 0) : 0L);
        return;
    }
    if (rc == HDB_E_NOT_IN_MEMORY && strchr(expr, '@')) {
        hdb_cli_err(c, "Only values in memory can be extended with '@'.\n");
        return;
    }
    if (rc == HDB_E_STRUCT_OP) {
        static const char *const ops[] = {"==", "!=", "<=", ">=", "&&", "||", "<", ">",
                                          "+",  "-",  "*",  "/",  "%",  "!",  "~"};
        const char *op = "";
        for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]) && !*op; i++)
            if (strstr(expr, ops[i]))
                op = ops[i];
        hdb_cli_err(c, "Structure has no component named operator%s.\n", op);
        return;
    }
    if (rc == HDB_E_NODEBUG || rc == HDB_E_NO_TYPE) {
        /* The symbol or the tag is the identifier parsing stopped after. */
        const char *e = stop;
        while (e > expr && e[-1] == ' ')
            e--;
        const char *b = e;
        while (b > expr && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
            b--;
        if (rc == HDB_E_NODEBUG) {
            hdb_cli_err(c, "'%.*s' has unknown type; cast it to its declared type\n", (int)(e - b),
                        b);
            return;
        }
        const char *k = b;
        while (k > expr && k[-1] == ' ')
            k--;
        const char *kb = k;
        while (kb > expr && isalpha((unsigned char)kb[-1]))
            kb--;
        hdb_cli_err(c, "No %.*s type named %.*s.\n", (int)(k - kb), kb, (int)(e - b), b);
        return;
    }
    if (rc == HDB_E_NOT_FOUND) {
        /* The unknown name is the identifier parsing stopped after. */
        char name[128];
        const char *b = stop;
        while (b > expr && (isalnum((unsigned char)b[-1]) || b[-1] == '_' || b[-1] == '$'))
            b--;
        size_t n = (size_t)(stop - b) < sizeof(name) ? (size_t)(stop - b) : sizeof(name) - 1;
        memcpy(name, b, n);
        name[n] = 0;
        if (name[0] == '$')
            hdb_cli_err(c, "Invalid register `%s'\n", name + 1);
        else if (!hdb_cli_have_debug_info(c))
            hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
        else
            hdb_cli_err(c, "No symbol \"%s\" in current context.\n", name);
    } else if (rc == HDB_E_NO_PROCESS) {
        hdb_cli_err(c, "No registers.\n");
    } else if (rc == HDB_E_ARG) {
        hdb_cli_err(c, "A syntax error in expression, near `%s'.\n", stop);
    } else if (rc == HDB_E_IO) {
        hdb_cli_err(c, "Cannot access memory\n");
    } else {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
    }
}

static int print_cmd(struct hdb_cli *c, const char *fmt, const char *args, bool call)
{
    struct hdb_value v;
    if (!*args) {
        hdb_cli_err(c, "Argument required (expression to compute).\n");
        return HDB_E_ARG;
    }
    const char *stop;
    int rc = hdb_eval_at(c->s, args, &v, &stop);
    if (rc == HDB_E_OPTIMIZED_OUT) {
        struct hdb_value none = {.kind = HDB_VAL_VOID};
        hdb_cli_out(c, "$%d = <optimized out>\n", hdb_cli_record(c, &none));
        return 0;
    }
    if (rc < 0) {
        hdb_cli_eval_error(c, rc, args, stop);
        return rc;
    }
    hdb_cli_flush_warning(c);
    if (call && v.kind == HDB_VAL_VOID)
        return 0; /* call: a void function's result is not printed, nor kept */
    char f = fmt[0];
    if (f && !strchr("xzduotcas", f)) {
        hdb_cli_err(c, "Undefined output format \"%s\".\n", fmt);
        return HDB_E_ARG;
    }
    hdb_sb_reset(&c->out);
    rc = hdb_value_format(c->s, &v, f, true, &c->out);
    if (rc < 0) {
        uint64_t a = v.lvalue ? v.addr : v.scalar;
        if (rc == HDB_E_IO)
            hdb_cli_err(c, "Cannot access memory at address 0x%llx\n", (unsigned long long)a);
        else
            hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    hdb_cli_out(c, "$%d = %s\n", hdb_cli_record(c, &v), c->out.s);
    return 0;
}

int hdb_cli_record(struct hdb_cli *c, const struct hdb_value *v)
{
    /* A value that cannot be kept (memory gone, too large) still takes its number. */
    int n = hdb_values_record(c->s, v);
    if (n < 0) {
        struct hdb_value none = {.kind = HDB_VAL_VOID};
        n = hdb_values_record(c->s, &none);
    }
    return n < 0 ? hdb_values_count(c->s) : n;
}

static void x_label(struct hdb_cli *c, uint64_t addr)
{
    hdb_sb_printf(&c->out, "0x%llx", (unsigned long long)addr);
    hdb_format_symbolic_linkage(c->s, addr, &c->out);
    hdb_sb_printf(&c->out, ":");
}

/* x/s with print elements unlimited: a string is shown up to this many characters. */
#define X_STRING_MAX (1u << 20)

static int x_strings(struct hdb_cli *c, uint64_t addr, unsigned count)
{
    /* Up to print elements characters a string; one cut there goes on at the next x/s. */
    size_t max = c->s->print_elements ? c->s->print_elements : X_STRING_MAX;
    if (max > X_STRING_MAX)
        max = X_STRING_MAX;
    uint8_t *buf = hdb_alloc(c->s->plat, max + 1);
    if (!buf)
        return HDB_E_NOMEM;
    int rc = 0;
    for (unsigned i = 0; i < count; i++) {
        size_t n = 0;
        while (n < max && hdb_session_read(c->s, addr + n, &buf[n], 1) == 1 && buf[n])
            n++;
        if (n == 0 && hdb_session_read(c->s, addr, buf, 1) != 1) {
            hdb_cli_err(c, "Cannot access memory at address 0x%llx\n", (unsigned long long)addr);
            rc = HDB_E_IO;
            break;
        }
        uint8_t next = 0;
        bool cut = n == max && hdb_session_read(c->s, addr + n, &next, 1) == 1 && next != 0;
        hdb_sb_reset(&c->out);
        x_label(c, addr);
        hdb_sb_putc(&c->out, '\t');
        hdb_format_chars_max(buf, n, false, max, &c->out);
        if (cut)
            hdb_sb_printf(&c->out, "...");
        hdb_cli_out(c, "%s\n", c->out.s);
        addr += cut ? n : n + 1;
    }
    hdb_free(c->s->plat, buf, max + 1);
    if (rc < 0)
        return rc;
    c->x_next = addr;
    return 0;
}

static int x_cmd(struct hdb_cli *c, const char *fmt, const char *args)
{
    /* A bare x repeats the last format and count where the last one ended. */
    struct hdb_xfmt x = c->xfmt;
    if (*fmt && hdb_xfmt_parse(fmt, &x) < 0) {
        hdb_cli_err(c, "Invalid number \"%s\".\n", fmt);
        return HDB_E_ARG;
    }
    uint64_t addr = c->x_next;
    if (*args) {
        struct hdb_value v;
        const char *stop;
        int rc = hdb_eval_at(c->s, args, &v, &stop);
        if (rc == 0)
            rc = hdb_value_as_u64(c->s, &v, &addr);
        if (rc < 0) {
            hdb_cli_eval_error(c, rc, args, stop);
            return rc;
        }
    }
    c->xfmt = x;
    if (x.format == 's')
        return x_strings(c, addr, x.count);
    unsigned size = x.size, per_line;
    switch (x.format == 'i' ? 'b' : x.format) {
    case 'c':
        per_line = 8;
        break;
    case 'a':
        per_line = 2;
        break;
    default:
        per_line = size == 8 ? 2 : size == 4 ? 4 : 8;
        break;
    }
    if (x.format == 'i')
        return hdb_cli_x_insns(c, addr, x.count);
    for (unsigned i = 0; i < x.count; i++) {
        uint64_t a = addr + (uint64_t)i * size, v = 0;
        if (i % per_line == 0) {
            if (i)
                hdb_cli_out(c, "%s\n", c->out.s);
            hdb_sb_reset(&c->out);
            x_label(c, a);
        }
        if (hdb_session_read(c->s, a, &v, size) != (int)size) {
            /* gdb leaves the address on the line and the error completes it. */
            hdb_cli_out(c, "%s\t", c->out.s);
            hdb_cli_err(c, "Cannot access memory at address 0x%llx\n", (unsigned long long)a);
            return HDB_E_IO;
        }
        hdb_sb_putc(&c->out, '\t');
        switch (x.format) {
        case 'x':
        case 'z':
            hdb_sb_printf(&c->out, "0x%0*llx", (int)size * 2, (unsigned long long)v);
            break;
        case 'a':
            hdb_sb_printf(&c->out, "0x%llx", (unsigned long long)v);
            hdb_format_symbolic_linkage(c->s, v, &c->out);
            break;
        default: {
            struct hdb_value val = {.kind = HDB_VAL_LONG, .scalar = v};
            char f = x.format == 'c' ? 'c' : x.format;
            if (f == 'c') {
                uint8_t ch = (uint8_t)v;
                hdb_sb_printf(&c->out, "%d '", (int)(int8_t)ch);
                uint8_t one[1] = {ch};
                struct hdb_strbuf tmp;
                hdb_sb_reset(&tmp);
                hdb_format_chars(one, 1, false, &tmp);
                /* hdb_format_chars quotes with "..."; a char is shown between single quotes. */
                hdb_sb_printf(&c->out, "%.*s'", (int)(tmp.len - 2), tmp.s + 1);
            } else if (f == 't') {
                for (int bit = (int)size * 8 - 1; bit >= 0; bit--)
                    hdb_sb_putc(&c->out, (v >> bit) & 1 ? '1' : '0');
            } else if (f == 'd' && size < 8) {
                uint64_t m = 1ull << (size * 8 - 1);
                v &= (1ull << (size * 8)) - 1;
                hdb_sb_printf(&c->out, "%lld", (long long)((v ^ m) - m));
            } else {
                hdb_value_format(c->s, &val, f, false, &c->out);
            }
            break;
        }
        }
    }
    if (c->out.len)
        hdb_cli_out(c, "%s\n", c->out.s);
    c->x_next = addr + (uint64_t)x.count * size;
    return 0;
}

static void list_lines(struct hdb_cli *c, uint32_t file, uint32_t first, uint32_t last)
{
    if (file >= c->s->lines.nfiles) {
        c->list_valid = false; /* the listed library went away, another in its place */
        return;
    }
    size_t total = hdb_cli_source_count(c, file);
    if (total == 0) {
        /* gdb makes the file current even so, at this line for the next `list`. */
        hdb_cli_print_line(c, file, first);
        c->list_file = file;
        c->list_next = first;
        c->list_first = first;
        c->list_at_frame = false;
        c->list_valid = true;
        return;
    }
    if (first > total) {
        hdb_cli_err(c, "Line number %u out of range; %s has %zu lines.\n", first,
                    c->s->lines.files[file].name, total);
        return;
    }
    if (last > total)
        last = (uint32_t)total;
    for (uint32_t l = first; l <= last; l++) {
        size_t len;
        const char *text = hdb_cli_source_line(c, file, l, &len);
        if (text)
            hdb_cli_out(c, "%u\t%.*s\n", l, (int)len, text);
    }
    c->list_file = file;
    c->list_next = last + 1;
    c->list_first = first;
    c->list_valid = true;
    c->list_at_frame = false;
}

/* How many lines a listing shows: `set listsize` (0, unlimited: every line). */
uint32_t hdb_cli_list_size(const struct hdb_cli *c)
{
    return c->listsize > 0 ? (uint32_t)c->listsize : 0x7fffffffu;
}

/* n lines before line, or from 1 (gdb's `max (line - n, 1)`). */
static uint32_t back(uint32_t line, uint32_t n)
{
    return line > n ? line - n : 1;
}

/* Lists listsize lines centred on line (gdb's `list LINENUM`). */
static void list_around(struct hdb_cli *c, uint32_t file, uint32_t line)
{
    uint32_t n = hdb_cli_list_size(c);
    uint32_t first = back(line, n / 2);
    list_lines(c, file, first, first + (n - 1));
}

static int list_cmd(struct hdb_cli *c, const char *args, bool *elsewhere);
static int spec_line(struct hdb_cli *c, const char *args, uint32_t *file, uint32_t *line,
                     bool *elsewhere);

/*
 * list works in the file it last listed (a library's, after a stop or a
 * `list FUNC` there), and looks for FUNC and FILE:LINE in every file.
 */
int hdb_cli_cmd_list(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    /* A program without debug information has nothing to list (gdb), until a stop in a library. */
    if (!c->list_valid && !hdb_cli_have_debug_info(c)) {
        hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
        return HDB_E_NOT_FOUND;
    }
    int prev = s->active_mod - 1;
    if (c->list_valid && c->list_mod > s->nmods)
        c->list_valid = false; /* its library went away */
    if (c->list_valid)
        hdb_session_activate_module(s, c->list_mod - 1);
    bool elsewhere = false;
    int rc = list_cmd(c, args, &elsewhere);
    uint64_t loc;
    struct hdb_line_loc line;
    const struct hdb_lines *lines;
    if (elsewhere && hdb_session_resolve(s, args, &loc, 1) == 1) {
        /* Code without line information (a PLT stub, say): gdb lists nothing. */
        bool has_line = hdb_session_find_line(s, loc, &line, &lines) == 0;
        if (has_line)
            hdb_session_activate_pc(s, hdb_session_bp_runtime(s, loc));
        rc = has_line ? list_cmd(c, args, NULL) : 0;
    } else if (elsewhere) {
        rc = list_cmd(c, args, NULL); /* to say why */
    }
    if (c->list_valid)
        c->list_mod = s->active_mod;
    hdb_session_activate_module(s, prev);
    return rc;
}

/*
 * A FUNC or FILE:LINE the active file does not have: with elsewhere, set
 * it (to look in the other files); without, say so.
 */
static int list_cmd(struct hdb_cli *c, const char *args, bool *elsewhere)
{
    struct hdb_session *s = c->s;
    if (!s->img) {
        hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
        return HDB_E_NOT_FOUND;
    }
    struct hdb_line_loc loc;
    if (!strcmp(args, "-") && c->list_valid && !c->list_at_frame) {
        /* The ten lines before the last listing (or the stop's), as gdb goes back. */
        if (c->list_first <= 1) {
            hdb_cli_err(c, "Already at the start of %s.\n", s->lines.files[c->list_file].name);
            return HDB_E_ARG;
        }
        uint32_t first = back(c->list_first, hdb_cli_list_size(c));
        list_lines(c, c->list_file, first, c->list_first - 1);
        return 0;
    }
    if (!*args || !strcmp(args, "-")) {
        if (c->list_valid) {
            list_lines(c, c->list_file, c->list_next, c->list_next + (hdb_cli_list_size(c) - 1));
            return 0;
        }
        const struct hdb_dfunc *m = hdb_dinfo_func_by_name(&s->dinfo, "main");
        uint64_t a;
        if (!m || hdb_session_func_bp_addr(s, m->lo, m->hi, &a) < 0 ||
            hdb_lines_find(&s->lines, a, &loc) < 0) {
            hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
            return HDB_E_NOT_FOUND;
        }
        /*
         * gdb's first listing: its current line is set ten lines before
         * main's body, then it lists ten lines centred on that.
         */
        uint32_t n = hdb_cli_list_size(c);
        uint32_t cur = back(loc.line, n - 1);
        uint32_t first = back(cur, n / 2);
        list_lines(c, loc.file, first, first + (n - 1));
        return 0;
    }
    /* FIRST,LAST, FIRST, and ,LAST: a range, ten lines from FIRST, ten ending at LAST. */
    const char *comma = strchr(args, ',');
    if (!comma) {
        uint32_t file, line;
        int rc = spec_line(c, args, &file, &line, elsewhere);
        if (rc == 0)
            list_around(c, file, line);
        return rc;
    }
    char first[512];
    snprintf(first, sizeof(first), "%.*s", (int)(comma - args), args);
    while (*first && first[strlen(first) - 1] == ' ')
        first[strlen(first) - 1] = 0;
    const char *last = comma + 1;
    while (*last == ' ')
        last++;
    uint32_t f1 = 0, l1 = 0, f2 = 0, l2 = 0;
    int rc = *first ? spec_line(c, first, &f1, &l1, elsewhere) : 0;
    if (rc == 0 && *last)
        rc = spec_line(c, last, &f2, &l2, elsewhere);
    if (rc < 0)
        return rc;
    if (!*first && !*last) {
        hdb_cli_err(c, "Junk at end of line specification.\n");
        return HDB_E_ARG;
    }
    uint32_t n = hdb_cli_list_size(c);
    if (!*first)
        list_lines(c, f2, back(l2, n - 1), l2);
    else if (!*last)
        list_lines(c, f1, l1, l1 + (n - 1));
    else if (l2 >= l1)
        list_lines(c, f1, l1, l2);
    return 0;
}

/*
 * The file and line a linespec of list names: LINE (in the file last
 * listed, else main's), FILE:LINE, or FUNC (the line of its first
 * instruction). A FUNC or FILE:LINE the active file does not have: with
 * elsewhere, set it; without, say so.
 */
static int spec_line(struct hdb_cli *c, const char *args, uint32_t *file, uint32_t *line,
                     bool *elsewhere)
{
    struct hdb_session *s = c->s;
    struct hdb_line_loc loc;
    const char *colon = strrchr(args, ':');
    bool digits = true;
    for (const char *p = colon ? colon + 1 : args; *p; p++)
        digits = digits && isdigit((unsigned char)*p);
    if (digits && !colon) {
        *line = (uint32_t)strtoul(args, NULL, 10);
        *file = c->list_valid ? c->list_file : 0;
        if (!c->list_valid) {
            const struct hdb_dfunc *m = hdb_dinfo_func_by_name(&s->dinfo, "main");
            if (m && hdb_lines_find(&s->lines, m->lo, &loc) == 0)
                *file = loc.file;
        }
        return 0;
    }
    if (digits && colon) {
        char name[512];
        snprintf(name, sizeof(name), "%.*s", (int)(colon - args), args);
        for (uint32_t f = 0; f < s->lines.nfiles; f++) {
            if (hdb_lines_file_matches(&s->lines, f, name)) {
                *file = f;
                *line = (uint32_t)strtoul(colon + 1, NULL, 10);
                return 0;
            }
        }
        if (elsewhere)
            *elsewhere = true;
        else
            hdb_cli_err(c, "No source file named %s.\n", name);
        return HDB_E_NOT_FOUND;
    }
    const struct hdb_dfunc *f = hdb_dinfo_func_by_name(&s->dinfo, args);
    if (!f || hdb_lines_find(&s->lines, f->lo, &loc) < 0) {
        if (elsewhere)
            *elsewhere = true;
        else
            hdb_cli_err(c, "Function \"%s\" not defined.\n", args);
        return HDB_E_NOT_FOUND;
    }
    *file = loc.file;
    *line = loc.line;
    return 0;
}

int hdb_cli_cmd_data(struct hdb_cli *c, int id, const char *fmt, const char *args)
{
    if (id == HDB_CMD_PRINT || id == HDB_CMD_CALL)
        return print_cmd(c, fmt, args, id == HDB_CMD_CALL);
    return x_cmd(c, fmt, args);
}
