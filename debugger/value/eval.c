/*
 * eval.c: the C expression parser behind print, x, conditions and set var
 * (C11 6.5, by precedence climbing):
 *
 *   expr    := cond ('=' expr)?           cond := or ('?' expr ':' cond)?
 *   or      := and ('||' and)*          and := eq ('&&' eq)*
 *   eq      := rel (('==' | '!=') rel)*  rel := add (('<' | '>' | '<=' | '>=') add)*
 *   add     := mul (('+' | '-') mul)*    mul := unary (('*' | '/' | '%') unary)*
 *   unary   := ('-' | '+' | '!' | '~' | '&' | '*') unary | '(' TYPE ')' unary
 *            | 'sizeof' ('(' TYPE ')' | unary) | postfix
 *   postfix := primary ('[' expr ']' | '.' NAME | '->' NAME | '(' args ')')*
 *   args    := (assign (',' assign)*)?
 *   primary := NUMBER | CHAR | STRING+ | '$'REGISTER | NAME | '(' expr ')'
 *
 * NAME is looked up by names.c. The operations are in valops.c; a call
 * runs the program's function (call.c), except under whatis, ptype and
 * sizeof, which want its type only.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/error.h>
#include <hdb/value.h>

struct parser {
    struct hdb_session *s;
    const char *p;
    /* The operand of & or of a cast, or the whole of whatis: a symbol without DWARF is allowed. */
    bool allow_nodebug;
    int type_err; /* why the last type name failed: HDB_E_NO_TYPE for an unknown struct TAG */
    bool dry;     /* whatis, ptype, sizeof: the type matters, calls are not made */
    /* (TYPE) f(...): the return type a call of a function without DWARF takes from the cast. */
    struct hdb_call_opts cast;
    /* The cast's type name, and the file active when it was looked up (call() looks again). */
    const char *cast_name;
    const struct hdb_image *cast_img;
};

/* An ELF object symbol without DWARF: its type is unknown until a cast gives one. */
static bool is_nodebug(const struct hdb_value *v)
{
    return v->kind == HDB_VAL_DWARF && v->unit == HDB_BUILTIN_UNIT &&
           v->type == hdb_builtin_type(HDB_BT_NODEBUG_DATA, 0);
}

static void skip_ws(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t')
        ps->p++;
}

static bool eat(struct parser *ps, const char *tok)
{
    skip_ws(ps);
    size_t n = strlen(tok);
    if (strncmp(ps->p, tok, n) != 0)
        return false;
    /* "&" must not take the first half of "&&", nor "<" of "<=", nor "-" of "->". */
    if (n == 1 && ps->p[1] && strchr("&|=<>-", tok[0]) &&
        (ps->p[1] == tok[0] || ps->p[1] == '=' || (tok[0] == '-' && ps->p[1] == '>')))
        return false;
    ps->p += n;
    return true;
}

static int parse_expr(struct parser *ps, struct hdb_value *v);
static int unary(struct parser *ps, struct hdb_value *v);

/* Integer (decimal, 0x hex, 0 octal; u/l suffixes) or floating literal. */
static int number(struct parser *ps, struct hdb_value *v)
{
    const char *p = ps->p;
    bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
    const char *q = p;
    while (isalnum((unsigned char)*q) || *q == '.')
        q++;
    bool fp = !hex && (memchr(p, '.', (size_t)(q - p)) || memchr(p, 'e', (size_t)(q - p)) ||
                       memchr(p, 'E', (size_t)(q - p)));
    char *end;
    if (fp) {
        v->kind = HDB_VAL_DOUBLE;
        v->d = strtod(p, &end);
    } else {
        uint64_t x = strtoull(p, &end, 0);
        bool is_unsigned = false, is_long = x > 0x7fffffff;
        for (; *end == 'u' || *end == 'U' || *end == 'l' || *end == 'L'; end++) {
            if (*end == 'u' || *end == 'U')
                is_unsigned = true;
            else
                is_long = true;
        }
        if (x > 0xffffffffu)
            is_long = true;
        v->kind = is_long ? (is_unsigned ? HDB_VAL_ULONG : HDB_VAL_LONG)
                          : (is_unsigned ? HDB_VAL_UINT : HDB_VAL_INT);
        v->scalar = x;
    }
    if (isalnum((unsigned char)*end) || *end == '.')
        return HDB_E_ARG; /* "12abc", "1.2.3" */
    ps->p = end;
    return 0;
}

