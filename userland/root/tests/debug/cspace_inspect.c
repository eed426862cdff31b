/*
 * CSpace list and inspect (HL_RIGHT_INSPECT on the CSpace capability):
 * paging through the non-empty slots, and each slot's type, rights, badge,
 * opaque object id (equal for capabilities to one object, different
 * between objects, never a kernel address), derivation and parent slot,
 * and for Memory its base, size and free bytes.
 */
#include <stdio.h>
#include <string.h>
#include <hl/debug.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

#define SMALL_BITS 4 /* 16 slots */
#define KERNEL_HALF 0xffff800000000000ull

static struct hl_cap_inspect inspect(uint32_t cspace, uint32_t slot)
{
    struct hl_cap_inspect c;

    memset(&c, 0, sizeof(c));
    UT_CHECK_OK(hl_cspace_inspect(cspace, slot, &c));
    return c;
}

/* A 16-slot CSpace holding an endpoint copy at 3, a badged mint of it at
 * 5 (READ only), a notification at 9 and a copy of slot 3 at 12. */
static uint32_t small_cspace(struct utest_env *env, uint32_t *ep, uint32_t *ntfn)
{
    uint32_t cs = ut_object(env, HL_CAP_CSPACE, SMALL_BITS);

    *ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    *ntfn = ut_object(env, HL_CAP_NOTIFICATION, 0);
    UT_REQUIRE_OK(hl_cspace_copy(cs, 3, env->cspace, *ep));
    UT_REQUIRE_OK(hl_cspace_mint(cs, 5, env->cspace, *ep, HL_RIGHT_READ, 0x77));
    UT_REQUIRE_OK(hl_cspace_copy(cs, 9, env->cspace, *ntfn));
    UT_REQUIRE_OK(hl_cspace_copy(cs, 12, cs, 3));
    return cs;
}

UTEST_SUB(cspace, inspect, list_pages_through_the_slots)
{
    uint32_t ep, ntfn, cs = small_cspace(env, &ep, &ntfn);
    static uint32_t out[32];
    uint32_t n = 99;

    memset(out, 0xff, sizeof(out));
    UT_CHECK_OK(hl_cspace_list(cs, 1, out, 16, &n));
    UT_REQUIRE_EQ(n, 4);
    UT_CHECK_EQ(out[0], 3);
    UT_CHECK_EQ(out[1], 5);
    UT_CHECK_EQ(out[2], 9);
    UT_CHECK_EQ(out[3], 12);
    UT_CHECK_EQ(out[4], 0xffffffffu);
    /* Page by page: at most max, from the first slot asked for on. */
    UT_CHECK_OK(hl_cspace_list(cs, 1, out, 2, &n));
    UT_CHECK_EQ(n, 2);
    UT_CHECK_EQ(out[0], 3);
    UT_CHECK_EQ(out[1], 5);
    UT_CHECK_OK(hl_cspace_list(cs, out[1] + 1, out, 2, &n));
    UT_CHECK_EQ(n, 2);
    UT_CHECK_EQ(out[0], 9);
    UT_CHECK_EQ(out[1], 12);
    UT_CHECK_OK(hl_cspace_list(cs, 13, out, 2, &n));
    UT_CHECK_EQ(n, 0);
    UT_CHECK_OK(hl_cspace_list(cs, 5, out, 1, &n));
    UT_CHECK_EQ(n, 1);
    UT_CHECK_EQ(out[0], 5);
    UT_CHECK_OK(hl_cspace_list(cs, 15, out, 16, &n));
    UT_CHECK_EQ(n, 0);
    UT_CHECK_OK(hl_cspace_list(cs, 1, out, 0, &n));
    UT_CHECK_EQ(n, 0);
    /* A delete shows. */
    UT_CHECK_OK(hl_cspace_delete(cs, 5));
    UT_CHECK_OK(hl_cspace_list(cs, 1, out, 16, &n));
    UT_CHECK_EQ(n, 3);
    UT_CHECK_EQ(out[1], 9);
}

UTEST_SUB(cspace, inspect, list_errors)
{
    uint32_t ep, ntfn, cs = small_cspace(env, &ep, &ntfn);
    static uint32_t out[8];
    uint32_t n;

    memset(out, 0xee, sizeof(out));
    UT_CHECK_ERR(hl_cspace_list(cs, 16, out, 8, &n), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_list(cs, 0xffffffff, out, 8, &n), E_INVALID_CADDR);
    /* Slot 0 holds the CSpace's header, never a capability (caps.h). */
    UT_CHECK_ERR(hl_cspace_list(cs, 0, out, 8, &n), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_list(cs, 1, out, HL_DEBUG_MEM_MAX + 1, &n), E_RANGE);
    UT_CHECK_ERR(hl_cspace_list(cs, 1, (uint32_t *)(uintptr_t)0x50000000, 8, &n), E_FAULT);
    UT_CHECK_ERR(hl_cspace_list(cs, 1, (uint32_t *)(uintptr_t)KERNEL_HALF, 8, &n), E_FAULT);
    UT_CHECK_ERR(hl_cspace_list(env->vspace, 1, out, 8, &n), E_INVALID_LABEL);
    UT_CHECK_EQ(out[0], 0xeeeeeeeeu);
}

