/*
 * cli_printf.c: gdb's `printf "FORMAT", EXPR...` and `output EXPR`.
 *
 * printf takes a C format string (gdb's escapes \\ \a \b \e \f \n \r \t
 * \v \", no octal ones) and one expression per conversion: %d %i %u %x
 * %X %o %c with the length modifiers l ll z j t (the value taken as that
 * C type: %u of -1 is 4294967295; gdb takes no h or hh), %s (a char
 * array, or a pointer to a NUL-terminated string in the program; a null
 * one is "(null)"), %f %F %e %E %g %G %a %A (a double; an integer's bytes
 * read as the floating type of its size, as gdb reads them), %p, and %%;
 * flags, width and precision as in C. As gdb does, it evaluates the whole
 * command before printing anything: a bad format, a missing or extra
 * argument, or a value that cannot be converted is one error line and no
 * output. output prints a value as print does, without the history
 * number and without a newline.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/value.h>

#define MAX_SPEC 64
#define MAX_STRING 4096 /* a %s argument's bytes read from the program, at most */

/* The escapes gdb's printf takes after a backslash at *p; false for another. */
static bool escape(const char *p, char *ch)
{
    static const char from[] = "\\abefnrtv\"", to[] = "\\\a\b\033\f\n\r\t\v\"";
    const char *e = *p ? strchr(from, *p) : NULL;
    if (e)
        *ch = to[e - from];
    return e != NULL;
}

/*
 * The format string between the quotes, escapes decoded; *end just past
 * the closing quote. *bad: an unknown escape's character, else 0.
 */
static bool format_string(const char *p, char *out, size_t out_len, const char **end, char *bad)
{
    *bad = 0;
    size_t n = 0;
    while (*p == ' ')
        p++;
    if (*p++ != '"')
        return false;
    for (; *p && *p != '"'; p++) {
        char ch = *p;
        if (ch == '\\') {
            p++;
            if (!escape(p, &ch)) {
                *bad = *p;
                return false;
            }
        }
        if (n + 1 >= out_len)
            return false;
        out[n++] = ch;
    }
    if (*p != '"')
        return false;
    out[n] = 0;
    *end = p + 1;
    return true;
}

/* The next comma-separated expression of args (commas inside brackets and quotes kept). */
static const char *next_arg(const char *p, char *out, size_t out_len)
{
    int depth = 0;
    char quote = 0;
    size_t n = 0;
    while (*p == ' ')
        p++;
    for (; *p; p++) {
        if (quote && *p == '\\' && p[1]) {
            if (n + 2 < out_len)
                out[n++] = *p;
            p++;
        } else if (quote && *p == quote) {
            quote = 0;
        } else if (!quote && (*p == '"' || *p == '\'')) {
            quote = *p;
        } else if (!quote && (*p == '(' || *p == '[')) {
            depth++;
        } else if (!quote && (*p == ')' || *p == ']')) {
            depth--;
        } else if (!quote && *p == ',' && depth == 0) {
            break;
        }
        if (n + 1 < out_len)
            out[n++] = *p;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = 0;
    return p;
}

/* Where a %s argument's characters are: a char array's own bytes, or where a pointer points. */
static int string_addr(struct hdb_session *s, const struct hdb_value *v, uint64_t *addr)
{
    struct hdb_ctype t;
    if (v->lvalue && v->kind == HDB_VAL_DWARF &&
        hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) == 0 && t.tag == DW_TAG_array_type) {
        *addr = v->addr;
        return hdb_value_in_program(s, addr); /* a string literal is put in the program first */
    }
    return hdb_value_as_u64(s, v, addr) < 0 ? HDB_E_ARG : 0;
}

/* A %s argument's NUL-terminated string, at most len - 1 bytes of it. */
static int string_arg(struct hdb_session *s, const struct hdb_value *v, char *buf, size_t len)
{
    uint64_t addr;
    int rc = string_addr(s, v, &addr);
    if (rc < 0)
        return rc;
    if (addr == 0) {
        snprintf(buf, len, "(null)"); /* as gdb (and glibc's printf) show a null %s */
        return 0;
    }
    for (size_t i = 0; i + 1 < len; i++) {
        uint8_t b;
        if (hdb_session_read(s, addr + i, &b, 1) != 1)
            return HDB_E_IO;
        buf[i] = (char)b;
        if (!b)
            return 0;
    }
    buf[len - 1] = 0;
    return 0;
}