/*
 * $N, $ and $$, $$N (the value history), $register, $name (a convenience
 * variable): GDB manual "Value History", "Convenience Variables".
 */
static int dollar(struct parser *ps, struct hdb_value *v)
{
    struct hdb_session *s = ps->s;
    ps->p++;
    bool back = *ps->p == '$';
    if (back)
        ps->p++;
    if (isdigit((unsigned char)*ps->p) || !(isalpha((unsigned char)*ps->p) || *ps->p == '_')) {
        /* $N counts from the first value; $$N back from the last ($ is $$0, $$ is $$1, $0 is $). */
        long n = back ? 1 : 0;
        bool digits = isdigit((unsigned char)*ps->p);
        if (digits) {
            char *end;
            n = strtol(ps->p, &end, 10);
            ps->p = end;
        }
        int last = hdb_values_count(s);
        long which = back || n == 0 ? last - n : n;
        if (hdb_values_history(s, (int)which, v) < 0)
            return HDB_E_HISTORY;
        hdb_values_use_file(s, (int)which, 0);
        return 0;
    }
    char name[32];
    size_t n = 0;
    while ((isalnum((unsigned char)*ps->p) || *ps->p == '_') && n + 1 < sizeof(name))
        name[n++] = *ps->p++;
    name[n] = 0;
    struct hdb_reg_desc reg;
    if (!back && hdb_reg_lookup(name, &reg) == 0) {
        int rc = hdb_reg_value(s, &reg, v);
        if (rc != HDB_E_NOT_FOUND)
            return rc;
    }
    if (back)
        return HDB_E_ARG;
    int rc = hdb_values_conv(s, name, v);
    if (rc == 0)
        hdb_values_use_file(s, 0, v->conv1);
    return rc;
}

/* An escape sequence after its backslash (C11 6.4.4.4): *c, and *p past it. */
static int escape(const char **pp, unsigned *c)
{
    const char *p = *pp;
    static const char esc[] = "n\nt\tr\ra\ab\bf\fv\ve\033\\\\\'\'\"\"??";
    const char *e = strchr(esc, *p);
    if (*p >= '0' && *p <= '7') {
        *c = 0;
        for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
            *c = *c * 8 + (unsigned)(*p++ - '0');
    } else if (*p == 'x' && isxdigit((unsigned char)p[1])) {
        char *end;
        *c = (unsigned)strtoul(p + 1, &end, 16);
        p = end;
    } else if (*p && e && (e - esc) % 2 == 0) {
        *c = (unsigned char)e[1];
        p++;
    } else {
        return HDB_E_ARG;
    }
    *pp = p;
    return 0;
}

/* 'c' with C's escapes (C11 6.4.4.4), of type char as gdb gives it. */
static int char_literal(struct parser *ps, struct hdb_value *v)
{
    const char *p = ps->p + 1;
    unsigned c;
    if (*p == '\\') {
        p++;
        if (escape(&p, &c) < 0)
            return HDB_E_ARG;
    } else if (*p == '\'') {
        return HDB_E_CHAR_EMPTY;
    } else if (*p && (unsigned char)*p < 0x80) {
        c = (unsigned char)*p++;
    } else {
        return HDB_E_CHAR;
    }
    if (*p != '\'')
        return HDB_E_CHAR;
    ps->p = p + 1;
    v->kind = HDB_VAL_DWARF;
    v->unit = HDB_BUILTIN_UNIT;
    v->type = hdb_builtin_type(HDB_BT_CHAR, 0);
    v->scalar = c & 0xff;
    return 0;
}

/*
 * "text" "more" (C11 6.4.5: adjacent literals are one): a char array held
 * by hdb, which the program gets a copy of only if its address is needed.
 */
