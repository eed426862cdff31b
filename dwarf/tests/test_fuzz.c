/*
 * Hostile input: a deterministic mutation loop over the real DWARF of this
 * test binary. Each input takes one unit (or one line program) and damages
 * it: truncation, bit flips, random byte runs, random LEB128 numbers, or a
 * random abbreviation table; or damages a whole range list, location
 * list, address range or address table section, or this binary's
 * .eh_frame (every entry, row, lookup and an unwinding step over random
 * registers and memory); or damages one of the sections the name and
 * address indexes read and builds both, then looks up row addresses and
 * random ones; or damages gdb's .gdb_index of this binary (made by
 * gdb-add-index; DWARF_GDB_INDEXED names the copy) and looks names up
 * through it; or evaluates random DW_OP byte strings (half of them in a unit
 * of this binary, with typed operations and DIE calls naming its base types
 * and located DIEs). Every input is walked
 * completely (units, DIEs linearly and as a tree, every attribute through
 * every accessor, every range and location list, top-level DIEs' type names,
 * line programs, .debug_aranges) under ASan/UBSan; every failure must be a returned DWARF_E_*
 * code. Fixed seeds make any failure reproducible.
 */
#include "testutil.h"

#include "elf_sections.h"

#include <dwarf/cfi.h>
#include <dwarf/eval.h>
#include <dwarf/expr.h>
#include <dwarf/index.h>
#include <dwarf/lists.h>
#include <dwarf/types.h>
#include <stdlib.h>
#include <string.h>

/*
 * Inputs per kind: whole-unit walks (every DIE as a list and a tree, every
 * accessor, the type printer) cost about 1.5 ms each under ASan, so they
 * stay at INPUTS_PER_KIND; the kinds that are cheap per input (truncation,
 * random abbreviation tables, line programs, the indexes, .eh_frame, DW_OP
 * strings) run more; a damaged .gdb_index costs its lookups' unit scans.
 * 106,000 inputs in all.
 */
#define INPUTS_PER_KIND 2000
#define CHEAP_INPUTS 8000
#define GDB_INDEX_INPUTS 4000
#define GDB_INDEX_LOOKUPS 8
#define MAX_TREE_DEPTH 64

static struct dwarf_section g_real[DWARF_SEC_COUNT];
static uint64_t g_units[256], g_unit_end[256];
static size_t g_nunits;
static uint64_t g_lines[256], g_line_end[256];
static size_t g_nlines;

static struct dwarf_section g_eh_frame;
static uint64_t g_eh_addr;

static uint64_t rng_state;

/* Addresses of this binary's line rows, for index lookups on damaged inputs. */
static uint64_t g_addrs[4096];
static size_t g_naddrs;

/* gdb's index of this binary, and names to look up (in g_real's strings). */
static struct dwarf_section g_gdb_index;
static const char *g_names[512];
static size_t g_nnames;

static void *heap_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size);
}

static void heap_free(void *ctx, void *p, size_t size)
{
    (void)ctx;
    (void)size;
    free(p);
}

static const struct dwarf_allocator g_heap = {heap_alloc, heap_free, NULL};

static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static uint64_t below(uint64_t n)
{
    return n ? rnd() % n : 0;
}

static void assert_code(int rc)
{
    assert_true(rc >= DWARF_E_LAST && rc <= 1);
}

/* The range or location list an attribute names, if it names one. */
static void walk_lists(const struct dwarf_attr *a, size_t *work)
{
    struct dwarf_range_iter ri;
    struct dwarf_range_entry re;
    struct dwarf_loc_iter li;
    struct dwarf_loc_entry le;
    int rc;
    if (a->name == DW_AT_ranges && dwarf_range_iter_attr(&ri, a) == 0) {
        while ((rc = dwarf_range_next_entry(&ri, &re)) > 0)
            (*work)++;
        assert_code(rc);
    }
    if ((a->name == DW_AT_location || a->name == DW_AT_frame_base) &&
        dwarf_loc_iter_attr(&li, a) == 0) {
        while ((rc = dwarf_loc_next_entry(&li, &le)) > 0)
            (*work)++;
        assert_code(rc);
    }
}

static void walk_aranges(const struct dwarf *dw, size_t *work)
{
    struct dwarf_aranges_set set;
    struct dwarf_aranges_iter it;
    uint64_t off = 0, addr, len;
    int rc;
    while ((rc = dwarf_aranges_set_at(dw, off, &set)) > 0) {
        dwarf_aranges_iter_init(&it, &set);
        while ((rc = dwarf_aranges_next(&it, &addr, &len)) > 0)
            (*work)++;
        assert_code(rc);
        off = set.end;
    }
    assert_code(rc);
}

