/*
 * The capability derivation tree: insertion, deletion with splicing, move,
 * the final-capability rule and leaf-first revocation, on plain arrays of
 * slots. A random sequence of operations is checked against the tree's
 * invariants after every step.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/cap.h>

static struct cap_slot s[64];

static struct cap obj(uint8_t type, uint64_t object)
{
    return (struct cap){.type = type, .rights = HL_RIGHTS_ALL, .object = object};
}

static int setup(void **state)
{
    (void)state;
    memset(s, 0, sizeof(s));
    return 0;
}

static void test_insert_and_children(void **state)
{
    struct cap mem = obj(HL_CAP_MEMORY, 0x100000);

    (void)state;
    captree_insert(NULL, &s[0], &mem);
    struct cap a = obj(HL_CAP_TASK, 1), b = obj(HL_CAP_TASK, 2);
    captree_insert(&s[0], &s[1], &a);
    captree_insert(&s[0], &s[2], &b);
    assert_ptr_equal(s[0].first_child, &s[2]); /* newest first */
    assert_ptr_equal(s[2].next, &s[1]);
    assert_ptr_equal(s[1].prev, &s[2]);
    assert_ptr_equal(s[1].parent, &s[0]);
    assert_true(captree_is_final(&s[1]));
    assert_false(captree_is_final(&s[0])); /* has children */
    assert_ptr_equal(captree_leaf_descendant(&s[0]), &s[2]);
    assert_null(captree_leaf_descendant(&s[1]));
}

static void test_copies_are_not_final_until_last(void **state)
{
    struct cap mem = obj(HL_CAP_MEMORY, 0), t = obj(HL_CAP_TASK, 7);

    (void)state;
    captree_insert(NULL, &s[0], &mem);
    captree_insert(&s[0], &s[1], &t); /* original */
    captree_insert(&s[1], &s[2], &t); /* copy */
    captree_insert(&s[2], &s[3], &t); /* copy of the copy */
    assert_false(captree_is_final(&s[1]));
    assert_false(captree_is_final(&s[3])); /* its parent is the same object */

    /* Deleting the original splices its child under Memory: still not final. */
    captree_remove(&s[1]);
    assert_true(cap_slot_empty(&s[1]));
    assert_ptr_equal(s[2].parent, &s[0]);
    assert_ptr_equal(s[0].first_child, &s[2]);
    assert_false(captree_is_final(&s[2]));
    captree_remove(&s[3]);
    assert_true(captree_is_final(&s[2]));
}

static void test_splice_keeps_order_and_adjacency(void **state)
{
    struct cap mem = obj(HL_CAP_MEMORY, 0), x = obj(HL_CAP_CSPACE, 1), y = obj(HL_CAP_CSPACE, 2),
               z = obj(HL_CAP_CSPACE, 3);

    (void)state;
    captree_insert(NULL, &s[0], &mem);
    captree_insert(&s[0], &s[1], &x);
    captree_insert(&s[0], &s[2], &y); /* siblings under Memory: y, x */
    captree_insert(&s[0], &s[3], &z); /* z, y, x */
    captree_insert(&s[2], &s[4], &y);
    captree_insert(&s[2], &s[5], &y); /* y's copies: 5, 4 */
    captree_remove(&s[2]);
    /* z, 5, 4, x: y's copies sit where y was, next to each other */
    assert_ptr_equal(s[0].first_child, &s[3]);
    assert_ptr_equal(s[3].next, &s[5]);
    assert_ptr_equal(s[5].next, &s[4]);
    assert_ptr_equal(s[4].next, &s[1]);
    assert_ptr_equal(s[1].prev, &s[4]);
    assert_ptr_equal(s[5].prev, &s[3]);
    assert_false(captree_is_final(&s[5])); /* sibling 4 is the same object */
    assert_true(captree_is_final(&s[3]));
    captree_remove(&s[4]);
    assert_true(captree_is_final(&s[5]));
}

