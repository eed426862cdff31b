/*
 * ctype.c: C types from DWARF type DIEs: resolving through typedefs and
 * qualifiers (DWARF5 5.3, 5.4), sizes, and the C spelling of a type.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/value.h>

static uint64_t ref_attr(const struct dwarf_die *d, uint64_t at)
{
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off;
    if (dwarf_die_attr(d, at, &a) > 0 && dwarf_attr_ref(&a, &sec, &off) == 0 &&
        sec == DWARF_SEC_INFO)
        return off;
    return 0;
}

static uint64_t uattr(const struct dwarf_die *d, uint64_t at, bool *has)
{
    struct dwarf_attr a;
    uint64_t v = 0;
    bool ok = dwarf_die_attr(d, at, &a) > 0 && dwarf_attr_unsigned(&a, &v) == 0;
    if (has)
        *has = ok;
    return ok ? v : 0;
}

static const char *name_attr(const struct dwarf_die *d)
{
    struct dwarf_attr a;
    const char *n = NULL;
    if (dwarf_die_attr(d, DW_AT_name, &a) > 0 && dwarf_attr_string(&a, &n) == 0)
        return n;
    return NULL;
}

static int resolve(const struct dwarf *dw, uint64_t unit, uint64_t type, struct hdb_ctype *t,
                   int depth);

#define DIM_SHIFT HDB_TYPE_DIE_BITS
#define DIM_MASK 0x3full
#define COUNT_SHIFT (HDB_TYPE_DIE_BITS + 6)
#define COUNT_MAX ((1ull << (64 - COUNT_SHIFT)) - 2)

/* The array reference one dimension further in. */
static uint64_t next_dimension(uint64_t ref)
{
    uint64_t dim = (ref >> DIM_SHIFT) & DIM_MASK;
    return HDB_TYPE_DIE(ref) | ((dim + 1) << DIM_SHIFT);
}

uint64_t hdb_ctype_with_count(uint64_t array, uint64_t count)
{
    if (count > COUNT_MAX)
        return 0;
    return (array & ~(~0ull << COUNT_SHIFT)) | ((count + 1) << COUNT_SHIFT);
}

/* A constant bound attribute; false when absent or computed (an expression, a variable). */
static bool const_bound(const struct dwarf_die *sub, uint64_t at, uint64_t *v)
{
    struct dwarf_attr a;
    return dwarf_die_attr(sub, at, &a) > 0 && dwarf_form_class(a.form) == DWARF_CLASS_CONSTANT &&
           dwarf_attr_unsigned(&a, v) == 0;
}

/*
 * The subrange DIE of the dimension ref starts at: 1 found, 0 none (an
 * array without subranges, or a dimension past the last one).
 */
static int dimension(const struct dwarf_die *array, uint64_t ref, struct dwarf_die *sub, bool *last)
{
    uint64_t dim = (ref >> DIM_SHIFT) & DIM_MASK;
    int rc = dwarf_die_first_child(array, sub);
    for (uint64_t i = 0; rc > 0; rc = dwarf_die_next_sibling(sub, sub)) {
        if (sub->tag != DW_TAG_subrange_type)
            continue;
        if (i++ < dim)
            continue;
        struct dwarf_die next = *sub;
        *last = true;
        for (int r = dwarf_die_next_sibling(&next, &next); r > 0;
             r = dwarf_die_next_sibling(&next, &next))
            if (next.tag == DW_TAG_subrange_type)
                *last = false;
        return 1;
    }
    return 0;
}

static void resolve_array(const struct dwarf *dw, uint64_t unit, const struct dwarf_die *d,
                          uint64_t ref, struct hdb_ctype *t, int depth)
{
    struct dwarf_die sub;
    bool last = true;
    uint64_t count1 = ref >> COUNT_SHIFT, c, lb = 0;
    if (dimension(d, ref, &sub, &last) > 0) {
        /* C arrays start at 0 (DWARF5 5.13, DW_AT_lower_bound's default for C). */
        const_bound(&sub, DW_AT_lower_bound, &lb);
        if (count1) {
            t->count = count1 - 1;
            t->has_count = true;
        } else if (const_bound(&sub, DW_AT_count, &c)) {
            t->count = c;
            t->has_count = true;
        } else if (const_bound(&sub, DW_AT_upper_bound, &c) && c + 1 >= lb) {
            t->count = c + 1 - lb;
            t->has_count = true;
        }
        if (!last)
            t->target = next_dimension(ref);
    }
    struct hdb_ctype elem;
    if (depth < 64 && resolve(dw, unit, t->target, &elem, depth + 1) == 0)
        t->size = elem.size * t->count;
}

