/*
 * CSpace invocations: copy, mint, move, delete, revoke, identify, on the
 * case's own CSpace and on a second CSpace named by its capability; each
 * documented error leaves both slots as they were.
 */
#include <stdio.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

static struct hl_cap_info identify(uint32_t cspace, uint32_t slot)
{
    struct hl_cap_info info = {0};

    UT_CHECK_OK(hl_cspace_identify(cspace, slot, &info, NULL));
    return info;
}

/* Shared: it checks the root task's own boot CSpace. */
UTEST_SHARED(cspace, root_layout)
{
    const struct hl_bootinfo *bi = env->bi;
    static const struct {
        uint32_t slot;
        unsigned type;
    } fixed[] = {
        {HL_ROOT_SLOT_TASK, HL_CAP_TASK},
        {HL_ROOT_SLOT_CSPACE, HL_CAP_CSPACE},
        {HL_ROOT_SLOT_VSPACE, HL_CAP_VSPACE},
        {HL_ROOT_SLOT_IOCONTROL, HL_CAP_IOCONTROL},
        {HL_ROOT_SLOT_IRQCONTROL, HL_CAP_IRQCONTROL},
        {HL_ROOT_SLOT_BOOTINFO_PAGE, HL_CAP_PAGE},
    };

    UT_CHECK_EQ(bi->magic, HL_BOOTINFO_MAGIC);
    UT_CHECK(bi->cspace_bits >= 8 && bi->cspace_bits <= HL_CSPACE_MAX_BITS);
    UT_CHECK(bi->first_boot_slot >= HL_ROOT_SLOT_FIRST_FREE_BOOT);
    UT_CHECK(bi->first_free_slot >= bi->first_boot_slot + bi->boot_slot_count);
    UT_CHECK(bi->first_free_slot < 1u << bi->cspace_bits);
    for (unsigned i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        if (!UT_CHECK_EQ(ut_cap_type(env, fixed[i].slot), fixed[i].type))
            printf("# (slot %u)\n", fixed[i].slot);
    for (uint32_t s = bi->first_boot_slot; s < bi->first_boot_slot + bi->boot_slot_count; s++) {
        unsigned t = ut_cap_type(env, s);
        if (!UT_CHECK(t == HL_CAP_PDPT || t == HL_CAP_PD || t == HL_CAP_PT || t == HL_CAP_PAGE))
            printf("# (boot slot %u has type %u)\n", s, t);
    }
    for (uint32_t i = 0; i < bi->nmemory; i++)
        UT_CHECK(bi->memory[i].slot < bi->first_free_slot);
    /* The runner's slots start at first_free_slot; beyond them, empty. */
    UT_CHECK(ut_slot_empty(env, (1u << bi->cspace_bits) - 1));
}

UTEST(cspace, copy_then_delete)
{
    uint32_t d = ut_slot(env);
    struct hl_cap_info orig = identify(env->cspace, env->vspace), copy;

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, d, env->cspace, env->vspace));
    copy = identify(env->cspace, d);
    UT_CHECK_EQ(copy.type, HL_CAP_VSPACE);
    UT_CHECK_EQ(copy.object, orig.object);
    UT_CHECK_EQ(copy.rights, orig.rights);
    UT_CHECK_EQ(copy.has_parent, 1);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, d));
    UT_CHECK(ut_slot_empty(env, d));
    UT_CHECK_EQ(ut_cap_type(env, env->vspace), HL_CAP_VSPACE);
}

UTEST(cspace, copy_errors_change_nothing)
{
    uint32_t d = ut_slot(env), occupied = ut_slot(env), empty = ut_slot(env);
    uint32_t beyond = 1u << env->bi->cspace_bits;

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, occupied, env->cspace, env->task));
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, occupied, env->cspace, env->vspace), E_SLOT_OCCUPIED);
    UT_CHECK_EQ(ut_cap_type(env, occupied), HL_CAP_TASK);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, d, env->cspace, empty), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, d, env->cspace, beyond), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, beyond, env->cspace, env->vspace), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, d, env->vspace, env->vspace), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, d, empty, env->vspace), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, d, beyond, env->vspace), E_INVALID_CADDR);
    UT_CHECK(ut_slot_empty(env, d));
    UT_CHECK(ut_slot_empty(env, empty));
}

