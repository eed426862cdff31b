/*
 * The test runner. It splits the largest RAM region's Memory capability
 * into the runner's own memory (the shared case stack, the report page and
 * their tables) and a pool. Each case gets a fresh Memory capability and
 * Task from the pool and, unless it is UTEST_SHARED, its own CSpace and
 * VSpace (space.c); it runs in that task, and the pool is revoked
 * afterwards, which must leave both the case's memory and the pool exactly
 * as free as before. Results are TAP (`ok N - group.case`), then
 * `N passed, N failed`, then QEMU is left through isa-debug-exit (port
 * 0xf4) with 0x10 (all passed) or 0x11.
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
#define SPACE_SLOTS 512 /* root slots for an isolated case's making */
#define POOL_BITS 23    /* the case's memory and everything around it */
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
    uint32_t report_page;
    uint32_t first_space_slot; /* SPACE_SLOTS slots for space.c */
    uint32_t first_case_slot;  /* a shared case's slots, from here to the end */
} run;

/* The case's environment: a shared case reads it here, an isolated one
 * its copy in its own VSpace (taken after it is filled in). */
static struct utest_env env;
static const struct utest_case *current;
/* What the runner made for the current case. */
static struct ut_space space;

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

/* A shared case: its Memory and Task from the pool, in the root task's
 * CSpace and VSpace. */
static bool make_shared(void)
{
    uint32_t mem = run.first_case_slot, t = run.first_case_slot + 1;
    struct hl_task_config config = {
        .cspace = HL_ROOT_SLOT_CSPACE,
        .vspace = HL_ROOT_SLOT_VSPACE,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };
    int err;

    /* Memory first: the pool's base is aligned, so it sits at offset 0. */
    if ((err = hl_memory_retype(run.pool, HL_CAP_MEMORY, UT_MEMORY_BITS, HL_ROOT_SLOT_CSPACE, mem,
                                1)))
        return problem("retype the case's memory", err);
    if ((err = hl_memory_retype(run.pool, HL_CAP_TASK, 0, HL_ROOT_SLOT_CSPACE, t, 1)))
        return problem("retype the case's task", err);
    env.memory = mem;
    env.cspace = HL_ROOT_SLOT_CSPACE;
    env.vspace = HL_ROOT_SLOT_VSPACE;
    env.task = t;
    env.alloc = (struct hl_alloc){
        .cspace = HL_ROOT_SLOT_CSPACE,
        .memory = mem,
        .next = t + 1,
        .end = 1u << run.bi->cspace_bits,
    };
    space = (struct ut_space){.task = t, .memory_home = mem};
    if ((err = hl_task_configure(t, &config)))
        return problem("configure the case's task", err);
    return true;
}

static bool make_isolated(void)
{
    const struct ut_space_src src = {
        .bi = run.bi,
        .pool = run.pool,
        .report_page = run.report_page,
        .first_slot = run.first_space_slot,
        .nslots = SPACE_SLOTS,
    };
    const char *what = "?";
    int err = ut_space_build(&src, &env, &space, &what);

    return err ? problem(what, err) : true;
}

