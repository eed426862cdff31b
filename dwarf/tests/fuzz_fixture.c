/*
 * fuzz_fixture.c: the fuzz suites' input (this binary's DWARF), generator,
 * mutations and walks (fuzz_fixture.h says what each does).
 */
#include "fuzz_fixture.h"

#include "elf_sections.h"

#include <dwarf/expr.h>
#include <dwarf/index.h>
#include <dwarf/lists.h>
#include <dwarf/types.h>
#include <string.h>

#define MAX_TREE_DEPTH 64

struct dwarf_section g_real[DWARF_SEC_COUNT];
uint64_t g_units[256], g_unit_end[256];
size_t g_nunits;
uint64_t g_lines[256], g_line_end[256];
size_t g_nlines;
struct count_alloc g_count;
struct dwarf_allocator g_heap;
struct fuzz_probes g_probes;
uint64_t rng_state;

uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

uint64_t below(uint64_t n)
{
    return n ? rnd() % n : 0;
}

void assert_code(int rc)
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

void walk_aranges(const struct dwarf *dw, size_t *work)
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

int walk_lines(const struct dwarf *dw, uint64_t off, size_t *work)
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
int walk_all(const struct dwarf *dw, size_t *work)
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
void reader_with(struct dwarf *dw, struct dwarf_section *tmp, enum dwarf_section_id id,
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
void reader_with_unit(struct dwarf *dw, struct dwarf_section tmp[2], enum dwarf_section_id id,
                      const uint8_t *bytes, size_t n)
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

void mutate(uint8_t *p, size_t *n, unsigned kind)
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

void walk_indexes(struct dwarf *dw, const struct fuzz_probes *probes, size_t *work)
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
            rc = dwarf_name_lookup(&nx, probes->names[below(probes->nnames)], kinds,
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
        uint64_t pc = below(4) ? probes->addrs[below(probes->naddrs)] : rnd();
        rc = dwarf_addr_functions(&ax, pc, chain, 8); /* a count of functions, or an error */
        assert_true(rc >= DWARF_E_LAST);
        assert_code(rc = dwarf_addr_line(&ax, pc, &l));
        if (rc > 0)
            assert_code(dwarf_line_file_path(l.header, l.file, l.comp_dir, path, sizeof path));
        (*work)++;
    }
    dwarf_addr_index_free(&ax);
}

int fuzz_probes_collect(struct dwarf *dw, size_t name_step, size_t addr_step, struct fuzz_probes *p)
{
    struct dwarf_name_index nx;
    const struct dwarf_allocator saved = dw->alloc;
    uint64_t off = 0;
    int rc;
    p->nnames = p->naddrs = 0;
    /* A sample of each line program's rows. */
    while (p->naddrs < 4096 && off < dw->sec[DWARF_SEC_LINE].size) {
        struct dwarf_line_header h;
        struct dwarf_line_iter it;
        struct dwarf_line_row row;
        if ((rc = dwarf_line_header_at(dw, off, 8, &h)))
            return rc;
        dwarf_line_iter_init(&h, &it);
        for (size_t n = 0; dwarf_line_next(&it, &row) > 0 && p->naddrs < 4096; n++) {
            if (n % addr_step == 0)
                p->addrs[p->naddrs++] = row.address;
        }
        off = h.end;
    }
    /* The index frees through the reader's allocator. */
    dw->alloc = g_heap;
    if ((rc = dwarf_name_index_build(dw, &nx)) == 0) {
        for (size_t i = 0; i < nx.count && p->nnames < 512; i += name_step)
            p->names[p->nnames++] = nx.entries[i].name;
        dwarf_name_index_free(&nx);
    }
    dw->alloc = saved;
    return rc;
}

int fuzz_setup(void **state)
{
    struct dwarf dw;
    struct dwarf_unit u;
    uint64_t off = 0;
    size_t work = 0;
    (void)state;
    g_count = (struct count_alloc){.fail_after = -1};
    g_heap = count_allocator(&g_count);
    if (elf_sections_load("/proc/self/exe", g_real) != 0)
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
    if (fuzz_probes_collect(&dw, 10, 8, &g_probes) != 0)
        return -1;
    /* The undamaged input walks without a single error. */
    if (walk_all(&dw, &work) != 0 || g_nunits < 5 || g_nlines < 5 || g_probes.naddrs < 100 ||
        g_real[DWARF_SEC_RNGLISTS].data == NULL || g_real[DWARF_SEC_LOCLISTS].data == NULL)
        return -1;
    return 0;
}

int fuzz_teardown(void **state)
{
    (void)state;
    elf_sections_free(g_real);
    return 0;
}
