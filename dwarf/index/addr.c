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

typedef int (*range_fn)(void *ctx, uint64_t low, uint64_t high);

/* Calls fn for each range of a DIE with DW_AT_low_pc/high_pc or DW_AT_ranges. */
static int die_ranges(const struct dwarf_die *d, range_fn fn, void *ctx)
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

static bool has_code(const struct dwarf_die *d)
{
    struct dwarf_attr a;
    return dwarf_die_attr(d, DW_AT_ranges, &a) > 0 || dwarf_die_attr(d, DW_AT_low_pc, &a) > 0;
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

static struct dwarf_unit_cache *find_unit(const struct dwarf_addr_index *idx, uint64_t offset)
{
    size_t lo = 0, hi = idx->nunits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (idx->units[mid].offset == offset)
            return &idx->units[mid];
        if (idx->units[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/*
 * Unit ranges from .debug_aranges: 1 when every unit with code (marked
 * wanted) has a set, 0 when some lack one (the caller then reads the DIEs).
 */
static int ranges_from_aranges(struct dwarf_addr_index *idx, bool *covered)
{
    struct dwarf_aranges_set set;
    uint64_t off = 0;
    int rc;

    while ((rc = dwarf_aranges_set_at(idx->dw, off, &set)) > 0) {
        struct dwarf_aranges_iter it;
        struct dwarf_unit_cache *uc = find_unit(idx, set.info_offset);
        struct unit_ctx ctx = {idx, set.info_offset};
        uint64_t addr, len;
        off = set.end;
        if (uc == NULL)
            continue; /* not a unit: the set is not used, the unit DIEs are read */
        covered[uc - idx->units] = true;
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

int dwarf_addr_index_build(const struct dwarf *dw, struct dwarf_addr_index *idx)
{
    struct dwarf_unit u;
    uint64_t off = 0;
    bool *with_code = NULL, *covered = NULL;
    size_t flags_size = 0;
    int rc;

    *idx = (struct dwarf_addr_index){.dw = dw};
    if (dw->alloc.alloc == NULL)
        return DWARF_E_ARG;
    while ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u)) > 0) {
        off = u.end;
        if (u.unit_type != DW_UT_compile && u.unit_type != DW_UT_partial &&
            u.unit_type != DW_UT_skeleton)
            continue;
        if ((rc = dwarf_grow(dw, (void **)&idx->units, &idx->units_cap, idx->nunits,
                             sizeof *idx->units)))
            goto fail;
        idx->units[idx->nunits++] = (struct dwarf_unit_cache){.offset = u.offset};
    }
    if (rc < 0)
        goto fail;
    flags_size = idx->nunits ? idx->nunits * 2 : 1;
    if ((with_code = dw->alloc.alloc(dw->alloc.ctx, flags_size)) == NULL) {
        rc = DWARF_E_NOMEM;
        goto fail;
    }
    covered = with_code + idx->nunits;
    for (size_t i = 0; i < idx->nunits * 2; i++)
        with_code[i] = false;
    if (dw->sec[DWARF_SEC_ARANGES].data) {
        if ((rc = ranges_from_aranges(idx, covered)) < 0)
            goto fail;
        idx->from_aranges = true;
    }
    for (size_t i = 0; i < idx->nunits; i++) {
        struct dwarf_die cu;
        if ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, idx->units[i].offset, &u)) < 0 ||
            (rc = dwarf_unit_die(&u, &cu)) < 0)
            goto fail;
        with_code[i] = has_code(&cu);
        if (with_code[i] && !covered[i])
            idx->from_aranges = false;
    }
    if (!idx->from_aranges) {
        /* Some unit with code has no set: every unit's ranges come from its DIE. */
        idx->nranges = 0;
        for (size_t i = 0; i < idx->nunits; i++) {
            struct unit_ctx ctx = {idx, idx->units[i].offset};
            struct dwarf_die cu;
            if (!with_code[i])
                continue;
            if ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, idx->units[i].offset, &u)) < 0 ||
                (rc = dwarf_unit_die(&u, &cu)) < 0 || (rc = die_ranges(&cu, add_unit_range, &ctx)))
                goto fail;
        }
    }
    rc = sort_ranges(dw, idx->ranges, idx->nranges, sizeof *idx->ranges, cmp_range, &idx->max_high);
fail:
    dwarf_release(dw, with_code, flags_size, 1);
    if (rc < 0)
        dwarf_addr_index_free(idx);
    return rc < 0 ? rc : 0;
}

int dwarf_addr_unit(const struct dwarf_addr_index *idx, uint64_t addr, uint64_t *unit_offset)
{
    size_t i = dwarf_upper_low(idx->ranges, idx->nranges, sizeof *idx->ranges, addr);
    /* The latest-starting range that still covers addr. */
    while (i-- > 0 && idx->max_high[i] > addr) {
        if (idx->ranges[i].high > addr) {
            *unit_offset = idx->ranges[i].unit_offset;
            return 1;
        }
    }
    return 0;
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
    return die_ranges(d, add_func_range, f);
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

int dwarf_addr_unit_functions(struct dwarf_addr_index *idx, uint64_t unit_offset,
                              const struct dwarf_func **funcs, size_t *count)
{
    struct dwarf_unit_cache *uc = find_unit(idx, unit_offset);
    int rc;

    if (uc == NULL)
        return DWARF_E_NOT_FOUND;
    if (!uc->funcs_built && (rc = build_funcs(idx, uc)) < 0)
        return rc;
    *funcs = uc->funcs;
    *count = uc->nfuncs;
    return 0;
}

int dwarf_addr_functions(struct dwarf_addr_index *idx, uint64_t addr, struct dwarf_func *chain,
                         size_t max)
{
    const struct dwarf_func *funcs, *best[MAX_DIE_DEPTH];
    uint64_t unit;
    size_t n, i, depth = 0;
    int rc;

    if ((rc = dwarf_addr_unit(idx, addr, &unit)) <= 0)
        return rc;
    if ((rc = dwarf_addr_unit_functions(idx, unit, &funcs, &n)) < 0)
        return rc;
    struct dwarf_unit_cache *uc = find_unit(idx, unit);
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
        struct dwarf_unit_cache *uc = &idx->units[i];
        dwarf_release(dw, uc->funcs, uc->funcs_cap, sizeof *uc->funcs);
        dwarf_release(dw, uc->func_max_high, uc->nfuncs, sizeof(uint64_t));
        dwarf_unit_cache_free_lines(dw, uc);
    }
    dwarf_release(dw, idx->units, idx->units_cap, sizeof *idx->units);
    dwarf_release(dw, idx->ranges, idx->ranges_cap, sizeof *idx->ranges);
    dwarf_release(dw, idx->max_high, idx->nranges, sizeof(uint64_t));
    *idx = (struct dwarf_addr_index){.dw = dw};
}
