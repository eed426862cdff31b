/*
 * Tasks: configure, registers, resume/suspend, exit, faults, priorities
 * and preemption. Children run C functions in the case's VSpace and report
 * through shared memory (file-scope variables, reset by each case).
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

#define PF_VECTOR 14
#define WAIT_TICKS 200
#define UNMAPPED 0x0000000050000000ull /* nothing is ever mapped there */

static volatile uint64_t counter[2];
static volatile unsigned order[4];
static volatile unsigned norder;

static int exit_with(void *code)
{
    return (int)(uintptr_t)code;
}

static int write_unmapped(void *arg)
{
    (void)arg;
    *(volatile uint64_t *)UNMAPPED = 1;
    return 0;
}

static __attribute__((noreturn)) int count_forever(void *which)
{
    for (;;)
        counter[(uintptr_t)which]++;
}

static int record_order(void *id)
{
    order[__atomic_fetch_add(&norder, 1, __ATOMIC_SEQ_CST)] = (unsigned)(uintptr_t)id;
    return 0;
}

static struct hl_task_config shared_config(struct utest_env *env)
{
    return (struct hl_task_config){
        .cspace = env->cspace,
        .vspace = env->vspace,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };
}

UTEST(task, runs_and_exits_with_code)
{
    uint32_t t = ut_spawn(env, exit_with, (void *)42, UT_PRIORITY, true);
    struct hl_task_info info = {0};

    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.exit_code, 42);
    /* An exited task cannot be resumed or suspended. */
    UT_CHECK_ERR(hl_task_resume(t), E_STATE);
    UT_CHECK_ERR(hl_task_suspend(t), E_STATE);
}

UTEST(task, new_task_is_inactive_and_needs_configure)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);
    struct hl_task_info info = {0};
    unsigned state = 99;

    UT_CHECK_OK(hl_task_info(t, &info, &state));
    UT_CHECK_EQ(info.state, HL_TASK_INACTIVE);
    UT_CHECK_EQ(state, HL_TASK_INACTIVE);
    UT_CHECK_ERR(hl_task_resume(t), E_STATE);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_INACTIVE);
    /* Distinct tasks have distinct ids. */
    struct hl_task_info other = {0};
    UT_CHECK_OK(hl_task_info(ut_object(env, HL_CAP_TASK, 0), &other, NULL));
    UT_CHECK(other.id != info.id);
}

UTEST(task, configure_errors)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0), empty = ut_slot(env);
    struct hl_task_config c = shared_config(env);

    c.cspace = env->vspace;
    UT_CHECK_ERR(hl_task_configure(t, &c), E_WRONG_TYPE);
    c = shared_config(env);
    c.vspace = env->cspace;
    UT_CHECK_ERR(hl_task_configure(t, &c), E_WRONG_TYPE);
    c = shared_config(env);
    c.cspace = empty;
    UT_CHECK_ERR(hl_task_configure(t, &c), E_SLOT_EMPTY);
    c = shared_config(env);
    c.vspace = 1u << env->bi->cspace_bits;
    UT_CHECK_ERR(hl_task_configure(t, &c), E_INVALID_CADDR);
    c = shared_config(env);
    c.ipc_buffer = env->vspace;
    UT_CHECK_ERR(hl_task_configure(t, &c), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_task_configure(t, (struct hl_task_config *)1), E_FAULT);
    UT_CHECK_ERR(hl_task_configure(t, (struct hl_task_config *)0xffff800000000000ull), E_FAULT);
    /* None of it configured the task. */
    UT_CHECK_ERR(hl_task_resume(t), E_STATE);
    c = shared_config(env);
    UT_CHECK_OK(hl_task_configure(t, &c));
}

UTEST(task, regs_roundtrip)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);
    struct hl_regs w, r;
    uint64_t *p = (uint64_t *)&w;

    for (unsigned i = 0; i < sizeof(w) / sizeof(uint64_t); i++)
        p[i] = 0x1111111111111111ull * (i % 15 + 1) & 0x00007fffffffffffull;
    w.rip = 0x401000;
    w.rsp = 0x10000000;
    w.rflags = 0x202; /* IF and the always-one bit */
    w.fs_base = 0x7000;
    w.gs_base = 0x7fffffff0000ull;
    memset(&r, 0, sizeof(r));
    UT_REQUIRE_OK(hl_task_write_regs(t, &w));
    UT_REQUIRE_OK(hl_task_read_regs(t, &r));
    const uint64_t *q = (const uint64_t *)&r;
    for (unsigned i = 0; i < sizeof(w) / sizeof(uint64_t); i++)
        if (!UT_CHECK_EQ(q[i], p[i]))
            printf("# (register %u of struct hl_regs)\n", i);
    UT_CHECK_ERR(hl_task_read_regs(t, (struct hl_regs *)1), E_FAULT);
    UT_CHECK_ERR(hl_task_read_regs(t, (struct hl_regs *)HL_BOOTINFO_VADDR), E_FAULT);
    UT_CHECK_ERR(hl_task_write_regs(t, (struct hl_regs *)0xffffffff80000000ull), E_FAULT);
}