static void walk_attrs(const struct dwarf_die *d, size_t *work)
{
    struct dwarf_attr_iter it;
    struct dwarf_attr a;
    int rc;
    dwarf_attr_iter_init(d, &it);
    while ((rc = dwarf_attr_next(&it, &a)) > 0) {
        uint64_t u;
        int64_t s;
        bool f;
        const char *str;
        const uint8_t *blk;
        enum dwarf_section_id sec;
        struct dwarf_expr_iter ei;
        struct dwarf_expr_op op;
        assert_code(dwarf_attr_unsigned(&a, &u));
        assert_code(dwarf_attr_signed(&a, &s));
        assert_code(dwarf_attr_flag(&a, &f));
        assert_code(dwarf_attr_string(&a, &str));
        assert_code(dwarf_attr_address(&a, &u));
        assert_code(dwarf_attr_ref(&a, &sec, &u));
        walk_lists(&a, work);
        if (dwarf_attr_block(&a, &blk, &u) == 0) {
            dwarf_expr_iter_init(&ei, blk, u, d->unit);
            while ((rc = dwarf_expr_next(&ei, &op)) > 0)
                (*work)++;
            assert_code(rc);
        }
        (*work)++;
    }
    assert_code(rc);
}

/* Tree walk with an explicit stack (hostile nesting must not exhaust ours). */
static int tree_walk(const struct dwarf_unit *u, size_t *work)
{
    struct dwarf_die stack[MAX_TREE_DEPTH];
    int depth = 0, rc;
    if ((rc = dwarf_unit_die(u, &stack[0])) < 0)
        return rc;
    for (;;) {
        struct dwarf_die *d = &stack[depth];
        struct dwarf_type t;
        static char name[256];
        walk_attrs(d, work);
        /* The type graph and printer below each top-level DIE (the costly part: kept to one level).
         */
        if (depth == 1) {
            if ((rc = dwarf_type_of(d, &t)) == 0)
                rc = dwarf_type_name(&t, DWARF_PRINT_GDB_NAMES, name, sizeof name);
            assert_code(rc);
        }
        if (depth + 1 < MAX_TREE_DEPTH && (rc = dwarf_die_first_child(d, &stack[depth + 1])) > 0) {
            depth++;
            continue;
        }
        if (rc < 0)
            return rc;
        while ((rc = dwarf_die_next_sibling(&stack[depth], &stack[depth])) <= 0) {
            if (rc < 0)
                return rc;
            if (depth == 0)
                return 0;
            depth--;
        }
    }
}

static int walk_lines(const struct dwarf *dw, uint64_t off, size_t *work)
{
    struct dwarf_line_header h;
    struct dwarf_line_iter it;
    struct dwarf_line_row row;
    struct dwarf_line_file f;
    int rc = dwarf_line_header_at(dw, off, 8, &h);
    if (rc)
        return rc;
    for (uint64_t i = 0; i < h.dir_count; i++)
        assert_code(dwarf_line_dir(&h, i, &f));
    for (uint64_t i = 0; i < h.file_count + 1; i++)
        assert_code(dwarf_line_file_by_index(&h, i, &f));
    dwarf_line_iter_init(&h, &it);
    while ((rc = dwarf_line_next(&it, &row)) > 0)
        (*work)++;
    return rc;
}

/* Everything the API offers, over one (possibly damaged) reader. Returns the first error. */
static int walk_all(const struct dwarf *dw, size_t *work)
{
    struct dwarf_unit u;
    uint64_t off = 0;
    int rc, first_err = 0;
    while ((rc = dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u)) > 0) {
        uint64_t pos = u.first_die;
        struct dwarf_die d;
        struct dwarf_attr a;
        struct dwarf_abbrev_index ix = {0};
        /* With an allocator, abbreviations are looked up through an index (else linear scans). */
        if (dw->alloc.alloc)
            assert_code(dwarf_unit_index_abbrevs(&u, &ix));
        while (pos < u.end) {
            int r = dwarf_die_at(&u, pos, &d);
            if (r < 0 || (r == 0 && (pos = d.attrs, false)))
                break;
            if (r > 0 && (r = dwarf_die_end(&d, &pos)) < 0)
                break;
            (*work)++;
        }
        rc = tree_walk(&u, work);
        assert_code(rc);
        if (rc < 0 && !first_err)
            first_err = rc;
        if (dwarf_unit_die(&u, &d) > 0 && dwarf_die_attr(&d, DW_AT_stmt_list, &a) > 0) {
            rc = walk_lines(dw, a.value, work);
            assert_code(rc);
        }
        dwarf_abbrev_index_free(dw, &ix);
        off = u.end;
    }
    assert_code(rc);
    return rc < 0 ? rc : first_err;
}

/* A reader over the real sections with one of them replaced. */
static void reader_with(struct dwarf *dw, struct dwarf_section *tmp, enum dwarf_section_id id,
                        const uint8_t *bytes, size_t n)
{
    struct dwarf_section sec[DWARF_SEC_COUNT];
    memcpy(sec, g_real, sizeof sec);
    *tmp = sec_copy(bytes, n);
    sec[id] = *tmp;
    /* Half the inputs are walked through abbreviation indexes. */
    dwarf_init(dw, sec, &g_heap);
}