static int string_literal(struct parser *ps, struct hdb_value *v)
{
    char buf[4096];
    size_t n = 0;
    while (*ps->p == '"') {
        const char *p = ps->p + 1;
        while (*p && *p != '"') {
            unsigned c = (unsigned char)*p++;
            if (c == '\\' && *p && escape(&p, &c) < 0)
                c = (unsigned char)*p++; /* gdb takes an unknown escape as the character */
            if (n + 1 >= sizeof(buf))
                return HDB_E_NOTSUP;
            buf[n++] = (char)c;
        }
        if (*p != '"')
            return HDB_E_UNTERMINATED;
        ps->p = p + 1;
        skip_ws(ps);
    }
    buf[n++] = 0;
    v->kind = HDB_VAL_DWARF;
    v->unit = HDB_BUILTIN_UNIT;
    v->type = hdb_builtin_array(hdb_builtin_type(HDB_BT_CHAR, 0), n);
    v->lvalue = true;
    return hdb_values_temp(ps->s, buf, n, true, &v->addr);
}

static int primary(struct parser *ps, struct hdb_value *v)
{
    struct hdb_session *s = ps->s;
    skip_ws(ps);
    memset(v, 0, sizeof(*v));
    if (*ps->p == '(') {
        ps->p++;
        int rc = parse_expr(ps, v);
        skip_ws(ps);
        if (rc < 0)
            return rc;
        if (*ps->p != ')')
            return HDB_E_ARG;
        ps->p++;
        return 0;
    }
    if (*ps->p == '$')
        return dollar(ps, v);
    if (*ps->p == '\'')
        return char_literal(ps, v);
    if (*ps->p == '"')
        return string_literal(ps, v);
    if (isdigit((unsigned char)*ps->p) || (*ps->p == '.' && isdigit((unsigned char)ps->p[1]))) {
        return number(ps, v);
    }
    if (isalpha((unsigned char)*ps->p) || *ps->p == '_') {
        char name[256];
        size_t n = 0;
        while ((isalnum((unsigned char)*ps->p) || *ps->p == '_') && n + 1 < sizeof(name))
            name[n++] = *ps->p++;
        name[n] = 0;
        const char *after = ps->p;
        while (*after == ' ')
            after++;
        return hdb_eval_name(s, name, *after == '(', v);
    }
    return HDB_E_ARG;
}

/* f(args): the arguments, then the call (call.c). */
static bool type_name(struct parser *ps, uint64_t *unit, uint64_t *type, int *depth);

static int call(struct parser *ps, struct hdb_value *v, const struct hdb_call_opts *opts,
                const char *cast_name, const struct hdb_image *cast_img)
{
    struct hdb_value args[64];
    int n = 0, rc;
    skip_ws(ps);
    if (*ps->p != ')') {
        do {
            if (n == (int)(sizeof(args) / sizeof(args[0])))
                return HDB_E_NOTSUP;
            if ((rc = parse_expr(ps, &args[n++])) < 0)
                return rc;
        } while (eat(ps, ","));
    }
    if (!eat(ps, ")"))
        return HDB_E_ARG;
    struct hdb_call_opts o = *opts;
    o.dry_run = ps->dry;
    /*
     * The function was found in another file than the cast's type (a
     * library's, global_elsewhere): the return type it takes from the cast
     * is that file's type of the same name.
     */
    uint64_t unit, type;
    int depth;
    struct parser again = *ps;
    again.p = cast_name;
    if (o.cast && cast_name && ps->s->img != cast_img && type_name(&again, &unit, &type, &depth)) {
        o.cast = hdb_type_pointer(ps->s, unit, type, depth, &o.cast_type) == 0;
        o.cast_unit = unit;
    }
    struct hdb_value fn = *v;
    return hdb_value_call(ps->s, &fn, args, n, &o, v);
}

static int postfix(struct parser *ps, struct hdb_value *v)
{
    bool allow = ps->allow_nodebug;
    ps->allow_nodebug = false;
    /* A cast just before applies to this expression's call only, not to calls in its arguments. */
    struct hdb_call_opts opts = ps->cast;
    const char *cast_name = ps->cast_name;
    const struct hdb_image *cast_img = ps->cast_img;
    memset(&ps->cast, 0, sizeof(ps->cast));
    ps->cast_name = NULL;
    int rc = primary(ps, v);
    if (rc == 0 && !allow && is_nodebug(v))
        return HDB_E_NODEBUG; /* gdb: 'x' has unknown type; cast it to its declared type */
    while (rc == 0) {
        if (eat(ps, "[")) {
            struct hdb_value idx;
            if ((rc = parse_expr(ps, &idx)) < 0)
                return rc;
            if (!eat(ps, "]"))
                return HDB_E_ARG;
            uint64_t i;
            if ((rc = hdb_value_as_u64(ps->s, &idx, &i)) < 0)
                return rc;
            rc = hdb_value_index(ps->s, v, (int64_t)i);
        } else if (eat(ps, "->") || eat(ps, ".")) {
            bool arrow = ps->p[-1] == '>';
            char name[128];
            size_t n = 0;
            skip_ws(ps);
            while ((isalnum((unsigned char)*ps->p) || *ps->p == '_') && n + 1 < sizeof(name))
                name[n++] = *ps->p++;
            name[n] = 0;
            if (!n)
                return HDB_E_ARG;
            rc = hdb_value_member(ps->s, v, name, arrow);
        } else if (eat(ps, "(")) {
            rc = call(ps, v, &opts, cast_name, cast_img);
            memset(&opts, 0, sizeof(opts));
        } else {
            return 0;
        }
    }
    return rc;
}

