/*
 * Rights and argument checks the per-object files do not reach: a
 * destination CSpace without WRITE for the control capabilities, Task
 * invocations without WRITE, mint's slot and badge rules, move from
 * something that is not a CSpace, remap without READ, a device page as IPC
 * buffer, a bad port width. Each failure must leave things as they were.
 */
#include <stddef.h>
#include <helios/caps.h>
#include <helios/errors.h>
#include <helios/invocations.h>
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

/* A copy of the case's CSpace capability without WRITE. */
static uint32_t readonly_cspace(struct utest_env *env)
{
    uint32_t ro = ut_slot(env);

    UT_CHECK_ERR(hl_cspace_mint(env->cspace, ro, env->cspace, env->cspace,
                                HL_RIGHTS_ALL & ~HL_RIGHT_WRITE, 0),
                 E_OK);
    return ro;
}

UTEST(io, issue_needs_a_writable_destination)
{
    uint32_t ro = readonly_cspace(env), dest = ut_slot(env);

    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x80, 1, ro, dest), E_NO_RIGHTS);
    UT_CHECK_EQ(ut_slot_empty(env, dest), true);
    /* and the port is still free for a proper issue */
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x80, 1, env->cspace, dest), E_OK);
    UT_CHECK_ERR(hl_ioport_out(dest, 0x80, 3, 0), E_INVALID_ARG);
    UT_CHECK_ERR(hl_ioport_out(dest, 0x80, 8, 0), E_INVALID_ARG);
    UT_CHECK_ERR(hl_ioport_out(dest, 0x80, 1, 0x42), E_OK);
    UT_CHECK_ERR(hl_cspace_delete(env->cspace, dest), E_OK);
}

UTEST(irq, get_needs_a_writable_destination)
{
    uint32_t ro = readonly_cspace(env), dest = ut_slot(env);

    UT_CHECK_ERR(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, 5, ro, dest), E_NO_RIGHTS);
    UT_CHECK_EQ(ut_slot_empty(env, dest), true);
    UT_CHECK_ERR(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, 5, env->cspace, dest), E_OK);
    UT_CHECK_ERR(hl_cspace_delete(env->cspace, dest), E_OK);
}

UTEST(task, configure_and_name_need_write)
{
    uint32_t task = ut_object(env, HL_CAP_TASK, 0), ro = ut_slot(env);
    struct hl_task_config cfg = {.cspace = env->cspace,
                                 .vspace = env->vspace,
                                 .ipc_buffer = HL_CPTR_NONE,
                                 .fault_endpoint = HL_CPTR_NONE};
    struct hl_task_info info;

    UT_CHECK_ERR(
        hl_cspace_mint(env->cspace, ro, env->cspace, task, HL_RIGHTS_ALL & ~HL_RIGHT_WRITE, 0),
        E_OK);
    UT_CHECK_ERR(hl_task_configure(ro, &cfg), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_set_name(ro, "renamed", 7), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_resume(task), E_STATE); /* still not configured */
    UT_CHECK_ERR(hl_task_info(task, &info, NULL), E_OK);
    UT_CHECK_EQ(info.name[0] == 'r', false);
}

/* The kernel writes messages into the IPC buffer: MMIO will not do.
 * Shared: it retypes the root task's device Memory (no copy, no split). */
UTEST_SHARED(task, configure_refuses_a_device_ipc_buffer)
{
    const struct hl_bootinfo *bi = env->bi;
    uint32_t task = ut_object(env, HL_CAP_TASK, 0), page = ut_slot(env);
    int dev = -1;

    for (uint32_t i = 0; i < bi->nmemory && dev < 0; i++) {
        if (bi->memory[i].device)
            dev = (int)i;
    }
    if (dev < 0) {
        ut_fail(__FILE__, __LINE__, "no device memory in the boot info");
        return;
    }
    UT_CHECK_ERR(hl_memory_retype(bi->memory[dev].slot, HL_CAP_PAGE, 12, env->cspace, page, 1),
                 E_OK);
    struct hl_task_config cfg = {.cspace = env->cspace,
                                 .vspace = env->vspace,
                                 .ipc_buffer = page,
                                 .ipc_buffer_vaddr = 0x1000,
                                 .fault_endpoint = HL_CPTR_NONE};
    UT_CHECK_ERR(hl_task_configure(task, &cfg), E_INVALID_ARG);
    UT_CHECK_ERR(hl_task_resume(task), E_STATE); /* configure did nothing */
    UT_CHECK_ERR(hl_cspace_delete(env->cspace, page), E_OK);
}

UTEST(cspace, mint_slot_and_badge_rules)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), task = ut_object(env, HL_CAP_TASK, 0);
    uint32_t badged = ut_slot(env), again = ut_slot(env), taken = ut_object(env, HL_CAP_TASK, 0);

    /* occupied destination */
    UT_CHECK_ERR(hl_cspace_mint(env->cspace, taken, env->cspace, ep, HL_RIGHTS_ALL, 7),
                 E_SLOT_OCCUPIED);
    /* badges only on endpoints and notifications, and only once */
    UT_CHECK_ERR(hl_cspace_mint(env->cspace, badged, env->cspace, task, HL_RIGHTS_ALL, 7),
                 E_INVALID_ARG);
    UT_CHECK_EQ(ut_slot_empty(env, badged), true);
    UT_CHECK_ERR(hl_cspace_mint(env->cspace, badged, env->cspace, ep, HL_RIGHTS_ALL, 7), E_OK);
    UT_CHECK_ERR(hl_cspace_mint(env->cspace, again, env->cspace, badged, HL_RIGHTS_ALL, 9),
                 E_INVALID_ARG);
    UT_CHECK_EQ(ut_slot_empty(env, again), true);
}

UTEST(cspace, move_from_something_not_a_cspace)
{
    uint32_t task = ut_object(env, HL_CAP_TASK, 0), dest = ut_slot(env);

    UT_CHECK_ERR(hl_cspace_move(env->cspace, dest, task, 1), E_WRONG_TYPE);
    UT_CHECK_EQ(ut_slot_empty(env, dest), true);
    UT_CHECK_EQ(ut_slot_empty(env, task), false);
}

UTEST(page, remap_needs_read)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, 12);
    uint64_t va = ut_vaddr(env, 4096, false);

    UT_CHECK_ERR(ut_map(env, page, va, HL_RIGHT_READ | HL_RIGHT_WRITE), E_OK);
    UT_CHECK_ERR(hl_page_remap(page, HL_RIGHT_WRITE), E_INVALID_ARG);
    UT_CHECK_ERR(hl_page_remap(page, HL_RIGHT_READ | 0x100), E_INVALID_ARG);
    *(volatile uint64_t *)(uintptr_t)va = 5; /* still writable: nothing changed */
    UT_CHECK_EQ(*(volatile uint64_t *)(uintptr_t)va, 5);
}