UTEST(task, write_regs_refuses_noncanonical)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);
    struct hl_regs w, r;

    memset(&w, 0, sizeof(w));
    w.rip = 0x0000800000000000ull;
    w.rflags = 0x202;
    UT_CHECK_ERR(hl_task_write_regs(t, &w), E_INVALID_ARG);
    w.rip = 0x401000;
    w.fs_base = 0xffff800000000000ull;
    UT_CHECK_ERR(hl_task_write_regs(t, &w), E_INVALID_ARG);
    w.fs_base = 0;
    w.rflags = 0x3202; /* IOPL 3 would give the task the I/O ports */
    UT_CHECK_ERR(hl_task_write_regs(t, &w), E_INVALID_ARG);
    UT_CHECK_OK(hl_task_read_regs(t, &r));
    UT_CHECK(r.rip != 0x0000800000000000ull);
    UT_CHECK_EQ(r.fs_base, 0);
}

UTEST(task, fault_marks_task_faulted_and_others_run)
{
    uint32_t busy, bad;
    struct hl_task_info info = {0};
    uint64_t before;

    counter[0] = 0;
    busy = ut_spawn(env, count_forever, (void *)0, UT_PRIORITY, true);
    bad = ut_spawn(env, write_unmapped, NULL, UT_PRIORITY, true);
    UT_CHECK_EQ(ut_wait_state(bad, HL_TASK_FAULTED, WAIT_TICKS), HL_TASK_FAULTED);
    UT_CHECK_OK(hl_task_info(bad, &info, NULL));
    UT_CHECK_EQ(info.state, HL_TASK_FAULTED);
    UT_CHECK_EQ(info.fault_vector, PF_VECTOR);
    UT_CHECK_EQ(info.fault_addr, UNMAPPED);
    /* The kernel and the other tasks go on. */
    before = counter[0];
    ut_sleep(5);
    UT_CHECK(counter[0] > before);
    UT_CHECK_EQ(ut_task_state(busy), HL_TASK_RUNNABLE);
}

UTEST(task, fault_in_empty_vspace)
{
    uint32_t sub = ut_memory(env, 16);
    uint32_t vs = ut_slot(env), t = ut_object(env, HL_CAP_TASK, 0);
    struct hl_task_config c = shared_config(env);
    struct hl_regs regs;
    struct hl_task_info info = {0};

    UT_REQUIRE_OK(hl_memory_retype(sub, HL_CAP_VSPACE, 0, env->cspace, vs, 1));
    c.vspace = vs;
    UT_REQUIRE_OK(hl_task_configure(t, &c));
    memset(&regs, 0, sizeof(regs));
    regs.rip = 0x1000;
    regs.rflags = 0x202;
    UT_REQUIRE_OK(hl_task_write_regs(t, &regs));
    UT_REQUIRE_OK(hl_task_set_priority(t, UT_PRIORITY, UT_PRIORITY));
    UT_REQUIRE_OK(hl_task_resume(t));
    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_FAULTED, WAIT_TICKS), HL_TASK_FAULTED);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.fault_vector, PF_VECTOR);
    UT_CHECK_EQ(info.fault_addr, 0x1000);
    /* Its VSpace goes away under it: it can no longer be resumed. */
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, sub));
    UT_CHECK_ERR(hl_task_resume(t), E_STATE);
    UT_CHECK_EQ(ut_free(sub), 1ull << 16);
}

UTEST(task, equal_priority_tasks_share_the_cpu)
{
    uint32_t a, b;

    counter[0] = counter[1] = 0;
    a = ut_spawn(env, count_forever, (void *)0, UT_PRIORITY, true);
    b = ut_spawn(env, count_forever, (void *)1, UT_PRIORITY, true);
    ut_sleep(20);
    UT_CHECK_OK(hl_task_suspend(a));
    UT_CHECK_OK(hl_task_suspend(b));
    UT_CHECK(counter[0] > 0);
    UT_CHECK(counter[1] > 0);
    if (counter[0] == 0 || counter[1] == 0)
        printf("# counters %lu and %lu after 20 ticks\n", (unsigned long)counter[0],
               (unsigned long)counter[1]);
}

/* Counts until the shared deadline, then exits: only iterations before the
 * deadline count, so a task that got the CPU only after the other one
 * finished counts nothing. */
static volatile uint64_t deadline;