static int resolve(const struct dwarf *dw, uint64_t unit, uint64_t type, struct hdb_ctype *t,
                   int depth)
{
    struct dwarf_unit u;
    struct dwarf_die d;
    memset(t, 0, sizeof(*t));
    if (unit == HDB_BUILTIN_UNIT)
        return hdb_builtin_resolve(type, t);
    /* A bounded walk: a cycle of typedefs in corrupt DWARF must not hang us. */
    for (int hops = 0; hops < 32; hops++) {
        if (type == 0) {
            t->tag = 0; /* void */
            return 0;
        }
        if (hdb_dinfo_die(dw, unit, HDB_TYPE_DIE(type), &u, &d) < 0)
            return HDB_E_FORMAT;
        if (d.tag == DW_TAG_typedef || d.tag == DW_TAG_const_type ||
            d.tag == DW_TAG_volatile_type || d.tag == DW_TAG_restrict_type ||
            d.tag == DW_TAG_atomic_type) {
            type = ref_attr(&d, DW_AT_type);
            continue;
        }
        t->tag = d.tag;
        t->off = d.tag == DW_TAG_array_type ? type : HDB_TYPE_DIE(type);
        t->size = uattr(&d, DW_AT_byte_size, NULL);
        t->encoding = uattr(&d, DW_AT_encoding, NULL);
        t->target = ref_attr(&d, DW_AT_type);
        if (d.tag == DW_TAG_pointer_type && t->size == 0)
            t->size = u.addr_size;
        if (d.tag == DW_TAG_array_type)
            resolve_array(dw, unit, &d, type, t, depth);
        if (d.tag == DW_TAG_enumeration_type && t->size == 0)
            t->size = 4;
        return 0;
    }
    return HDB_E_FORMAT;
}

int hdb_ctype_resolve(const struct dwarf *dw, uint64_t unit, uint64_t type, struct hdb_ctype *t)
{
    return resolve(dw, unit, type, t, 0);
}

int hdb_ctype_vla_bound(const struct dwarf *dw, uint64_t unit, uint64_t type,
                        struct dwarf_attr *bound, bool *is_count, uint64_t *array)
{
    struct hdb_ctype t;
    struct dwarf_unit u;
    struct dwarf_die d, sub;
    bool last;
    if (unit == HDB_BUILTIN_UNIT || resolve(dw, unit, type, &t, 0) < 0 ||
        t.tag != DW_TAG_array_type || t.has_count ||
        hdb_dinfo_die(dw, unit, HDB_TYPE_DIE(t.off), &u, &d) < 0 ||
        dimension(&d, t.off, &sub, &last) <= 0)
        return 0;
    *array = t.off;
    *is_count = dwarf_die_attr(&sub, DW_AT_count, bound) > 0;
    if (!*is_count && dwarf_die_attr(&sub, DW_AT_upper_bound, bound) <= 0)
        return 0;
    enum dwarf_form_class cls = dwarf_form_class(bound->form);
    return cls == DWARF_CLASS_EXPRLOC || cls == DWARF_CLASS_REFERENCE;
}

/*
 * gdb's spelling of GCC's integer type names ("long int" is "long",
 * "short unsigned int" is "unsigned short"), which is how gdb prints them.
 */
const char *hdb_ctype_gdb_spelling(const char *name)
{
    static const char *const map[][2] = {
        {"long int", "long"},           {"long unsigned int", "unsigned long"},
        {"short int", "short"},         {"short unsigned int", "unsigned short"},
        {"long long int", "long long"}, {"long long unsigned int", "unsigned long long"},
    };
    for (size_t i = 0; name && i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(map[i][0], name) == 0)
            return map[i][1];
    return name;
}

