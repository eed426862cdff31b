/*
 * dinfo.c: the function and global-variable index over .debug_info.
 *
 * A DIE may carry its name and type through DW_AT_specification (a
 * definition completing a declaration, DWARF5 2.13.2) or
 * DW_AT_abstract_origin (an out-of-line copy of an inline function,
 * DWARF5 3.3.8.3); both are followed one level, which is what gcc and
 * clang emit for C.
 *
 * A function is named as gdb prints it: by DW_AT_linkage_name when it has
 * one (glibc's `__GI___qsort_r`, an asm label), found by either name. Code
 * in several pieces (DW_AT_ranges, DWARF5 2.17.3: gcc's hot and cold
 * parts) gives one entry per piece.
 */
#include <stdlib.h>
#include <string.h>

#include <dwarf/expr.h>
#include <dwarf/lists.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>

int hdb_dinfo_die(const struct dwarf *dw, uint64_t unit_off, uint64_t die_off,
                  struct dwarf_unit *unit, struct dwarf_die *die)
{
    if (dwarf_unit_at(dw, DWARF_SEC_INFO, unit_off, unit) <= 0)
        return HDB_E_FORMAT;
    if ((die_off < unit->first_die || die_off >= unit->end) &&
        dwarf_unit_containing(dw, DWARF_SEC_INFO, die_off, unit) <= 0)
        return HDB_E_FORMAT;
    if (die_off < unit->first_die)
        return HDB_E_FORMAT; /* a unit header, not a DIE */
    return dwarf_die_at(unit, die_off, die) > 0 ? 0 : HDB_E_FORMAT;
}

int hdb_dinfo_ref(const struct dwarf_die *d, uint64_t at, struct dwarf_unit *unit,
                  struct dwarf_die *target)
{
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off;
    if (dwarf_die_attr(d, at, &a) <= 0 || dwarf_attr_ref(&a, &sec, &off) < 0 ||
        sec != DWARF_SEC_INFO)
        return 0;
    return hdb_dinfo_die(d->unit->dw, d->unit->offset, off, unit, target) == 0;
}

/*
 * The DIE a specification/abstract_origin attribute points to (its unit
 * in *unit, for one in another unit).
 */
static bool origin_of(const struct dwarf_die *die, struct dwarf_unit *unit,
                      struct dwarf_die *origin)
{
    return hdb_dinfo_ref(die, DW_AT_specification, unit, origin) ||
           hdb_dinfo_ref(die, DW_AT_abstract_origin, unit, origin);
}

/* The DIE's name, from itself or its origin (read into *origin, *ounit); *from says which. */
static const char *die_name(const struct dwarf_die *die, struct dwarf_unit *ounit,
                            struct dwarf_die *origin, const struct dwarf_die **from)
{
    struct dwarf_attr a;
    const char *name = NULL;
    *from = die;
    if (dwarf_die_attr(die, DW_AT_name, &a) > 0 && dwarf_attr_string(&a, &name) == 0)
        return name;
    if (origin_of(die, ounit, origin) && dwarf_die_attr(origin, DW_AT_name, &a) > 0 &&
        dwarf_attr_string(&a, &name) == 0) {
        *from = origin;
        return name;
    }
    return NULL;
}

/* The linkage name if the DIE (or the one it names through) has one differing from name. */
static const char *linkage_name(const struct dwarf_die *from, const char *name)
{
    struct dwarf_attr a;
    const char *link = NULL;
    if ((dwarf_die_attr(from, DW_AT_linkage_name, &a) > 0 ||
         dwarf_die_attr(from, DW_AT_MIPS_linkage_name, &a) > 0) &&
        dwarf_attr_string(&a, &link) == 0 && strcmp(link, name) != 0)
        return link;
    return NULL;
}

const char *hdb_dinfo_name_of(const struct dwarf *dw, uint64_t unit_off, uint64_t die_off)
{
    struct dwarf_unit u, ounit;
    struct dwarf_die d, origin;
    const struct dwarf_die *from;
    if (hdb_dinfo_die(dw, unit_off, die_off, &u, &d) < 0)
        return NULL;
    const char *name = die_name(&d, &ounit, &origin, &from);
    const char *link = name ? linkage_name(from, name) : NULL;
    return link ? link : name;
}