static int count_until_deadline(void *which)
{
    while (hl_ticks() < deadline)
        counter[(uintptr_t)which]++;
    return 0;
}

UTEST(task, busy_tasks_are_preempted)
{
    uint32_t a, b;

    counter[0] = counter[1] = 0;
    /* Above both while starting them, so neither runs yet. */
    UT_REQUIRE_OK(hl_task_set_priority(env->task, UT_PRIORITY + 20, UT_MCP));
    deadline = hl_ticks() + 20;
    a = ut_spawn(env, count_until_deadline, (void *)0, UT_PRIORITY + 10, true);
    b = ut_spawn(env, count_until_deadline, (void *)1, UT_PRIORITY + 10, true);
    UT_CHECK_EQ(counter[0] + counter[1], 0);
    /* Neither yields: they take turns only if the timer preempts them. The
     * case runs again once both have exited. */
    UT_REQUIRE_OK(hl_task_set_priority(env->task, UT_PRIORITY, UT_MCP));
    UT_CHECK_EQ(ut_task_state(a), HL_TASK_EXITED);
    UT_CHECK_EQ(ut_task_state(b), HL_TASK_EXITED);
    UT_CHECK(counter[0] > 0);
    UT_CHECK(counter[1] > 0);
    UT_CHECK(hl_ticks() >= deadline);
}

UTEST(task, higher_priority_runs_first)
{
    norder = 0;
    /* Above both children while starting them, so neither runs yet. */
    UT_REQUIRE_OK(hl_task_set_priority(env->task, UT_PRIORITY + 30, UT_MCP));
    ut_spawn(env, record_order, (void *)1, UT_PRIORITY + 10, true);
    ut_spawn(env, record_order, (void *)2, UT_PRIORITY + 20, true);
    ut_spawn(env, record_order, (void *)3, UT_PRIORITY + 15, true);
    UT_CHECK_EQ(norder, 0);
    /* Dropping below them lets them run, highest first, before we return. */
    UT_REQUIRE_OK(hl_task_set_priority(env->task, UT_PRIORITY, UT_MCP));
    UT_CHECK_EQ(norder, 3);
    UT_CHECK_EQ(order[0], 2);
    UT_CHECK_EQ(order[1], 3);
    UT_CHECK_EQ(order[2], 1);
}

UTEST(task, set_priority_limited_by_mcp)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);
    struct hl_task_info info = {0};

    UT_CHECK_OK(hl_task_set_priority(t, 50, 150));
    UT_CHECK_ERR(hl_task_set_priority(t, UT_MCP + 1, 10), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_set_priority(t, 10, UT_MCP + 1), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_set_priority(env->task, UT_MCP + 1, UT_MCP), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_set_priority(t, HL_PRIORITY_MAX + 1, 0), E_RANGE);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.priority, 50);
    UT_CHECK_EQ(info.mcp, 150);
    UT_CHECK_OK(hl_task_set_priority(t, UT_MCP, UT_MCP));
    UT_CHECK_OK(hl_task_info(env->task, &info, NULL));
    UT_CHECK_EQ(info.priority, UT_PRIORITY);
    UT_CHECK_EQ(info.mcp, UT_MCP);
}

UTEST(task, suspend_stops_and_resume_restarts)
{
    uint32_t t;
    uint64_t c1;

    counter[0] = 0;
    t = ut_spawn(env, count_forever, (void *)0, UT_PRIORITY, true);
    ut_sleep(3);
    UT_CHECK_OK(hl_task_suspend(t));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    c1 = counter[0];
    UT_CHECK(c1 > 0);
    ut_sleep(5);
    UT_CHECK_EQ(counter[0], c1);
    UT_CHECK_OK(hl_task_resume(t));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_RUNNABLE);
    ut_sleep(3);
    UT_CHECK(counter[0] > c1);
    UT_CHECK_OK(hl_task_suspend(t));
    /* Registers of a stopped task show where it is: in count_forever. */
    struct hl_regs regs = {0};
    UT_CHECK_OK(hl_task_read_regs(t, &regs));
    UT_CHECK(regs.rip >= (uintptr_t)count_forever && regs.rip < (uintptr_t)count_forever + 64);
}

UTEST(task, name)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);
    struct hl_task_info info = {0};

    UT_CHECK_OK(hl_task_set_name(t, "worker-7", 8));
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(strncmp(info.name, "worker-7", HL_TASK_NAME_MAX), 0);
    UT_CHECK_ERR(hl_task_set_name(t, "0123456789abcdef", HL_TASK_NAME_MAX), E_RANGE);
    UT_CHECK_ERR(hl_task_set_name(t, (const char *)1, 4), E_FAULT);
    UT_CHECK_ERR(hl_task_set_name(t, (const char *)0xffff800000000000ull, 4), E_FAULT);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(strncmp(info.name, "worker-7", HL_TASK_NAME_MAX), 0);
    UT_CHECK_ERR(hl_task_info(t, (struct hl_task_info *)1, NULL), E_FAULT);
}

