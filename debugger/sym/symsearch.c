/*
 * symsearch.c: the file-level symbols of a file's DWARF matching a
 * regular expression (hdb/symsearch.h), for info functions, variables
 * and types.
 *
 * Which DIEs become symbols follows gdb's DWARF reader: a function needs
 * code (DW_AT_low_pc or DW_AT_ranges); a variable is listed unless it is
 * only a declaration or an external one without a location (gdb's
 * LOC_UNRESOLVED, left to the ELF symbols); a struct, union or enum needs
 * a name and must not be a mere declaration; typedefs and base types need
 * a name. Names and types come through DW_AT_specification and
 * DW_AT_abstract_origin (DWARF5 2.13.2, 3.3.8.3). A function with a
 * linkage name is known by it, as gdb's C symbols are.
 */
#include <stdlib.h>
#include <string.h>

#include <dwarf/index.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/lines.h>
#include <hdb/symsearch.h>
#include <hdb/value.h>

static const char *string_attr(const struct dwarf_die *d, uint64_t at)
{
    struct dwarf_attr a;
    struct dwarf_unit u;
    const char *s = NULL;
    if (dwarf_die_attr_inherited(d, at, &u, NULL, &a) > 0 && dwarf_attr_string(&a, &s) == 0)
        return s;
    return NULL;
}

static bool flag_attr(const struct dwarf_die *d, uint64_t at)
{
    struct dwarf_attr a;
    struct dwarf_unit u;
    bool f = false;
    return dwarf_die_attr_inherited(d, at, &u, NULL, &a) > 0 && dwarf_attr_flag(&a, &f) == 0 && f;
}

static bool own_attr(const struct dwarf_die *d, uint64_t at)
{
    struct dwarf_attr a;
    return dwarf_die_attr(d, at, &a) > 0;
}

/* The DIE holding a function's name and type: its specification or origin, else itself. */
static uint64_t decl_die(const struct dwarf_die *d)
{
    struct dwarf_unit u;
    struct dwarf_die holder;
    struct dwarf_attr a;
    if (dwarf_die_attr_inherited(d, DW_AT_type, &u, &holder, &a) > 0 ||
        dwarf_die_attr_inherited(d, DW_AT_prototyped, &u, &holder, &a) > 0)
        return holder.offset;
    return d->offset;
}

/* The file name held once in h (the hits point to it), or NULL without memory. */
static const char *intern(struct hdb_symhits *h, const char *name)
{
    for (size_t i = 0; i < h->nfiles; i++)
        if (strcmp(h->files[i], name) == 0)
            return h->files[i];
    if (h->nfiles == h->cap_files) {
        size_t nc = h->cap_files ? h->cap_files * 2 : 16;
        char **nf = hdb_realloc(h->plat, h->files, h->cap_files * sizeof(*nf), nc * sizeof(*nf));
        if (!nf)
            return NULL;
        h->files = nf;
        h->cap_files = nc;
    }
    char *copy = hdb_strdup(h->plat, name);
    if (copy)
        h->files[h->nfiles++] = copy;
    return copy;
}

/*
 * The name of the file a symbol is in, as gdb's symtab has it: the
 * unit's own name for its primary file, else the file's name as the line
 * program gives it, made absolute when it is relative (gdb joins it to its
 * directory, the compilation directory for DWARF 5's directory 0).
 */
static const char *file_of(struct hdb_symhits *h, const struct dwarf_die *d, const char *cu_name)
{
    struct dwarf_attr a;
    struct dwarf_unit u;
    uint64_t fi;
    static char name[1024], path[2048];
    if (dwarf_die_attr_inherited(d, DW_AT_decl_file, &u, NULL, &a) <= 0 ||
        dwarf_attr_unsigned(&a, &fi) < 0) {
        /*
         * No file: the unit's primary one. gdb gives that the name of the
         * line program's file of the same base name when the unit's own
         * name has no lines (glibc's "./argp/argp-eexst.c" for a unit
         * named "argp-eexst.c" in directory "./argp").
         */
        if (!cu_name || hdb_lines_unit_file_names(d->unit, 1, name, path) < 0)
            return cu_name ? intern(h, cu_name) : NULL;
        const char *base = strrchr(name, '/'), *cbase = strrchr(cu_name, '/');
        base = base ? base + 1 : name;
        cbase = cbase ? cbase + 1 : cu_name;
        if (strcmp(base, cbase) != 0 || name[0] == '/' || strcmp(name, path) != 0)
            return intern(h, cu_name);
        return intern(h, name);
    }
    if (hdb_lines_unit_file_names(d->unit, fi, name, path) < 0)
        return cu_name ? intern(h, cu_name) : NULL;
    if (name[0] == '/' || (cu_name && strcmp(name, cu_name) == 0))
        return intern(h, name);
    return intern(h, path);
}

static uint32_t line_of(const struct dwarf_die *d)
{
    struct dwarf_attr a;
    struct dwarf_unit u;
    uint64_t line = 0;
    if (dwarf_die_attr_inherited(d, DW_AT_decl_line, &u, NULL, &a) > 0)
        dwarf_attr_unsigned(&a, &line);
    return (uint32_t)line;
}

