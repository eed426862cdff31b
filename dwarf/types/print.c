/*
 * Printing C types from the type graph: names and declarations by the C
 * declarator rules (a base, then pointer/reference prefixes and array/
 * function suffixes, parenthesised where a pointer meets an array or
 * function), and gdb's ptype layout of structures, unions and enums. All
 * output goes into the caller's buffer; nothing is allocated.
 */
#include <dwarf/types.h>

#include "dwarf_int.h"

struct out {
    char *buf;
    size_t size, len;
    unsigned flags;
    int err;
};

static void put(struct out *o, const char *s)
{
    for (; *s; s++) {
        if (o->len + 1 < o->size)
            o->buf[o->len] = *s;
        else if (!o->err)
            o->err = DWARF_E_LIMIT;
        o->len++;
    }
    if (o->size)
        o->buf[o->len < o->size ? o->len : o->size - 1] = 0;
}

static void put_u64(struct out *o, uint64_t v)
{
    char tmp[21];
    int i = 20;
    tmp[i] = 0;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(o, tmp + i);
}

static void put_i64(struct out *o, int64_t v)
{
    if (v < 0) {
        put(o, "-");
        put_u64(o, 0 - (uint64_t)v);
    } else {
        put_u64(o, (uint64_t)v);
    }
}

static void indent(struct out *o, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        put(o, " ");
}