/* A type name in a cast or sizeof: base, typedef, struct/union/enum TAG, then '*'s. */
static bool type_name(struct parser *ps, uint64_t *unit, uint64_t *type, int *depth)
{
    const char *save = ps->p;
    char name[128] = "";
    size_t n = 0;
    skip_ws(ps);
    for (;;) {
        const char *w = ps->p;
        while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
            ps->p++;
        if (ps->p == w)
            break;
        if (n && n + 1 < sizeof(name))
            name[n++] = ' ';
        for (; w < ps->p && n + 1 < sizeof(name); w++)
            name[n++] = *w;
        name[n] = 0;
        skip_ws(ps);
    }
    *depth = 0;
    while (eat(ps, "*"))
        (*depth)++;
    skip_ws(ps);
    if (n && *ps->p == ')' && hdb_type_by_name(ps->s, name, unit, type) == 0)
        return true;
    /* "struct TAG" is a type name or nothing: gdb says no such type, leaving the tag before stop.
     */
    if (strncmp(name, "struct ", 7) == 0 || strncmp(name, "union ", 6) == 0 ||
        strncmp(name, "enum ", 5) == 0) {
        ps->type_err = HDB_E_NO_TYPE;
        ps->p = save;
        skip_ws(ps);
        for (int words = 0; words < 2; words++) {
            while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
                ps->p++;
            skip_ws(ps);
        }
        return false;
    }
    ps->p = save;
    return false;
}

