/*
 * VSpaces and page tables: the user builds each level (PDPT in the PML4,
 * PD in a PDPT, PT in a PD) and every way a table mapping can be refused.
 * Fresh VSpaces are used where nothing has to run in them.
 */
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

#define GiB512 (1ull << 39)
#define GiB1 (1ull << 30)
#define MiB2 (1ull << 21)
#define RW (HL_RIGHT_READ | HL_RIGHT_WRITE)

struct tree {
    uint32_t vs, pdpt, pd, pt;
};

/* A new VSpace with a PDPT, PD and PT mapped to cover va. */
static struct tree make_tree(struct utest_env *env, uint64_t va)
{
    struct tree t = {
        .vs = ut_object(env, HL_CAP_VSPACE, 0),
        .pdpt = ut_object(env, HL_CAP_PDPT, 0),
        .pd = ut_object(env, HL_CAP_PD, 0),
        .pt = ut_object(env, HL_CAP_PT, 0),
    };

    UT_REQUIRE_OK(hl_table_map(t.pdpt, t.vs, va & ~(GiB512 - 1)));
    UT_REQUIRE_OK(hl_table_map(t.pd, t.vs, va & ~(GiB1 - 1)));
    UT_REQUIRE_OK(hl_table_map(t.pt, t.vs, va & ~(MiB2 - 1)));
    return t;
}

UTEST(vspace, map_tables_then_page)
{
    struct tree t = make_tree(env, 0x0000000000400000ull);
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    struct hl_page_info info = {0};

    UT_CHECK_OK(hl_page_map(page, t.vs, 0x0000000000401000ull, RW));
    UT_CHECK_OK(hl_page_info(page, &info));
    UT_CHECK_EQ(info.mapped, 1);
    UT_CHECK_EQ(info.vaddr, 0x0000000000401000ull);
}

UTEST(vspace, map_without_table)
{
    /* The 2 MiB page first, so the 4 MiB of the case keep room after it. */
    uint32_t large = ut_object(env, HL_CAP_PAGE, HL_LARGE_PAGE_BITS);
    uint32_t vs = ut_object(env, HL_CAP_VSPACE, 0);
    uint32_t pdpt = ut_object(env, HL_CAP_PDPT, 0), pd = ut_object(env, HL_CAP_PD, 0);
    uint32_t pt = ut_object(env, HL_CAP_PT, 0), page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    struct hl_page_info info = {0};

    UT_CHECK_ERR(hl_page_map(page, vs, 0x1000, RW), E_MISSING_TABLE);
    UT_CHECK_ERR(hl_page_map(large, vs, 0, RW), E_MISSING_TABLE);
    UT_CHECK_ERR(hl_table_map(pd, vs, 0), E_MISSING_TABLE);
    UT_CHECK_ERR(hl_table_map(pt, vs, 0), E_MISSING_TABLE);
    UT_CHECK_OK(hl_table_map(pdpt, vs, 0));
    UT_CHECK_ERR(hl_table_map(pt, vs, 0), E_MISSING_TABLE);
    UT_CHECK_ERR(hl_page_map(page, vs, 0x1000, RW), E_MISSING_TABLE);
    UT_CHECK_OK(hl_table_map(pd, vs, 0));
    UT_CHECK_ERR(hl_page_map(page, vs, 0x1000, RW), E_MISSING_TABLE);
    /* A 2 MiB page needs only the PD. */
    UT_CHECK_OK(hl_page_map(large, vs, MiB2, RW));
    UT_CHECK_OK(hl_table_map(pt, vs, 0));
    UT_CHECK_OK(hl_page_map(page, vs, 0x1000, RW));
    /* The PD entry of a 2 MiB page is not a table to put a page under. */
    UT_CHECK_ERR(hl_page_map(ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS), vs, MiB2 + 0x1000, RW),
                 E_MISSING_TABLE);
    UT_CHECK_OK(hl_page_info(page, &info));
    UT_CHECK_EQ(info.mapped, 1);
}

