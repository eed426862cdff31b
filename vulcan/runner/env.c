/*
 * The checks of vulcan.h and the resources a case draws on: slots, objects
 * and virtual addresses, all from the case's own environment so that the
 * runner can take everything back by revoking one Memory capability.
 */
#include <stdarg.h>
#include <stdio.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>
#include "runner_int.h"

/* Bumped by every task of a case (the case task and its children), in
 * whichever VSpace it runs: the page is mapped at the same place in all. */
static struct ut_report *const report = (struct ut_report *)(uintptr_t)UT_REPORT_VADDR;

unsigned ut_failure_count(void)
{
    return __atomic_load_n(&report->failures, __ATOMIC_SEQ_CST);
}

static void count_failure(void)
{
    __atomic_add_fetch(&report->failures, 1, __ATOMIC_SEQ_CST);
}

static const char *const error_names[] = {
    "E_OK",         "E_INVALID_CADDR", "E_WRONG_TYPE",      "E_NO_RIGHTS",     "E_SLOT_OCCUPIED",
    "E_SLOT_EMPTY", "E_NOMEM",         "E_INVALID_ARG",     "E_ALIGN",         "E_RANGE",
    "E_MAPPED",     "E_NOT_MAPPED",    "E_REVOKE_FIRST",    "E_WOULD_BLOCK",   "E_DEAD",
    "E_FAULT",      "E_MISSING_TABLE", "E_INVALID_SYSCALL", "E_INVALID_LABEL", "E_IN_USE",
    "E_STATE",
};
_Static_assert(sizeof(error_names) / sizeof(error_names[0]) == -E_STATE + 1,
               "one name per helios/errors.h code");

const char *ut_error_name(int64_t err)
{
    if (err > 0 || err < E_STATE)
        return NULL;
    return error_names[-err];
}

static void show(char *buf, size_t size, int64_t v, enum ut_show how)
{
    const char *name = how == UT_SHOW_ERROR ? ut_error_name(v) : NULL;

    if (name)
        snprintf(buf, size, "%s", name);
    else if (v > -4096 && v < 4096)
        snprintf(buf, size, "%lld", (long long)v);
    else
        snprintf(buf, size, "%#llx", (unsigned long long)v);
}

bool ut_check(const char *file, int line, const char *expr, int64_t got, int64_t expected,
              enum ut_show how, bool fatal)
{
    char g[32], e[32];

    if (got == expected)
        return true;
    count_failure();
    show(g, sizeof(g), got, how);
    show(e, sizeof(e), expected, how);
    printf("# %s:%d: %s, expected %s, got %s\n", file, line, expr, e, g);
    if (fatal)
        hl_exit(1);
    return false;
}

void ut_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    count_failure();
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    printf("# %s:%d: %s\n", file, line, msg);
}

uint32_t ut_slots(struct utest_env *env, uint32_t count)
{
    uint32_t first = 0;

    UT_REQUIRE_OK(hl_alloc_slots(&env->alloc, count, &first));
    return first;
}

uint32_t ut_slot(struct utest_env *env)
{
    return ut_slots(env, 1);
}

uint32_t ut_object(struct utest_env *env, unsigned type, unsigned size_bits)
{
    uint32_t slot = 0;

    UT_REQUIRE_OK(hl_alloc_objects(&env->alloc, type, size_bits, 1, &slot));
    return slot;
}

uint32_t ut_memory(struct utest_env *env, unsigned bits)
{
    return ut_object(env, HL_CAP_MEMORY, bits);
}

uint64_t ut_vaddr(struct utest_env *env, uint64_t bytes, bool align_2m)
{
    uint64_t align = align_2m ? 1ull << HL_LARGE_PAGE_BITS : 1ull << HL_PAGE_BITS;
    uint64_t v = (env->vaddr_next + align - 1) & ~(align - 1);

    bytes = (bytes + (1ull << HL_PAGE_BITS) - 1) & ~((1ull << HL_PAGE_BITS) - 1);
    UT_REQUIRE(v + bytes + (1ull << HL_PAGE_BITS) <= env->vaddr_end);
    env->vaddr_next = v + bytes + (1ull << HL_PAGE_BITS);
    return v;
}

