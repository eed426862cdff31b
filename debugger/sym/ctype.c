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

int hdb_ctype_resolve(const struct dwarf *dw, uint64_t unit, uint64_t type, struct hdb_ctype *t)
{
    struct dwarf_unit u;
    struct dwarf_die d;
    memset(t, 0, sizeof(*t));
    if (unit == HDB_BUILTIN_UNIT)
        return hdb_builtin_resolve(type, t);
    /* A bounded walk: a cycle of typedefs in corrupt DWARF must not hang us. */
    for (int depth = 0; depth < 32; depth++) {
        if (type == 0) {
            t->tag = 0; /* void */
            return 0;
        }
        if (hdb_dinfo_die(dw, unit, type, &u, &d) < 0)
            return HDB_E_FORMAT;
        if (d.tag == DW_TAG_typedef || d.tag == DW_TAG_const_type ||
            d.tag == DW_TAG_volatile_type || d.tag == DW_TAG_restrict_type ||
            d.tag == DW_TAG_atomic_type) {
            type = ref_attr(&d, DW_AT_type);
            continue;
        }
        t->tag = d.tag;
        t->off = type;
        t->size = uattr(&d, DW_AT_byte_size, NULL);
        t->encoding = uattr(&d, DW_AT_encoding, NULL);
        t->target = ref_attr(&d, DW_AT_type);
        if (d.tag == DW_TAG_pointer_type && t->size == 0)
            t->size = u.addr_size;
        if (d.tag == DW_TAG_array_type) {
            struct dwarf_die sub;
            if (dwarf_die_first_child(&d, &sub) > 0 && sub.tag == DW_TAG_subrange_type) {
                bool has;
                uint64_t c = uattr(&sub, DW_AT_count, &has);
                if (has) {
                    t->count = c;
                    t->has_count = true;
                } else {
                    uint64_t ub = uattr(&sub, DW_AT_upper_bound, &has);
                    /* C arrays start at 0 (DWARF5 5.13, DW_AT_lower_bound default for C). */
                    if (has) {
                        t->count = ub + 1;
                        t->has_count = true;
                    }
                }
            }
            struct hdb_ctype elem;
            if (hdb_ctype_resolve(dw, unit, t->target, &elem) == 0)
                t->size = elem.size * t->count;
        }
        if (d.tag == DW_TAG_enumeration_type && t->size == 0)
            t->size = 4;
        return 0;
    }
    return HDB_E_FORMAT;
}

/*
 * gdb's spelling of GCC's integer type names ("long int" is "long",
 * "short unsigned int" is "unsigned short"), which is how gdb prints them.
 */
static const char *gdb_spelling(const char *name)
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

/* Writes the type's spelling with *inner placed where a declarator would go. */
static void spell(const struct dwarf *dw, uint64_t unit, uint64_t type, const char *inner,
                  struct hdb_strbuf *b, int depth)
{
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
    if (hdb_dinfo_die(dw, unit, type, &u, &d) < 0) {
        hdb_sb_printf(b, "?");
        return;
    }
    const char *name = name_attr(&d);
    switch (d.tag) {
    case DW_TAG_pointer_type: {
        uint64_t target = ref_attr(&d, DW_AT_type);
        struct dwarf_unit tu;
        struct dwarf_die td;
        bool wrap = target && hdb_dinfo_die(dw, unit, target, &tu, &td) == 0 &&
                    (td.tag == DW_TAG_subroutine_type || td.tag == DW_TAG_array_type);
        char tmp[256];
        snprintf(tmp, sizeof(tmp), wrap ? "(*%s)" : "*%s", inner);
        spell(dw, unit, target, tmp, b, depth + 1);
        return;
    }
    case DW_TAG_const_type:
    case DW_TAG_volatile_type: {
        const char *q = d.tag == DW_TAG_const_type ? "const" : "volatile";
        uint64_t target = ref_attr(&d, DW_AT_type);
        struct dwarf_unit tu;
        struct dwarf_die td;
        if (target && hdb_dinfo_die(dw, unit, target, &tu, &td) == 0 &&
            td.tag == DW_TAG_pointer_type) {
            char tmp[256];
            snprintf(tmp, sizeof(tmp), "%s%s%s", q, *inner ? " " : "", inner);
            spell(dw, unit, target, tmp, b, depth + 1);
        } else {
            hdb_sb_printf(b, "%s ", q);
            spell(dw, unit, target, inner, b, depth + 1);
        }
        return;
    }
    case DW_TAG_array_type: {
        struct hdb_ctype t;
        char tmp[256];
        hdb_ctype_resolve(dw, unit, type, &t);
        if (t.has_count)
            snprintf(tmp, sizeof(tmp), "%s[%llu]", inner, (unsigned long long)t.count);
        else
            snprintf(tmp, sizeof(tmp), "%s[]", inner);
        spell(dw, unit, ref_attr(&d, DW_AT_type), tmp, b, depth + 1);
        return;
    }
    case DW_TAG_subprogram:
    case DW_TAG_subroutine_type: {
        spell(dw, unit, ref_attr(&d, DW_AT_type), "", b, depth + 1);
        hdb_sb_printf(b, " %s(", inner);
        struct dwarf_die p;
        bool first = true;
        for (int rc = dwarf_die_first_child(&d, &p); rc > 0; rc = dwarf_die_next_sibling(&p, &p)) {
            if (p.tag != DW_TAG_formal_parameter)
                continue;
            if (!first)
                hdb_sb_printf(b, ", ");
            spell(dw, unit, ref_attr(&p, DW_AT_type), "", b, depth + 1);
            first = false;
        }
        hdb_sb_printf(b, first ? "void)" : ")");
        return;
    }
    case DW_TAG_structure_type:
        hdb_sb_printf(b, "struct %s", name ? name : "{...}");
        break;
    case DW_TAG_union_type:
        hdb_sb_printf(b, "union %s", name ? name : "{...}");
        break;
    case DW_TAG_enumeration_type:
        hdb_sb_printf(b, "enum %s", name ? name : "{...}");
        break;
    case DW_TAG_base_type:
        hdb_sb_printf(b, "%s", name ? gdb_spelling(name) : "?");
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
    spell(dw, unit, type, "", b, 0);
}

void hdb_ctype_pointer_name(const struct dwarf *dw, uint64_t unit, uint64_t type,
                            struct hdb_strbuf *b)
{
    struct dwarf_unit u;
    struct dwarf_die d;
    bool wrap = type && unit != HDB_BUILTIN_UNIT && hdb_dinfo_die(dw, unit, type, &u, &d) == 0 &&
                (d.tag == DW_TAG_subroutine_type || d.tag == DW_TAG_array_type);
    spell(dw, unit, type, wrap ? "(*)" : "*", b, 0);
}

void hdb_ctype_decl(const struct dwarf *dw, uint64_t unit, uint64_t type, const char *name,
                    struct hdb_strbuf *b)
{
    spell(dw, unit, type, name, b, 0);
}

void hdb_ctype_function_name(const struct dwarf *dw, uint64_t unit, uint64_t die,
                             struct hdb_strbuf *b)
{
    spell(dw, unit, die, "", b, 0);
}