UTEST(cspace, mint_only_reduces_rights)
{
    uint32_t ro = ut_slot(env), again = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, env->vspace, HL_RIGHT_READ, 0));
    UT_CHECK_EQ(identify(env->cspace, ro).rights, HL_RIGHT_READ);
    UT_CHECK_EQ(identify(env->cspace, ro).has_parent, 1);
    /* Minting from the reduced capability cannot give the rights back. */
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, again, env->cspace, ro, HL_RIGHTS_ALL, 0));
    UT_CHECK_EQ(identify(env->cspace, again).rights, HL_RIGHT_READ);
    UT_CHECK_EQ(identify(env->cspace, again).object, identify(env->cspace, ro).object);
}

UTEST(cspace, missing_write_right)
{
    uint32_t ro = ut_slot(env), d = ut_slot(env), victim = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, victim, env->cspace, env->vspace));
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, env->cspace, HL_RIGHT_READ, 0));
    UT_CHECK_ERR(hl_cspace_copy(ro, d, env->cspace, env->vspace), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_cspace_mint(ro, d, env->cspace, env->vspace, HL_RIGHTS_ALL, 0), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_cspace_move(ro, d, env->cspace, victim), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_cspace_delete(ro, victim), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_cspace_revoke(ro, env->vspace), E_NO_RIGHTS);
    UT_CHECK(ut_slot_empty(env, d));
    UT_CHECK_EQ(ut_cap_type(env, victim), HL_CAP_VSPACE);
    /* Reading through it still works. */
    UT_CHECK_OK(hl_cspace_identify(ro, victim, NULL, NULL));
}

UTEST(cspace, missing_read_right)
{
    uint32_t wo = ut_slot(env), d = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, wo, env->cspace, env->cspace, HL_RIGHT_WRITE, 0));
    /* As the source of a copy, a CSpace must be readable. */
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, d, wo, env->vspace), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_cspace_identify(wo, env->vspace, NULL, NULL), E_NO_RIGHTS);
    UT_CHECK(ut_slot_empty(env, d));
}

UTEST(cspace, move_keeps_the_capability)
{
    uint32_t a = ut_slot(env), b = ut_slot(env), c = ut_slot(env);
    struct hl_cap_info before, after;

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, a, env->cspace, env->vspace));
    before = identify(env->cspace, a);
    UT_CHECK_OK(hl_cspace_move(env->cspace, b, env->cspace, a));
    UT_CHECK(ut_slot_empty(env, a));
    after = identify(env->cspace, b);
    UT_CHECK_EQ(after.type, before.type);
    UT_CHECK_EQ(after.object, before.object);
    UT_CHECK_EQ(after.has_parent, 1);
    UT_CHECK_ERR(hl_cspace_move(env->cspace, c, env->cspace, a), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_cspace_move(env->cspace, env->task, env->cspace, b), E_SLOT_OCCUPIED);
    UT_CHECK_ERR(hl_cspace_move(env->cspace, b, env->cspace, b), E_SLOT_OCCUPIED);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, b, env->cspace, b), E_SLOT_OCCUPIED);
    UT_CHECK_EQ(ut_cap_type(env, b), HL_CAP_VSPACE);
    UT_CHECK_ERR(hl_cspace_move(env->cspace, 1u << env->bi->cspace_bits, env->cspace, b),
                 E_INVALID_CADDR);
    UT_CHECK(ut_slot_empty(env, c));
}

UTEST(cspace, moved_object_still_dies_with_its_memory)
{
    uint32_t sub = ut_memory(env, 16);
    uint32_t page = ut_slot(env), moved = ut_slot(env);

    UT_REQUIRE_OK(hl_memory_retype(sub, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, page, 1));
    UT_REQUIRE_OK(hl_cspace_move(env->cspace, moved, env->cspace, page));
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, sub));
    UT_CHECK(ut_slot_empty(env, moved));
    UT_CHECK_EQ(ut_free(sub), 1ull << 16);
}