static int grow(const struct hdb_platform *p, void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 64;
    void *na = hdb_realloc(p, *arr, *cap * elem, nc * elem);
    if (!na)
        return HDB_E_NOMEM;
    *arr = na;
    *cap = nc;
    return 0;
}

static int push_func(struct hdb_dinfo *di, const struct hdb_dfunc *f)
{
    int rc = grow(di->plat, (void **)&di->funcs, &di->cap_funcs, di->nfuncs, sizeof(*di->funcs));
    if (rc == 0)
        di->funcs[di->nfuncs++] = *f;
    return rc;
}

static int add_func(struct hdb_dinfo *di, const struct dwarf_unit *u, const struct dwarf_die *d)
{
    struct dwarf_attr a;
    uint64_t lo, hi;
    struct dwarf_unit ounit;
    struct dwarf_die origin;
    const struct dwarf_die *from;
    const char *name = die_name(d, &ounit, &origin, &from);
    if (!name)
        return 0;
    const char *link = linkage_name(from, name);
    struct hdb_dfunc f = {
        0, 0, link ? link : name, u->offset, d->offset, from->offset, link ? name : NULL, false};
    struct dwarf_range_iter it;
    if (dwarf_die_attr(d, DW_AT_ranges, &a) > 0 && dwarf_range_iter_attr(&it, &a) == 0) {
        int rc = 0;
        while (rc == 0 && dwarf_range_next(&it, &f.lo, &f.hi) > 0) {
            if (f.hi > f.lo) {
                rc = push_func(di, &f);
                f.part = true; /* gcc lists the entry's piece first */
            }
        }
        return rc;
    }
    if (dwarf_die_attr(d, DW_AT_low_pc, &a) <= 0 || dwarf_attr_address(&a, &lo) < 0)
        return 0;
    if (dwarf_die_attr(d, DW_AT_high_pc, &a) <= 0)
        return 0;
    /* DWARF5 2.17.2: a constant high_pc is an offset from low_pc. */
    if (dwarf_form_class(a.form) == DWARF_CLASS_CONSTANT) {
        if (dwarf_attr_unsigned(&a, &hi) < 0)
            return 0;
        hi += lo;
    } else if (dwarf_attr_address(&a, &hi) < 0) {
        return 0;
    }
    if (hi <= lo)
        return 0;
    f.lo = lo;
    f.hi = hi;
    return push_func(di, &f);
}

static uint64_t type_of(const struct dwarf_die *d)
{
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    uint64_t off;
    struct dwarf_unit ounit;
    struct dwarf_die origin;
    if (dwarf_die_attr(d, DW_AT_type, &a) > 0 && dwarf_attr_ref(&a, &sec, &off) == 0 &&
        sec == DWARF_SEC_INFO)
        return off;
    if (origin_of(d, &ounit, &origin) && dwarf_die_attr(&origin, DW_AT_type, &a) > 0 &&
        dwarf_attr_ref(&a, &sec, &off) == 0 && sec == DWARF_SEC_INFO)
        return off;
    return 0;
}