static void test_move_relinks_everyone(void **state)
{
    struct cap mem = obj(HL_CAP_MEMORY, 0), t = obj(HL_CAP_TASK, 9), u = obj(HL_CAP_TASK, 10);

    (void)state;
    captree_insert(NULL, &s[0], &mem);
    captree_insert(&s[0], &s[1], &t);
    captree_insert(&s[0], &s[2], &u); /* u, t */
    captree_insert(&s[1], &s[3], &t);
    captree_move(&s[10], &s[1]);
    assert_true(cap_slot_empty(&s[1]));
    assert_ptr_equal(s[2].next, &s[10]);
    assert_ptr_equal(s[3].parent, &s[10]);
    assert_ptr_equal(s[10].parent, &s[0]);
    captree_move(&s[11], &s[2]); /* the first child moves: parent's head follows */
    assert_ptr_equal(s[0].first_child, &s[11]);
    assert_ptr_equal(s[10].prev, &s[11]);
    assert_true(captree_is_descendant(&s[3], &s[0]));
    assert_false(captree_is_descendant(&s[0], &s[3]));
}

/* Invariants: links are mutual, children's parent is right, no cycles. */
static void check_tree(void)
{
    for (int i = 0; i < 64; i++) {
        const struct cap_slot *x = &s[i];
        if (cap_slot_empty(x)) {
            assert_null(x->parent);
            assert_null(x->first_child);
            continue;
        }
        if (x->next)
            assert_ptr_equal(x->next->prev, x);
        if (x->prev)
            assert_ptr_equal(x->prev->next, x);
        else if (x->parent)
            assert_ptr_equal(x->parent->first_child, x);
        int n = 0;
        for (const struct cap_slot *c = x->first_child; c; c = c->next) {
            assert_ptr_equal(c->parent, x);
            assert_false(cap_slot_empty(c));
            assert_true(++n <= 64);
        }
        int depth = 0;
        for (const struct cap_slot *p = x->parent; p; p = p->parent)
            assert_true(++depth <= 64);
    }
}

static void test_random_operations_keep_invariants(void **state)
{
    (void)state;
    srand(77);
    struct cap mem = obj(HL_CAP_MEMORY, 0);
    captree_insert(NULL, &s[0], &mem);
    for (int step = 0; step < 20000; step++) {
        int a = 1 + rand() % 63, b = 1 + rand() % 63;
        switch (rand() % 4) {
        case 0: /* retype into an empty slot */
            if (cap_slot_empty(&s[a])) {
                struct cap c = obj(HL_CAP_CSPACE, (uint64_t)(rand() % 8));
                captree_insert(&s[0], &s[a], &c);
            }
            break;
        case 1: /* copy b into a */
            if (cap_slot_empty(&s[a]) && !cap_slot_empty(&s[b]))
                captree_insert(&s[b], &s[a], &s[b].cap);
            break;
        case 2:
            if (!cap_slot_empty(&s[a]))
                captree_remove(&s[a]);
            break;
        case 3:
            if (cap_slot_empty(&s[a]) && !cap_slot_empty(&s[b]))
                captree_move(&s[a], &s[b]);
            break;
        }
        check_tree();
    }
    /* Revoking the root leaf-first empties the tree below it. */
    struct cap_slot *leaf;
    while ((leaf = captree_leaf_descendant(&s[0]))) {
        assert_null(leaf->first_child);
        captree_remove(leaf);
    }
    for (int i = 1; i < 64; i++)
        assert_true(cap_slot_empty(&s[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_insert_and_children, setup),
        cmocka_unit_test_setup(test_copies_are_not_final_until_last, setup),
        cmocka_unit_test_setup(test_splice_keeps_order_and_adjacency, setup),
        cmocka_unit_test_setup(test_move_relinks_everyone, setup),
        cmocka_unit_test_setup(test_random_operations_keep_invariants, setup),
    };
    return cmocka_run_group_tests_name("kernel.captree", tests, NULL, NULL);
}
