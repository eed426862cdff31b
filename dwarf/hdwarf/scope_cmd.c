/*
 * hdwarf scope FILE NAME... (and "scope NAME" in hdwarf query): the
 * variables in scope in each function so named, block by block: its
 * parameters and variables, then each lexical block (DWARF5 3.5) and each
 * inlined call (3.3.8.2) with its own, nested as in the DIE tree, each as
 * "parameter NAME: TYPE" or "variable NAME: TYPE" with gdb's spelling of
 * the type. A concrete parameter or variable of an inlined call takes its
 * name and type from its abstract origin (3.3.8.3); the origin's own
 * parameters and variables that no concrete entry stands for (a static
 * local, a parameter optimized away) are in scope too, as gdb counts them,
 * and so are those of the origin's blocks that have no concrete block.
 * Blocks show their address ranges, inlined calls also their call site;
 * those whose ranges are empty (optimized to nothing) are left out, with
 * their variables, as gdb leaves them out, and a block without ranges adds
 * its variables to the enclosing block. Declarations (`extern int x;` in a
 * block) and nested functions are left out.
 *
 *   Scope for list_append [0x4d0e37, 0x4d0e81):
 *     parameter self: PyListObject *
 *     inlined _Py_NewRef [0x4d0e3b, 0x4d0e4d), called at .../listobject.c:862:
 *       parameter obj: PyObject *
 */
#include "hdwarf.h"

#include <dwarf/types.h>
#include <string.h>

#define TEXT_SIZE 4096
/* Blocks nest at most this deep; deeper ones are printed without their contents. */
#define MAX_BLOCK_DEPTH 64

/*
 * Whether a block covers code. One whose ranges are all empty covers none:
 * an inlined call or block optimized to nothing, whose variables are in
 * scope nowhere (gdb drops it too); one without any range attribute is a
 * block in name only, whose variables belong to the enclosing block.
 */
enum { HAS_CODE = 1, NO_CODE = 0, NO_RANGES = 2 };

static int stop_at_first(void *ctx, uint64_t low, uint64_t high)
{
    (void)ctx, (void)low, (void)high;
    return 1;
}

static int code_of(const struct dwarf_die *d)
{
    struct dwarf_attr a;
    int rc = dwarf_die_ranges(d, stop_at_first, NULL);
    if (rc != 0)
        return rc < 0 ? rc : HAS_CODE;
    if ((rc = dwarf_die_attr(d, DW_AT_ranges, &a)) == 0)
        rc = dwarf_die_attr(d, DW_AT_low_pc, &a);
    if (rc < 0)
        return rc;
    return rc > 0 ? NO_CODE : NO_RANGES;
}

static int print_range(void *out, uint64_t low, uint64_t high)
{
    fprintf(out, " [0x%llx, 0x%llx)", (unsigned long long)low, (unsigned long long)high);
    return 0;
}

/* " [low, high)" for each range of a DIE. */
static int print_ranges(FILE *out, const struct dwarf_die *d)
{
    return dwarf_die_ranges(d, print_range, out);
}

/* "parameter NAME: TYPE" or "variable NAME: TYPE", through the abstract origin. */
static int print_variable(FILE *out, const struct dwarf_die *d, int depth)
{
    static char text[TEXT_SIZE];
    struct dwarf_unit name_unit, type_unit;
    struct dwarf_attr a;
    struct dwarf_type t;
    enum dwarf_section_id sec;
    const char *name = "";
    bool decl = false;
    uint64_t off;
    int rc;

    if ((rc = dwarf_die_attr(d, DW_AT_declaration, &a)) < 0 ||
        (rc > 0 && (rc = dwarf_attr_flag(&a, &decl))))
        return rc;
    if (decl)
        return 0;
    if ((rc = dwarf_die_attr_inherited(d, DW_AT_name, &name_unit, NULL, &a)) < 0 ||
        (rc > 0 && (rc = dwarf_attr_string(&a, &name))))
        return rc;
    if ((rc = dwarf_die_attr_inherited(d, DW_AT_type, &type_unit, NULL, &a)) < 0)
        return rc;
    if (rc == 0) {
        strcpy(text, "void");
    } else {
        if ((rc = dwarf_attr_ref(&a, &sec, &off)) ||
            (rc = dwarf_type_at(d->unit->dw, sec, off, &t)))
            return rc;
        if ((rc = dwarf_type_name(&t, DWARF_PRINT_GDB_NAMES, text, sizeof text)) < 0 &&
            rc != DWARF_E_LIMIT)
            return rc;
    }
    fprintf(out, "%*s%s %s: %s\n", 2 * depth, "",
            d->tag == DW_TAG_formal_parameter ? "parameter" : "variable", name, text);
    return 0;
}