UTEST(cspace, memory_can_be_moved)
{
    uint32_t sub = ut_memory(env, 16), moved = ut_slot(env), page = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_move(env->cspace, moved, env->cspace, sub));
    UT_CHECK(ut_slot_empty(env, sub));
    UT_CHECK_OK(hl_memory_retype(moved, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, page, 1));
    UT_CHECK_EQ(ut_free(moved), (1ull << 16) - (1ull << HL_PAGE_BITS));
    /* Revoking the parent still finds it. */
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, env->memory));
    UT_CHECK(ut_slot_empty(env, moved));
    UT_CHECK(ut_slot_empty(env, page));
    UT_CHECK_EQ(ut_free(env->memory), env->memory_size);
}

UTEST(cspace, revoke_deletes_all_derived)
{
    uint32_t x = ut_slot(env), a = ut_slot(env), b = ut_slot(env), c = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, x, env->cspace, env->vspace));
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, a, env->cspace, x));
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, b, env->cspace, a));
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, c, env->cspace, x, HL_RIGHT_READ, 0));
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, x));
    UT_CHECK(ut_slot_empty(env, a));
    UT_CHECK(ut_slot_empty(env, b));
    UT_CHECK(ut_slot_empty(env, c));
    UT_CHECK_EQ(ut_cap_type(env, x), HL_CAP_VSPACE);
    UT_CHECK_EQ(ut_cap_type(env, env->vspace), HL_CAP_VSPACE);
}

UTEST(cspace, delete_keeps_children)
{
    uint32_t x = ut_slot(env), a = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, x, env->cspace, env->vspace));
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, a, env->cspace, x));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, x));
    UT_CHECK(ut_slot_empty(env, x));
    UT_CHECK_EQ(ut_cap_type(env, a), HL_CAP_VSPACE);
    UT_CHECK_EQ(identify(env->cspace, a).object, identify(env->cspace, env->vspace).object);
}

UTEST(cspace, delete_and_revoke_errors)
{
    uint32_t empty = ut_slot(env), beyond = 1u << env->bi->cspace_bits;

    UT_CHECK_ERR(hl_cspace_delete(env->cspace, empty), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_cspace_revoke(env->cspace, empty), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_cspace_delete(env->cspace, beyond), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_revoke(env->cspace, beyond), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_identify(env->cspace, beyond, NULL, NULL), E_INVALID_CADDR);
}

UTEST(cspace, identify)
{
    struct hl_cap_info info = {0};
    uint64_t type = 99;

    UT_CHECK_OK(hl_cspace_identify(env->cspace, env->memory, &info, NULL));
    UT_CHECK_EQ(info.type, HL_CAP_MEMORY);
    UT_CHECK_EQ(info.badge, 0);
    /* The info pointer may be 0: the type still comes back in rdx. */
    UT_CHECK_OK(hl_invoke(env->cspace, HL_CSPACE_IDENTIFY, env->task, 0, 0, 0, &type));
    UT_CHECK_EQ(type, HL_CAP_TASK);
    UT_CHECK_ERR(hl_cspace_identify(env->cspace, env->task, (struct hl_cap_info *)1, NULL),
                 E_FAULT);
    UT_CHECK_ERR(hl_cspace_identify(env->cspace, env->task,
                                    (struct hl_cap_info *)0xffff800000001000ull, NULL),
                 E_FAULT);
    UT_CHECK_ERR(
        hl_cspace_identify(env->cspace, env->task, (struct hl_cap_info *)HL_BOOTINFO_VADDR, NULL),
        E_FAULT);
    /* Distinct objects have distinct identifiers. */
    UT_CHECK(identify(env->cspace, env->task).object !=
             identify(env->cspace, ut_object(env, HL_CAP_TASK, 0)).object);
}

UTEST(cspace, second_cspace)
{
    uint32_t cs = ut_object(env, HL_CAP_CSPACE, 4), back = ut_slot(env);
    struct hl_cap_info info;

    UT_CHECK_OK(hl_cspace_copy(cs, 3, env->cspace, env->vspace));
    info = identify(cs, 3);
    UT_CHECK_EQ(info.type, HL_CAP_VSPACE);
    UT_CHECK_EQ(info.object, identify(env->cspace, env->vspace).object);
    UT_CHECK_ERR(hl_cspace_copy(cs, 16, env->cspace, env->vspace), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, back, cs, 16), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_copy(env->cspace, back, cs, 4), E_SLOT_EMPTY);
    UT_CHECK_OK(hl_cspace_copy(env->cspace, back, cs, 3));
    UT_CHECK_EQ(ut_cap_type(env, back), HL_CAP_VSPACE);
    UT_CHECK_OK(hl_cspace_move(cs, 5, cs, 3));
    UT_CHECK_EQ(identify(cs, 5).type, HL_CAP_VSPACE);
    UT_CHECK_OK(hl_cspace_delete(cs, 5));
    UT_CHECK_ERR(hl_cspace_delete(cs, 5), E_SLOT_EMPTY);
}