static int unary(struct parser *ps, struct hdb_value *v)
{
    struct hdb_session *s = ps->s;
    int rc;
    skip_ws(ps);
    if (eat(ps, "&")) {
        ps->allow_nodebug = true;
        if ((rc = unary(ps, v)) < 0)
            return rc;
        if (v->kind == HDB_VAL_FUNC && v->type) {
            /* &f: a pointer to the function (C11 6.5.3.2). */
            v->kind = HDB_VAL_ADDR_OF;
            return 0;
        }
        const uint8_t *lit;
        size_t lit_len;
        /* &"text": the literal's copy in the program (whatis wants its type only, as gdb). */
        bool dry_literal = ps->dry && v->lvalue && hdb_values_literal(s, v->addr, &lit, &lit_len);
        if (v->lvalue && !dry_literal && (rc = hdb_value_in_program(s, &v->addr)) < 0)
            return rc;
        if (!v->lvalue || (!dry_literal && hdb_values_in_store(v->addr) &&
                           (rc = hdb_values_origin(s, v->addr, &v->addr)) < 0))
            return HDB_E_NOT_IN_MEMORY;
        if (v->repeat)
            return HDB_E_ARG;
        v->scalar = v->addr;
        v->lvalue = false;
        v->kind = v->kind == HDB_VAL_DWARF ? HDB_VAL_ADDR_OF : HDB_VAL_DATA_PTR;
        return 0;
    }
    if (eat(ps, "*")) {
        if ((rc = unary(ps, v)) < 0)
            return rc;
        /* *f is f (C11 6.5.3.2: a function designator decays back). */
        if (v->kind == HDB_VAL_FUNC)
            return 0;
        /* *"text" decays the literal to a pointer: gdb puts it in the program first. */
        if (v->kind == HDB_VAL_DWARF && v->lvalue && (rc = hdb_value_in_program(s, &v->addr)) < 0)
            return rc;
        return hdb_value_index(s, v, 0);
    }
    static const char ops[] = "-+!~";
    for (const char *o = ops; *o; o++) {
        char tok[2] = {*o, 0};
        if (eat(ps, tok)) {
            if ((rc = unary(ps, v)) < 0)
                return rc;
            return hdb_value_unary(s, *o, v);
        }
    }
    if (strncmp(ps->p, "sizeof", 6) == 0 && !isalnum((unsigned char)ps->p[6]) && ps->p[6] != '_') {
        ps->p += 6;
        uint64_t unit, type, size;
        int depth;
        skip_ws(ps);
        const char *save = ps->p;
        if (eat(ps, "(") && type_name(ps, &unit, &type, &depth) && eat(ps, ")")) {
            struct hdb_value t = {.kind = HDB_VAL_DWARF, .unit = unit, .type = type};
            if ((rc = hdb_value_sizeof(s, &t, &size)) < 0)
                return rc;
            if (depth)
                size = 8;
        } else if (ps->type_err) {
            return ps->type_err;
        } else {
            ps->p = save;
            bool dry = ps->dry;
            ps->dry = true; /* sizeof f(x) calls nothing */
            rc = unary(ps, v);
            ps->dry = dry;
            if (rc < 0 || (rc = hdb_value_sizeof(s, v, &size)) < 0)
                return rc;
        }
        memset(v, 0, sizeof(*v));
        v->kind = HDB_VAL_INT; /* gdb gives sizeof the type int */
        v->scalar = size;
        return 0;
    }
    const char *save = ps->p;
    if (eat(ps, "(")) {
        uint64_t unit, type;
        int depth;
        const char *tname = ps->p;
        const struct hdb_image *img = s->img;
        if (type_name(ps, &unit, &type, &depth) && eat(ps, ")")) {
            ps->allow_nodebug = true;
            ps->cast.cast = hdb_type_pointer(s, unit, type, depth, &ps->cast.cast_type) == 0;
            ps->cast.cast_unit = unit;
            ps->cast_name = tname;
            ps->cast_img = img;
            if ((rc = unary(ps, v)) < 0)
                return rc;
            memset(&ps->cast, 0, sizeof(ps->cast));
            /*
             * The operand made another file's DWARF the active one (a library's
             * function or global, global_elsewhere): the type's name is looked up
             * again there, where the value's types and the cast's must meet.
             */
            struct parser again = *ps;
            again.p = tname;
            if (s->img != img && !type_name(&again, &unit, &type, &depth))
                return HDB_E_NO_TYPE;
            return hdb_value_cast(s, v, unit, type, depth);
        }
        if (ps->type_err)
            return ps->type_err;
        ps->p = save;
    }
    return postfix(ps, v);
}

/* Binary operators by precedence level, lowest first; op codes as hdb_value_binary takes them. */
static const struct {
    const char *tok;
    char op;
    int level;
} binops[] = {
    {"||", '|', 0}, {"&&", '&', 1}, {"==", '=', 2}, {"!=", '!', 2}, {"<=", 'l', 3},
    {">=", 'g', 3}, {"<", '<', 3},  {">", '>', 3},  {"@", '@', 4},  {"+", '+', 5},
    {"-", '-', 5},  {"*", '*', 6},  {"/", '/', 6},  {"%", '%', 6},
};
#define BINARY_LEVELS 7

/* EXPR@N (GDB manual "Artificial Arrays"): N objects of EXPR's type from its address on. */
static int artificial_array(struct hdb_session *s, struct hdb_value *v, const struct hdb_value *n)
{
    uint64_t count;
    int rc = hdb_value_as_u64(s, n, &count);
    if (rc < 0)
        return rc;
    if (v->kind != HDB_VAL_DWARF || !v->lvalue || v->repeat || hdb_values_in_store(v->addr))
        return HDB_E_NOT_IN_MEMORY;
    if ((int64_t)count <= 0)
        return HDB_E_REPEAT;
    v->repeat = count;
    return 0;
}

static int binary(struct parser *ps, struct hdb_value *v, int level)
{
    if (level >= BINARY_LEVELS)
        return unary(ps, v);
    int rc = binary(ps, v, level + 1);
    while (rc == 0) {
        char op = 0;
        for (size_t i = 0; i < sizeof(binops) / sizeof(binops[0]) && !op; i++)
            if (binops[i].level == level && eat(ps, binops[i].tok))
                op = binops[i].op;
        if (!op)
            return 0;
        struct hdb_value rhs;
        if ((rc = binary(ps, &rhs, level + 1)) < 0)
            return rc;
        rc = op == '@' ? artificial_array(ps->s, v, &rhs) : hdb_value_binary(ps->s, op, v, &rhs);
    }
    return rc;
}

