/*
 * enums.c: enumeration constants as names in expressions (C11 6.4.4.3:
 * an enumerator is an int constant), so `p mode == AUTO` and conditions
 * on enum values work as in gdb.
 *
 * The constants of every enum type declared at a unit's top level are
 * collected at the first lookup (a walk of each unit's top-level DIEs and
 * the enumerators under its enum types), sorted by name; a program that
 * never names one pays nothing. Where several units define the same name
 * (a header's enum in each unit), the first unit's is taken: the same
 * enum, as C's one-definition practice has it.
 */
#include <stdlib.h>
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/error.h>

static int add_enum(struct hdb_dinfo *di, const struct dwarf_unit *u, const struct dwarf_die *t)
{
    struct dwarf_die e;
    for (int rc = dwarf_die_first_child(t, &e); rc > 0; rc = dwarf_die_next_sibling(&e, &e)) {
        struct dwarf_attr a;
        const char *name;
        int64_t v;
        if (e.tag != DW_TAG_enumerator || dwarf_die_attr(&e, DW_AT_name, &a) <= 0 ||
            dwarf_attr_string(&a, &name) < 0 || dwarf_die_attr(&e, DW_AT_const_value, &a) <= 0 ||
            dwarf_attr_signed(&a, &v) < 0)
            continue;
        if (di->nenums == di->cap_enums) {
            size_t nc = di->cap_enums ? di->cap_enums * 2 : 64;
            void *na = hdb_realloc(di->plat, di->enums, di->cap_enums * sizeof(*di->enums),
                                   nc * sizeof(*di->enums));
            if (!na)
                return HDB_E_NOMEM;
            di->enums = na;
            di->cap_enums = nc;
        }
        di->enums[di->nenums++] = (struct hdb_denum){name, u->offset, t->offset, v};
    }
    return 0;
}

/* By name, then by unit: the first unit's comes first among equal names. */
static int enum_cmp(const void *a, const void *b)
{
    const struct hdb_denum *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->unit < y->unit ? -1 : x->unit > y->unit;
}

static int build(struct hdb_dinfo *di)
{
    struct dwarf_unit u;
    di->enums_built = true;
    for (uint64_t off = 0; dwarf_unit_at(di->dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        struct dwarf_die cu, d;
        if (dwarf_unit_die(&u, &cu) <= 0)
            continue;
        for (int rc = dwarf_die_first_child(&cu, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
            int arc = d.tag == DW_TAG_enumeration_type ? add_enum(di, &u, &d) : 0;
            if (arc < 0)
                return arc;
        }
    }
    if (di->nenums)
        qsort(di->enums, di->nenums, sizeof(*di->enums), enum_cmp);
    return 0;
}

/* The walk, once; out of memory on the way leaves no constants (and says so once). */
static int build_once(struct hdb_dinfo *di)
{
    int rc = build(di);
    if (rc < 0)
        di->nenums = 0;
    return rc;
}

const struct hdb_denum *hdb_dinfo_enum_by_name(struct hdb_dinfo *di, const char *name)
{
    if (!di->dw || (!di->enums_built && build_once(di) < 0))
        return NULL;
    size_t lo = 0, hi = di->nenums;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(di->enums[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < di->nenums && strcmp(di->enums[lo].name, name) == 0 ? &di->enums[lo] : NULL;
}