/* "inlined NAME [ranges), called at FILE:LINE:" */
static int print_inlined(FILE *out, const struct dwarf_die *d, const struct hdwarf_unit_lines *uf,
                         int depth)
{
    struct dwarf_unit unit;
    struct dwarf_attr a;
    const char *name = "??";
    uint64_t file = 0, line = 0;
    char path[TEXT_SIZE];
    int rc;

    if ((rc = dwarf_die_attr_inherited(d, DW_AT_name, &unit, NULL, &a)) < 0 ||
        (rc > 0 && (rc = dwarf_attr_string(&a, &name))))
        return rc;
    fprintf(out, "%*sinlined %s", 2 * depth, "", name);
    if ((rc = print_ranges(out, d)) < 0)
        return rc;
    if (dwarf_die_attr(d, DW_AT_call_file, &a) > 0)
        dwarf_attr_unsigned(&a, &file);
    if (dwarf_die_attr(d, DW_AT_call_line, &a) > 0)
        dwarf_attr_unsigned(&a, &line);
    if (!uf->have || dwarf_line_file_path(&uf->hdr, file, uf->comp_dir, path, sizeof path) < 0)
        strcpy(path, "??");
    fprintf(out, ", called at %s:%llu:\n", path, (unsigned long long)line);
    return 0;
}

/* The DIE a concrete one's DW_AT_abstract_origin names: 1 with *origin (in *unit), 0 none. */
static int origin_of(const struct dwarf_die *d, struct dwarf_unit *unit, struct dwarf_die *origin)
{
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off;
    int rc;

    if ((rc = dwarf_die_attr(d, DW_AT_abstract_origin, &a)) <= 0)
        return rc;
    if ((rc = dwarf_attr_ref(&a, &sec, &off)))
        return rc;
    *unit = *d->unit;
    if (sec != unit->section || off < unit->first_die || off >= unit->end) {
        if ((rc = dwarf_unit_containing(d->unit->dw, sec, off, unit)) <= 0)
            return rc < 0 ? rc : DWARF_E_BAD_REF;
    }
    if ((rc = dwarf_die_at(unit, off, origin)) <= 0)
        return rc < 0 ? rc : DWARF_E_BAD_REF;
    return 1;
}

/* Whether a child of the concrete DIE stands for the abstract DIE at offset. */
static int stands_for(const struct dwarf_die *concrete, uint64_t offset)
{
    struct dwarf_die c;
    int rc;

    for (rc = dwarf_die_first_child(concrete, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c)) {
        struct dwarf_attr a;
        enum dwarf_section_id sec;
        uint64_t off;
        if (dwarf_die_attr(&c, DW_AT_abstract_origin, &a) > 0 &&
            dwarf_attr_ref(&a, &sec, &off) == 0 && off == offset)
            return 1;
    }
    return rc;
}

