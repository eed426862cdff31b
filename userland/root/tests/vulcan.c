/*
 * The runner's own tests: each case has its own CSpace and VSpace
 * (vulcan/include/vulcan/vulcan.h), so what a case does to them stays
 * inside it. Two cases wreck their world on purpose and must be reported
 * as failures (UTEST_XFAIL: the runner inverts the verdict, but never
 * forgives a pool that is not whole again); the cases after them check
 * that the next case starts clean, that text one case patches is its own,
 * and that no case can name the root task's capabilities. They run in
 * this order (-fno-toplevel-reorder).
 */
#include <string.h>
#include <hl/debug.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

/* The bounds of the data+bss segment (userland/user.ld). */
extern char __image_data_start[], __image_end[];

#define MARK 0x5eed1234u
/* Initial data: every case's copy starts with MARK. */
static volatile uint32_t marked = MARK;

/* The root task's stack ends here (docs/abi.md, "The root task"). */
#define ROOT_STACK_TOP 0x10000000ull
/* An address nothing maps. */
#define WILD_ADDR 0x00006a0000000000ull

/* Scribbles over every static of the program (in a shared VSpace that
 * would be the runner's own state), then writes where nothing is mapped:
 * the case faults, and only the case. */
UTEST_XFAIL(vulcan, wild_writes_fault_alone)
{
    UT_REQUIRE(env->isolated);
    memset(__image_data_start, 0xa5, (size_t)(__image_end - __image_data_start));
    *(volatile uint64_t *)(uintptr_t)WILD_ADDR = 1;
}

/* Deletes every capability of its own CSpace, its Memory capability and
 * the CSpace capability itself last: the case is left unable to invoke
 * anything, and the runner must report that it lost its Memory. */
UTEST_XFAIL(vulcan, deleting_every_slot_fails_alone)
{
    uint32_t slots = 1u << env->bi->cspace_bits;
    struct hl_task_info info;

    UT_REQUIRE(env->isolated);
    /* Objects of every kind the case can make, left for the runner. */
    ut_object(env, HL_CAP_ENDPOINT, 0);
    ut_object(env, HL_CAP_NOTIFICATION, 0);
    ut_object(env, HL_CAP_CSPACE, 4);
    ut_map_pages(env, 2);
    for (uint32_t s = slots - 1; s >= 1; s--) {
        if (s == UT_SLOT_CSPACE || ut_slot_empty(env, s))
            continue;
        UT_REQUIRE_OK(hl_cspace_delete(UT_SLOT_CSPACE, s));
    }
    UT_REQUIRE_OK(hl_cspace_delete(UT_SLOT_CSPACE, UT_SLOT_CSPACE));
    UT_CHECK_ERR(hl_task_info(UT_SLOT_TASK, &info, NULL), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_cspace_identify(UT_SLOT_CSPACE, UT_SLOT_MEMORY, NULL, NULL), E_SLOT_EMPTY);
}

/* After the two above: the fixed capabilities and the image's pages are
 * all there is, the Memory is whole and the initial data is intact. */
UTEST(vulcan, next_case_starts_clean)
{
    static const unsigned fixed[] = {
        [UT_SLOT_TASK] = HL_CAP_TASK,
        [UT_SLOT_CSPACE] = HL_CAP_CSPACE,
        [UT_SLOT_VSPACE] = HL_CAP_VSPACE,
        [UT_SLOT_IOCONTROL] = HL_CAP_IOCONTROL,
        [UT_SLOT_IRQCONTROL] = HL_CAP_IRQCONTROL,
        [UT_SLOT_BOOTINFO] = HL_CAP_PAGE,
        [UT_SLOT_MEMORY] = HL_CAP_MEMORY,
    };
    uint32_t listed[64], n = 0, expect = UT_SLOT_TASK;

    UT_REQUIRE(env->isolated);
    UT_CHECK_EQ(marked, MARK);
    UT_CHECK_EQ(ut_free(env->memory), env->memory_size);
    for (uint32_t s = UT_SLOT_TASK; s <= UT_SLOT_MEMORY; s++)
        UT_CHECK_EQ(ut_cap_type(env, s), fixed[s]);
    for (uint32_t i = 0; i < env->image_count; i++)
        UT_CHECK_EQ(ut_cap_type(env, env->image_first + i), HL_CAP_PAGE);
    /* Every non-empty slot, in order: 1-7, then the image, then nothing. */
    for (uint32_t from = 1;; from = listed[n - 1] + 1) {
        UT_REQUIRE_OK(hl_cspace_list(env->cspace, from, listed, 64, &n));
        if (n == 0)
            break;
        for (uint32_t i = 0; i < n; i++) {
            UT_CHECK_EQ(listed[i], expect);
            expect = expect == UT_SLOT_MEMORY ? env->image_first : expect + 1;
        }
    }
    UT_CHECK_EQ(expect, env->image_first + env->image_count);
}