/* A printf argument's value: an integer (its size in bytes) or a floating-point number. */
struct scalar {
    bool is_float, aggregate;
    unsigned size;
    uint64_t bits;
    double d;
};

static int scalar_of(struct hdb_session *s, const struct hdb_value *v, struct scalar *out)
{
    memset(out, 0, sizeof(*out));
    out->size = v->kind == HDB_VAL_INT || v->kind == HDB_VAL_UINT ? 4 : 8;
    if (v->kind == HDB_VAL_DOUBLE) {
        out->is_float = true;
        out->d = v->d;
        return 0;
    }
    struct hdb_ctype t;
    if (v->kind == HDB_VAL_DWARF && v->lvalue &&
        hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) == 0) {
        out->size = t.size <= 8 ? (unsigned)t.size : 8;
        if (t.tag == DW_TAG_array_type || t.tag == DW_TAG_structure_type ||
            t.tag == DW_TAG_union_type) {
            out->aggregate = true;
            return 0;
        }
        if (t.tag == DW_TAG_base_type && t.encoding == DW_ATE_float) {
            out->is_float = true;
            return hdb_value_as_double(s, v, &out->d);
        }
    }
    return hdb_value_as_u64(s, v, &out->bits);
}

/*
 * Splits off the conversion at fmt (just past '%'): the spec rewritten for
 * the host's snprintf (integers as long long), its letter in *conv, and
 * for integers the width of the C type the length modifier names (int
 * without one, C11 7.21.6.1) in *bits. The length past fmt, or 0 for a
 * conversion gdb does not take.
 */
static size_t parse_spec(const char *fmt, char *spec, char *conv, unsigned *bits)
{
    size_t i = 0, n = 0;
    spec[n++] = '%';
    while (fmt[i] && strchr("-+ #0", fmt[i]) && n < MAX_SPEC - 8)
        spec[n++] = fmt[i++];
    while (((fmt[i] >= '0' && fmt[i] <= '9') || fmt[i] == '.') && n < MAX_SPEC - 8)
        spec[n++] = fmt[i++];
    size_t mod = i;
    while (fmt[i] && strchr("lLzjt", fmt[i])) /* gdb takes no h or hh */
        i++;
    *conv = fmt[i];
    *bits = 32;
    if (!*conv || !strchr("diuxXocsfFeEgGaAp", *conv))
        return 0;
    if (strchr("cspfFeEgGaA", *conv)) {
        if (i != mod && *conv != 'c' && *conv != 's')
            return 0; /* long double is not taken */
        *bits = 64;
    } else {
        *bits = i != mod ? 64 : 32;
        spec[n++] = 'l';
        spec[n++] = 'l';
    }
    spec[n++] = *conv;
    spec[n] = 0;
    return i + 1;
}