/* Is the DIE a symbol of this kind in gdb's reading? */
static bool wanted(const struct dwarf_die *d, enum hdb_symsearch_kind kind)
{
    switch (kind) {
    case HDB_SEARCH_FUNCTIONS:
        return d->tag == DW_TAG_subprogram &&
               (own_attr(d, DW_AT_low_pc) || own_attr(d, DW_AT_ranges));
    case HDB_SEARCH_VARIABLES:
        if (d->tag != DW_TAG_variable || own_attr(d, DW_AT_declaration))
            return false;
        return own_attr(d, DW_AT_location) || own_attr(d, DW_AT_const_value) ||
               !flag_attr(d, DW_AT_external);
    default:
        if (d->tag == DW_TAG_structure_type || d->tag == DW_TAG_union_type ||
            d->tag == DW_TAG_enumeration_type)
            return !own_attr(d, DW_AT_declaration) || own_attr(d, DW_AT_byte_size);
        return d->tag == DW_TAG_typedef || d->tag == DW_TAG_base_type;
    }
}

static int push(struct hdb_symhits *h, const struct hdb_symhit *hit)
{
    if (h->n == h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 64;
        struct hdb_symhit *nv =
            hdb_realloc(h->plat, h->v, h->cap * sizeof(*h->v), nc * sizeof(*h->v));
        if (!nv)
            return HDB_E_NOMEM;
        h->v = nv;
        h->cap = nc;
    }
    h->v[h->n++] = *hit;
    return 0;
}

int hdb_symsearch_file(struct hdb_symhits *h, const struct dwarf *dw, enum hdb_symsearch_kind kind,
                       const struct hdb_regex *re)
{
    struct dwarf_unit u;
    for (uint64_t off = 0; dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        struct dwarf_die cu, d;
        if (dwarf_unit_die(&u, &cu) <= 0 || cu.tag != DW_TAG_compile_unit)
            continue;
        const char *cu_name = string_attr(&cu, DW_AT_name);
        struct dwarf_abbrev_index ix = {0};
        bool indexed = dwarf_unit_index_abbrevs(&u, &ix) == 0;
        int rc = 0;
        for (int more = dwarf_die_first_child(&cu, &d); more > 0 && rc == 0;
             more = dwarf_die_next_sibling(&d, &d)) {
            if (!wanted(&d, kind))
                continue;
            const char *name = NULL;
            if (kind == HDB_SEARCH_FUNCTIONS)
                name = string_attr(&d, DW_AT_linkage_name);
            if (!name)
                name = string_attr(&d, DW_AT_name);
            if (name && d.tag == DW_TAG_base_type)
                name = hdb_ctype_gdb_spelling(name);
            if (!name || (re && !hdb_regex_search(re, name)))
                continue;
            struct hdb_symhit hit = {name,
                                     file_of(h, &d, cu_name),
                                     line_of(&d),
                                     kind != HDB_SEARCH_TYPES && !flag_attr(&d, DW_AT_external),
                                     dw,
                                     u.offset,
                                     kind == HDB_SEARCH_FUNCTIONS ? decl_die(&d) : d.offset,
                                     d.tag};
            if (hit.file)
                rc = push(h, &hit);
        }
        if (indexed)
            dwarf_abbrev_index_free(dw, &ix);
        if (rc < 0)
            return rc;
    }
    return 0;
}

bool hdb_symsearch_names(const struct dwarf *dw, const char *name)
{
    struct dwarf_unit u;
    for (uint64_t off = 0; dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        struct dwarf_die cu, d;
        if (dwarf_unit_die(&u, &cu) <= 0 || cu.tag != DW_TAG_compile_unit)
            continue;
        for (int more = dwarf_die_first_child(&cu, &d); more > 0;
             more = dwarf_die_next_sibling(&d, &d)) {
            if (d.tag != DW_TAG_variable && d.tag != DW_TAG_subprogram)
                continue;
            const char *n = string_attr(&d, DW_AT_name);
            if (n && strcmp(n, name) == 0)
                return true;
        }
    }
    return false;
}

static int hit_cmp(const void *a, const void *b)
{
    const struct hdb_symhit *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->is_static != y->is_static)
        return x->is_static ? 1 : -1;
    return strcmp(x->name, y->name);
}

void hdb_symsearch_sort(struct hdb_symhits *h)
{
    if (h->n)
        qsort(h->v, h->n, sizeof(*h->v), hit_cmp);
    size_t out = 0;
    for (size_t i = 0; i < h->n; i++)
        if (out == 0 || hit_cmp(&h->v[out - 1], &h->v[i]) != 0)
            h->v[out++] = h->v[i];
    h->n = out;
}

void hdb_symhits_free(struct hdb_symhits *h)
{
    for (size_t i = 0; i < h->nfiles; i++)
        hdb_strfree(h->plat, h->files[i]);
    hdb_free(h->plat, h->files, h->cap_files * sizeof(*h->files));
    h->files = NULL;
    h->nfiles = h->cap_files = 0;
    hdb_free(h->plat, h->v, h->cap * sizeof(*h->v));
    h->v = NULL;
    h->n = h->cap = 0;
}