/* Text the cases below patch; nothing else calls it. */
__attribute__((noinline)) static int victim(void)
{
    return 42;
}

/* Plants int3 on the first byte of victim() in this case's text (debug
 * write mem writes through the frame, read-only mapping or not). */
UTEST(vulcan, patch_own_text)
{
    uint8_t int3 = 0xcc, back = 0;
    uint64_t at = (uintptr_t)victim;

    UT_REQUIRE(env->isolated);
    UT_REQUIRE(*(volatile uint8_t *)(uintptr_t)at != int3);
    UT_REQUIRE_OK(hl_debug_write_mem(UT_SLOT_TASK, at, &int3, 1, NULL));
    UT_CHECK_OK(hl_debug_read_mem(UT_SLOT_TASK, at, &back, 1, NULL));
    UT_CHECK_EQ(back, int3);
}

/* The patch above stayed in its case: here victim() runs (with shared text
 * frames it would hit the int3 and fault the case). */
UTEST(vulcan, text_patches_stay_in_their_case)
{
    UT_CHECK(*(volatile uint8_t *)(uintptr_t)victim != 0xcc);
    UT_CHECK_EQ(victim(), 42);
}

/* The root task's capabilities have no name here: no slot holds one of its
 * RAM Memory capabilities, the three lent ones are minted down to what
 * they must do, slot 1 is the case's own task, and the VSpace is not the
 * root task's (whose stack is not mapped here). */
UTEST(vulcan, cannot_name_root_caps)
{
    static const struct {
        uint32_t slot;
        unsigned rights;
    } lent[] = {{UT_SLOT_IOCONTROL, 0}, {UT_SLOT_IRQCONTROL, 0}, {UT_SLOT_BOOTINFO, HL_RIGHT_READ}};
    const struct hl_bootinfo *bi = env->bi;
    struct hl_task_info info;
    struct hl_cap_inspect c;
    uint64_t word = 0;
    size_t done = 1;

    UT_REQUIRE(env->isolated);
    for (size_t i = 0; i < sizeof(lent) / sizeof(lent[0]); i++) {
        memset(&c, 0, sizeof(c));
        UT_CHECK_OK(hl_cspace_inspect(env->cspace, lent[i].slot, &c));
        UT_CHECK_EQ(c.rights, lent[i].rights);
        UT_CHECK_EQ(c.derived, 1);
    }
    for (uint32_t i = 0; i < bi->nmemory && i < HL_BOOTINFO_MAX_MEMORY; i++) {
        struct hl_memory_info m = {0};
        if (ut_cap_type(env, bi->memory[i].slot) != HL_CAP_MEMORY)
            continue;
        UT_CHECK_OK(hl_memory_info(bi->memory[i].slot, &m));
        UT_CHECK(m.base != bi->memory[i].base || m.size != bi->memory[i].size);
    }
    memset(&info, 0, sizeof(info));
    UT_REQUIRE_OK(hl_task_info(UT_SLOT_TASK, &info, NULL));
    UT_CHECK_EQ(strncmp(info.name, "vulcan", sizeof(info.name)), 0);
    UT_CHECK_ERR(
        hl_debug_read_mem(UT_SLOT_TASK, ROOT_STACK_TOP - sizeof(word), &word, sizeof(word), &done),
        E_NOT_MAPPED);
    UT_CHECK_EQ(done, 0);
}
