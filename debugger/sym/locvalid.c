/*
 * locvalid.c: does a compile unit describe its variables at every
 * instruction, prologue included? gdb trusts a unit from GCC 4.5 or later
 * that uses location lists, and then puts a function's breakpoint at its
 * first instruction instead of after the prologue (its "locations valid"
 * rule). hdb follows the same rule so that both stop at the same place.
 */
#include <stdlib.h>
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/error.h>

#define MAX_DEPTH 64

/* "GNU C17 12.2.0 -O2 ...": GCC 4.5 or later (other producers: no). */
static bool gcc_4_5_or_later(const char *producer)
{
    if (strncmp(producer, "GNU ", 4) != 0)
        return false;
    for (const char *p = producer + 4; *p; p++) {
        if (p[-1] != ' ' || *p < '0' || *p > '9')
            continue;
        char *end;
        unsigned long major = strtoul(p, &end, 10), minor = 0;
        if (*end == '.')
            minor = strtoul(end + 1, NULL, 10);
        return major > 4 || (major == 4 && minor >= 5);
    }
    return false;
}

/* A DW_AT_location that is a location list, in any DWARF version. */
static bool is_loclist(const struct dwarf_die *d)
{
    struct dwarf_attr a;
    if ((d->tag != DW_TAG_variable && d->tag != DW_TAG_formal_parameter) ||
        dwarf_die_attr(d, DW_AT_location, &a) <= 0)
        return false;
    switch (dwarf_form_class(a.form)) {
    case DWARF_CLASS_SEC_OFFSET:
    case DWARF_CLASS_INDEX:
        return true;
    case DWARF_CLASS_CONSTANT: /* DWARF 2 and 3: data4/data8 are loclistptr */
        return d->unit->version < 4 && (a.form == DW_FORM_data4 || a.form == DW_FORM_data8);
    default:
        return false;
    }
}

bool hdb_dinfo_locations_valid(const struct dwarf *dw, uint64_t unit_off)
{
    struct dwarf_unit u;
    struct dwarf_die stack[MAX_DEPTH], child;
    struct dwarf_attr a;
    const char *producer;
    if (dwarf_unit_at(dw, DWARF_SEC_INFO, unit_off, &u) <= 0 || dwarf_unit_die(&u, &stack[0]) <= 0)
        return false;
    if (dwarf_die_attr(&stack[0], DW_AT_producer, &a) <= 0 ||
        dwarf_attr_string(&a, &producer) < 0 || !gcc_4_5_or_later(producer))
        return false;
    /* Depth first: down to the first child, else to the next sibling, else up. */
    int depth = 0;
    for (;;) {
        if (is_loclist(&stack[depth]))
            return true;
        if (depth + 1 < MAX_DEPTH && dwarf_die_first_child(&stack[depth], &child) > 0) {
            stack[++depth] = child;
            continue;
        }
        while (depth > 0 && dwarf_die_next_sibling(&stack[depth], &child) <= 0)
            depth--;
        if (depth == 0)
            return false;
        stack[depth] = child;
    }
}