UTEST(cspace, deleting_a_cspace_deletes_its_caps)
{
    uint32_t sub = ut_memory(env, 16), cs = ut_slot(env), page = ut_slot(env), copy = ut_slot(env);

    UT_REQUIRE_OK(hl_memory_retype(sub, HL_CAP_CSPACE, 4, env->cspace, cs, 1));
    UT_REQUIRE_OK(hl_memory_retype(sub, HL_CAP_PAGE, HL_PAGE_BITS, env->cspace, page, 1));
    UT_REQUIRE_OK(hl_cspace_copy(cs, 1, env->cspace, page));
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, copy, cs, 1));
    /* The copy in slot 1 goes with the CSpace; its child moves up. */
    UT_CHECK_OK(hl_cspace_delete(env->cspace, cs));
    UT_CHECK_EQ(ut_cap_type(env, copy), HL_CAP_PAGE);
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, page));
    UT_CHECK(ut_slot_empty(env, copy));
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, sub));
    UT_CHECK_EQ(ut_free(sub), 1ull << 16);
}

UTEST(cspace, self_containing_cspace_freed_by_revoke)
{
    uint32_t sub = ut_memory(env, 16), cs = ut_slot(env);

    UT_REQUIRE_OK(hl_memory_retype(sub, HL_CAP_CSPACE, 4, env->cspace, cs, 1));
    UT_REQUIRE_OK(hl_cspace_copy(cs, 1, env->cspace, cs));
    UT_REQUIRE_OK(hl_cspace_copy(cs, 2, cs, 1));
    /* Now the CSpace is reachable only through itself. */
    UT_CHECK_OK(hl_cspace_delete(env->cspace, cs));
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, sub));
    UT_CHECK_EQ(ut_free(sub), 1ull << 16);
    /* The memory is reusable for a CSpace in the same place. */
    UT_CHECK_OK(hl_memory_retype(sub, HL_CAP_CSPACE, 4, env->cspace, cs, 1));
    UT_CHECK_ERR(hl_cspace_delete(cs, 1), E_SLOT_EMPTY);
}

UTEST(cspace, invalid_labels)
{
    static const uint64_t labels[] = {
        0, HL_CSPACE_COPY - 1, HL_MEMORY_RETYPE, HL_TASK_RESUME, 0xffff, ~0ull};

    for (unsigned i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        UT_CHECK_ERR(hl_invoke(env->cspace, labels[i], 0, 0, 0, 0, NULL), E_INVALID_LABEL);
}

UTEST(cspace, largest_cspace)
{
    /* 2^16 slots of 64 bytes: all of the case's 4 MiB. */
    uint32_t cs = ut_object(env, HL_CAP_CSPACE, HL_CSPACE_MAX_BITS);
    uint32_t last = (1u << HL_CSPACE_MAX_BITS) - 1;

    UT_CHECK_EQ(ut_free(env->memory), 0);
    UT_CHECK_OK(hl_cspace_copy(cs, last, env->cspace, env->vspace));
    UT_CHECK_EQ(identify(cs, last).type, HL_CAP_VSPACE);
    UT_CHECK_ERR(hl_cspace_copy(cs, last + 1, env->cspace, env->vspace), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_cspace_identify(cs, 1u << 17, NULL, NULL), E_INVALID_CADDR);
    UT_CHECK_OK(hl_cspace_copy(cs, 1, cs, last));
}

UTEST(cspace, revoke_without_children)
{
    uint32_t x = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, x, env->cspace, env->vspace));
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, x));
    UT_CHECK_EQ(ut_cap_type(env, x), HL_CAP_VSPACE);
}