int ut_map(struct utest_env *env, uint32_t page, uint64_t vaddr, unsigned rights)
{
    return hl_alloc_map_page(&env->alloc, env->vspace, vaddr, page, rights);
}

void *ut_map_pages(struct utest_env *env, uint32_t npages)
{
    uint64_t v = ut_vaddr(env, (uint64_t)npages << HL_PAGE_BITS, false);

    UT_REQUIRE_OK(hl_alloc_map_new_pages(&env->alloc, env->vspace, v, npages,
                                         HL_RIGHT_READ | HL_RIGHT_WRITE));
    return (void *)(uintptr_t)v;
}

#define CHILD_STACK_PAGES 2

uint32_t ut_spawn(struct utest_env *env, hl_thread_fn fn, void *arg, unsigned prio, bool resume)
{
    uint64_t stack = ut_vaddr(env, CHILD_STACK_PAGES << HL_PAGE_BITS, false);
    uint32_t task = 0;

    UT_REQUIRE(env->nchildren < UT_MAX_CHILDREN);
    UT_REQUIRE_OK(
        hl_thread_create(&env->alloc, env->vspace, stack, CHILD_STACK_PAGES, fn, arg, &task));
    UT_REQUIRE_OK(hl_task_set_priority(task, prio, prio));
    env->children[env->nchildren++] = task;
    if (resume)
        UT_REQUIRE_OK(hl_task_resume(task));
    return task;
}

struct hl_ipc_buffer *ut_ipc_setup(struct utest_env *env, uint32_t task, uint32_t fault_ep)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint64_t v = ut_vaddr(env, 1ull << HL_PAGE_BITS, false);
    struct hl_task_config config = {
        .cspace = env->cspace,
        .vspace = env->vspace,
        .ipc_buffer = page,
        .fault_endpoint = fault_ep,
        .ipc_buffer_vaddr = v,
    };

    UT_REQUIRE_OK(ut_map(env, page, v, HL_RIGHT_READ | HL_RIGHT_WRITE));
    UT_REQUIRE_OK(hl_task_configure(task, &config));
    return (struct hl_ipc_buffer *)(uintptr_t)v;
}

uint64_t ut_free(uint32_t memory)
{
    struct hl_memory_info info = {0};

    UT_REQUIRE_OK(hl_memory_info(memory, &info));
    return info.free;
}

unsigned ut_cap_type(struct utest_env *env, uint32_t slot)
{
    unsigned type = HL_CAP_NULL;
    int err = hl_cspace_identify(env->cspace, slot, NULL, &type);

    /* The headers leave open whether an empty slot is E_SLOT_EMPTY or
     * HL_CAP_NULL; both say "empty". */
    if (err == E_SLOT_EMPTY)
        return HL_CAP_NULL;
    UT_REQUIRE_OK(err);
    return type;
}

bool ut_slot_empty(struct utest_env *env, uint32_t slot)
{
    return ut_cap_type(env, slot) == HL_CAP_NULL;
}

unsigned ut_task_state(uint32_t task)
{
    unsigned state = 0;

    UT_REQUIRE_OK(hl_task_info(task, NULL, &state));
    return state;
}

unsigned ut_wait_state(uint32_t task, unsigned state, uint64_t ticks)
{
    uint64_t end = hl_ticks() + ticks;
    unsigned s;

    while ((s = ut_task_state(task)) != state && hl_ticks() < end)
        hl_yield();
    return s;
}

void ut_sleep(uint64_t ticks)
{
    uint64_t end = hl_ticks() + ticks;

    while (hl_ticks() < end)
        hl_yield();
}
