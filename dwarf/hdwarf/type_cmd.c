/*
 * hdwarf whatis|ptype FILE NAME...: the type of a global variable or
 * function, or of a type name ("struct node", "union value", "enum colour",
 * a typedef), printed as gdb prints it ("type = ..."), so that gdb -batch
 * can serve as the oracle. Names are looked up among the top-level DIEs of
 * every unit (type units included); a definition wins over a declaration.
 */
#include "hdwarf.h"

#include <dwarf/types.h>
#include <string.h>

#define TEXT_SIZE 65536

struct query {
    uint64_t tag; /* 0: a variable, function or typedef */
    const char *name;
};

static bool tag_matches(const struct query *q, uint64_t tag)
{
    if (q->tag)
        return tag == q->tag;
    return tag == DW_TAG_variable || tag == DW_TAG_subprogram || tag == DW_TAG_typedef ||
           tag == DW_TAG_base_type;
}

/* 1 found (definition preferred), 0 not found, or an error. */
static int find_in(const struct dwarf *dw, enum dwarf_section_id section, const struct query *q,
                   struct dwarf_unit *unit, uint64_t *offset, bool *is_decl)
{
    struct dwarf_unit u;
    uint64_t off = 0;
    int rc, found = 0;

    while ((rc = dwarf_unit_at(dw, section, off, &u)) > 0) {
        struct dwarf_die cu, d;
        off = u.end;
        if ((rc = dwarf_unit_die(&u, &cu)) <= 0)
            return rc < 0 ? rc : DWARF_E_BAD_REF;
        for (rc = dwarf_die_first_child(&cu, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
            struct dwarf_attr a;
            const char *name;
            bool decl = false;
            if (!tag_matches(q, d.tag) || dwarf_die_attr(&d, DW_AT_name, &a) <= 0 ||
                dwarf_attr_string(&a, &name) || strcmp(name, q->name) != 0)
                continue;
            if (dwarf_die_attr(&d, DW_AT_declaration, &a) > 0)
                dwarf_attr_flag(&a, &decl);
            if (found && !(*is_decl && !decl))
                continue;
            *unit = u;
            *offset = d.offset;
            *is_decl = decl;
            found = 1;
            if (!decl)
                return 1;
        }
        if (rc < 0)
            return rc;
    }
    return rc < 0 ? rc : found;
}

static int lookup(const struct dwarf *dw, const char *text, struct dwarf_unit *unit,
                  uint64_t *offset)
{
    static const struct {
        const char *prefix;
        uint64_t tag;
    } kinds[] = {{"struct ", DW_TAG_structure_type},
                 {"union ", DW_TAG_union_type},
                 {"enum ", DW_TAG_enumeration_type}};
    struct query q = {.name = text};
    bool decl = false;
    int rc;

    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].prefix);
        if (strncmp(text, kinds[i].prefix, n) == 0) {
            q.tag = kinds[i].tag;
            q.name = text + n;
        }
    }
    rc = find_in(dw, DWARF_SEC_INFO, &q, unit, offset, &decl);
    if (rc == 0 || (rc > 0 && decl)) {
        struct dwarf_unit u2;
        uint64_t off2;
        bool decl2 = false;
        int rc2 = find_in(dw, DWARF_SEC_TYPES, &q, &u2, &off2, &decl2);
        if (rc2 > 0 && (rc == 0 || !decl2)) {
            *unit = u2;
            *offset = off2;
            rc = rc2;
        }
    }
    return rc;
}

static int describe(const struct dwarf *dw, const char *text, bool ptype, char *buf)
{
    struct dwarf_unit unit;
    struct dwarf_die d;
    struct dwarf_type t;
    uint64_t offset;
    int rc = lookup(dw, text, &unit, &offset);

    if (rc <= 0)
        return rc == 0 ? DWARF_E_NOT_FOUND : rc;
    if ((rc = dwarf_die_at(&unit, offset, &d)) <= 0)
        return rc < 0 ? rc : DWARF_E_BAD_REF;
    switch (d.tag) {
    case DW_TAG_subprogram:
        rc = dwarf_type_of_function(&d, &t);
        break;
    case DW_TAG_variable:
        rc = dwarf_type_of(&d, &t);
        break;
    case DW_TAG_typedef:
        /* gdb's whatis on a typedef name shows what it names, one level down. */
        rc = dwarf_type_at(dw, unit.section, offset, &t);
        if (rc == 0 && !ptype)
            rc = dwarf_type_target(&t, &t);
        break;
    default:
        rc = dwarf_type_at(dw, unit.section, offset, &t);
        break;
    }
    if (rc)
        return rc;
    /* gdb's whatis on a struct, union or enum tag names it; ptype writes it out. */
    if (ptype)
        return dwarf_type_body(&t, DWARF_PRINT_GDB_NAMES, buf, TEXT_SIZE);
    return dwarf_type_name(&t, DWARF_PRINT_GDB_NAMES, buf, TEXT_SIZE);
}

int hdwarf_types(FILE *out, const struct dwarf *dw, bool ptype, int n, char **names)
{
    static char buf[TEXT_SIZE];
    for (int i = 0; i < n; i++) {
        int rc = describe(dw, names[i], ptype, buf);
        if (rc == DWARF_E_NOT_FOUND) {
            fprintf(out, "No symbol \"%s\" in current context.\n", names[i]);
            continue;
        }
        if (rc < 0) {
            fprintf(out, "type = <error: %s>\n", dwarf_strerror(rc));
            return rc;
        }
        fprintf(out, "type = %s\n", buf);
    }
    return 0;
}
