/*
 * The test runner. It splits the largest RAM region's Memory capability
 * into the runner's own memory (the case task's stack and its tables) and
 * a pool; each case gets a fresh Memory capability and Task from the pool,
 * runs in that task, and the pool is revoked afterwards, which must leave
 * both the case's memory and the pool exactly as free as before. Results
 * are TAP (`ok N - group.case`), then `N passed, N failed`, then QEMU is
 * left through isa-debug-exit (port 0xf4) with 0x10 (all passed) or 0x11.
 */
#include <stdio.h>
#include <string.h>
#include <hl/bootinfo.h>
#include <hl/invoke.h>
#include <vulcan/runner.h>
#include <vulcan/vulcan.h>
#include "runner_int.h"

#define RUNNER_MEMORY_BITS 17
#define RUNNER_SLOTS 32
#define POOL_BITS 23                      /* the case's memory and its task */
#define STACK_VADDR 0x0000000030000000ull /* the case task's stack */
#define STACK_PAGES 8
/* Case i gets the 1 GiB window WINDOW_BASE + i GiB for its mappings: no
 * tables exist there until the case makes them. */
#define WINDOW_BASE 0x0000004000000000ull
#define WINDOW_BITS 30
#define MAX_CASES 1024 /* windows up to 1.25 TiB: far below HL_USER_TOP */
#define CASE_TIMEOUT_SECONDS 20

#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_PASS 0x10
#define DEBUG_EXIT_FAIL 0x11

extern const struct utest_case __start_utest_cases[], __stop_utest_cases[];

static struct {
    const struct hl_bootinfo *bi;
    struct hl_alloc alloc; /* the runner's own slots and memory */
    uint32_t pool;
    uint32_t exit_port;
    uint32_t first_case_slot;
} run;

/* Shared with the case task, which runs in this VSpace. */
static struct utest_env env;
static const struct utest_case *current;

static bool matches(const struct utest_case *c, const char *pattern, size_t len)
{
    char name[64];

    snprintf(name, sizeof(name), "%s.%s", c->group, c->name);
    if (len == 0)
        return true;
    if (pattern[len - 1] == '*')
        return strncmp(name, pattern, len - 1) == 0;
    return strlen(name) == len && strncmp(name, pattern, len) == 0;
}

static int case_main(void *arg)
{
    current->fn(arg);
    return 0;
}

/* Reports a runner-side problem with the case; returns false. */
static bool problem(const char *what, int err)
{
    const char *name = ut_error_name(err);

    printf("# runner: %s: %s (%d)\n", what, name ? name : "?", err);
    return false;
}

static bool start_case(unsigned index, uint32_t *task)
{
    uint32_t mem = run.first_case_slot, t = run.first_case_slot + 1;
    struct hl_task_config config = {
        .cspace = HL_ROOT_SLOT_CSPACE,
        .vspace = HL_ROOT_SLOT_VSPACE,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };
    struct hl_regs regs;
    int err;

    /* Memory first: the pool's base is aligned, so it sits at offset 0. */
    if ((err = hl_memory_retype(run.pool, HL_CAP_MEMORY, UT_MEMORY_BITS, HL_ROOT_SLOT_CSPACE, mem,
                                1)))
        return problem("retype the case's memory", err);
    if ((err = hl_memory_retype(run.pool, HL_CAP_TASK, 0, HL_ROOT_SLOT_CSPACE, t, 1)))
        return problem("retype the case's task", err);
    memset(&env, 0, sizeof(env));
    env.bi = run.bi;
    env.memory = mem;
    env.memory_size = 1ull << UT_MEMORY_BITS;
    env.cspace = HL_ROOT_SLOT_CSPACE;
    env.vspace = HL_ROOT_SLOT_VSPACE;
    env.task = t;
    env.alloc = (struct hl_alloc){
        .cspace = HL_ROOT_SLOT_CSPACE,
        .memory = mem,
        .next = t + 1,
        .end = 1u << run.bi->cspace_bits,
    };
    env.vaddr_next = WINDOW_BASE + ((uint64_t)index << WINDOW_BITS);
    env.vaddr_end = env.vaddr_next + (1ull << WINDOW_BITS);

    hl_thread_regs(&regs, case_main, &env, STACK_VADDR + (STACK_PAGES << HL_PAGE_BITS));
    if ((err = hl_task_configure(t, &config)))
        return problem("configure the case's task", err);
    if ((err = hl_task_set_priority(t, UT_PRIORITY, UT_MCP)))
        return problem("set the case's priority", err);
    if ((err = hl_task_set_name(t, current->group, strnlen(current->group, HL_TASK_NAME_MAX - 1))))
        return problem("name the case's task", err);
    if ((err = hl_task_write_regs(t, &regs)))
        return problem("set the case's registers", err);
    if ((err = hl_task_resume(t)))
        return problem("resume the case's task", err);
    *task = t;
    return true;
}

/* Waits for the case task to exit; false if it faulted or hung. */
static bool wait_case(uint32_t task)
{
    uint64_t deadline = hl_ticks() + CASE_TIMEOUT_SECONDS * run.bi->tick_hz;
    struct hl_task_info info;
    int err;

    for (;;) {
        if ((err = hl_task_info(task, &info, NULL)))
            return problem("task info of the case's task", err);
        if (info.state == HL_TASK_EXITED || info.state == HL_TASK_FAULTED)
            break;
        if (hl_ticks() > deadline) {
            hl_task_suspend(task);
            printf("# runner: timed out after %d s\n", CASE_TIMEOUT_SECONDS);
            return false;
        }
        hl_yield();
    }
    if (info.state == HL_TASK_FAULTED) {
        struct hl_regs regs = {0};
        hl_task_read_regs(task, &regs);
        printf("# runner: the case's task faulted: vector %lu, address %#lx, rip %#lx\n",
               (unsigned long)info.fault_vector, (unsigned long)info.fault_addr,
               (unsigned long)regs.rip);
        return false;
    }
    /* A fatal check exits with 1 and has printed why already. */
    return info.exit_code == 0;
}