static bool start_case(unsigned index)
{
    struct hl_regs regs;
    int err;

    memset(&env, 0, sizeof(env));
    memset(&space, 0, sizeof(space));
    env.bi = run.bi;
    env.memory_size = 1ull << UT_MEMORY_BITS;
    env.vaddr_next = WINDOW_BASE + ((uint64_t)index << WINDOW_BITS);
    env.vaddr_end = env.vaddr_next + (1ull << WINDOW_BITS);
    if (!(current->flags & UT_SHARED ? make_shared() : make_isolated()))
        return false;

    hl_thread_regs(&regs, case_main, &env, UT_STACK_VADDR + (UT_STACK_PAGES << HL_PAGE_BITS));
    if ((err = hl_task_set_priority(space.task, UT_PRIORITY, UT_MCP)))
        return problem("set the case's priority", err);
    if ((err = hl_task_set_name(space.task, current->group,
                                strnlen(current->group, HL_TASK_NAME_MAX - 1))))
        return problem("name the case's task", err);
    if ((err = hl_task_write_regs(space.task, &regs)))
        return problem("set the case's registers", err);
    if ((err = hl_task_resume(space.task)))
        return problem("resume the case's task", err);
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

/* The runner's own queries: no fatal checks here, they would end the
 * runner. */
static unsigned task_state(uint32_t task)
{
    unsigned state = HL_TASK_EXITED;

    hl_task_info(task, NULL, &state);
    return state;
}

static unsigned slot_type(uint32_t slot)
{
    unsigned type = HL_CAP_NULL;

    hl_cspace_identify(HL_ROOT_SLOT_CSPACE, slot, NULL, &type);
    return type;
}

/* Deletes what is left in root slots [first, end): copies of the root
 * task's own capabilities, which revoking the pool does not reach. */
static void clear_slots(uint32_t first, uint32_t end)
{
    for (uint32_t s = first; s < end; s++) {
        unsigned type = HL_CAP_NULL;
        if (hl_cspace_identify(HL_ROOT_SLOT_CSPACE, s, NULL, &type) == E_OK && type != HL_CAP_NULL)
            hl_cspace_delete(HL_ROOT_SLOT_CSPACE, s);
    }
}

/* Takes back everything the case made. *case_ok goes false if the case's
 * memory is not whole again (or, isolated, the case lost it); returns
 * false if the runner's own state is not (the pool not whole). */
static bool end_case(bool *case_ok)
{
    bool ok = true;
    int err;

    if (space.task && task_state(space.task) != HL_TASK_EXITED)
        hl_task_suspend(space.task);
    if (current->flags & UT_SHARED) {
        for (uint32_t i = 0; i < env.nchildren && i < UT_MAX_CHILDREN; i++)
            hl_task_suspend(env.children[i]);
    } else if (space.cspace && (err = ut_space_memory_home(&space))) {
        *case_ok = problem("take back the case's Memory capability from its slot", err);
    }
    if (space.memory_home && slot_type(space.memory_home) == HL_CAP_MEMORY) {
        if ((err = hl_cspace_revoke(HL_ROOT_SLOT_CSPACE, space.memory_home)))
            *case_ok = problem("revoke the case's memory", err);
        *case_ok =
            memory_whole(space.memory_home, env.memory_size, "the case's memory") && *case_ok;
    }
    if ((err = hl_cspace_revoke(HL_ROOT_SLOT_CSPACE, run.pool)))
        ok = problem("revoke the pool", err);
    ok = memory_whole(run.pool, 1ull << POOL_BITS, "the pool") && ok;
    clear_slots(run.first_space_slot, space.slot_end);
    /* A shared case's copies of the root task's capabilities. */
    if (current->flags & UT_SHARED)
        clear_slots(run.first_case_slot,
                    env.alloc.next < env.alloc.end ? env.alloc.next : env.alloc.end);
    return ok;
}

/* Whether the case passed; an expected failure (UT_XFAIL) passes when the
 * case failed, but never when the runner could not start it or take
 * everything back. */
static bool run_case(unsigned index)
{
    unsigned failures = ut_failure_count();
    bool started = start_case(index);
    bool case_ok = started && wait_case(space.task);
    bool runner_ok = end_case(&case_ok) && started;

    case_ok = case_ok && ut_failure_count() == failures;
    if (!(current->flags & UT_XFAIL))
        return runner_ok && case_ok;
    printf("# runner: %s\n",
           case_ok ? "expected this case to fail; it passed" : "the case failed, as it must");
    return runner_ok && !case_ok;
}

/* Splits the largest RAM region into the pool and the runner's memory,
 * maps the shared case stack and the report page and gets the port that
 * leaves QEMU. */
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
    run.first_space_slot = run.alloc.end;
    run.first_case_slot = run.first_space_slot + SPACE_SLOTS;
    if (run.first_case_slot + RUNNER_SLOTS > 1u << bi->cspace_bits)
        return problem("the root task's CSpace is too small for the runner", E_RANGE);
    if ((err = hl_alloc_objects(&run.alloc, HL_CAP_MEMORY, POOL_BITS, 1, &run.pool)) ||
        (err = hl_alloc_objects(&run.alloc, HL_CAP_MEMORY, RUNNER_MEMORY_BITS, 1, &first)))
        return problem("split the largest RAM region", err);
    run.alloc.memory = first;
    if ((err = hl_alloc_map_new_pages(&run.alloc, HL_ROOT_SLOT_VSPACE, UT_STACK_VADDR,
                                      UT_STACK_PAGES, HL_RIGHT_READ | HL_RIGHT_WRITE)))
        return problem("map the case stack", err);
    if ((err = hl_alloc_objects(&run.alloc, HL_CAP_PAGE, HL_PAGE_BITS, 1, &run.report_page)) ||
        (err = hl_alloc_map_page(&run.alloc, HL_ROOT_SLOT_VSPACE, UT_REPORT_VADDR, run.report_page,
                                 HL_RIGHT_READ | HL_RIGHT_WRITE)))
        return problem("map the report page", err);
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