/* The same with .debug_info cut down to one random unit (moved to offset 0). */
static void reader_with_unit(struct dwarf *dw, struct dwarf_section tmp[2],
                             enum dwarf_section_id id, const uint8_t *bytes, size_t n)
{
    struct dwarf_section sec[DWARF_SEC_COUNT];
    size_t k = below(g_nunits);
    memcpy(sec, g_real, sizeof sec);
    tmp[0] = sec_copy(g_real[DWARF_SEC_INFO].data + g_units[k], g_unit_end[k] - g_units[k]);
    tmp[1] = sec_copy(bytes, n);
    sec[DWARF_SEC_INFO] = tmp[0];
    sec[id] = tmp[1];
    dwarf_init(dw, sec, &g_heap);
}

static void mutate(uint8_t *p, size_t *n, unsigned kind)
{
    if (*n == 0)
        return;
    switch (kind) {
    case 0: /* truncation */
        *n = below(*n);
        break;
    case 1: /* bit flips */
        for (uint64_t k = 1 + below(8); k > 0; k--)
            p[below(*n)] ^= (uint8_t)(1u << below(8));
        break;
    case 2: { /* a run of random bytes */
        size_t at = below(*n), len = 1 + below(16);
        for (size_t i = at; i < at + len && i < *n; i++)
            p[i] = (uint8_t)rnd();
        break;
    }
    case 3: { /* a random LEB128: long continuation runs or huge values */
        size_t at = below(*n), len = 1 + below(14);
        for (size_t i = at; i < at + len && i < *n; i++)
            p[i] = (uint8_t)(0x80 | rnd());
        if (at + len < *n && below(2))
            p[at + len] = (uint8_t)(rnd() & 0x7f);
        break;
    }
    }
}

static void fuzz_units(unsigned kind, uint64_t seed, int inputs, size_t *errors, size_t *work)
{
    rng_state = seed;
    for (int i = 0; i < inputs; i++) {
        size_t k = below(g_nunits);
        size_t n = g_unit_end[k] - g_units[k];
        uint8_t *p = malloc(n);
        struct dwarf dw;
        struct dwarf_section tmp;
        assert_non_null(p);
        /* One unit, moved to offset 0 of its own section. */
        memcpy(p, g_real[DWARF_SEC_INFO].data + g_units[k], n);
        size_t cut = n;
        mutate(p, &cut, kind);
        reader_with(&dw, &tmp, DWARF_SEC_INFO, p, cut);
        int rc = walk_all(&dw, work);
        if (rc < 0)
            (*errors)++;
        /* A unit cut short is always reported (its length runs past the section). */
        if (kind == 0 && cut > 0 && cut < n)
            assert_true(rc < 0);
        sec_free(&tmp);
        free(p);
    }
}

static void mutate_units_truncate(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    fuzz_units(0, 0x9e3779b97f4a7c15ull, CHEAP_INPUTS, &errors, &work);
    assert_true(errors > CHEAP_INPUTS / 2);
}

static void mutate_units_bitflip(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    fuzz_units(1, 0xd1b54a32d192ed03ull, INPUTS_PER_KIND, &errors, &work);
    assert_true(errors > 0);
}

static void mutate_units_bytes(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    fuzz_units(2, 0x8cb92ba72f3d8dd7ull, INPUTS_PER_KIND, &errors, &work);
    assert_true(errors > 0);
}

static void mutate_units_leb128(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    fuzz_units(3, 0xa0761d6478bd642full, INPUTS_PER_KIND, &errors, &work);
    assert_true(errors > 0);
}

static void mutate_abbrev(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    rng_state = 0xe7037ed1a0b428dbull;
    for (int i = 0; i < INPUTS_PER_KIND; i++) {
        size_t n = g_real[DWARF_SEC_ABBREV].size;
        uint8_t *p = malloc(n);
        struct dwarf dw;
        struct dwarf_section tmp[2];
        assert_non_null(p);
        memcpy(p, g_real[DWARF_SEC_ABBREV].data, n);
        mutate(p, &n, (unsigned)below(4));
        reader_with_unit(&dw, tmp, DWARF_SEC_ABBREV, p, n);
        if (i & 1)
            dw.alloc = (struct dwarf_allocator){0}; /* linear abbreviation lookups */
        if (walk_all(&dw, &work) < 0)
            errors++;
        sec_free(&tmp[0]);
        sec_free(&tmp[1]);
        free(p);
    }
    assert_true(errors > 0);
}