/* One conversion applied to the value of expr, appended to out. */
static int convert(struct hdb_cli *c, const char *spec, char conv, unsigned bits, const char *expr,
                   struct hdb_strbuf *out)
{
    struct hdb_value v;
    const char *stop;
    int rc = hdb_eval_at(c->s, expr, &v, &stop);
    if (rc < 0) {
        hdb_cli_eval_error(c, rc, expr, stop);
        return rc;
    }
    char piece[MAX_STRING + 128];
    struct scalar sc;
    if (conv != 's' && (rc = scalar_of(c->s, &v, &sc)) < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    if (conv != 's' && sc.aggregate) {
        hdb_cli_err(c, strchr("fFeEgGaA", conv) ? "Value can't be converted to float.\n"
                                                : "Value can't be converted to integer.\n");
        return HDB_E_ARG;
    }
    if (conv == 's') {
        char str[MAX_STRING];
        if ((rc = string_arg(c->s, &v, str, sizeof(str))) < 0) {
            hdb_cli_err(c, rc == HDB_E_IO ? "Cannot access memory of the %%s argument.\n"
                                          : "Value can't be converted to integer.\n");
            return rc;
        }
        snprintf(piece, sizeof(piece), spec, str);
    } else if (strchr("fFeEgGaA", conv)) {
        /* gdb reads an integer's bytes as the floating type of its size (float, double). */
        double d = sc.d;
        if (!sc.is_float && sc.size == 4) {
            float f;
            uint32_t w = (uint32_t)sc.bits;
            memcpy(&f, &w, sizeof(f));
            d = f;
        } else if (!sc.is_float) {
            memcpy(&d, &sc.bits, sizeof(d));
        }
        snprintf(piece, sizeof(piece), spec, d);
    } else {
        uint64_t n = sc.is_float ? (uint64_t)(int64_t)sc.d : sc.bits;
        if (bits < 64) {
            uint64_t mask = (1ull << bits) - 1, sign = 1ull << (bits - 1);
            n &= mask;
            if ((conv == 'd' || conv == 'i') && (n & sign))
                n |= ~mask;
        }
        if (conv == 'p')
            snprintf(piece, sizeof(piece), "0x%llx", (unsigned long long)n);
        else if (conv == 'c')
            snprintf(piece, sizeof(piece), spec, (int)(unsigned char)n);
        else
            snprintf(piece, sizeof(piece), spec, (unsigned long long)n);
    }
    hdb_sb_printf(out, "%s", piece);
    return 0;
}

static int printf_cmd(struct hdb_cli *c, const char *args)
{
    char fmt[1024], bad;
    const char *p;
    if (!*args) {
        hdb_cli_err(c, "Argument required (format-control string and values to print).\n");
        return HDB_E_ARG;
    }
    if (!format_string(args, fmt, sizeof(fmt), &p, &bad)) {
        if (bad)
            hdb_cli_err(c, "Unrecognized escape character \\%c in format string.\n", bad);
        else
            hdb_cli_err(c, strchr(args, '"') ? "Bad format string, non-terminated '\"'.\n"
                                             : "Bad format string\n");
        return HDB_E_ARG;
    }
    struct hdb_strbuf *out = &c->out;
    hdb_sb_reset(out);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            hdb_sb_putc(out, *f);
            continue;
        }
        if (f[1] == '%') {
            hdb_sb_putc(out, '%');
            f++;
            continue;
        }
        char spec[MAX_SPEC], conv, expr[512];
        unsigned bits;
        size_t len = parse_spec(f + 1, spec, &conv, &bits);
        if (!len) {
            hdb_cli_err(c, "Unrecognized format specifier '%c' in printf\n", f[1] ? f[1] : ' ');
            return HDB_E_ARG;
        }
        while (*p == ' ')
            p++;
        if (*p == ',')
            p = next_arg(p + 1, expr, sizeof(expr));
        else
            expr[0] = 0;
        if (!*expr) {
            hdb_cli_err(c, "Wrong number of arguments for specified format-string\n");
            return HDB_E_ARG;
        }
        int rc = convert(c, spec, conv, bits, expr, out);
        if (rc < 0)
            return rc;
        f += len;
    }
    while (*p == ' ')
        p++;
    if (*p) {
        hdb_cli_err(c, "Wrong number of arguments for specified format-string\n");
        return HDB_E_ARG;
    }
    hdb_cli_out(c, "%s", out->s);
    return 0;
}

static int output_cmd(struct hdb_cli *c, const char *fmt, const char *args)
{
    struct hdb_value v;
    const char *stop;
    if (!*args) {
        hdb_cli_err(c, "Argument required (expression to compute).\n");
        return HDB_E_ARG;
    }
    int rc = hdb_eval_at(c->s, args, &v, &stop);
    if (rc < 0) {
        hdb_cli_eval_error(c, rc, args, stop);
        return rc;
    }
    hdb_sb_reset(&c->out);
    if ((rc = hdb_value_format(c->s, &v, fmt[0], true, &c->out)) < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    hdb_cli_out(c, "%s", c->out.s);
    return 0;
}

int hdb_cli_cmd_printf(struct hdb_cli *c, int id, const char *fmt, const char *args)
{
    return id == HDB_CMD_OUTPUT ? output_cmd(c, fmt, args) : printf_cmd(c, args);
}
