/*
 * A small test framework for kernel tests run from user space.
 *
 * UTEST(group, name) { ... } defines a case; the linker gathers all cases
 * in the section utest_cases (userland/user.ld), so there is no list to
 * keep. Each case runs in a task of its own (priority UT_PRIORITY, maximum
 * controlled priority UT_MCP) that shares the root task's CSpace and
 * VSpace, with a fresh Memory capability of its own (env->memory) and the
 * CSpace slots from env->alloc. After the case the runner revokes that
 * memory, which destroys every object the case made, and deletes whatever
 * else the case left in its slots, so cases cannot see each other's
 * objects.
 *
 * Checks print `# file:line: expression, expected X, got Y` on failure.
 * UT_CHECK_* go on; UT_REQUIRE_* end the case (the task exits).
 */
#ifndef VULCAN_VULCAN_H
#define VULCAN_VULCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <helios/bootinfo.h>
#include <helios/ipc.h>
#include <hl/alloc.h>
#include <hl/thread.h>

#define UT_PRIORITY 100 /* the root task's: the runner and the case share the CPU */
#define UT_MCP 200
#define UT_MEMORY_BITS 22 /* each case gets 4 MiB */
#define UT_MAX_CHILDREN 16

struct utest_env {
    const struct hl_bootinfo *bi;
    uint32_t memory; /* the case's Memory capability */
    uint64_t memory_size;
    uint32_t cspace;       /* the shared CSpace (the root task's) */
    uint32_t vspace;       /* the shared VSpace */
    uint32_t task;         /* the case's own task */
    struct hl_alloc alloc; /* slots and objects for the case, from memory */
    uint64_t vaddr_next;   /* the case's window of free virtual addresses */
    uint64_t vaddr_end;
    uint32_t children[UT_MAX_CHILDREN]; /* suspended when the case ends */
    uint32_t nchildren;
};

struct utest_case {
    const char *group;
    const char *name;
    void (*fn)(struct utest_env *env);
};

#define UTEST(group, name)                                                                         \
    static void utest_##group##_##name(struct utest_env *env __attribute__((unused)));             \
    static const struct utest_case utest_case_##group##_##name                                     \
        __attribute__((used, section("utest_cases"), aligned(8))) = {#group, #name,                \
                                                                     utest_##group##_##name};      \
    static void utest_##group##_##name(struct utest_env *env __attribute__((unused)))

/* A case of a sub-group, named "group.sub.name" (cspace.inspect.list). */
#define UTEST_SUB(group, sub, name)                                                                \
    static void utest_##group##_##sub##_##name(struct utest_env *env __attribute__((unused)));     \
    static const struct utest_case utest_case_##group##_##sub##_##name                             \
        __attribute__((used, section("utest_cases"), aligned(8))) = {                              \
            #group "." #sub, #name, utest_##group##_##sub##_##name};                               \
    static void utest_##group##_##sub##_##name(struct utest_env *env __attribute__((unused)))

/* ---- checks -------------------------------------------------------------- */

enum ut_show { UT_SHOW_NUMBER, UT_SHOW_ERROR };

/* Returns whether the check passed; on failure prints it and, when fatal,
 * ends the case. */
bool ut_check(const char *file, int line, const char *expr, int64_t got, int64_t expected,
              enum ut_show show, bool fatal);
/* Fails the case with a message (printf format). */
void ut_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define UT_CHECK_EQ(expr, expected)                                                                \
    ut_check(__FILE__, __LINE__, #expr, (int64_t)(expr), (int64_t)(expected), UT_SHOW_NUMBER, false)
#define UT_REQUIRE_EQ(expr, expected)                                                              \
    ut_check(__FILE__, __LINE__, #expr, (int64_t)(expr), (int64_t)(expected), UT_SHOW_NUMBER, true)
#define UT_CHECK_ERR(expr, expected)                                                               \
    ut_check(__FILE__, __LINE__, #expr, (int64_t)(expr), (int64_t)(expected), UT_SHOW_ERROR, false)
#define UT_REQUIRE_ERR(expr, expected)                                                             \
    ut_check(__FILE__, __LINE__, #expr, (int64_t)(expr), (int64_t)(expected), UT_SHOW_ERROR, true)
#define UT_CHECK_OK(expr) UT_CHECK_ERR(expr, 0)
#define UT_REQUIRE_OK(expr) UT_REQUIRE_ERR(expr, 0)
#define UT_CHECK(cond) UT_CHECK_EQ(!!(cond), 1)
#define UT_REQUIRE(cond) UT_REQUIRE_EQ(!!(cond), 1)
#define UT_FAIL(...) ut_fail(__FILE__, __LINE__, __VA_ARGS__)

/* Name of an E_* code ("E_SLOT_EMPTY"), or NULL. */
const char *ut_error_name(int64_t err);

/* ---- the case's resources (utest_env.c); all end the case on failure ----- */

/* A free slot of the shared CSpace. */
uint32_t ut_slot(struct utest_env *env);
/* count consecutive free slots. */
uint32_t ut_slots(struct utest_env *env, uint32_t count);
/* A new object from env->memory. */
uint32_t ut_object(struct utest_env *env, unsigned type, unsigned size_bits);
/* A Memory capability of 2^bits bytes carved from env->memory. */
uint32_t ut_memory(struct utest_env *env, unsigned bits);
/* bytes of unused virtual address space from the case's window, with an
 * unmapped guard page after them; page-aligned (2 MiB-aligned when
 * align_2m). */
uint64_t ut_vaddr(struct utest_env *env, uint64_t bytes, bool align_2m);
/* npages fresh pages mapped read-write in the shared VSpace; returns the
 * address. */
void *ut_map_pages(struct utest_env *env, uint32_t npages);
/* Maps page at vaddr in the shared VSpace, making tables as needed. */
int ut_map(struct utest_env *env, uint32_t page, uint64_t vaddr, unsigned rights);
/* A task running fn(arg) in the shared VSpace and CSpace, resumed at
 * priority prio (resume false: left INACTIVE). Suspended when the case
 * ends. */
uint32_t ut_spawn(struct utest_env *env, hl_thread_fn fn, void *arg, unsigned prio, bool resume);
/* Reconfigures task (shared CSpace and VSpace) with a fresh IPC buffer
 * mapped in the shared VSpace and fault endpoint fault_ep (a cptr of the
 * shared CSpace, or HL_CPTR_NONE); returns the buffer. */
struct hl_ipc_buffer *ut_ipc_setup(struct utest_env *env, uint32_t task, uint32_t fault_ep);

/* The free bytes of a Memory capability (fatal if it cannot be asked). */
uint64_t ut_free(uint32_t memory);
/* Whether slot of the shared CSpace holds no capability. */
bool ut_slot_empty(struct utest_env *env, uint32_t slot);
/* The type of the capability in slot (HL_CAP_NULL if empty). */
unsigned ut_cap_type(struct utest_env *env, uint32_t slot);
/* The state of a task (fatal if it cannot be asked). */
unsigned ut_task_state(uint32_t task);
/* Yields until the task's state is `state` or `ticks` timer ticks pass;
 * returns the last state seen. */
unsigned ut_wait_state(uint32_t task, unsigned state, uint64_t ticks);
/* Yields until `ticks` timer ticks have passed. */
void ut_sleep(uint64_t ticks);

#endif
