/*
 * The address index: unit ranges read when it is built (.debug_aranges,
 * DWARF5 6.1.2, when it covers every unit with code; else DW_AT_low_pc/
 * high_pc/ranges of the unit DIEs, 2.17), and each unit's functions and
 * inlined calls read the first time an address inside it is asked about.
 *
 * Ranges may overlap (nested inlined calls, code shared by two units after
 * identical-code folding), so each sorted array carries the running
 * maximum of high: the candidates for an address are the entries from the
 * last low <= addr back to where that maximum falls to addr or below.
 */
#include "index_int.h"

#include <dwarf/lists.h>

/* Function nesting followed; deeper DIE trees are still walked. */
#define MAX_DIE_DEPTH 256

/* ---- ranges of a DIE (DWARF5 2.17) ------------------------------------- */

int dwarf_die_ranges(const struct dwarf_die *d, dwarf_range_fn fn, void *ctx)
{
    struct dwarf_attr a;
    uint64_t low, high;
    int rc;

    if ((rc = dwarf_die_attr(d, DW_AT_ranges, &a)) > 0) {
        struct dwarf_range_iter it;
        if ((rc = dwarf_range_iter_attr(&it, &a)))
            return rc;
        while ((rc = dwarf_range_next(&it, &low, &high)) > 0) {
            if (low < high && (rc = fn(ctx, low, high)))
                return rc;
        }
        return rc;
    }
    if (rc < 0 || (rc = dwarf_die_attr(d, DW_AT_low_pc, &a)) <= 0)
        return rc;
    if ((rc = dwarf_attr_address(&a, &low)))
        return rc;
    if ((rc = dwarf_die_attr(d, DW_AT_high_pc, &a)) <= 0)
        return rc;
    if (dwarf_form_class(a.form) == DWARF_CLASS_CONSTANT) {
        /* DWARF5 2.17.2: a constant high_pc is an offset from low_pc. */
        if ((rc = dwarf_attr_unsigned(&a, &high)))
            return rc;
        high += low;
    } else if ((rc = dwarf_attr_address(&a, &high))) {
        return rc;
    }
    return low < high ? fn(ctx, low, high) : 0;
}

/* ---- units -------------------------------------------------------------- */

/*
 * Unit caches are created when an address first leads to their unit, in
 * an array of pointers sorted by offset (the caches themselves never move).
 * Position of offset in *at; the cache or NULL.
 */
static struct dwarf_unit_cache *find_unit(const struct dwarf_addr_index *idx, uint64_t offset,
                                          size_t *at)
{
    size_t lo = 0, hi = idx->nunits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (idx->units[mid]->offset == offset) {
            *at = mid;
            return idx->units[mid];
        }
        if (idx->units[mid]->offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    *at = lo;
    return NULL;
}

static bool is_code_unit(const struct dwarf_unit *u)
{
    return u->unit_type == DW_UT_compile || u->unit_type == DW_UT_partial ||
           u->unit_type == DW_UT_skeleton || u->unit_type == DW_UT_split_compile;
}

/* Ranges that named a skeleton unit name its split unit from now on (the order stays). */
static void redirect_ranges(struct dwarf_addr_index *idx, uint64_t from, uint64_t to)
{
    for (size_t i = 0; i < idx->nranges; i++) {
        if (idx->ranges[i].unit_offset == from)
            idx->ranges[i].unit_offset = to;
    }
}

/*
 * The cache of the unit at offset, created (after checking that a compile,
 * partial or skeleton unit starts there) if it was not yet; 1, 0 when no
 * such unit starts there, or an error. A skeleton unit whose .dwo was
 * joined (dwarf_join_split) stands for its split unit, which has the DIEs.
 */
static int unit_cache(struct dwarf_addr_index *idx, uint64_t offset, struct dwarf_unit_cache **out)
{
    const struct dwarf *dw = idx->dw;
    struct dwarf_unit_cache *uc;
    struct dwarf_unit u, split;
    size_t at;
    int rc;

    if ((*out = find_unit(idx, offset, &at)) != NULL)
        return 1;
    if ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, offset, &u)) < 0 && rc != DWARF_E_OFFSET &&
        rc != DWARF_E_TRUNCATED && rc != DWARF_E_UNIT && rc != DWARF_E_VERSION)
        return rc;
    if (rc <= 0 || !is_code_unit(&u))
        return 0;
    if ((rc = dwarf_split_unit(&u, &split)) < 0)
        return rc;
    if (rc > 0) {
        redirect_ranges(idx, offset, split.offset);
        offset = split.offset;
        if ((*out = find_unit(idx, offset, &at)) != NULL)
            return 1;
    }
    if ((rc = dwarf_grow(dw, (void **)&idx->units, &idx->units_cap, idx->nunits,
                         sizeof *idx->units)))
        return rc;
    if ((uc = dw->alloc.alloc(dw->alloc.ctx, sizeof *uc)) == NULL)
        return DWARF_E_NOMEM;
    *uc = (struct dwarf_unit_cache){.offset = offset};
    for (size_t i = idx->nunits; i > at; i--)
        idx->units[i] = idx->units[i - 1];
    idx->units[at] = uc;
    idx->nunits++;
    *out = uc;
    return 1;
}

