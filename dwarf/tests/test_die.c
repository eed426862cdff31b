/*
 * DIE navigation: children and siblings over a hand-built tree (with and
 * without DW_AT_sibling, with bad siblings, with trailing null entries
 * dropped), then over the real DWARF of this test binary, where a walk by
 * first_child/next_sibling must visit exactly the DIEs that a linear scan
 * does, and every attribute must decode.
 */
#include "testutil.h"

#include "elf_sections.h"

#include <stdlib.h>
#include <string.h>

struct tree {
    struct test_dwarf t;
    struct dwarf_unit u;
    uint64_t cu, a, a1, a2, b, b1, c, sib_at;
};

static void abbrev(struct buf *ab, uint64_t code, uint64_t tag, bool kids, bool sibling)
{
    b_uleb(ab, code);
    b_uleb(ab, tag);
    b_u8(ab, kids);
    if (sibling) {
        b_uleb(ab, DW_AT_sibling);
        b_uleb(ab, DW_FORM_ref4);
    }
    b_uleb(ab, DW_AT_name);
    b_uleb(ab, DW_FORM_string);
    b_uleb(ab, 0);
    b_uleb(ab, 0);
}

/* CU { A(sibling->B) { a1 a2 } B { b1 } C } with optional trailing nulls. */
static void build_tree(struct tree *tr, bool trailing_nulls, int64_t sibling_delta)
{
    struct buf ab = {0}, info = {0};
    struct unit_mark m;
    memset(tr, 0, sizeof *tr);
    abbrev(&ab, 1, DW_TAG_compile_unit, true, false);
    abbrev(&ab, 2, DW_TAG_structure_type, true, true);
    abbrev(&ab, 3, DW_TAG_member, false, false);
    abbrev(&ab, 4, DW_TAG_base_type, false, false);
    abbrev(&ab, 5, DW_TAG_subprogram, true, false);
    b_uleb(&ab, 0);

    m = b_unit_begin(&info, 4, 0, 4, 8, 0);
    tr->cu = info.len;
    b_uleb(&info, 1);
    b_str(&info, "cu");
    tr->a = info.len;
    b_uleb(&info, 2);
    tr->sib_at = info.len;
    b_u32(&info, 0);
    b_str(&info, "A");
    tr->a1 = info.len;
    b_uleb(&info, 3);
    b_str(&info, "a1");
    tr->a2 = info.len;
    b_uleb(&info, 3);
    b_str(&info, "a2");
    b_u8(&info, 0);
    tr->b = info.len;
    b_uleb(&info, 5);
    b_str(&info, "B");
    tr->b1 = info.len;
    b_uleb(&info, 3);
    b_str(&info, "b1");
    b_u8(&info, 0);
    tr->c = info.len;
    b_uleb(&info, 4);
    b_str(&info, "C");
    if (trailing_nulls)
        b_u8(&info, 0);
    b_unit_end(&info, m);
    b_patch_u32(&info, tr->sib_at, (uint32_t)((int64_t)tr->b + sibling_delta));
    td_init(&tr->t);
    td_set(&tr->t, DWARF_SEC_INFO, &info);
    td_set(&tr->t, DWARF_SEC_ABBREV, &ab);
    td_finish(&tr->t);
    assert_int_equal(dwarf_unit_at(&tr->t.dw, DWARF_SEC_INFO, 0, &tr->u), 1);
}

static void navigate(struct tree *tr)
{
    struct dwarf_die cu, d, e;
    struct dwarf_attr a;
    const char *s;
    assert_int_equal(dwarf_unit_die(&tr->u, &cu), 1);
    assert_int_equal(cu.offset, tr->cu);
    assert_int_equal(dwarf_die_first_child(&cu, &d), 1);
    assert_int_equal(d.offset, tr->a);
    assert_int_equal(dwarf_die_attr(&d, DW_AT_name, &a), 1);
    assert_int_equal(dwarf_attr_string(&a, &s), 0);
    assert_string_equal(s, "A");
    assert_int_equal(dwarf_die_first_child(&d, &e), 1);
    assert_int_equal(e.offset, tr->a1);
    assert_int_equal(dwarf_die_first_child(&e, &e), 0); /* a member has no children */
    assert_int_equal(dwarf_die_next_sibling(&e, &e), 1);
    assert_int_equal(e.offset, tr->a2);
    assert_int_equal(dwarf_die_next_sibling(&e, &e), 0);
    assert_int_equal(dwarf_die_next_sibling(&d, &d), 1); /* through DW_AT_sibling */
    assert_int_equal(d.offset, tr->b);
    assert_int_equal(d.tag, DW_TAG_subprogram);
    assert_int_equal(dwarf_die_first_child(&d, &e), 1);
    assert_int_equal(e.offset, tr->b1);
    assert_int_equal(dwarf_die_next_sibling(&d, &d), 1); /* by skipping the subtree */
    assert_int_equal(d.offset, tr->c);
    assert_int_equal(dwarf_die_next_sibling(&d, &d), 0);
    assert_int_equal(dwarf_die_next_sibling(&cu, &d), 0);
}

static void children_and_siblings(void **state)
{
    struct tree tr;
    (void)state;
    build_tree(&tr, true, 0);
    navigate(&tr);
    td_free(&tr.t);
}

static void trailing_nulls_dropped(void **state)
{
    struct tree tr;
    (void)state;
    build_tree(&tr, false, 0);
    navigate(&tr);
    td_free(&tr.t);
}