/*
 * conditional := or ('?' expr ':' conditional)?  (C11 6.5.15). Only the
 * chosen operand is evaluated; the other is parsed dry (no call, no
 * assignment), as gdb skips its side effects.
 */
static int conditional(struct parser *ps, struct hdb_value *v)
{
    int rc = binary(ps, v, 0);
    if (rc < 0 || !eat(ps, "?"))
        return rc;
    bool truth = false, dry = ps->dry;
    if (!dry && (rc = hdb_value_truth(ps->s, v, &truth)) < 0)
        return rc;
    struct hdb_value a, b;
    ps->dry = dry || !truth;
    rc = parse_expr(ps, &a);
    if (rc == 0 && !eat(ps, ":"))
        rc = HDB_E_ARG;
    ps->dry = dry || truth;
    if (rc == 0)
        rc = conditional(ps, &b);
    ps->dry = dry;
    if (rc < 0)
        return rc;
    *v = truth || dry ? a : b;
    return 0;
}

/* assign := conditional ('=' assign)?  (right associative, C11 6.5.16) */
static int parse_expr(struct parser *ps, struct hdb_value *v)
{
    int rc = conditional(ps, v);
    if (rc < 0 || !eat(ps, "="))
        return rc;
    struct hdb_value rhs;
    if ((rc = parse_expr(ps, &rhs)) < 0)
        return rc;
    if (ps->dry)
        return 0; /* sizeof (x = 1), or the operand ?: does not choose: nothing is written */
    return hdb_value_assign(ps->s, v, &rhs);
}

static int eval(struct hdb_session *s, const char *expr, struct hdb_value *v, const char **stop,
                bool for_type)
{
    struct parser ps = {s, expr, for_type, 0, for_type, {0}, NULL, NULL};
    memset(v, 0, sizeof(*v));
    int rc = parse_expr(&ps, v);
    *stop = ps.p;
    if (rc < 0)
        return rc;
    skip_ws(&ps);
    *stop = ps.p;
    return *ps.p ? HDB_E_ARG : 0;
}

int hdb_eval_at(struct hdb_session *s, const char *expr, struct hdb_value *v, const char **stop)
{
    return eval(s, expr, v, stop, false);
}

int hdb_eval_type(struct hdb_session *s, const char *expr, struct hdb_value *v, const char **stop)
{
    return eval(s, expr, v, stop, true);
}

int hdb_eval(struct hdb_session *s, const char *expr, struct hdb_value *v)
{
    const char *stop;
    return hdb_eval_at(s, expr, v, &stop);
}

int hdb_value_as_u64(struct hdb_session *s, const struct hdb_value *v, uint64_t *out)
{
    if (v->kind == HDB_VAL_DOUBLE) {
        *out = (uint64_t)(int64_t)v->d;
        return 0;
    }
    if (v->kind != HDB_VAL_DWARF || !v->lvalue) {
        *out = v->kind == HDB_VAL_INT ? (uint64_t)(int64_t)(int32_t)v->scalar : v->scalar;
        return 0;
    }
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, v->unit, v->type, &t) < 0)
        return HDB_E_FORMAT;
    if (t.tag == DW_TAG_array_type || t.tag == DW_TAG_structure_type ||
        t.tag == DW_TAG_union_type) {
        *out = v->addr;
        return t.tag == DW_TAG_array_type ? hdb_value_in_program(s, out) : 0;
    }
    uint64_t x = 0;
    size_t n = t.size > 8 ? 8 : (size_t)t.size;
    if (n && hdb_session_read(s, v->addr, &x, n) != (int)n)
        return HDB_E_IO;
    /* Signed integers narrower than 64 bits widen with their sign (an index of -1 stays -1). */
    if (n < 8 && n > 0 && (t.encoding == DW_ATE_signed || t.encoding == DW_ATE_signed_char)) {
        uint64_t m = 1ull << (n * 8 - 1);
        x = (x ^ m) - m;
    }
    *out = x;
    return 0;
}
