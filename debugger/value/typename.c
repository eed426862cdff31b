/*
 * typename.c: the types a cast or sizeof names (C11 6.7.7): a base type in
 * C's spelling or gcc's, a typedef, struct/union/enum TAG, looked up in
 * the active file's unit-level DIEs, else gdb's own C types; and pointers
 * to them, through the pointer DIEs the compiler emitted.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/value.h>

/* C spellings of gcc's base type names ("unsigned long" is "long unsigned int" in DWARF). */
static const char *dwarf_spelling(const char *name)
{
    static const char *const map[][2] = {
        {"unsigned", "unsigned int"},
        {"long", "long int"},
        {"unsigned long", "long unsigned int"},
        {"long unsigned", "long unsigned int"},
        {"short", "short int"},
        {"unsigned short", "short unsigned int"},
        {"long long", "long long int"},
        {"unsigned long long", "long long unsigned int"},
        {"signed char", "signed char"},
        {"signed", "int"},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(map[i][0], name) == 0)
            return map[i][1];
    return name;
}

int hdb_type_by_name(struct hdb_session *s, const char *name, uint64_t *unit, uint64_t *type)
{
    uint64_t want = 0;
    if (strncmp(name, "struct ", 7) == 0) {
        want = DW_TAG_structure_type;
        name += 7;
    } else if (strncmp(name, "union ", 6) == 0) {
        want = DW_TAG_union_type;
        name += 6;
    } else if (strncmp(name, "enum ", 5) == 0) {
        want = DW_TAG_enumeration_type;
        name += 5;
    }
    name = dwarf_spelling(name);
    struct dwarf_unit u;
    for (uint64_t off = 0; dwarf_unit_at(&s->dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        struct dwarf_die cu, d;
        if (dwarf_unit_die(&u, &cu) <= 0)
            continue;
        for (int rc = dwarf_die_first_child(&cu, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
            bool kind_ok =
                want ? d.tag == want : (d.tag == DW_TAG_base_type || d.tag == DW_TAG_typedef);
            struct dwarf_attr a;
            const char *n;
            bool decl = false;
            if (!kind_ok || dwarf_die_attr(&d, DW_AT_name, &a) <= 0 ||
                dwarf_attr_string(&a, &n) < 0 || strcmp(n, name) != 0)
                continue;
            /* A declaration (an incomplete struct) is no use for sizes and members. */
            if (dwarf_die_attr(&d, DW_AT_declaration, &a) > 0)
                dwarf_attr_flag(&a, &decl);
            if (decl)
                continue;
            *unit = u.offset;
            *type = d.offset;
            return 0;
        }
    }
    /* gdb's own C types stand in where the program's DWARF has none of that name. */
    if (!want && hdb_builtin_by_name(name, type) == 0) {
        *unit = HDB_BUILTIN_UNIT;
        return 0;
    }
    return HDB_E_NOT_FOUND;
}

/* A pointer type DIE to type in unit, when the compiler emitted one. */
static uint64_t pointer_to(struct hdb_session *s, uint64_t unit, uint64_t type)
{
    struct dwarf_unit u;
    struct dwarf_die cu, d;
    if (dwarf_unit_at(&s->dw, DWARF_SEC_INFO, unit, &u) <= 0 || dwarf_unit_die(&u, &cu) <= 0)
        return 0;
    for (int rc = dwarf_die_first_child(&cu, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
        struct dwarf_attr a;
        enum dwarf_section_id sec;
        uint64_t off;
        if (d.tag == DW_TAG_pointer_type && dwarf_die_attr(&d, DW_AT_type, &a) > 0 &&
            dwarf_attr_ref(&a, &sec, &off) == 0 && off == type)
            return d.offset;
    }
    return 0;
}

int hdb_type_pointer(struct hdb_session *s, uint64_t unit, uint64_t type, int depth, uint64_t *out)
{
    if (unit == HDB_BUILTIN_UNIT) {
        *out = hdb_builtin_type((int)(type & 0xff), (int)(type >> 8) + depth);
        return 0;
    }
    for (int i = 0; i < depth && type; i++)
        type = pointer_to(s, unit, type);
    *out = type;
    return type ? 0 : HDB_E_NOT_FOUND;
}