/* ---- unit ranges ------------------------------------------------------- */

struct unit_ctx {
    struct dwarf_addr_index *idx;
    uint64_t unit;
};

static int add_unit_range(void *p, uint64_t low, uint64_t high)
{
    struct unit_ctx *u = p;
    struct dwarf_addr_index *idx = u->idx;
    int rc = dwarf_grow(idx->dw, (void **)&idx->ranges, &idx->ranges_cap, idx->nranges,
                        sizeof *idx->ranges);
    if (rc)
        return rc;
    idx->ranges[idx->nranges++] = (struct dwarf_unit_range){low, high, u->unit};
    return 0;
}

static int cmp_range(const void *pa, const void *pb)
{
    const struct dwarf_unit_range *a = pa, *b = pb;
    if (a->low != b->low)
        return a->low < b->low ? -1 : 1;
    return a->high < b->high ? -1 : a->high > b->high;
}

/* Sorts an array whose elements start with (low, high) and builds its running maximum. */
static int sort_ranges(const struct dwarf *dw, void *base, size_t n, size_t size,
                       int (*cmp)(const void *, const void *), uint64_t **max_high)
{
    uint64_t m = 0;
    *max_high = NULL;
    if (n == 0)
        return 0;
    dwarf_sort(base, n, size, cmp);
    if ((*max_high = dw->alloc.alloc(dw->alloc.ctx, n * sizeof(uint64_t))) == NULL)
        return DWARF_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        uint64_t high;
        __builtin_memcpy(&high, (const uint8_t *)base + i * size + sizeof(uint64_t), sizeof high);
        m = high > m ? high : m;
        (*max_high)[i] = m;
    }
    return 0;
}

/*
 * Sorts the unit ranges again after some were added or dropped. The running
 * maximum's array only grows, and is allocated before anything moves: on
 * failure the ranges are as they were.
 */
static int resort_ranges(struct dwarf_addr_index *idx)
{
    const struct dwarf *dw = idx->dw;
    uint64_t m = 0;

    if (idx->nranges > idx->nmax) {
        uint64_t *p = dw->alloc.alloc(dw->alloc.ctx, idx->nranges * sizeof(uint64_t));
        if (p == NULL)
            return DWARF_E_NOMEM;
        dwarf_release(dw, idx->max_high, idx->nmax, sizeof(uint64_t));
        idx->max_high = p;
        idx->nmax = idx->nranges;
    }
    dwarf_sort(idx->ranges, idx->nranges, sizeof *idx->ranges, cmp_range);
    for (size_t i = 0; i < idx->nranges; i++) {
        m = idx->ranges[i].high > m ? idx->ranges[i].high : m;
        idx->max_high[i] = m;
    }
    return 0;
}

/*
 * Every set of .debug_aranges, trusted as it stands: the unit each names is
 * only checked when an address leads to it, so that building the index
 * reads nothing of .debug_info.
 */
