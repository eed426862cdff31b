/*
 * Vulcan: a small framework for kernel tests run from user space.
 *
 * UTEST(group, name) { ... } defines a case; the linker gathers all cases
 * in the section utest_cases (userland/user.ld), so there is no list to
 * keep. Each case runs in a task of its own (priority UT_PRIORITY, maximum
 * controlled priority UT_MCP) with a fresh Memory capability of its own
 * (env->memory, UT_MEMORY_BITS) and, unless it is declared with
 * UTEST_SHARED, its own CSpace and VSpace:
 *
 * - the CSpace has as many slots as the root task's (bi->cspace_bits) and
 *   holds only the UT_SLOT_* capabilities below, the pages of the case's
 *   program image from UT_SLOT_IMAGE on, and free slots (env->alloc);
 * - the VSpace holds a private copy of the program image at its link
 *   addresses (text R-X, rodata R--, data and bss RW- with the program's
 *   initial values), the boot info page read-only at HL_BOOTINFO_VADDR, the
 *   case's stack and the runner's report page; everything else is the
 *   case's to map (ut_vaddr's window).
 *
 * So a wild write, a deleted slot or a leaked capability stays inside the
 * case. After the case the runner revokes what it carved the case from,
 * which destroys every object the case made; its Memory capability must be
 * whole again.
 *
 * A UTEST_SHARED case runs in the root task's CSpace and VSpace: it is for
 * the few cases that check the root task's own boot state or need the
 * root task's Memory capabilities (which cannot be copied). The runner
 * deletes whatever such a case left in the root task's slots.
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

/* An isolated case's CSpace. Slots 1-6 hold the same kinds of capability
 * as the root task's (HL_ROOT_SLOT_*), so a case may use either name. */
#define UT_SLOT_TASK 1       /* the case's own task, all rights */
#define UT_SLOT_CSPACE 2     /* this CSpace, all rights */
#define UT_SLOT_VSPACE 3     /* the case's VSpace, all rights */
#define UT_SLOT_IOCONTROL 4  /* the root task's, minted with no rights (issuing checks none) */
#define UT_SLOT_IRQCONTROL 5 /* likewise (io.*, irq.*, pci.* need them) */
#define UT_SLOT_BOOTINFO 6   /* the boot info page, READ only (mapped at HL_BOOTINFO_VADDR) */
#define UT_SLOT_MEMORY 7     /* env->memory */
#define UT_SLOT_IMAGE 16     /* env->image_count Pages: the case's own program image */

_Static_assert(UT_SLOT_TASK == HL_ROOT_SLOT_TASK && UT_SLOT_CSPACE == HL_ROOT_SLOT_CSPACE &&
                   UT_SLOT_VSPACE == HL_ROOT_SLOT_VSPACE &&
                   UT_SLOT_IOCONTROL == HL_ROOT_SLOT_IOCONTROL &&
                   UT_SLOT_IRQCONTROL == HL_ROOT_SLOT_IRQCONTROL &&
                   UT_SLOT_BOOTINFO == HL_ROOT_SLOT_BOOTINFO_PAGE,
               "an isolated case's slots 1-6 mirror the root task's");

struct utest_env {
    const struct hl_bootinfo *bi;
    uint32_t memory; /* the case's Memory capability */
    uint64_t memory_size;
    uint32_t cspace;       /* the case's CSpace (the root task's for a shared case) */
    uint32_t vspace;       /* the case's VSpace (likewise) */
    uint32_t task;         /* the case's own task */
    bool isolated;         /* false for a UTEST_SHARED case */
    uint32_t image_first;  /* isolated: the image's Pages (text, rodata, data+bss), */
    uint32_t image_count;  /* in address order from image_vaddr; each can be */
    uint64_t image_vaddr;  /* copied and mapped into another VSpace */
    struct hl_alloc alloc; /* slots and objects for the case, from memory */
    uint64_t vaddr_next;   /* the case's window of free virtual addresses */
    uint64_t vaddr_end;
    uint32_t children[UT_MAX_CHILDREN]; /* suspended when a shared case ends */
    uint32_t nchildren;
};

enum utest_flags {
    UT_SHARED = 1 << 0, /* runs in the root task's CSpace and VSpace */
    UT_XFAIL = 1 << 1,  /* must fail (the runner's self-tests): reported ok if it does */
};

struct utest_case {
    const char *group;
    const char *name;
    void (*fn)(struct utest_env *env);
    unsigned flags; /* enum utest_flags */
};

#define UTEST_DEFINE_(id, group_str, name_str, flags)                                              \
    static void id(struct utest_env *env __attribute__((unused)));                                 \
    static const struct utest_case id##_case                                                       \
        __attribute__((used, section("utest_cases"), aligned(8))) = {group_str, name_str, id,      \
                                                                     flags};                       \
    static void id(struct utest_env *env __attribute__((unused)))

#define UTEST(group, name) UTEST_DEFINE_(utest_##group##_##name, #group, #name, 0)
/* A case of a sub-group, named "group.sub.name" (cspace.inspect.list). */
#define UTEST_SUB(group, sub, name)                                                                \
    UTEST_DEFINE_(utest_##group##_##sub##_##name, #group "." #sub, #name, 0)
/* A case in the root task's CSpace and VSpace (see the top of this file). */
#define UTEST_SHARED(group, name) UTEST_DEFINE_(utest_##group##_##name, #group, #name, UT_SHARED)
#define UTEST_SUB_SHARED(group, sub, name)                                                         \
    UTEST_DEFINE_(utest_##group##_##sub##_##name, #group "." #sub, #name, UT_SHARED)
/* A case that must fail: it passes when the runner reports its failure. */
#define UTEST_XFAIL(group, name) UTEST_DEFINE_(utest_##group##_##name, #group, #name, UT_XFAIL)

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

/* ---- the case's resources (runner/env.c); all end the case on failure ---- */

/* A free slot of the case's CSpace. */
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
/* npages fresh pages mapped read-write in the case's VSpace; returns the
 * address. */
void *ut_map_pages(struct utest_env *env, uint32_t npages);
/* Maps page at vaddr in the case's VSpace, making tables as needed. */
int ut_map(struct utest_env *env, uint32_t page, uint64_t vaddr, unsigned rights);
/* A task running fn(arg) in the case's VSpace and CSpace, resumed at
 * priority prio (resume false: left INACTIVE). Gone when the case ends. */
uint32_t ut_spawn(struct utest_env *env, hl_thread_fn fn, void *arg, unsigned prio, bool resume);
/* Reconfigures task (the case's CSpace and VSpace) with a fresh IPC buffer
 * mapped in the case's VSpace and fault endpoint fault_ep (a cptr of the
 * case's CSpace, or HL_CPTR_NONE); returns the buffer. */
struct hl_ipc_buffer *ut_ipc_setup(struct utest_env *env, uint32_t task, uint32_t fault_ep);

/* The free bytes of a Memory capability (fatal if it cannot be asked). */
uint64_t ut_free(uint32_t memory);
/* Whether slot of the case's CSpace holds no capability. */
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