UTEST(vspace, table_place_taken)
{
    struct tree t = make_tree(env, 0);
    uint32_t pdpt2 = ut_object(env, HL_CAP_PDPT, 0), pd2 = ut_object(env, HL_CAP_PD, 0);
    uint32_t pt2 = ut_object(env, HL_CAP_PT, 0);

    UT_CHECK_ERR(hl_table_map(pdpt2, t.vs, 0), E_MAPPED);
    UT_CHECK_ERR(hl_table_map(pd2, t.vs, 0), E_MAPPED);
    UT_CHECK_ERR(hl_table_map(pt2, t.vs, 0), E_MAPPED);
    /* A table capability maps once, even at a free place. */
    UT_CHECK_ERR(hl_table_map(t.pt, t.vs, MiB2), E_MAPPED);
    UT_CHECK_ERR(hl_table_map(t.pdpt, t.vs, GiB512), E_MAPPED);
    /* The refused ones are still free to map elsewhere. */
    UT_CHECK_OK(hl_table_map(pt2, t.vs, MiB2));
    UT_CHECK_OK(hl_table_map(pdpt2, t.vs, GiB512));
}

UTEST(vspace, table_misaligned)
{
    uint32_t vs = ut_object(env, HL_CAP_VSPACE, 0);
    uint32_t pdpt = ut_object(env, HL_CAP_PDPT, 0), pd = ut_object(env, HL_CAP_PD, 0);
    uint32_t pt = ut_object(env, HL_CAP_PT, 0);

    UT_CHECK_ERR(hl_table_map(pdpt, vs, 0x1000), E_ALIGN);
    UT_CHECK_ERR(hl_table_map(pdpt, vs, GiB1), E_ALIGN);
    UT_REQUIRE_OK(hl_table_map(pdpt, vs, 0));
    UT_CHECK_ERR(hl_table_map(pd, vs, MiB2), E_ALIGN);
    UT_REQUIRE_OK(hl_table_map(pd, vs, 0));
    UT_CHECK_ERR(hl_table_map(pt, vs, 0x1000), E_ALIGN);
    UT_CHECK_OK(hl_table_map(pt, vs, 0));
}

UTEST(vspace, table_kernel_half_and_noncanonical)
{
    static const uint64_t bad[] = {
        HL_USER_TOP, /* first non-canonical address */
        0x0000800000000000ull + GiB512,
        0xffff800000000000ull, /* kernel half */
        0xffffff8000000000ull, /* the kernel image's 512 GiB */
        0x8000000000000000ull,
    };
    uint32_t vs = ut_object(env, HL_CAP_VSPACE, 0), pdpt = ut_object(env, HL_CAP_PDPT, 0);

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        UT_CHECK_ERR(hl_table_map(pdpt, vs, bad[i]), E_RANGE);
    /* The last 512 GiB of the user half is fine. */
    UT_CHECK_OK(hl_table_map(pdpt, vs, HL_USER_TOP - GiB512));
}

UTEST(vspace, map_last_user_page)
{
    uint64_t last = HL_USER_TOP - (1ull << HL_PAGE_BITS);
    struct tree t = make_tree(env, last);
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);

    UT_CHECK_OK(hl_page_map(page, t.vs, last, RW));
}

UTEST(vspace, wrong_cap_types)
{
    uint32_t vs = ut_object(env, HL_CAP_VSPACE, 0), pdpt = ut_object(env, HL_CAP_PDPT, 0);
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS), empty = ut_slot(env);

    UT_CHECK_ERR(hl_table_map(pdpt, page, 0), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_table_map(pdpt, env->cspace, 0), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_table_map(pdpt, pdpt, 0), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_table_map(pdpt, empty, 0), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_table_map(pdpt, 1u << env->bi->cspace_bits, 0), E_INVALID_CADDR);
    /* TABLE_MAP is not a Page or VSpace invocation. */
    UT_CHECK_ERR(hl_table_map(page, vs, 0), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_table_map(vs, vs, 0), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(vs, HL_PAGE_MAP, vs, 0, RW, 0, NULL), E_INVALID_LABEL);
    /* After all that, the PDPT maps. */
    UT_CHECK_OK(hl_table_map(pdpt, vs, 0));
}