/*
 * How to spell: base non-NULL is ptype's way, typedefs looked through at
 * every level and base written for the struct, union or enum at the bottom
 * (its name and body, which the caller has spelled).
 */
struct speller {
    const struct dwarf *dw;
    uint64_t unit;
    const char *base;
};

/* Writes the type's spelling with *inner placed where a declarator would go. */
static void spell(const struct speller *sp, uint64_t type, const char *inner, struct hdb_strbuf *b,
                  int depth)
{
    const struct dwarf *dw = sp->dw;
    uint64_t unit = sp->unit;
    struct dwarf_unit u;
    struct dwarf_die d;
    if (depth > 16) {
        hdb_sb_printf(b, "?");
        return;
    }
    if (type == 0) {
        hdb_sb_printf(b, "void%s%s", *inner ? " " : "", inner);
        return;
    }
    if (unit == HDB_BUILTIN_UNIT) {
        hdb_builtin_spell(type, inner, b);
        return;
    }
    if (hdb_dinfo_die(dw, unit, HDB_TYPE_DIE(type), &u, &d) < 0) {
        hdb_sb_printf(b, "?");
        return;
    }
    const char *name = name_attr(&d);
    if (d.tag == DW_TAG_unspecified_type) {
        /* GNU as's return type of its functions: gdb spells it void. */
        hdb_sb_printf(b, "%s%s%s", name && *name ? name : "void", *inner ? " " : "", inner);
        return;
    }
    switch (d.tag) {
    case DW_TAG_pointer_type: {
        uint64_t target = ref_attr(&d, DW_AT_type);
        struct dwarf_unit tu;
        struct dwarf_die td;
        bool wrap = target && hdb_dinfo_die(dw, unit, HDB_TYPE_DIE(target), &tu, &td) == 0 &&
                    (td.tag == DW_TAG_subroutine_type || td.tag == DW_TAG_array_type);
        struct hdb_ctype tt;
        /* ptype's way looks through a typedef of an array: `row_t *` is `int (*)[3]`. */
        if (sp->base && !wrap && hdb_ctype_resolve(dw, unit, target, &tt) == 0)
            wrap = tt.tag == DW_TAG_subroutine_type || tt.tag == DW_TAG_array_type;
        char tmp[256];
        snprintf(tmp, sizeof(tmp), wrap ? "(*%s)" : "*%s", inner);
        spell(sp, target, tmp, b, depth + 1);
        return;
    }
    case DW_TAG_const_type:
    case DW_TAG_volatile_type: {
        const char *q = d.tag == DW_TAG_const_type ? "const" : "volatile";
        uint64_t target = ref_attr(&d, DW_AT_type);
        struct dwarf_unit tu;
        struct dwarf_die td;
        if (target && hdb_dinfo_die(dw, unit, HDB_TYPE_DIE(target), &tu, &td) == 0 &&
            td.tag == DW_TAG_pointer_type) {
            char tmp[256];
            snprintf(tmp, sizeof(tmp), "%s%s%s", q, *inner ? " " : "", inner);
            spell(sp, target, tmp, b, depth + 1);
        } else {
            hdb_sb_printf(b, "%s ", q);
            spell(sp, target, inner, b, depth + 1);
        }
        return;
    }
    case DW_TAG_array_type: {
        /* int [2][3]: each dimension appends its bound, outermost first. */
        struct hdb_ctype t;
        char tmp[256];
        hdb_ctype_resolve(dw, unit, type, &t);
        if (t.has_count)
            snprintf(tmp, sizeof(tmp), "%s[%llu]", inner, (unsigned long long)t.count);
        else
            snprintf(tmp, sizeof(tmp), "%s[]", inner);
        spell(sp, t.target, tmp, b, depth + 1);
        return;
    }
    case DW_TAG_subprogram:
    case DW_TAG_subroutine_type: {
        struct speller plain = {dw, unit, NULL};
        sp = &plain;
        spell(sp, ref_attr(&d, DW_AT_type), "", b, depth + 1);
        /* gdb writes a pointer result against the parameters: void *(size_t). */
        bool star = b->len && b->s[b->len - 1] == '*';
        hdb_sb_printf(b, "%s%s(", star ? "" : " ", inner);
        struct dwarf_die p;
        bool first = true;
        for (int rc = dwarf_die_first_child(&d, &p); rc > 0; rc = dwarf_die_next_sibling(&p, &p)) {
            if (p.tag == DW_TAG_unspecified_parameters) {
                /* A variadic function, as gdb writes it: int (int, ...). */
                hdb_sb_printf(b, first ? "..." : ", ...");
                first = false;
                continue;
            }
            if (p.tag != DW_TAG_formal_parameter)
                continue;
            if (!first)
                hdb_sb_printf(b, ", ");
            spell(sp, ref_attr(&p, DW_AT_type), "", b, depth + 1);
            first = false;
        }
        hdb_sb_printf(b, first ? "void)" : ")");
        return;
    }
    case DW_TAG_typedef:
        if (sp->base) {
            spell(sp, ref_attr(&d, DW_AT_type), inner, b, depth + 1);
            return;
        }
        hdb_sb_printf(b, "%s", name ? name : "?");
        break;
    case DW_TAG_structure_type:
    case DW_TAG_union_type:
    case DW_TAG_enumeration_type:
        if (sp->base)
            hdb_sb_printf(b, "%s", sp->base);
        else
            hdb_ctype_tag_name(&d, b);
        break;
        break;
    case DW_TAG_base_type:
        hdb_sb_printf(b, "%s", name ? hdb_ctype_gdb_spelling(name) : "?");
        break;
    default:
        hdb_sb_printf(b, "%s", name ? name : "?");
        break;
    }
    if (*inner)
        hdb_sb_printf(b, " %s", inner);
}