static int ranges_from_aranges(struct dwarf_addr_index *idx)
{
    struct dwarf_aranges_set set;
    uint64_t off = 0;
    int rc;

    while ((rc = dwarf_aranges_set_at(idx->dw, off, &set)) > 0) {
        struct dwarf_aranges_iter it;
        struct unit_ctx ctx = {idx, set.info_offset};
        uint64_t addr, len;
        off = set.end;
        dwarf_aranges_iter_init(&it, &set);
        while ((rc = dwarf_aranges_next(&it, &addr, &len)) > 0) {
            if (len && addr + len > addr && (rc = add_unit_range(&ctx, addr, addr + len)))
                return rc;
        }
        if (rc < 0)
            return rc;
    }
    return rc;
}

/* Whether some range (a set of .debug_aranges) names the unit. */
static bool unit_has_ranges(const struct dwarf_addr_index *idx, uint64_t unit)
{
    for (size_t i = 0; i < idx->nranges; i++) {
        if (idx->ranges[i].unit_offset == unit)
            return true;
    }
    return false;
}

/* Drops the ranges of a set that names no unit. */
static void drop_unit_ranges(struct dwarf_addr_index *idx, uint64_t unit)
{
    size_t n = 0;
    for (size_t i = 0; i < idx->nranges; i++) {
        if (idx->ranges[i].unit_offset != unit)
            idx->ranges[n++] = idx->ranges[i];
    }
    idx->nranges = n;
}

/*
 * For an address no set covers: once, every unit with code that no set
 * names gets the ranges of its unit DIE (DW_AT_low_pc/high_pc/ranges).
 */
static int ranges_from_dies(struct dwarf_addr_index *idx)
{
    const struct dwarf *dw = idx->dw;
    size_t from_sets = idx->nranges;
    struct dwarf_unit u;
    uint64_t off = 0;
    int rc;

    while ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u)) > 0) {
        struct unit_ctx ctx = {idx, u.offset};
        struct dwarf_die cu;
        off = u.end;
        if (!is_code_unit(&u))
            continue;
        if ((rc = dwarf_unit_die(&u, &cu)) < 0)
            break;
        if (from_sets && unit_has_ranges(idx, u.offset))
            continue;
        if ((rc = dwarf_die_ranges(&cu, add_unit_range, &ctx)) < 0)
            break;
    }
    if (rc == 0 && idx->nranges > from_sets)
        rc = resort_ranges(idx);
    if (rc < 0) {
        /* Back to the sets alone (still sorted): the next lookup tries again. */
        idx->nranges = from_sets;
        return rc;
    }
    if (idx->nranges > from_sets)
        idx->from_aranges = false;
    idx->dies_read = true;
    return 0;
}

int dwarf_addr_index_build(const struct dwarf *dw, struct dwarf_addr_index *idx)
{
    int rc = 0;

    *idx = (struct dwarf_addr_index){.dw = dw};
    if (dw->alloc.alloc == NULL)
        return DWARF_E_ARG;
    if (dw->sec[DWARF_SEC_ARANGES].data) {
        idx->from_aranges = true;
        if ((rc = ranges_from_aranges(idx)) < 0 || (rc = resort_ranges(idx)) < 0)
            dwarf_addr_index_free(idx);
    }
    return rc < 0 ? rc : 0;
}

/* The latest-starting range that still covers addr: 1 with its unit, or 0. */
static int search_units(const struct dwarf_addr_index *idx, uint64_t addr, uint64_t *unit)
{
    size_t i = dwarf_upper_low(idx->ranges, idx->nranges, sizeof *idx->ranges, addr);
    while (i-- > 0 && idx->max_high[i] > addr) {
        if (idx->ranges[i].high > addr) {
            *unit = idx->ranges[i].unit_offset;
            return 1;
        }
    }
    return 0;
}

int dwarf_addr_unit_cache(struct dwarf_addr_index *idx, uint64_t addr, struct dwarf_unit_cache **uc)
{
    uint64_t unit;
    int rc;

    for (;;) {
        if (search_units(idx, addr, &unit)) {
            if ((rc = unit_cache(idx, unit, uc)) != 0)
                return rc;
            /* A set names no unit: forget it, and let the unit DIEs answer. */
            drop_unit_ranges(idx, unit);
            if ((rc = resort_ranges(idx)) < 0)
                return rc;
            continue;
        }
        if (idx->dies_read)
            return 0;
        if ((rc = ranges_from_dies(idx)) < 0)
            return rc;
    }
}