/* Random abbreviation tables (plausible codes, tags, forms, some invalid) under real DIEs. */
static void random_abbrev_tables(void **state)
{
    size_t errors = 0, work = 0;
    static const uint64_t forms[] = {
        DW_FORM_addr,     DW_FORM_data1,        DW_FORM_data2,    DW_FORM_data4,
        DW_FORM_data8,    DW_FORM_string,       DW_FORM_block,    DW_FORM_block1,
        DW_FORM_flag,     DW_FORM_sdata,        DW_FORM_strp,     DW_FORM_udata,
        DW_FORM_ref_addr, DW_FORM_ref4,         DW_FORM_indirect, DW_FORM_sec_offset,
        DW_FORM_exprloc,  DW_FORM_flag_present, DW_FORM_strx,     DW_FORM_addrx,
        DW_FORM_data16,   DW_FORM_line_strp,    DW_FORM_ref_sig8, DW_FORM_implicit_const,
        DW_FORM_rnglistx, DW_FORM_strx3,        DW_FORM_addrx4,   0x7f,
        0x1f21,
    };
    (void)state;
    rng_state = 0x1f83d9abfb41bd6bull;
    for (int i = 0; i < CHEAP_INPUTS; i++) {
        struct buf ab = {0};
        struct dwarf dw;
        struct dwarf_section tmp[2];
        /* Tables at every unit's abbrev offset would be needed; give one at 0 and fill. */
        uint64_t ncodes = 1 + below(40);
        for (uint64_t c = 1; c <= ncodes && ab.len < sizeof ab.data - 200; c++) {
            b_uleb(&ab, below(8) ? c : rnd());
            b_uleb(&ab, 1 + below(0x4b));
            b_u8(&ab, (uint8_t)(below(10) ? below(2) : rnd()));
            for (uint64_t k = below(8); k > 0; k--) {
                uint64_t form = forms[below(sizeof forms / sizeof forms[0])];
                b_uleb(&ab, 1 + below(0x8c));
                b_uleb(&ab, form);
                if (form == DW_FORM_implicit_const)
                    b_sleb(&ab, (int64_t)rnd());
            }
            b_uleb(&ab, 0);
            b_uleb(&ab, 0);
        }
        b_uleb(&ab, 0);
        /* Repeat the table so every unit's abbrev offset lands inside some bytes. */
        size_t one = ab.len;
        while (ab.len + one <= sizeof ab.data && ab.len < g_real[DWARF_SEC_ABBREV].size)
            b_bytes(&ab, ab.data, one);
        reader_with_unit(&dw, tmp, DWARF_SEC_ABBREV, ab.data, ab.len);
        if (i & 1)
            dw.alloc = (struct dwarf_allocator){0};
        if (walk_all(&dw, &work) < 0)
            errors++;
        sec_free(&tmp[0]);
        sec_free(&tmp[1]);
    }
    assert_true(errors > CHEAP_INPUTS / 2);
}

static void mutate_line_programs(void **state)
{
    size_t errors = 0, work = 0;
    (void)state;
    rng_state = 0x94d049bb133111ebull;
    for (int i = 0; i < 2 * CHEAP_INPUTS; i++) {
        size_t k = below(g_nlines);
        size_t n = g_line_end[k] - g_lines[k];
        uint8_t *p = malloc(n);
        struct dwarf dw;
        struct dwarf_section tmp;
        assert_non_null(p);
        memcpy(p, g_real[DWARF_SEC_LINE].data + g_lines[k], n);
        mutate(p, &n, (unsigned)below(4));
        reader_with(&dw, &tmp, DWARF_SEC_LINE, p, n);
        int rc = walk_lines(&dw, 0, &work);
        assert_code(rc);
        if (rc < 0)
            errors++;
        sec_free(&tmp);
        free(p);
    }
    assert_true(errors > CHEAP_INPUTS / 2);
}

/* Whole list and address sections damaged under one real unit. */
static void mutate_lists(void **state)
{
    static const enum dwarf_section_id ids[] = {DWARF_SEC_RNGLISTS, DWARF_SEC_LOCLISTS,
                                                DWARF_SEC_ARANGES, DWARF_SEC_ADDR};
    size_t work = 0;
    (void)state;
    rng_state = 0xbf58476d1ce4e5b9ull;
    for (int i = 0; i < INPUTS_PER_KIND; i++) {
        enum dwarf_section_id id = ids[below(4)];
        size_t n = g_real[id].size;
        uint8_t *p = malloc(n ? n : 1);
        struct dwarf dw;
        struct dwarf_section tmp[2];
        assert_non_null(p);
        if (n)
            memcpy(p, g_real[id].data, n);
        mutate(p, &n, (unsigned)below(4));
        reader_with_unit(&dw, tmp, id, p, n);
        walk_all(&dw, &work);
        walk_aranges(&dw, &work);
        sec_free(&tmp[0]);
        sec_free(&tmp[1]);
        free(p);
    }
    assert_true(work > 0);
}

/* The name and address indexes over one damaged section, then lookups. */
static void walk_indexes(struct dwarf *dw, size_t *work)
{
    struct dwarf_name_index nx;
    struct dwarf_addr_index ax;
    struct dwarf_func chain[8];
    struct dwarf_addr_line l;
    char path[256];
    size_t first;
    int rc;

    dw->alloc = g_heap;
    if ((rc = dwarf_name_index_build(dw, &nx)) == 0) {
        for (size_t i = 0; i < nx.count && i < 64; i++)
            *work += dwarf_name_index_find(&nx, nx.entries[below(nx.count)].name, &first);
        dwarf_name_index_free(&nx);
    }
    assert_code(rc);
    /* Lookups one at a time, scanning units as they need them. */
    if ((rc = dwarf_name_index_init(dw, &nx)) == 0) {
        for (int i = 0; i < 4 && rc >= 0; i++) {
            const struct dwarf_name_entry *found;
            unsigned kinds = (unsigned)below(DWARF_NAME_ANY) + 1;
            rc = dwarf_name_lookup(&nx, g_names[below(g_nnames)], kinds,
                                   below(2) ? DWARF_NAME_FIRST : 0, &found);
            assert_true(rc >= DWARF_E_LAST);
        }
        dwarf_name_index_free(&nx);
    }
    assert_true(rc >= DWARF_E_LAST);
    assert_code(rc = dwarf_addr_index_build(dw, &ax));
    if (rc < 0)
        return;
    for (int i = 0; i < 32; i++) {
        uint64_t pc = below(4) ? g_addrs[below(g_naddrs)] : rnd();
        rc = dwarf_addr_functions(&ax, pc, chain, 8); /* a count of functions, or an error */
        assert_true(rc >= DWARF_E_LAST);
        assert_code(rc = dwarf_addr_line(&ax, pc, &l));
        if (rc > 0)
            assert_code(dwarf_line_file_path(l.header, l.file, l.comp_dir, path, sizeof path));
        (*work)++;
    }
    dwarf_addr_index_free(&ax);
}