UTEST(vspace, map_needs_write_on_vspace)
{
    uint32_t vs = ut_object(env, HL_CAP_VSPACE, 0), ro = ut_slot(env);
    uint32_t pdpt = ut_object(env, HL_CAP_PDPT, 0);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, vs, HL_RIGHT_READ, 0));
    UT_CHECK_ERR(hl_table_map(pdpt, ro, 0), E_NO_RIGHTS);
    UT_CHECK_OK(hl_table_map(pdpt, vs, 0));
}

UTEST(vspace, table_unmap_and_remap)
{
    struct tree t = make_tree(env, 0);

    UT_CHECK_OK(hl_table_unmap(t.pt));
    UT_CHECK_ERR(hl_table_unmap(t.pt), E_NOT_MAPPED);
    /* The place is free again, and the table can go elsewhere. */
    UT_CHECK_OK(hl_table_map(t.pt, t.vs, MiB2));
    UT_CHECK_OK(hl_table_map(ut_object(env, HL_CAP_PT, 0), t.vs, 0));
}

/* Tables made from memory that is then revoked leave no entry behind: the
 * same places take new tables, in a VSpace that lives on (the shared one). */
UTEST(vspace, revoke_unmaps_tables)
{
    uint32_t sub = ut_memory(env, 16);
    struct hl_alloc a = {.cspace = env->cspace, .memory = sub, .next = ut_slots(env, 8)};
    uint64_t va = ut_vaddr(env, 1ull << HL_PAGE_BITS, true);
    uint32_t page;

    a.end = a.next + 8;
    UT_REQUIRE_OK(hl_alloc_objects(&a, HL_CAP_PAGE, HL_PAGE_BITS, 1, &page));
    UT_REQUIRE_OK(hl_alloc_map_page(&a, env->vspace, va, page, RW));
    *(volatile uint64_t *)(uintptr_t)va = 0x1234;
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, sub));
    UT_CHECK_EQ(ut_free(sub), 1ull << 16);
    /* The PT (and the PD if it came from sub) went away with their entries. */
    uint32_t pt = ut_object(env, HL_CAP_PT, 0);
    int err = hl_table_map(pt, env->vspace, va & ~(MiB2 - 1));
    if (err == E_MISSING_TABLE) {
        UT_CHECK_OK(hl_table_map(ut_object(env, HL_CAP_PD, 0), env->vspace, va & ~(GiB1 - 1)));
        err = hl_table_map(pt, env->vspace, va & ~(MiB2 - 1));
    }
    UT_CHECK_OK(err);
    uint32_t fresh = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    UT_CHECK_OK(hl_page_map(fresh, env->vspace, va, RW));
    UT_CHECK_EQ(*(volatile uint64_t *)(uintptr_t)va, 0);
}

UTEST(vspace, invalid_labels)
{
    uint32_t vs = ut_object(env, HL_CAP_VSPACE, 0), pt = ut_object(env, HL_CAP_PT, 0);

    UT_CHECK_ERR(hl_invoke(vs, 0x999, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(pt, HL_TASK_RESUME, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(pt, HL_PAGE_MAP, vs, 0, RW, 0, NULL), E_INVALID_LABEL);
}

UTEST(vspace, large_page_and_table_conflict)
{
    uint32_t large = ut_object(env, HL_CAP_PAGE, HL_LARGE_PAGE_BITS);
    struct tree t = make_tree(env, 0);
    uint32_t pt = ut_object(env, HL_CAP_PT, 0);

    /* A PT sits at [0, 2 MiB): no 2 MiB page there. */
    UT_CHECK_ERR(hl_page_map(large, t.vs, 0, RW), E_MAPPED);
    UT_CHECK_OK(hl_page_map(large, t.vs, MiB2, RW));
    /* And no PT where the 2 MiB page is. */
    UT_CHECK_ERR(hl_table_map(pt, t.vs, MiB2), E_MAPPED);
}