/* The root CSpace in pages of 100: every slot listed is non-empty, in
 * increasing order, and the count matches what identify sees. Shared: it
 * lists the root task's boot CSpace. */
UTEST_SUB_SHARED(cspace, inspect, list_the_root_cspace_in_pages)
{
    static uint32_t out[100];
    uint32_t first = 1, n, total = 0, last = 0, size = 1u << env->bi->cspace_bits;
    uint32_t counted = 0;

    do {
        UT_REQUIRE_OK(hl_cspace_list(env->cspace, first, out, 100, &n));
        for (uint32_t i = 0; i < n; i++) {
            if (!UT_CHECK(out[i] > last || (total == 0 && i == 0)))
                break;
            last = out[i];
        }
        total += n;
        if (n < 100)
            break;
        first = last + 1;
    } while (first < size);
    for (uint32_t s = 1; s < size; s++)
        counted += !ut_slot_empty(env, s);
    UT_CHECK_EQ(total, counted);
    UT_CHECK(total > env->bi->first_free_slot - env->bi->first_boot_slot);
}

UTEST_SUB(cspace, inspect, fields_of_copies_and_mints)
{
    uint32_t ep, ntfn, cs = small_cspace(env, &ep, &ntfn);
    struct hl_cap_inspect orig = inspect(env->cspace, ep), copy = inspect(cs, 3);
    struct hl_cap_inspect minted = inspect(cs, 5), n = inspect(cs, 9), copy2 = inspect(cs, 12);

    UT_CHECK_EQ(orig.type, HL_CAP_ENDPOINT);
    UT_CHECK_EQ(orig.derived, 1); /* a child of the case's Memory */
    UT_CHECK_EQ(copy.type, HL_CAP_ENDPOINT);
    UT_CHECK_EQ(copy.rights, orig.rights);
    UT_CHECK_EQ(copy.badge, 0);
    UT_CHECK_EQ(copy.object, orig.object);
    UT_CHECK_EQ(copy.derived, 1);
    UT_CHECK_EQ(copy.parent_slot, HL_CPTR_NONE); /* its parent is in another CSpace */
    UT_CHECK_EQ(minted.rights, HL_RIGHT_READ);
    UT_CHECK_EQ(minted.badge, 0x77);
    UT_CHECK_EQ(minted.object, orig.object);
    UT_CHECK_EQ(copy2.object, orig.object);
    UT_CHECK_EQ(copy2.derived, 1);
    UT_CHECK_EQ(copy2.parent_slot, 3);
    UT_CHECK_EQ(n.type, HL_CAP_NOTIFICATION);
    UT_CHECK(n.object != orig.object);
    UT_CHECK(orig.object != 0);
    UT_CHECK(orig.object < KERNEL_HALF);
    UT_CHECK(n.object < KERNEL_HALF);
    UT_CHECK_EQ(copy.mem_base, 0);
    UT_CHECK_EQ(copy.mem_size, 0);
    /* The same object id as identify's, whatever it is, is not required;
     * but a CSpace's inspect must agree with itself across CSpaces. */
    UT_CHECK_EQ(inspect(env->cspace, ep).object, copy.object);
}

/* Shared: it inspects the root task's original (underived) slots. */
UTEST_SUB_SHARED(cspace, inspect, object_ids_are_opaque_and_distinct)
{
    static uint32_t slots[8];
    static struct hl_cap_inspect c[8];
    const unsigned types[] = {HL_CAP_ENDPOINT, HL_CAP_ENDPOINT, HL_CAP_NOTIFICATION, HL_CAP_TASK,
                              HL_CAP_PAGE,     HL_CAP_CSPACE,   HL_CAP_VSPACE,       HL_CAP_PT};

    for (unsigned i = 0; i < 8; i++) {
        slots[i] = ut_object(env, types[i],
                             types[i] == HL_CAP_PAGE     ? HL_PAGE_BITS
                             : types[i] == HL_CAP_CSPACE ? 2
                                                         : 0);
        c[i] = inspect(env->cspace, slots[i]);
        UT_CHECK_EQ(c[i].type, types[i]);
        if (!UT_CHECK(c[i].object < KERNEL_HALF))
            printf("# (object id %#lx of type %u)\n", (unsigned long)c[i].object, types[i]);
        for (unsigned j = 0; j < i; j++)
            if (!UT_CHECK(c[i].object != c[j].object))
                printf("# (objects %u and %u)\n", i, j);
    }
    /* The root task's own capabilities too. */
    for (uint32_t s = HL_ROOT_SLOT_TASK; s <= HL_ROOT_SLOT_BOOTINFO_PAGE; s++) {
        struct hl_cap_inspect r = inspect(env->cspace, s);
        if (!UT_CHECK(r.object < KERNEL_HALF))
            printf("# (root slot %u: object id %#lx)\n", s, (unsigned long)r.object);
        UT_CHECK_EQ(r.derived, 0);
        UT_CHECK_EQ(r.parent_slot, HL_CPTR_NONE);
    }
}