static void mutate_for_indexes(void **state)
{
    static const enum dwarf_section_id ids[] = {DWARF_SEC_INFO, DWARF_SEC_ABBREV, DWARF_SEC_LINE,
                                                DWARF_SEC_ARANGES, DWARF_SEC_RNGLISTS};
    size_t work = 0;
    (void)state;
    rng_state = 0x5851f42d4c957f2dull;
    for (int i = 0; i < 2 * CHEAP_INPUTS; i++) {
        enum dwarf_section_id id = ids[below(5)];
        struct dwarf dw;
        struct dwarf_section tmp[2];
        size_t k = below(g_nunits), n;
        const uint8_t *src;
        if (id == DWARF_SEC_INFO) {
            src = g_real[id].data + g_units[k];
            n = g_unit_end[k] - g_units[k];
        } else {
            src = g_real[id].data;
            n = g_real[id].size;
        }
        uint8_t *p = malloc(n ? n : 1);
        assert_non_null(p);
        if (n)
            memcpy(p, src, n);
        mutate(p, &n, (unsigned)below(4));
        if (id == DWARF_SEC_INFO) {
            reader_with(&dw, &tmp[0], id, p, n);
            walk_indexes(&dw, &work);
            sec_free(&tmp[0]);
        } else {
            reader_with_unit(&dw, tmp, id, p, n);
            walk_indexes(&dw, &work);
            sec_free(&tmp[0]);
            sec_free(&tmp[1]);
        }
        free(p);
    }
    assert_true(work > 0);
}

/*
 * gdb's .gdb_index damaged (anywhere, or in its header and CU list where
 * every lookup reads), then names looked up through it over the real
 * DWARF: init and every lookup must return a count or a DWARF_E_* code.
 */
static void mutate_gdb_index(void **state)
{
    size_t errors = 0, found_some = 0;
    (void)state;
    if (g_gdb_index.data == NULL)
        fail_msg("DWARF_GDB_INDEXED names no file (dwarf/build.mk makes one with gdb-add-index)");
    rng_state = 0x2545f4914f6cdd1dull;
    for (int i = 0; i < GDB_INDEX_INPUTS; i++) {
        size_t n = g_gdb_index.size;
        uint8_t *p = malloc(n);
        struct dwarf dw;
        struct dwarf_section tmp;
        struct dwarf_name_index nx;
        assert_non_null(p);
        memcpy(p, g_gdb_index.data, n);
        if (below(2)) {
            size_t head = n < 96 ? n : 96;
            mutate(p, &head, (unsigned)below(4));
            if (head < 96 && below(2))
                n = head; /* a truncation inside the header and CU list */
        } else {
            mutate(p, &n, (unsigned)below(4));
        }
        reader_with(&dw, &tmp, DWARF_SEC_GDB_INDEX, p, n);
        int rc = dwarf_name_index_init(&dw, &nx);
        assert_code(rc);
        for (int k = 0; k < GDB_INDEX_LOOKUPS && rc >= 0; k++) {
            const struct dwarf_name_entry *found;
            rc = dwarf_name_lookup(&nx, g_names[below(g_nnames)], DWARF_NAME_ANY,
                                   below(2) ? DWARF_NAME_FIRST : 0, &found);
            assert_true(rc >= DWARF_E_LAST);
            found_some += rc > 0;
        }
        errors += rc < 0;
        dwarf_name_index_free(&nx);
        sec_free(&tmp);
        free(p);
    }
    /* Both kinds of outcome happen: refusals, and lookups that still find names. */
    assert_true(errors > GDB_INDEX_INPUTS / 8);
    assert_true(found_some > GDB_INDEX_INPUTS);
}

/* The unwinder's view of a random target: every register and memory byte is noise. */
static int noise_reg(void *ctx, unsigned reg, uint64_t *v)
{
    (void)ctx;
    *v = reg == 16 ? g_eh_addr + below(0x4000) : rnd();
    return below(8) ? 0 : DWARF_E_UNAVAILABLE;
}

static int noise_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    (void)ctx;
    (void)addr;
    for (uint64_t i = 0; i < len; i++)
        ((uint8_t *)buf)[i] = (uint8_t)rnd();
    return below(16) ? 0 : DWARF_E_UNAVAILABLE;
}