int dwarf_addr_unit(struct dwarf_addr_index *idx, uint64_t addr, uint64_t *unit_offset)
{
    struct dwarf_unit_cache *uc;
    int rc = dwarf_addr_unit_cache(idx, addr, &uc);
    if (rc > 0)
        *unit_offset = uc->offset;
    return rc;
}

/* ---- functions of a unit ----------------------------------------------- */

struct func_ctx {
    struct dwarf_addr_index *idx;
    struct dwarf_unit_cache *uc;
    struct dwarf_func proto;
};

static int add_func_range(void *p, uint64_t low, uint64_t high)
{
    struct func_ctx *f = p;
    struct dwarf_unit_cache *uc = f->uc;
    int rc =
        dwarf_grow(f->idx->dw, (void **)&uc->funcs, &uc->funcs_cap, uc->nfuncs, sizeof *uc->funcs);
    if (rc)
        return rc;
    uc->funcs[uc->nfuncs] = f->proto;
    uc->funcs[uc->nfuncs].low = low;
    uc->funcs[uc->nfuncs].high = high;
    uc->nfuncs++;
    return 0;
}

static int add_func(struct func_ctx *f, const struct dwarf_die *d, uint32_t depth)
{
    struct dwarf_attr a;
    int rc;

    f->proto = (struct dwarf_func){
        .die_offset = d->offset, .unit_offset = d->unit->offset, .tag = d->tag, .depth = depth};
    if ((rc = dwarf_die_func_name(d, &f->proto.name)) < 0)
        return rc;
    if (d->tag == DW_TAG_inlined_subroutine) {
        if (dwarf_die_attr(d, DW_AT_call_file, &a) > 0)
            dwarf_attr_unsigned(&a, &f->proto.call_file);
        if (dwarf_die_attr(d, DW_AT_call_line, &a) > 0)
            dwarf_attr_unsigned(&a, &f->proto.call_line);
        if (dwarf_die_attr(d, DW_AT_call_column, &a) > 0)
            dwarf_attr_unsigned(&a, &f->proto.call_column);
    }
    return dwarf_die_ranges(d, add_func_range, f);
}

static int cmp_func(const void *pa, const void *pb)
{
    const struct dwarf_func *a = pa, *b = pb;
    if (a->low != b->low)
        return a->low < b->low ? -1 : 1;
    if (a->high != b->high)
        return a->high < b->high ? -1 : 1;
    if (a->depth != b->depth)
        return a->depth < b->depth ? -1 : 1;
    /* Equal ranges: the later DIE last, so that the search below meets it first. */
    return a->die_offset < b->die_offset ? -1 : a->die_offset > b->die_offset;
}

/*
 * One pass over the unit's DIEs in order, tracking depth by has_children
 * and null entries: subprograms and inlined calls at any depth (inside
 * lexical blocks too), each with the number of functions around it.
 */
static int build_funcs(struct dwarf_addr_index *idx, struct dwarf_unit_cache *uc)
{
    const struct dwarf *dw = idx->dw;
    struct dwarf_abbrev_index ab = {0};
    struct func_ctx f = {.idx = idx, .uc = uc};
    uint32_t fdepth[MAX_DIE_DEPTH]; /* functions enclosing the DIEs at each level */
    struct dwarf_unit u;
    uint64_t pos;
    int level = 0, rc;

    uc->funcs_built = true;
    if ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, uc->offset, &u)) <= 0)
        return rc < 0 ? rc : DWARF_E_OFFSET;
    if ((rc = dwarf_unit_index_abbrevs(&u, &ab)) < 0 && rc != DWARF_E_NOT_FOUND)
        return rc;
    fdepth[0] = 0;
    for (pos = u.first_die; pos < u.end;) {
        struct dwarf_die d;
        uint32_t inner;
        if ((rc = dwarf_die_at(&u, pos, &d)) < 0)
            break;
        if (rc == 0) {
            pos = d.attrs;
            if (--level <= 0)
                break; /* the unit DIE's children end */
            continue;
        }
        if ((rc = dwarf_die_end(&d, &pos)) < 0)
            break;
        inner = fdepth[level];
        if (d.tag == DW_TAG_subprogram || d.tag == DW_TAG_inlined_subroutine) {
            if ((rc = add_func(&f, &d, fdepth[level])) < 0)
                break;
            inner++;
        }
        if (d.has_children) {
            if (++level >= MAX_DIE_DEPTH) {
                rc = DWARF_E_LIMIT;
                break;
            }
            fdepth[level] = inner;
        } else if (level == 0) {
            break; /* a unit DIE without children */
        }
    }
    dwarf_abbrev_index_free(dw, &ab);
    if (rc < 0)
        return rc;
    return sort_ranges(dw, uc->funcs, uc->nfuncs, sizeof *uc->funcs, cmp_func, &uc->func_max_high);
}