/* Shared: it inspects the root task's Memory capabilities. */
UTEST_SUB_SHARED(cspace, inspect, memory_base_size_free)
{
    uint32_t mem = ut_memory(env, 16), child = ut_slot(env);
    struct hl_memory_info info = {0};
    struct hl_cap_inspect c, parent;

    UT_REQUIRE_OK(hl_memory_info(mem, &info));
    c = inspect(env->cspace, mem);
    UT_CHECK_EQ(c.type, HL_CAP_MEMORY);
    UT_CHECK_EQ(c.mem_base, info.base);
    UT_CHECK_EQ(c.mem_size, 1ull << 16);
    UT_CHECK_EQ(c.mem_free, 1ull << 16);
    UT_CHECK_EQ(c.derived, 1);
    UT_CHECK_EQ(c.parent_slot, env->memory);
    UT_REQUIRE_OK(hl_memory_retype(mem, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, child, 1));
    c = inspect(env->cspace, mem);
    UT_CHECK_EQ(c.mem_free, (1ull << 16) - (1ull << HL_PAGE_BITS));
    c = inspect(env->cspace, child);
    UT_CHECK_EQ(c.type, HL_CAP_PAGE);
    UT_CHECK_EQ(c.derived, 1);
    UT_CHECK_EQ(c.parent_slot, mem);
    parent = inspect(env->cspace, env->memory);
    UT_CHECK_EQ(parent.mem_size, env->memory_size);
    UT_REQUIRE_OK(hl_memory_info(env->memory, &info));
    UT_CHECK_EQ(parent.mem_free, info.free);
    UT_CHECK_EQ(parent.mem_base, info.base);
    /* The boot info's regions, as the root CSpace holds them. */
    for (uint32_t i = 0; i < env->bi->nmemory && i < 4; i++) {
        c = inspect(env->cspace, env->bi->memory[i].slot);
        UT_CHECK_EQ(c.type, HL_CAP_MEMORY);
        UT_CHECK_EQ(c.mem_base, env->bi->memory[i].base);
        UT_CHECK_EQ(c.mem_size, env->bi->memory[i].size);
        UT_CHECK_EQ(c.derived, 0);
    }
}

UTEST_SUB(cspace, inspect, inspect_errors)
{
    uint32_t ep, ntfn, cs = small_cspace(env, &ep, &ntfn);
    struct hl_cap_inspect c;

    memset(&c, 0xab, sizeof(c));
    UT_CHECK_ERR(hl_cspace_inspect(cs, 4, &c), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_cspace_inspect(cs, 16, &c), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_inspect(cs, 0, &c), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_inspect(cs, 3, (void *)(uintptr_t)0x50000000), E_FAULT);
    UT_CHECK_ERR(hl_cspace_inspect(cs, 3, (void *)(uintptr_t)KERNEL_HALF), E_FAULT);
    UT_CHECK_ERR(hl_cspace_inspect(ep, 3, &c), E_INVALID_LABEL);
    UT_CHECK_EQ(c.type, 0xababababu);
}

/* INSPECT alone lists and inspects; every right but INSPECT does not. */
UTEST_SUB(cspace, inspect, right_inspect)
{
    uint32_t ep, ntfn, cs = small_cspace(env, &ep, &ntfn);
    uint32_t only = ut_slot(env), without = ut_slot(env);
    static uint32_t out[16];
    struct hl_cap_inspect c;
    uint32_t n = 77;

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, only, env->cspace, cs, HL_RIGHT_INSPECT, 0));
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, without, env->cspace, cs,
                                 HL_RIGHTS_ALL & ~HL_RIGHT_INSPECT, 0));
    memset(out, 0xcd, sizeof(out));
    memset(&c, 0xcd, sizeof(c));
    UT_CHECK_ERR(hl_cspace_list(without, 1, out, 16, &n), E_NO_RIGHTS);
    UT_CHECK_EQ(out[0], 0xcdcdcdcdu);
    UT_CHECK_ERR(hl_cspace_inspect(without, 3, &c), E_NO_RIGHTS);
    UT_CHECK_EQ(c.type, 0xcdcdcdcdu);
    /* Without INSPECT the core invocations still work. */
    UT_CHECK_OK(hl_cspace_identify(without, 3, NULL, NULL));
    UT_CHECK_OK(hl_cspace_list(only, 1, out, 16, &n));
    UT_CHECK_EQ(n, 4);
    UT_CHECK_OK(hl_cspace_inspect(only, 5, &c));
    UT_CHECK_EQ(c.badge, 0x77);
    /* INSPECT gives no core rights. */
    UT_CHECK_ERR(hl_cspace_delete(only, 3), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_cspace_identify(only, 3, NULL, NULL), E_NO_RIGHTS);
}
