/*
 * Tasks that fault or misbehave: every kind of exception a task can cause
 * ends that task (state FAULTED, vector and address recorded), never the
 * kernel; syscalls made in odd states come back safely; a task that
 * destroys itself stops at once.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

#define WAIT_TICKS 200

int fault_divide(void *);
int fault_breakpoint(void *);
int fault_invalid_opcode(void *);
int fault_privileged(void *);
int fault_port_io(void *);
int fault_noncanonical(void *);
int fault_kernel_read(void *);
int syscall_without_stack(void *);
int syscall_at_user_top(void *);

static void expect_fault(struct utest_env *env, hl_thread_fn fn, void *arg, unsigned vector,
                         const char *what)
{
    uint32_t t = ut_spawn(env, fn, arg, UT_PRIORITY, true);
    struct hl_task_info info = {0};

    if (!UT_CHECK_EQ(ut_wait_state(t, HL_TASK_FAULTED, WAIT_TICKS), HL_TASK_FAULTED))
        printf("# (%s)\n", what);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    if (!UT_CHECK_EQ(info.fault_vector, vector))
        printf("# (%s)\n", what);
}

UTEST(task, exceptions_fault_the_task)
{
    expect_fault(env, fault_divide, NULL, 0, "divide by zero");
    expect_fault(env, fault_breakpoint, NULL, 3, "int3");
    expect_fault(env, fault_invalid_opcode, NULL, 6, "ud2");
    expect_fault(env, fault_privileged, NULL, 13, "hlt");
    expect_fault(env, fault_noncanonical, NULL, 13, "non-canonical load");
}

UTEST(task, kernel_memory_is_out_of_reach)
{
    uint32_t t = ut_spawn(env, fault_kernel_read, NULL, UT_PRIORITY, true);
    struct hl_task_info info = {0};

    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_FAULTED, WAIT_TICKS), HL_TASK_FAULTED);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.fault_vector, 14);
    UT_CHECK_EQ(info.fault_addr, 0xffffffff80000000ull);
}

UTEST(io, ports_without_a_cap_fault)
{
    expect_fault(env, fault_port_io, NULL, 13, "in from port 0x70");
}

UTEST(syscall, user_stack_not_used)
{
    uint32_t t = ut_spawn(env, syscall_without_stack, NULL, UT_PRIORITY, true);
    struct hl_task_info info = {0};

    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.exit_code, 7);
}

UTEST(syscall, return_to_noncanonical_address)
{
    uint64_t last = HL_USER_TOP - (1ull << HL_PAGE_BITS);
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint32_t t;

    UT_REQUIRE_OK(ut_map(env, page, last, HL_RIGHT_READ | HL_RIGHT_WRITE | HL_RIGHT_EXEC));
    memset((void *)(uintptr_t)last, 0xcc, 1ull << HL_PAGE_BITS);
    /* syscall (0f 05) in the last two bytes. */
    *(volatile uint8_t *)(uintptr_t)(HL_USER_TOP - 2) = 0x0f;
    *(volatile uint8_t *)(uintptr_t)(HL_USER_TOP - 1) = 0x05;
    t = ut_spawn(env, syscall_at_user_top, (void *)(uintptr_t)(HL_USER_TOP - 2), UT_PRIORITY, true);
    /* The task cannot go on at 0x800000000000; the kernel must survive. */
    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_FAULTED, WAIT_TICKS), HL_TASK_FAULTED);
}

/* A task made from memory it then revokes: it must stop at once. */
static volatile int after_revoke;

static int revoke_own_memory(void *mem)
{
    hl_cspace_revoke(HL_ROOT_SLOT_CSPACE, (uint32_t)(uintptr_t)mem);
    after_revoke = 1;
    return 0;
}

UTEST(task, task_revoking_its_own_memory)
{
    uint32_t sub = ut_memory(env, 16);
    struct hl_alloc a = {.cspace = env->cspace, .memory = sub, .next = ut_slots(env, 8)};
    uint64_t stack = ut_vaddr(env, 1ull << HL_PAGE_BITS, false);
    uint32_t t;

    a.end = a.next + 8;
    after_revoke = 0;
    UT_REQUIRE_OK(
        hl_thread_create(&a, env->vspace, stack, 1, revoke_own_memory, (void *)(uintptr_t)sub, &t));
    UT_REQUIRE_OK(hl_task_set_priority(t, UT_PRIORITY, UT_PRIORITY));
    UT_REQUIRE_OK(hl_task_resume(t));
    ut_sleep(10);
    UT_CHECK_EQ(after_revoke, 0);
    UT_CHECK_EQ(ut_free(sub), 1ull << 16);
    UT_CHECK(ut_slot_empty(env, t));
    /* The memory is good for a new task. */
    a.next = a.end - 8;
    UT_CHECK_OK(hl_alloc_objects(&a, HL_CAP_TASK, 0, 1, &t));
}

UTEST(page, unmap_after_its_vspace_died)
{
    uint32_t sub = ut_memory(env, 16), vs = ut_slot(env);
    uint32_t pdpt = ut_object(env, HL_CAP_PDPT, 0), pd = ut_object(env, HL_CAP_PD, 0);
    uint32_t pt = ut_object(env, HL_CAP_PT, 0), page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    int err;

    UT_REQUIRE_OK(hl_memory_retype(sub, HL_CAP_VSPACE, 0, env->cspace, vs, 1));
    UT_REQUIRE_OK(hl_table_map(pdpt, vs, 0));
    UT_REQUIRE_OK(hl_table_map(pd, vs, 0));
    UT_REQUIRE_OK(hl_table_map(pt, vs, 0));
    UT_REQUIRE_OK(hl_page_map(page, vs, 0x1000, HL_RIGHT_READ));
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, sub));
    /* Whatever the page's capability believes, it must be usable again. */
    err = hl_page_unmap(page);
    UT_CHECK(err == E_OK || err == E_NOT_MAPPED);
    UT_CHECK_OK(ut_map(env, page, ut_vaddr(env, 1ull << HL_PAGE_BITS, false), HL_RIGHT_READ));
    /* And the tables can go into another VSpace. */
    err = hl_table_unmap(pdpt);
    UT_CHECK(err == E_OK || err == E_NOT_MAPPED);
    UT_CHECK_OK(hl_table_map(pdpt, ut_object(env, HL_CAP_VSPACE, 0), 0));
}