/* A unit's functions; after a failure nothing is kept, so that the next lookup tries again. */
static int unit_functions(struct dwarf_addr_index *idx, struct dwarf_unit_cache *uc)
{
    int rc;
    if (uc->funcs_built)
        return 0;
    if ((rc = build_funcs(idx, uc)) < 0) {
        dwarf_release(idx->dw, uc->funcs, uc->funcs_cap, sizeof *uc->funcs);
        dwarf_release(idx->dw, uc->func_max_high, uc->nfuncs, sizeof(uint64_t));
        uc->funcs = NULL;
        uc->func_max_high = NULL;
        uc->nfuncs = uc->funcs_cap = 0;
        uc->funcs_built = false;
    }
    return rc;
}

int dwarf_addr_unit_functions(struct dwarf_addr_index *idx, uint64_t unit_offset,
                              const struct dwarf_func **funcs, size_t *count)
{
    struct dwarf_unit_cache *uc;
    int rc = unit_cache(idx, unit_offset, &uc);

    if (rc <= 0)
        return rc < 0 ? rc : DWARF_E_NOT_FOUND;
    if ((rc = unit_functions(idx, uc)) < 0)
        return rc;
    *funcs = uc->funcs;
    *count = uc->nfuncs;
    return 0;
}

int dwarf_addr_functions(struct dwarf_addr_index *idx, uint64_t addr, struct dwarf_func *chain,
                         size_t max)
{
    const struct dwarf_func *funcs, *best[MAX_DIE_DEPTH];
    struct dwarf_unit_cache *uc;
    size_t n, i, depth = 0;
    int rc;

    if ((rc = dwarf_addr_unit_cache(idx, addr, &uc)) <= 0)
        return rc;
    if ((rc = unit_functions(idx, uc)) < 0)
        return rc;
    funcs = uc->funcs;
    n = uc->nfuncs;
    /* For each depth, the smallest range covering addr. */
    i = dwarf_upper_low(funcs, n, sizeof *funcs, addr);
    while (i-- > 0 && uc->func_max_high[i] > addr) {
        const struct dwarf_func *fn = &funcs[i];
        if (fn->high <= addr || fn->depth >= MAX_DIE_DEPTH)
            continue;
        while (depth <= fn->depth)
            best[depth++] = NULL;
        if (best[fn->depth] == NULL ||
            fn->high - fn->low < best[fn->depth]->high - best[fn->depth]->low)
            best[fn->depth] = fn;
    }
    /* The chain stops at the first depth with nothing (a range outside its parent's). */
    for (n = 0; n < depth && best[n]; n++)
        ;
    for (i = 0; i < n && i < max; i++)
        chain[i] = *best[n - 1 - i];
    return (int)n;
}

void dwarf_addr_index_free(struct dwarf_addr_index *idx)
{
    const struct dwarf *dw = idx->dw;
    if (dw == NULL)
        return;
    for (size_t i = 0; i < idx->nunits; i++) {
        struct dwarf_unit_cache *uc = idx->units[i];
        dwarf_release(dw, uc->funcs, uc->funcs_cap, sizeof *uc->funcs);
        dwarf_release(dw, uc->func_max_high, uc->nfuncs, sizeof(uint64_t));
        dwarf_unit_cache_free_lines(dw, uc);
        dw->alloc.free(dw->alloc.ctx, uc, sizeof *uc);
    }
    dwarf_release(dw, idx->units, idx->units_cap, sizeof *idx->units);
    dwarf_release(dw, idx->ranges, idx->ranges_cap, sizeof *idx->ranges);
    dwarf_release(dw, idx->max_high, idx->nmax, sizeof(uint64_t));
    *idx = (struct dwarf_addr_index){.dw = dw};
}