/* An abstract block's parameters and variables, its blocks' too, all at this depth. */
static int print_flattened(FILE *out, const struct dwarf_die *block, int depth, int nesting)
{
    struct dwarf_die d;
    int rc;

    for (rc = dwarf_die_first_child(block, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
        if (d.tag == DW_TAG_formal_parameter || d.tag == DW_TAG_variable)
            rc = print_variable(out, &d, depth);
        else if (d.tag == DW_TAG_lexical_block && nesting < MAX_BLOCK_DEPTH)
            rc = print_flattened(out, &d, depth, nesting + 1);
        if (rc < 0)
            return rc;
    }
    return rc;
}

/*
 * What the abstract origin of a concrete function, inlined call or block
 * has that none of its concrete children stands for (DWARF5 3.3.8.2).
 */
static int print_inherited(FILE *out, const struct dwarf_die *concrete, int depth)
{
    struct dwarf_unit unit;
    struct dwarf_die origin, d;
    int rc;

    if ((rc = origin_of(concrete, &unit, &origin)) <= 0)
        return rc;
    for (rc = dwarf_die_first_child(&origin, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
        if (d.tag != DW_TAG_formal_parameter && d.tag != DW_TAG_variable &&
            d.tag != DW_TAG_lexical_block)
            continue;
        if ((rc = stands_for(concrete, d.offset)) < 0)
            return rc;
        if (rc > 0)
            continue;
        rc = d.tag == DW_TAG_lexical_block ? print_flattened(out, &d, depth, 0)
                                           : print_variable(out, &d, depth);
        if (rc < 0)
            return rc;
    }
    return rc;
}

static int print_block(FILE *out, const struct dwarf_die *parent,
                       const struct hdwarf_unit_lines *uf, int depth)
{
    struct dwarf_die d;
    int rc;

    for (rc = dwarf_die_first_child(parent, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
        switch (d.tag) {
        case DW_TAG_formal_parameter:
        case DW_TAG_variable:
            rc = print_variable(out, &d, depth);
            break;
        case DW_TAG_lexical_block:
            if ((rc = code_of(&d)) == NO_RANGES && depth < MAX_BLOCK_DEPTH) {
                rc = print_block(out, &d, uf, depth); /* a block in name only */
            } else if (rc == HAS_CODE) {
                fprintf(out, "%*sblock", 2 * depth, "");
                if ((rc = print_ranges(out, &d)) >= 0) {
                    fprintf(out, ":\n");
                    if (depth < MAX_BLOCK_DEPTH)
                        rc = print_block(out, &d, uf, depth + 1);
                }
            }
            break;
        case DW_TAG_inlined_subroutine:
            if ((rc = code_of(&d)) != HAS_CODE)
                break;
            if ((rc = print_inlined(out, &d, uf, depth)) >= 0 && depth < MAX_BLOCK_DEPTH)
                rc = print_block(out, &d, uf, depth + 1);
            break;
        default:
            break; /* labels, call sites, nested functions, local types */
        }
        if (rc < 0)
            return rc;
    }
    return rc < 0 ? rc : print_inherited(out, parent, depth);
}

int hdwarf_scope(FILE *out, struct hdwarf_session *s, const char *name)
{
    const struct dwarf_name_entry *found;
    int n, shown = 0, rc = 0;

    if ((n = dwarf_name_lookup(&s->names, name, DWARF_NAME_FUNCTION, 0, &found)) < 0)
        return n;
    for (int i = 0; i < n && rc >= 0; i++) {
        struct dwarf_unit unit;
        struct dwarf_die d;
        struct hdwarf_unit_lines uf;
        uint64_t pc;
        if ((rc = hdwarf_die_of(s, &found[i], &unit, &d)) < 0 ||
            (rc = hdwarf_entry_pc(&d, &pc)) <= 0)
            continue; /* an abstract instance: its concrete instances are the functions */
        shown = 1;
        hdwarf_unit_lines(&unit, &uf);
        fprintf(out, "Scope for %s", name);
        if ((rc = print_ranges(out, &d)) < 0)
            break;
        fprintf(out, ":\n");
        rc = print_block(out, &d, &uf, 1);
    }
    if (rc < 0)
        return rc;
    if (!shown)
        fprintf(out, "No function \"%s\" in this program.\n", name);
    return 0;
}
