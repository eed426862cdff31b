/*
 * hdwarf whatis|ptype FILE NAME...: the type of a global variable or
 * function, or of a type name ("struct node", "union value", "enum colour",
 * a typedef), printed as gdb prints it ("type = ..."), so that gdb -batch
 * can serve as the oracle. Names are looked up in the name index, in the
 * first unit that defines them (type units included); a definition wins
 * over a declaration.
 */
#include "hdwarf.h"

#include <dwarf/types.h>
#include <string.h>

#define TEXT_SIZE 65536

/* The first definition (else the first declaration) the name index has: 1, 0, or an error. */
static int lookup(struct hdwarf_session *s, const char *text, struct dwarf_unit *unit,
                  uint64_t *offset)
{
    static const struct {
        const char *prefix;
        unsigned kinds;
    } tags[] = {
        {"struct ", DWARF_NAME_STRUCT}, {"union ", DWARF_NAME_UNION}, {"enum ", DWARF_NAME_ENUM}};
    const struct dwarf_name_entry *found, *best = NULL;
    unsigned kinds =
        DWARF_NAME_FUNCTION | DWARF_NAME_VARIABLE | DWARF_NAME_TYPEDEF | DWARF_NAME_BASE_TYPE;
    const char *name = text;
    int n, rc;

    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        size_t len = strlen(tags[i].prefix);
        if (strncmp(text, tags[i].prefix, len) == 0) {
            kinds = tags[i].kinds;
            name = text + len;
        }
    }
    if ((n = dwarf_name_lookup(&s->names, name, kinds, DWARF_NAME_FIRST, &found)) <= 0)
        return n;
    for (int i = 0; i < n && (best == NULL || best->declaration); i++) {
        if (best == NULL || !found[i].declaration)
            best = &found[i];
    }
    if ((rc = dwarf_unit_at(&s->dw, best->section, best->unit_offset, unit)) <= 0)
        return rc < 0 ? rc : DWARF_E_BAD_REF;
    *offset = best->die_offset;
    return 1;
}

/* A variable's type, through DW_AT_specification when the definition has none of its own. */
static int variable_type(const struct dwarf_die *d, struct dwarf_type *t)
{
    struct dwarf_unit unit;
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off;
    int rc = dwarf_die_attr_inherited(d, DW_AT_type, &unit, NULL, &a);

    if (rc <= 0)
        return rc < 0 ? rc : dwarf_type_of(d, t);
    if ((rc = dwarf_attr_ref(&a, &sec, &off)))
        return rc;
    return dwarf_type_at(d->unit->dw, sec, off, t);
}

static int describe(struct hdwarf_session *s, const char *text, bool ptype, char *buf)
{
    struct dwarf_unit unit, origin_unit;
    struct dwarf_die d, origin;
    struct dwarf_type t;
    struct dwarf_attr a;
    uint64_t offset;
    int rc = lookup(s, text, &unit, &offset);

    if (rc <= 0)
        return rc == 0 ? DWARF_E_NOT_FOUND : rc;
    if ((rc = dwarf_die_at(&unit, offset, &d)) <= 0)
        return rc < 0 ? rc : DWARF_E_BAD_REF;
    switch (d.tag) {
    case DW_TAG_subprogram:
        /* An out-of-line instance: the abstract instance has the prototype (DWARF5 3.3.8.1). */
        if ((rc = dwarf_die_attr_inherited(&d, DW_AT_name, &origin_unit, &origin, &a)) < 0)
            return rc;
        rc = dwarf_type_of_function(rc > 0 ? &origin : &d, &t);
        break;
    case DW_TAG_variable:
        rc = variable_type(&d, &t);
        break;
    case DW_TAG_typedef:
        /* gdb's whatis on a typedef name shows what it names, one level down. */
        rc = dwarf_type_at(&s->dw, unit.section, offset, &t);
        if (rc == 0 && !ptype)
            rc = dwarf_type_target(&t, &t);
        break;
    default:
        rc = dwarf_type_at(&s->dw, unit.section, offset, &t);
        break;
    }
    if (rc)
        return rc;
    /* gdb's whatis on a struct, union or enum tag names it; ptype writes it out. */
    if (ptype)
        return dwarf_type_body(&t, DWARF_PRINT_GDB_NAMES, buf, TEXT_SIZE);
    return dwarf_type_name(&t, DWARF_PRINT_GDB_NAMES, buf, TEXT_SIZE);
}

int hdwarf_type_question(FILE *out, struct hdwarf_session *s, bool ptype, const char *name)
{
    static char buf[TEXT_SIZE];
    int rc = describe(s, name, ptype, buf);

    if (rc == DWARF_E_NOT_FOUND) {
        fprintf(out, "No symbol \"%s\" in current context.\n", name);
        return 0;
    }
    if (rc < 0) {
        fprintf(out, "type = <error: %s>\n", dwarf_strerror(rc));
        return rc;
    }
    fprintf(out, "type = %s\n", buf);
    return 0;
}

int hdwarf_types(int argc, char **argv)
{
    struct hdwarf_session s;
    bool ptype = strcmp(argv[1], "whatis") != 0;
    int rc = 0;

    if (hdwarf_session_open(&s, argv[2]))
        return 1;
    for (int i = 3; i < argc && rc == 0; i++)
        rc = hdwarf_type_question(stdout, &s, ptype, argv[i]);
    fflush(stdout);
    hdwarf_session_close(&s);
    return rc < 0 ? hdwarf_corrupt(argv[2], rc) : 0;
}