void hdb_ctype_name(const struct dwarf *dw, uint64_t unit, uint64_t type, struct hdb_strbuf *b)
{
    struct speller sp = {dw, unit, NULL};
    spell(&sp, type, "", b, 0);
}

void hdb_ctype_pointer_name(const struct dwarf *dw, uint64_t unit, uint64_t type,
                            struct hdb_strbuf *b)
{
    struct dwarf_unit u;
    struct dwarf_die d;
    struct speller sp = {dw, unit, NULL};
    struct hdb_ctype bt;
    bool wrap = type && unit != HDB_BUILTIN_UNIT &&
                hdb_dinfo_die(dw, unit, HDB_TYPE_DIE(type), &u, &d) == 0 &&
                (d.tag == DW_TAG_subroutine_type || d.tag == DW_TAG_subprogram ||
                 d.tag == DW_TAG_array_type);
    if (unit == HDB_BUILTIN_UNIT && hdb_builtin_resolve(type, &bt) == 0)
        wrap = bt.tag == DW_TAG_array_type; /* a string literal's char [4] */
    spell(&sp, type, wrap ? "(*)" : "*", b, 0);
}

void hdb_ctype_decl(const struct dwarf *dw, uint64_t unit, uint64_t type, const char *name,
                    struct hdb_strbuf *b)
{
    struct speller sp = {dw, unit, NULL};
    spell(&sp, type, name, b, 0);
}

void hdb_ctype_function_name(const struct dwarf *dw, uint64_t unit, uint64_t die,
                             struct hdb_strbuf *b)
{
    struct speller sp = {dw, unit, NULL};
    spell(&sp, die, "", b, 0);
}

void hdb_ctype_expanded(const struct dwarf *dw, uint64_t unit, uint64_t type, const char *inner,
                        const char *base, struct hdb_strbuf *b)
{
    struct speller sp = {dw, unit, base};
    spell(&sp, type, inner, b, 0);
}

void hdb_ctype_tag_name(const struct dwarf_die *d, struct hdb_strbuf *b)
{
    const char *kw = d->tag == DW_TAG_union_type         ? "union"
                     : d->tag == DW_TAG_enumeration_type ? "enum"
                                                         : "struct";
    const char *name = name_attr(d);
    hdb_sb_printf(b, "%s %s", kw, name ? name : "{...}");
}