UTEST(task, rights_on_task_caps)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0), ro = ut_slot(env), wo = ut_slot(env);
    struct hl_regs regs;

    memset(&regs, 0, sizeof(regs));
    regs.rip = 0x401000;
    regs.rflags = 0x202;
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, t, HL_RIGHT_READ, 0));
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, wo, env->cspace, t, HL_RIGHT_WRITE, 0));
    UT_CHECK_ERR(hl_task_write_regs(ro, &regs), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_set_priority(ro, 1, 1), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_resume(ro), E_NO_RIGHTS);
    UT_CHECK_OK(hl_task_read_regs(ro, &regs));
    UT_CHECK_ERR(hl_task_read_regs(wo, &regs), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_info(wo, NULL, NULL), E_NO_RIGHTS);
    UT_CHECK_OK(hl_task_write_regs(wo, &regs));
}

static volatile int own_cspace_result[3];

static int probe_own_cspace(void *arg)
{
    uint32_t foreign = (uint32_t)(uintptr_t)arg;
    struct hl_memory_info info;

    own_cspace_result[0] = hl_memory_info(1, &info); /* its slot 1 is empty */
    own_cspace_result[1] = hl_memory_info(foreign, &info);
    own_cspace_result[2] = hl_memory_info(2, &info); /* a copy we gave it */
    return 0;
}

UTEST(task, own_cspace_is_isolated)
{
    uint32_t cs = ut_object(env, HL_CAP_CSPACE, 3); /* 8 slots */
    uint32_t sub = ut_memory(env, 16);
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);
    struct hl_task_config c = shared_config(env);
    uint64_t stack = ut_vaddr(env, 1ull << HL_PAGE_BITS, false);
    struct hl_regs regs;

    UT_REQUIRE_OK(
        hl_alloc_map_new_pages(&env->alloc, env->vspace, stack, 1, HL_RIGHT_READ | HL_RIGHT_WRITE));
    UT_REQUIRE_OK(hl_cspace_move(cs, 2, env->cspace, sub));
    c.cspace = cs;
    UT_REQUIRE_OK(hl_task_configure(t, &c));
    hl_thread_regs(&regs, probe_own_cspace, (void *)(uintptr_t)env->memory,
                   stack + (1ull << HL_PAGE_BITS));
    UT_REQUIRE_OK(hl_task_write_regs(t, &regs));
    UT_REQUIRE_OK(hl_task_set_priority(t, UT_PRIORITY, UT_PRIORITY));
    UT_REQUIRE_OK(hl_task_resume(t));
    UT_REQUIRE_EQ(ut_wait_state(t, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_ERR(own_cspace_result[0], E_SLOT_EMPTY);
    UT_CHECK_ERR(own_cspace_result[1], env->memory < 8 ? E_SLOT_EMPTY : E_INVALID_CADDR);
    UT_CHECK_ERR(own_cspace_result[2], E_OK);
}

UTEST(task, invalid_labels)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);

    UT_CHECK_ERR(hl_invoke(t, 0, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(t, HL_TASK_CONFIGURE - 1, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(t, ~0ull, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(t, HL_MEMORY_INFO, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
}

static int resume_when_suspended(void *task)
{
    uint32_t t = (uint32_t)(uintptr_t)task;

    while (ut_task_state(t) != HL_TASK_SUSPENDED)
        hl_yield();
    return hl_task_resume(t);
}

UTEST(task, suspend_self_until_resumed)
{
    uint32_t helper =
        ut_spawn(env, resume_when_suspended, (void *)(uintptr_t)env->task, UT_PRIORITY, true);

    /* Returns only once the helper has resumed us. */
    UT_CHECK_OK(hl_task_suspend(env->task));
    UT_CHECK_EQ(ut_wait_state(helper, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
}

UTEST(task, configure_ipc_buffer_errors)
{
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);
    struct hl_task_config c = shared_config(env);

    c.ipc_buffer = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    c.ipc_buffer_vaddr = 0x0000000060000800ull;
    UT_CHECK_ERR(hl_task_configure(t, &c), E_ALIGN);
    c.ipc_buffer_vaddr = 0xffff800000000000ull;
    UT_CHECK_ERR(hl_task_configure(t, &c), E_RANGE);
    UT_CHECK_ERR(hl_task_resume(t), E_STATE);
    c.ipc_buffer_vaddr = 0x0000000060000000ull;
    UT_CHECK_OK(hl_task_configure(t, &c));
}