static int add_var(struct hdb_dinfo *di, const struct dwarf_unit *u, const struct dwarf_die *d)
{
    struct dwarf_attr a;
    const uint8_t *expr;
    uint64_t len;
    if (dwarf_die_attr(d, DW_AT_location, &a) <= 0 || dwarf_attr_block(&a, &expr, &len) < 0)
        return 0;
    /*
     * Only the plain static case: the whole expression is one DW_OP_addr, or
     * (split DWARF) its index into .debug_addr.
     */
    struct dwarf_expr_iter it;
    struct dwarf_expr_op op, next;
    uint64_t addr = 0;
    dwarf_expr_iter_init(&it, expr, len, u);
    if (dwarf_expr_next(&it, &op) <= 0 || dwarf_expr_next(&it, &next) != 0)
        return 0;
    if (op.opcode == DW_OP_addr)
        addr = op.operand[0];
    else if ((op.opcode != DW_OP_addrx && op.opcode != DW_OP_GNU_addr_index) ||
             dwarf_addr_entry(u, op.operand[0], &addr) < 0)
        return 0;
    struct dwarf_unit ounit;
    struct dwarf_die origin;
    const struct dwarf_die *from;
    const char *name = die_name(d, &ounit, &origin, &from);
    if (!name)
        return 0;
    int rc = grow(di->plat, (void **)&di->vars, &di->cap_vars, di->nvars, sizeof(*di->vars));
    if (rc < 0)
        return rc;
    di->vars[di->nvars++] = (struct hdb_dvar){name, addr, u->offset, type_of(d)};
    return 0;
}

static int func_cmp(const void *a, const void *b)
{
    const struct hdb_dfunc *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

int hdb_dinfo_build(struct hdb_dinfo *di, const struct hdb_platform *plat, const struct dwarf *dw)
{
    memset(di, 0, sizeof(*di));
    di->plat = plat;
    di->dw = dw;
    struct dwarf_unit u;
    for (uint64_t off = 0; dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        struct dwarf_die cu, d;
        if (dwarf_unit_die(&u, &cu) <= 0)
            continue;
        /*
         * Every DIE of the walk looks its abbreviation up: with the unit's
         * code index that is one array access instead of a scan of the
         * table (most of the time of loading a large program without it).
         */
        struct dwarf_abbrev_index ix = {0};
        bool indexed = dwarf_unit_index_abbrevs(&u, &ix) == 0;
        int arc = 0;
        for (int rc = dwarf_die_first_child(&cu, &d); rc > 0 && arc >= 0;
             rc = dwarf_die_next_sibling(&d, &d)) {
            if (d.tag == DW_TAG_subprogram)
                arc = add_func(di, &u, &d);
            else if (d.tag == DW_TAG_variable)
                arc = add_var(di, &u, &d);
        }
        if (indexed)
            dwarf_abbrev_index_free(dw, &ix);
        if (arc < 0) {
            hdb_dinfo_free(di);
            return arc;
        }
    }
    if (di->nfuncs)
        qsort(di->funcs, di->nfuncs, sizeof(*di->funcs), func_cmp);
    return 0;
}

void hdb_dinfo_free(struct hdb_dinfo *di)
{
    hdb_free(di->plat, di->funcs, di->cap_funcs * sizeof(*di->funcs));
    hdb_free(di->plat, di->vars, di->cap_vars * sizeof(*di->vars));
    hdb_free(di->plat, di->enums, di->cap_enums * sizeof(*di->enums));
    di->funcs = NULL;
    di->vars = NULL;
    di->enums = NULL;
    di->nfuncs = di->nvars = di->cap_funcs = di->cap_vars = 0;
    di->nenums = di->cap_enums = 0;
    di->enums_built = false;
}

const struct hdb_dfunc *hdb_dinfo_func_at(const struct hdb_dinfo *di, uint64_t addr)
{
    size_t lo = 0, hi = di->nfuncs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (di->funcs[mid].lo <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct hdb_dfunc *f = &di->funcs[lo - 1];
    return addr < f->hi ? f : NULL;
}

const struct hdb_dfunc *hdb_dinfo_func_by_name(const struct hdb_dinfo *di, const char *name)
{
    for (size_t i = 0; i < di->nfuncs; i++)
        if (!di->funcs[i].part && (strcmp(di->funcs[i].name, name) == 0 ||
                                   (di->funcs[i].alias && strcmp(di->funcs[i].alias, name) == 0)))
            return &di->funcs[i];
    return NULL;
}

const struct hdb_dvar *hdb_dinfo_var_by_name(const struct hdb_dinfo *di, const char *name)
{
    for (size_t i = 0; i < di->nvars; i++)
        if (strcmp(di->vars[i].name, name) == 0)
            return &di->vars[i];
    return NULL;
}