static void walk_cfi(const struct dwarf_cfi *cfi, size_t *work)
{
    static struct dwarf_cfa_rows rows;
    static const struct dwarf_unwind_ops ops = {.read_reg = noise_reg, .read_mem = noise_mem};
    struct dwarf_cfi_entry e;
    struct dwarf_cfa_row row;
    struct dwarf_fde fde;
    struct dwarf_frame f;
    uint64_t off = 0;
    int rc;
    while ((rc = dwarf_cfi_entry_at(cfi, off, &e)) > 0) {
        if (!e.is_cie && (rc = dwarf_cfa_rows_init(&rows, cfi, &e.fde)) == 0) {
            while ((rc = dwarf_cfa_rows_next(&rows, &row)) > 0)
                (*work)++;
        }
        assert_code(rc);
        off = e.next;
    }
    assert_code(rc);
    for (int i = 0; i < 4; i++) {
        uint64_t pc = g_eh_addr - 0x2000 + below(0x8000);
        rc = dwarf_cfi_find_fde(cfi, NULL, pc, &fde);
        assert_code(rc);
        if (rc == 0)
            assert_code(dwarf_cfa_row_for_pc(&rows, cfi, &fde, pc, &row));
    }
    if (dwarf_unwind_begin(&ops, &f) == 0) {
        for (int i = 0; i < 4 && (rc = dwarf_unwind_step(cfi, NULL, 1, &ops, &f)) > 0; i++)
            (*work)++;
        assert_code(rc);
    }
}

/* This binary's .eh_frame, damaged; the code addresses are taken as relative to 0. */
static void mutate_eh_frame(void **state)
{
    size_t work = 0;
    (void)state;
    rng_state = 0x2545f4914f6cdd1dull;
    for (int i = 0; i < CHEAP_INPUTS / 2; i++) {
        size_t n = g_eh_frame.size;
        uint8_t *p = malloc(n);
        struct dwarf_cfi cfi;
        struct dwarf_section tmp;
        assert_non_null(p);
        memcpy(p, g_eh_frame.data, n);
        mutate(p, &n, (unsigned)below(4));
        tmp = sec_copy(p, n);
        dwarf_cfi_init(&cfi, tmp.data, tmp.size, g_eh_addr, true);
        walk_cfi(&cfi, &work);
        sec_free(&tmp);
        free(p);
    }
    assert_true(work > 0);
}

/* Random and near-valid DW_OP strings through the evaluator with noisy accessors. */
static int noise_value(void *ctx, uint64_t *v)
{
    (void)ctx;
    *v = rnd();
    return 0;
}

/*
 * Unit-relative offsets of the base types and of the DIEs with an exprloc
 * DW_AT_location among the children of a unit of this binary: operands
 * for the typed operations and the DIE calls.
 */
struct expr_targets {
    uint64_t types[64], located[64];
    size_t ntypes, nlocated;
};