const char *dwarf_base_type_gdb_name(const char *name)
{
    static const char *const map[][2] = {
        {"long int", "long"},           {"long unsigned int", "unsigned long"},
        {"short int", "short"},         {"short unsigned int", "unsigned short"},
        {"long long int", "long long"}, {"long long unsigned int", "unsigned long long"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        const char *a = map[i][0], *b = name;
        while (*a && *a == *b)
            a++, b++;
        if (*a == 0 && *b == 0)
            return map[i][1];
    }
    return name;
}

static const char *base_name(const char *name, unsigned flags)
{
    if (!(flags & DWARF_PRINT_GDB_NAMES) || name == NULL)
        return name;
    return dwarf_base_type_gdb_name(name);
}

static bool is_declarator(const struct dwarf_type *t)
{
    return t->kind == DWARF_TYPE_POINTER || t->kind == DWARF_TYPE_REFERENCE ||
           t->kind == DWARF_TYPE_ARRAY || t->kind == DWARF_TYPE_FUNCTION;
}

/* Skips qualifiers: the first non-qualifier type below t. */
static int unqualified(const struct dwarf_type *t, struct dwarf_type *out)
{
    *out = *t;
    for (unsigned d = 0; out->kind == DWARF_TYPE_QUALIFIED; d++) {
        int rc;
        if (d == DWARF_TYPE_MAX_DEPTH)
            return DWARF_E_LIMIT;
        if ((rc = dwarf_type_target(out, out)))
            return rc;
    }
    return 0;
}

static void put_qualifier(struct out *o, uint64_t tag, bool leading_space)
{
    const char *q = tag == DW_TAG_const_type      ? "const"
                    : tag == DW_TAG_volatile_type ? "volatile"
                    : tag == DW_TAG_restrict_type ? "restrict"
                                                  : "_Atomic";
    if (leading_space)
        put(o, " ");
    put(o, q);
    if (!leading_space)
        put(o, " ");
}

static int body(struct out *o, const struct dwarf_type *t, unsigned level, unsigned depth);

/*
 * The base of a declaration: the first type below t that is not a
 * declarator, with the qualifiers met on the way that apply to it (gdb's
 * order: const, then volatile). An anonymous structure, union or enum is
 * written out in full at the given indentation level.
 */
static int print_base(struct out *o, const struct dwarf_type *t, unsigned level, unsigned depth)
{
    struct dwarf_type cur = *t;
    bool cv[4] = {false};
    static const uint64_t order[4] = {DW_TAG_const_type, DW_TAG_volatile_type, DW_TAG_restrict_type,
                                      DW_TAG_atomic_type};
    int rc;

    for (unsigned d = 0;; d++) {
        struct dwarf_type next;
        if (d == DWARF_TYPE_MAX_DEPTH || depth > DWARF_TYPE_MAX_DEPTH)
            return DWARF_E_LIMIT;
        if (cur.kind == DWARF_TYPE_QUALIFIED) {
            /* A qualified pointer's qualifiers are printed after its '*'. */
            if ((rc = unqualified(&cur, &next)))
                return rc;
            if (next.kind == DWARF_TYPE_POINTER || next.kind == DWARF_TYPE_REFERENCE) {
                cur = next;
                continue;
            }
            for (int i = 0; i < 4; i++)
                cv[i] |= cur.tag == order[i];
        } else if (!is_declarator(&cur)) {
            break;
        }
        if ((rc = dwarf_type_target(&cur, &cur)))
            return rc;
    }
    for (int i = 0; i < 4; i++)
        if (cv[i])
            put_qualifier(o, order[i], false);
    switch (cur.kind) {
    case DWARF_TYPE_VOID:
        put(o, "void");
        return 0;
    case DWARF_TYPE_STRUCT:
    case DWARF_TYPE_ENUM:
        if (cur.name == NULL)
            return body(o, &cur, level, depth + 1);
        put(o, cur.tag == DW_TAG_union_type       ? "union "
               : cur.tag == DW_TAG_class_type     ? "class "
               : cur.tag == DW_TAG_structure_type ? "struct "
                                                  : "enum ");
        put(o, cur.name);
        return 0;
    default:
        put(o, cur.name ? base_name(cur.name, o->flags) : "<unnamed type>");
        return 0;
    }
}

static int print_prefix(struct out *o, const struct dwarf_type *t, unsigned depth);
static int print_suffix(struct out *o, const struct dwarf_type *t, unsigned depth);
static int print_decl(struct out *o, const struct dwarf_type *t, const char *name, unsigned level,
                      unsigned depth);

/* Whether the declarator below a pointer needs parentheses: an array or a function. */
static int needs_parens(const struct dwarf_type *ptr, bool *yes)
{
    struct dwarf_type target;
    int rc;
    if ((rc = dwarf_type_target(ptr, &target)) || (rc = unqualified(&target, &target)))
        return rc;
    *yes = target.kind == DWARF_TYPE_ARRAY || target.kind == DWARF_TYPE_FUNCTION;
    return 0;
}

static int print_prefix(struct out *o, const struct dwarf_type *t, unsigned depth)
{
    struct dwarf_type target, under;
    bool parens;
    int rc;

    if (depth > DWARF_TYPE_MAX_DEPTH)
        return DWARF_E_LIMIT;
    switch (t->kind) {
    case DWARF_TYPE_QUALIFIED:
        if ((rc = unqualified(t, &under)))
            return rc;
        if (under.kind != DWARF_TYPE_POINTER && under.kind != DWARF_TYPE_REFERENCE)
            return print_prefix(o, &under, depth + 1);
        if ((rc = print_prefix(o, &under, depth + 1)))
            return rc;
        /* "* const": every qualifier between here and the pointer. */
        for (struct dwarf_type q = *t; q.kind == DWARF_TYPE_QUALIFIED;) {
            put_qualifier(o, q.tag, true);
            if ((rc = dwarf_type_target(&q, &q)))
                return rc;
        }
        return 0;
    case DWARF_TYPE_POINTER:
    case DWARF_TYPE_REFERENCE:
        if ((rc = dwarf_type_target(t, &target)) || (rc = needs_parens(t, &parens)) ||
            (rc = print_prefix(o, &target, depth + 1)))
            return rc;
        if (parens)
            put(o, "(");
        /* gdb: "PyObject * const *", a space after a pointer's qualifier. */
        else if (o->len > 0 && o->len <= o->size && o->buf[o->len - 1] >= 'a' &&
                 o->buf[o->len - 1] <= 'z')
            put(o, " ");
        put(o, t->kind == DWARF_TYPE_POINTER ? "*" : t->tag == DW_TAG_reference_type ? "&" : "&&");
        return 0;
    case DWARF_TYPE_ARRAY:
    case DWARF_TYPE_FUNCTION:
        if ((rc = dwarf_type_target(t, &target)))
            return rc;
        return print_prefix(o, &target, depth + 1);
    default:
        return 0;
    }
}

static int print_params(struct out *o, const struct dwarf_type *fn, unsigned depth)
{
    struct dwarf_die d, child;
    unsigned n = 0;
    int rc;

    put(o, "(");
    if ((rc = dwarf_type_die(fn, &d)))
        return rc;
    for (rc = dwarf_die_first_child(&d, &child); rc > 0;
         rc = dwarf_die_next_sibling(&child, &child)) {
        if (child.tag == DW_TAG_formal_parameter) {
            struct dwarf_type pt;
            if (n++)
                put(o, ", ");
            if ((rc = dwarf_type_of(&child, &pt)) || (rc = print_decl(o, &pt, NULL, 0, depth + 1)))
                return rc;
        } else if (child.tag == DW_TAG_unspecified_parameters) {
            put(o, n++ ? ", ..." : "...");
        }
    }
    if (rc < 0)
        return rc;
    if (n == 0 && fn->prototyped)
        put(o, "void");
    put(o, ")");
    return 0;
}

static int print_dims(struct out *o, const struct dwarf_type *array)
{
    struct dwarf_die d, child;
    int rc;
    if ((rc = dwarf_type_die(array, &d)))
        return rc;
    for (rc = dwarf_die_first_child(&d, &child); rc > 0;
         rc = dwarf_die_next_sibling(&child, &child)) {
        uint64_t count;
        int known;
        if (child.tag != DW_TAG_subrange_type && child.tag != DW_TAG_enumeration_type)
            continue;
        if ((known = dwarf_subrange_count(&child, &count)) < 0)
            return known;
        put(o, "[");
        if (known)
            put_u64(o, count);
        put(o, "]");
    }
    return rc;
}

static int print_suffix(struct out *o, const struct dwarf_type *t, unsigned depth)
{
    struct dwarf_type target;
    bool parens;
    int rc;

    if (depth > DWARF_TYPE_MAX_DEPTH)
        return DWARF_E_LIMIT;
    switch (t->kind) {
    case DWARF_TYPE_QUALIFIED:
        if ((rc = dwarf_type_target(t, &target)))
            return rc;
        return print_suffix(o, &target, depth + 1);
    case DWARF_TYPE_POINTER:
    case DWARF_TYPE_REFERENCE:
        if ((rc = needs_parens(t, &parens)) || (rc = dwarf_type_target(t, &target)))
            return rc;
        if (parens)
            put(o, ")");
        return print_suffix(o, &target, depth + 1);
    case DWARF_TYPE_ARRAY:
        if ((rc = print_dims(o, t)) || (rc = dwarf_type_target(t, &target)))
            return rc;
        return print_suffix(o, &target, depth + 1);
    case DWARF_TYPE_FUNCTION:
        if ((rc = print_params(o, t, depth)) || (rc = dwarf_type_target(t, &target)))
            return rc;
        return print_suffix(o, &target, depth + 1);
    default:
        return 0;
    }
}

/* base, a space when anything follows, prefix, name, suffix. */
static int print_decl(struct out *o, const struct dwarf_type *t, const char *name, unsigned level,
                      unsigned depth)
{
    struct dwarf_type under;
    int rc;
    if ((rc = print_base(o, t, level, depth)) || (rc = unqualified(t, &under)))
        return rc;
    if ((name && *name) || is_declarator(&under))
        put(o, " ");
    if ((rc = print_prefix(o, t, depth)))
        return rc;
    if (name) {
        /* After a pointer qualifier ("* const") the name needs its own space. */
        if (*name && o->len > 0 && o->len <= o->size && o->buf[o->len - 1] != ' ' &&
            o->buf[o->len - 1] != '*' && o->buf[o->len - 1] != '(' && o->buf[o->len - 1] != '&')
            put(o, " ");
        put(o, name);
    }
    return print_suffix(o, t, depth);
}

static int enum_body(struct out *o, const struct dwarf_type *t)
{
    struct dwarf_die d, child;
    uint64_t expect = 0;
    unsigned n = 0;
    int rc;

    put(o, "{");
    if ((rc = dwarf_type_die(t, &d)))
        return rc;
    for (rc = dwarf_die_first_child(&d, &child); rc > 0;
         rc = dwarf_die_next_sibling(&child, &child)) {
        struct dwarf_attr a;
        const char *name = "";
        uint64_t v;
        bool is_signed;
        if (child.tag != DW_TAG_enumerator)
            continue;
        if (dwarf_die_attr(&child, DW_AT_name, &a) > 0 && (rc = dwarf_attr_string(&a, &name)))
            return rc;
        if ((rc = dwarf_enumerator_value(&child, &v, &is_signed)))
            return rc;
        if (n++)
            put(o, ", ");
        put(o, name);
        /* gdb writes a value only where it is not the previous one plus one. */
        if (v != expect) {
            put(o, " = ");
            if (is_signed)
                put_i64(o, (int64_t)v);
            else
                put_u64(o, v);
        }
        expect = v + 1;
    }
    if (rc < 0)
        return rc;
    put(o, "}");
    return 0;
}

static int struct_body(struct out *o, const struct dwarf_type *t, unsigned level, unsigned depth)
{
    struct dwarf_die d, child;
    int rc;

    put(o, "{\n");
    if ((rc = dwarf_type_die(t, &d)))
        return rc;
    for (rc = dwarf_die_first_child(&d, &child); rc > 0;
         rc = dwarf_die_next_sibling(&child, &child)) {
        struct dwarf_member m;
        struct dwarf_type mt;
        if (child.tag != DW_TAG_member)
            continue;
        if ((rc = dwarf_member_info(&child, &m)) || (rc = dwarf_type_of(&child, &mt)))
            return rc;
        indent(o, 4 * (level + 1));
        if ((rc = print_decl(o, &mt, m.name ? m.name : "", level + 1, depth + 1)))
            return rc;
        if (m.is_bitfield) {
            put(o, " : ");
            put_u64(o, m.bit_size);
        }
        put(o, ";\n");
    }
    if (rc < 0)
        return rc;
    indent(o, 4 * level);
    put(o, "}");
    return 0;
}

static int body(struct out *o, const struct dwarf_type *t, unsigned level, unsigned depth)
{
    if (depth > DWARF_TYPE_MAX_DEPTH)
        return DWARF_E_LIMIT;
    put(o, t->tag == DW_TAG_union_type       ? "union "
           : t->tag == DW_TAG_class_type     ? "class "
           : t->tag == DW_TAG_structure_type ? "struct "
                                             : "enum ");
    if (t->name) {
        put(o, t->name);
        put(o, " ");
    }
    return t->kind == DWARF_TYPE_ENUM ? enum_body(o, t) : struct_body(o, t, level, depth);
}

static int finish(struct out *o, int rc)
{
    if (rc)
        return rc;
    return o->err;
}

int dwarf_type_name(const struct dwarf_type *type, unsigned flags, char *buf, size_t size)
{
    return dwarf_type_decl(type, NULL, flags, buf, size);
}

int dwarf_type_decl(const struct dwarf_type *type, const char *name, unsigned flags, char *buf,
                    size_t size)
{
    struct out o = {.buf = buf, .size = size, .flags = flags};
    if (size)
        buf[0] = 0;
    return finish(&o, print_decl(&o, type, name, 0, 0));
}

int dwarf_type_body(const struct dwarf_type *type, unsigned flags, char *buf, size_t size)
{
    struct out o = {.buf = buf, .size = size, .flags = flags};
    struct dwarf_type t = *type;
    int rc;

    if (size)
        buf[0] = 0;
    /* Typedefs are resolved at the top only, as gdb's ptype does. */
    for (unsigned d = 0; t.kind == DWARF_TYPE_TYPEDEF; d++) {
        if (d == DWARF_TYPE_MAX_DEPTH)
            return DWARF_E_LIMIT;
        if ((rc = dwarf_type_target(&t, &t)))
            return rc;
    }
    if ((t.kind == DWARF_TYPE_STRUCT || t.kind == DWARF_TYPE_ENUM) && !t.declaration)
        return finish(&o, body(&o, &t, 0, 0));
    return finish(&o, print_decl(&o, &t, NULL, 0, 0));
}
