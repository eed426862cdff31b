/*
 * What the indexes need to know about a function-like DIE: its name, which
 * a concrete instance only has through DW_AT_abstract_origin (DWARF5
 * 3.3.8.3) or DW_AT_specification (2.13.2), possibly in another unit. The
 * same chain gives a concrete variable or parameter its name and type, and
 * a function its linkage name.
 */
#include "index_int.h"

/* Followed at most this many references deep (origin of a specification, ...). */
#define ORIGIN_HOPS 8

int dwarf_die_attr_inherited(const struct dwarf_die *die, uint64_t name, struct dwarf_unit *unit,
                             struct dwarf_die *holder, struct dwarf_attr *attr)
{
    struct dwarf_die d = *die;
    int rc;

    *unit = *die->unit;
    for (int hop = 0; hop < ORIGIN_HOPS; hop++) {
        struct dwarf_attr a;
        enum dwarf_section_id sec;
        uint64_t off;
        d.unit = unit;
        if ((rc = dwarf_die_attr(&d, name, attr)) != 0) {
            if (rc > 0 && holder)
                *holder = d;
            return rc;
        }
        if ((rc = dwarf_die_attr(&d, DW_AT_abstract_origin, &a)) == 0)
            rc = dwarf_die_attr(&d, DW_AT_specification, &a);
        if (rc <= 0)
            return rc;
        if ((rc = dwarf_attr_ref(&a, &sec, &off)))
            return rc;
        if (sec != unit->section || off < unit->first_die || off >= unit->end) {
            if ((rc = dwarf_unit_containing(unit->dw, sec, off, unit)) <= 0)
                return rc < 0 ? rc : DWARF_E_BAD_REF;
        }
        if ((rc = dwarf_die_at(unit, off, &d)) <= 0)
            return rc < 0 ? rc : DWARF_E_BAD_REF;
    }
    return DWARF_E_LIMIT;
}

int dwarf_die_func_name(const struct dwarf_die *die, const char **name)
{
    struct dwarf_unit unit;
    struct dwarf_attr a;
    int rc = dwarf_die_attr_inherited(die, DW_AT_name, &unit, NULL, &a);

    *name = NULL;
    if (rc <= 0)
        return rc;
    return dwarf_attr_string(&a, name);
}