static void find_targets(const struct dwarf_unit *u, struct expr_targets *t)
{
    struct dwarf_die cu, d;
    struct dwarf_attr a;
    if (dwarf_unit_die(u, &cu) <= 0)
        return;
    for (int rc = dwarf_die_first_child(&cu, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
        if (d.tag == DW_TAG_base_type && t->ntypes < 64)
            t->types[t->ntypes++] = d.offset - u->offset;
        if (dwarf_die_attr(&d, DW_AT_location, &a) > 0 && a.form == DW_FORM_exprloc &&
            t->nlocated < 64)
            t->located[t->nlocated++] = d.offset - u->offset;
    }
}

/* A typed operation or a DIE call with an operand that names a real DIE (or a random one). */
static size_t typed_snippet(uint8_t *p, const struct expr_targets *t)
{
    static const uint8_t typed[] = {DW_OP_const_type, DW_OP_regval_type, DW_OP_deref_type,
                                    DW_OP_convert,    DW_OP_reinterpret, DW_OP_call4};
    uint8_t op = typed[below(sizeof typed)];
    uint64_t type = t->ntypes && below(4) ? t->types[below(t->ntypes)] : below(0x4000);
    size_t n = 0;
    p[n++] = op;
    if (op == DW_OP_call4) {
        uint64_t die = t->nlocated && below(4) ? t->located[below(t->nlocated)] : rnd();
        for (int i = 0; i < 4; i++)
            p[n++] = (uint8_t)(die >> (8 * i));
        return n;
    }
    if (op == DW_OP_regval_type)
        p[n++] = (uint8_t)below(20);
    if (op == DW_OP_deref_type)
        p[n++] = (uint8_t)below(10);
    if (op == DW_OP_convert && below(4) == 0)
        type = 0; /* the generic type */
    do {
        p[n++] = (uint8_t)((type & 0x7f) | (type >= 0x80 ? 0x80 : 0));
        type >>= 7;
    } while (type);
    if (op == DW_OP_const_type) {
        uint8_t size = (uint8_t)(below(4) ? 1u << below(4) : below(17));
        p[n++] = size;
        for (uint8_t i = 0; i < size; i++)
            p[n++] = (uint8_t)rnd();
    }
    return n;
}

static void random_expressions(void **state)
{
    static const uint8_t common[] = {
        DW_OP_lit0,  DW_OP_lit0 + 1, DW_OP_lit0 + 31, DW_OP_dup,         DW_OP_swap,
        DW_OP_rot,   DW_OP_plus,     DW_OP_div,       DW_OP_mod,         DW_OP_shra,
        DW_OP_bra,   DW_OP_skip,     DW_OP_piece,     DW_OP_stack_value, DW_OP_breg0 + 7,
        DW_OP_fbreg, DW_OP_deref,    DW_OP_reg0,      DW_OP_pick,        DW_OP_call_frame_cfa,
        DW_OP_lt,    DW_OP_neg,      DW_OP_abs,       DW_OP_shr};
    struct dwarf_eval_ops ops = {.read_reg = noise_reg,
                                 .read_mem = noise_mem,
                                 .frame_base = noise_value,
                                 .call_frame_cfa = noise_value};
    struct dwarf_eval ev = {.ops = &ops, .max_steps = 2000};
    struct dwarf_location loc;
    struct expr_targets targets = {0};
    struct dwarf dw;
    struct dwarf_unit unit;
    uint8_t buf[48 + 32];
    size_t typed_inputs = 0;
    (void)state;
    /* Half the strings run in this binary's first unit with base types (typed operations,
     * DIE calls), half without a unit. */
    dwarf_init(&dw, g_real, NULL);
    for (size_t i = 0; i < g_nunits && targets.ntypes == 0; i++) {
        assert_int_equal(dwarf_unit_at(&dw, DWARF_SEC_INFO, g_units[i], &unit), 1);
        find_targets(&unit, &targets);
    }
    assert_true(targets.ntypes > 0 && targets.nlocated > 0);
    rng_state = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 5 * CHEAP_INPUTS; i++) {
        size_t want = 1 + below(48), n = 0;
        ev.unit = i % 2 ? &unit : NULL;
        while (n < want) {
            uint64_t pick = below(8);
            if (pick == 0 && ev.unit) {
                n += typed_snippet(buf + n, &targets);
                typed_inputs++;
            } else {
                buf[n++] = pick < 4 ? common[below(sizeof common)] : (uint8_t)rnd();
            }
        }
        struct dwarf_section s = sec_copy(buf, n);
        uint64_t v;
        assert_code(dwarf_eval_location(&ev, s.data, s.size, &loc));
        assert_code(dwarf_eval_value(&ev, s.data, s.size, &v));
        sec_free(&s);
    }
    assert_true(typed_inputs > CHEAP_INPUTS);
}

static int setup(void **state)
{
    struct dwarf dw;
    struct dwarf_unit u;
    uint64_t off = 0;
    (void)state;
    if (elf_sections_load("/proc/self/exe", g_real) != 0 ||
        elf_section_load("/proc/self/exe", ".eh_frame", &g_eh_frame, &g_eh_addr) != 0)
        return -1;
    dwarf_init(&dw, g_real, NULL);
    while (g_nunits < 256 && dwarf_unit_at(&dw, DWARF_SEC_INFO, off, &u) > 0) {
        g_units[g_nunits] = u.offset;
        g_unit_end[g_nunits++] = u.end;
        off = u.end;
    }
    off = 0;
    while (g_nlines < 256 && off < g_real[DWARF_SEC_LINE].size) {
        struct dwarf_line_header h;
        if (dwarf_line_header_at(&dw, off, 8, &h))
            break;
        g_lines[g_nlines] = off;
        g_line_end[g_nlines++] = h.end;
        off = h.end;
    }
    size_t work = 0;
    /* Row addresses for the index lookups (a sample of each program). */
    for (size_t i = 0; i < g_nlines && g_naddrs < 4096; i++) {
        struct dwarf_line_header h;
        struct dwarf_line_iter it;
        struct dwarf_line_row row;
        if (dwarf_line_header_at(&dw, g_lines[i], 8, &h))
            break;
        dwarf_line_iter_init(&h, &it);
        for (int n = 0; dwarf_line_next(&it, &row) > 0 && g_naddrs < 4096; n++) {
            if (n % 8 == 0)
                g_addrs[g_naddrs++] = row.address;
        }
    }
    /* Names to look up: the walk's, every tenth. */
    struct dwarf_name_index nx;
    dw.alloc = g_heap;
    if (dwarf_name_index_build(&dw, &nx) != 0)
        return -1;
    for (size_t i = 0; i < nx.count && g_nnames < 512; i += 10)
        g_names[g_nnames++] = nx.entries[i].name;
    dwarf_name_index_free(&nx);
    dw.alloc = (struct dwarf_allocator){0};
    const char *indexed = getenv("DWARF_GDB_INDEXED");
    uint64_t unused;
    if (indexed && elf_section_load(indexed, ".gdb_index", &g_gdb_index, &unused) != 0)
        return -1;
    /* The undamaged input walks without a single error. */
    if (walk_all(&dw, &work) != 0 || g_nunits < 5 || g_nlines < 5 || g_naddrs < 100 ||
        g_real[DWARF_SEC_RNGLISTS].data == NULL || g_real[DWARF_SEC_LOCLISTS].data == NULL)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    elf_sections_free(g_real);
    sec_free(&g_eh_frame);
    sec_free(&g_gdb_index);
    return 0;
}