static bool memory_whole(uint32_t mem, uint64_t size, const char *what)
{
    struct hl_memory_info info = {0};
    int err = hl_memory_info(mem, &info);

    if (err)
        return problem(what, err);
    if (info.free != size) {
        printf("# runner: %s: %#lx bytes free after revoke, expected %#lx\n", what,
               (unsigned long)info.free, (unsigned long)size);
        return false;
    }
    return true;
}

/* Takes back everything the case made; false if the kernel did not. */
static bool end_case(void)
{
    uint32_t end = env.alloc.next < env.alloc.end ? env.alloc.next : env.alloc.end;
    bool ok = true;
    int err;

    for (uint32_t i = 0; i < env.nchildren && i < UT_MAX_CHILDREN; i++)
        hl_task_suspend(env.children[i]);
    if ((err = hl_cspace_revoke(HL_ROOT_SLOT_CSPACE, env.memory)))
        ok = problem("revoke the case's memory", err);
    ok = memory_whole(env.memory, env.memory_size, "the case's memory") && ok;
    if ((err = hl_cspace_revoke(HL_ROOT_SLOT_CSPACE, run.pool)))
        ok = problem("revoke the pool", err);
    ok = memory_whole(run.pool, 1ull << POOL_BITS, "the pool") && ok;
    /* Copies of caps not made from the pool (the root task's own) stay. */
    for (uint32_t s = run.first_case_slot; s < end; s++) {
        unsigned type = HL_CAP_NULL;
        if (hl_cspace_identify(HL_ROOT_SLOT_CSPACE, s, NULL, &type) == E_OK && type != HL_CAP_NULL)
            hl_cspace_delete(HL_ROOT_SLOT_CSPACE, s);
    }
    return ok;
}

static bool run_case(unsigned index)
{
    unsigned failures = ut_failure_count();
    uint32_t task = 0;
    bool ok = start_case(index, &task) && wait_case(task);

    ok = end_case() && ok;
    return ok && ut_failure_count() == failures;
}

/* Splits the largest RAM region into the pool and the runner's memory,
 * maps the case stack and gets the port that leaves QEMU. */
static bool setup(const struct hl_bootinfo *bi)
{
    int ram = hl_bootinfo_largest_ram(bi);
    uint32_t first;
    int err;

    run.bi = bi;
    if (ram < 0)
        return problem("no RAM region in the boot info", E_NOMEM);
    run.alloc = (struct hl_alloc){
        .cspace = HL_ROOT_SLOT_CSPACE,
        .memory = bi->memory[ram].slot,
        .next = bi->first_free_slot,
        .end = bi->first_free_slot + RUNNER_SLOTS,
    };
    run.first_case_slot = run.alloc.end;
    if ((err = hl_alloc_objects(&run.alloc, HL_CAP_MEMORY, POOL_BITS, 1, &run.pool)) ||
        (err = hl_alloc_objects(&run.alloc, HL_CAP_MEMORY, RUNNER_MEMORY_BITS, 1, &first)))
        return problem("split the largest RAM region", err);
    run.alloc.memory = first;
    if ((err = hl_alloc_map_new_pages(&run.alloc, HL_ROOT_SLOT_VSPACE, STACK_VADDR, STACK_PAGES,
                                      HL_RIGHT_READ | HL_RIGHT_WRITE)))
        return problem("map the case stack", err);
    if ((err = hl_alloc_slots(&run.alloc, 1, &run.exit_port)) ||
        (err = hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, DEBUG_EXIT_PORT, 1, HL_ROOT_SLOT_CSPACE,
                                  run.exit_port)))
        return problem("get the isa-debug-exit port", err);
    return true;
}

int vulcan_main(const struct hl_bootinfo *bi, const char *pattern, size_t len)
{
    const struct utest_case *c;
    unsigned total = 0, passed = 0, failed = 0;
    int err;

    if (!setup(bi))
        return 1;
    for (c = __start_utest_cases; c < __stop_utest_cases; c++)
        total += matches(c, pattern, len);
    printf("1..%u\n", total);
    for (c = __start_utest_cases; c < __stop_utest_cases; c++) {
        if (!matches(c, pattern, len))
            continue;
        current = c;
        bool ok = passed + failed < MAX_CASES
                      ? run_case(passed + failed)
                      : problem("no virtual address window left for the case", E_RANGE);
        printf("%s %u - %s.%s\n", ok ? "ok" : "not ok", passed + failed + 1, c->group, c->name);
        ok ? passed++ : failed++;
    }
    printf("%u passed, %u failed\n", passed, failed);
    err = hl_ioport_out(run.exit_port, DEBUG_EXIT_PORT, 1,
                        failed == 0 && total > 0 ? DEBUG_EXIT_PASS : DEBUG_EXIT_FAIL);
    printf("root: could not leave QEMU through port %#x: %d\n", DEBUG_EXIT_PORT, err);
    return 1;
}