static void bad_sibling_rejected(void **state)
{
    struct tree tr;
    struct dwarf_die cu, d;
    const int64_t deltas[] = {-100, -(int64_t)1, 1000};
    (void)state;
    for (unsigned i = 0; i < 3; i++) {
        build_tree(&tr, true, deltas[i]);
        assert_int_equal(dwarf_unit_die(&tr.u, &cu), 1);
        assert_int_equal(dwarf_die_first_child(&cu, &d), 1);
        int rc = dwarf_die_next_sibling(&d, &d);
        if (deltas[i] == -1) {
            /* Forward onto A's closing null entry: in bounds, read as the list's end. */
            assert_int_equal(rc, 0);
            assert_int_equal(d.offset, tr.b - 1);
        } else
            assert_int_equal(rc, DWARF_E_BAD_REF);
        td_free(&tr.t);
    }
    /* A sibling that points at the DIE itself would loop: rejected. */
    build_tree(&tr, true, (int64_t)tr.a - (int64_t)tr.b);
    assert_int_equal(dwarf_unit_die(&tr.u, &cu), 1);
    assert_int_equal(dwarf_die_first_child(&cu, &d), 1);
    assert_int_equal(dwarf_die_next_sibling(&d, &d), DWARF_E_BAD_REF);
    td_free(&tr.t);
}

/* ---- the real DWARF of this binary ---------------------------------------- */

struct walk {
    uint64_t *offs;
    size_t n, cap;
};

static void push(struct walk *w, uint64_t off)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 1024;
        w->offs = realloc(w->offs, w->cap * sizeof *w->offs);
        assert_non_null(w->offs);
    }
    w->offs[w->n++] = off;
}

static void check_attrs(const struct dwarf_die *d, size_t *checked)
{
    struct dwarf_attr_iter it;
    struct dwarf_attr a;
    int rc;
    dwarf_attr_iter_init(d, &it);
    while ((rc = dwarf_attr_next(&it, &a)) > 0) {
        enum dwarf_section_id sec;
        uint64_t v;
        const char *s;
        struct dwarf_die target;
        struct dwarf_unit tu;
        switch (dwarf_form_class(a.form)) {
        case DWARF_CLASS_STRING:
            assert_int_equal(dwarf_attr_string(&a, &s), 0);
            break;
        case DWARF_CLASS_ADDRESS:
            assert_int_equal(dwarf_attr_address(&a, &v), 0);
            break;
        case DWARF_CLASS_REFERENCE:
            assert_int_equal(dwarf_attr_ref(&a, &sec, &v), 0);
            assert_int_equal(dwarf_unit_containing(d->unit->dw, sec, v, &tu), 1);
            assert_int_equal(dwarf_die_at(&tu, v, &target), 1);
            break;
        default:
            break;
        }
        struct dwarf_attr again;
        assert_int_equal(dwarf_die_attr(d, a.name, &again), 1);
        (*checked)++;
    }
    assert_int_equal(rc, 0);
}

static void tree_walk(const struct dwarf_die *d, struct walk *w, size_t *checked)
{
    struct dwarf_die c;
    int rc;
    push(w, d->offset);
    check_attrs(d, checked);
    for (rc = dwarf_die_first_child(d, &c); rc > 0; rc = dwarf_die_next_sibling(&c, &c))
        tree_walk(&c, w, checked);
    assert_int_equal(rc, 0);
}

static void self_binary(void **state)
{
    struct dwarf_section sec[DWARF_SEC_COUNT];
    struct dwarf dw;
    struct dwarf_unit u;
    uint64_t off = 0;
    size_t units = 0, dies = 0, attrs = 0;
    struct count_alloc ca = {.fail_after = -1};
    struct dwarf_allocator alloc = count_allocator(&ca);
    int rc;
    (void)state;

    assert_int_equal(elf_sections_load("/proc/self/exe", sec), 0);
    assert_non_null(sec[DWARF_SEC_INFO].data);
    assert_int_equal(dwarf_init(&dw, sec, &alloc), 0);
    while ((rc = dwarf_unit_at(&dw, DWARF_SEC_INFO, off, &u)) > 0) {
        struct walk linear = {0}, tree = {0};
        struct dwarf_die d, cu;
        uint64_t pos = u.first_die;
        while (pos < u.end) {
            int r = dwarf_die_at(&u, pos, &d);
            assert_true(r >= 0);
            if (r == 0) {
                pos = d.attrs;
                continue;
            }
            push(&linear, d.offset);
            assert_int_equal(dwarf_die_end(&d, &pos), 0);
        }
        assert_int_equal(dwarf_unit_die(&u, &cu), 1);
        tree_walk(&cu, &tree, &attrs);
        assert_int_equal(linear.n, tree.n);
        assert_memory_equal(linear.offs, tree.offs, linear.n * sizeof(uint64_t));

        /* The same walk through an abbreviation index. */
        struct dwarf_abbrev_index ix;
        if (dwarf_unit_index_abbrevs(&u, &ix) == 0) {
            struct walk indexed = {0};
            size_t dummy = 0;
            assert_int_equal(dwarf_unit_die(&u, &cu), 1);
            tree_walk(&cu, &indexed, &dummy);
            assert_int_equal(indexed.n, tree.n);
            assert_memory_equal(indexed.offs, tree.offs, tree.n * sizeof(uint64_t));
            dwarf_abbrev_index_free(&dw, &ix);
            free(indexed.offs);
        }
        dies += linear.n;
        units++;
        free(linear.offs);
        free(tree.offs);
        off = u.end;
    }
    assert_int_equal(rc, 0);
    assert_true(units >= 10 && dies > 1000 && attrs > 5000);
    assert_int_equal(ca.live_bytes, 0);
    elf_sections_free(sec);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(die, children_and_siblings),
        DWARF_TEST(die, trailing_nulls_dropped),
        DWARF_TEST(die, bad_sibling_rejected),
        DWARF_TEST(die, self_binary),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}