/*
 * A small supplementary file as dwz writes one: a DWARF 4 partial unit
 * holding a base type and a struct with a member, strings in .debug_str.
 */
static const uint8_t sup_abbrev[] = {1,
                                     DW_TAG_partial_unit,
                                     1,
                                     0,
                                     0,
                                     2,
                                     DW_TAG_base_type,
                                     0,
                                     DW_AT_name,
                                     DW_FORM_strp,
                                     DW_AT_byte_size,
                                     DW_FORM_data1,
                                     0,
                                     0,
                                     3,
                                     DW_TAG_structure_type,
                                     1,
                                     DW_AT_name,
                                     DW_FORM_string,
                                     0,
                                     0,
                                     4,
                                     DW_TAG_member,
                                     0,
                                     DW_AT_name,
                                     DW_FORM_string,
                                     DW_AT_type,
                                     DW_FORM_ref_addr,
                                     0,
                                     0,
                                     0};
static const uint8_t sup_info[] = {26, 0,   0, 0,  4, 0, 0,
                                   0,  0,   0, 8, /* unit header: length, version 4, abbrevs at 0 */
                                   1,             /* partial unit, at 11 */
                                   2,  0,   0, 0,  0, 4,    /* int (name at .debug_str 0), at 12 */
                                   3,  'p', 0,              /* struct p, at 18 */
                                   4,  'a', 0, 12, 0, 0, 0, /* member a: int, through ref_addr */
                                   0,  0};
static const char sup_str[] = "int";

/*
 * dwarf_join_sup (dwz's supplementary files): a mutated unit or
 * abbreviation table of the real file joined with the small file above,
 * and the small file mutated joined with the real one. Every result a
 * code, and every joined result walks without a fault.
 */
static void mutate_join_sup(void **state)
{
    size_t errors = 0, work = 0, joined = 0;
    struct dwarf_section sup[DWARF_SEC_COUNT] = {0};
    (void)state;
    sup[DWARF_SEC_ABBREV] = sec_copy(sup_abbrev, sizeof sup_abbrev);
    sup[DWARF_SEC_INFO] = sec_copy(sup_info, sizeof sup_info);
    sup[DWARF_SEC_STR] = sec_copy((const uint8_t *)sup_str, sizeof sup_str);
    rng_state = 0x5eed50f;
    for (int i = 0; i < 4000; i++) {
        bool as_sup = i % 2, abbrev = below(4) == 0;
        enum dwarf_section_id id = abbrev ? DWARF_SEC_ABBREV : DWARF_SEC_INFO;
        const struct dwarf_section *base = as_sup ? sup : g_real;
        size_t k = below(g_nunits);
        const uint8_t *src = base[id].data + (as_sup || abbrev ? 0 : g_units[k]);
        size_t n = as_sup || abbrev ? base[id].size : g_unit_end[k] - g_units[k];
        uint8_t *p = malloc(n);
        assert_non_null(p);
        memcpy(p, src, n);
        size_t cut = n;
        if (i >= 2) /* the first two: the files as they are */
            mutate(p, &cut, (unsigned)below(4));
        struct dwarf_section mutated[DWARF_SEC_COUNT], out[DWARF_SEC_COUNT];
        memcpy(mutated, base, sizeof mutated);
        mutated[id] = sec_copy(p, cut);
        int rc = as_sup ? dwarf_join_sup(g_real, mutated, &g_heap, out)
                        : dwarf_join_sup(mutated, sup, &g_heap, out);
        assert_code(rc);
        if (i < 2)
            assert_int_equal(rc, 0);
        if (rc == 0) {
            struct dwarf dw;
            joined++;
            dwarf_init(&dw, out, &g_heap);
            if (walk_all(&dw, &work) < 0)
                errors++;
            dwarf_join_free(&g_heap, out);
        } else {
            errors++;
        }
        sec_free(&mutated[id]);
        free(p);
    }
    for (int s = 0; s < DWARF_SEC_COUNT; s++)
        sec_free(&sup[s]);
    assert_true(errors > 0 && joined > 0 && work > 0);
    print_message("# join_sup: 4000 inputs, %zu joined, %zu errors\n", joined, errors);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(fuzz, mutate_units_truncate),
        DWARF_TEST(fuzz, mutate_units_bitflip),
        DWARF_TEST(fuzz, mutate_units_bytes),
        DWARF_TEST(fuzz, mutate_units_leb128),
        DWARF_TEST(fuzz, mutate_abbrev),
        DWARF_TEST(fuzz, random_abbrev_tables),
        DWARF_TEST(fuzz, mutate_line_programs),
        DWARF_TEST(fuzz, mutate_lists),
        DWARF_TEST(fuzz, mutate_for_indexes),
        DWARF_TEST(fuzz, mutate_gdb_index),
        DWARF_TEST(fuzz, mutate_eh_frame),
        DWARF_TEST(fuzz, random_expressions),
        DWARF_TEST(fuzz, mutate_join_sup),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, setup, teardown);
}
