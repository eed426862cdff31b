/*
 * Helper tasks for the benchmarks: threads in the root task's VSpace, and
 * a second VSpace that maps the same program so that a thread there runs
 * the same code behind a different page-table root (the cross-VSpace IPC
 * figure pays for the CR3 switch and nothing else).
 */
#include <helios/errors.h>
#include <hl/invoke.h>
#include "bench.h"

#define STACK_PAGES 4
#define STACK_STRIDE 0x100000ull /* 1 MiB apart: an unmapped gap below each */

static uint64_t take_stack(struct bench *b)
{
    uint64_t v = b->next_stack;

    b->next_stack += STACK_STRIDE;
    return v;
}

static int start(uint32_t task)
{
    int err = hl_task_set_priority(task, BENCH_PRIORITY, BENCH_PRIORITY);

    return err ? err : hl_task_resume(task);
}

int bench_spawn(struct bench *b, uint32_t vspace, hl_thread_fn fn, void *arg, uint32_t *task)
{
    int err = hl_thread_create(&b->alloc, vspace, take_stack(b), STACK_PAGES, fn, arg, task);

    return err ? err : start(*task);
}

int bench_spawn_faulting(struct bench *b, hl_thread_fn fn, void *arg, uint32_t fault_ep,
                         uint32_t *task)
{
    struct hl_task_config config = {
        .cspace = b->alloc.cspace,
        .vspace = HL_ROOT_SLOT_VSPACE,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = fault_ep,
    };
    int err =
        hl_thread_create(&b->alloc, HL_ROOT_SLOT_VSPACE, take_stack(b), STACK_PAGES, fn, arg, task);

    if (err || (err = hl_task_configure(*task, &config)))
        return err;
    return start(*task);
}

/* The kernel built the root task's image and stack mappings itself and
 * handed over their Page capabilities (boot slots); a copy of a Page
 * capability starts unmapped and can be mapped once more. */
int bench_clone_vspace(struct bench *b, uint32_t *vspace)
{
    const struct hl_bootinfo *bi = b->bi;
    uint32_t vs, copy;
    int err;

    if ((err = hl_alloc_objects(&b->alloc, HL_CAP_VSPACE, 0, 1, &vs)))
        return err;
    for (uint32_t s = bi->first_boot_slot; s < bi->first_boot_slot + bi->boot_slot_count; s++) {
        struct hl_page_info info;
        unsigned type;
        if ((err = hl_cspace_identify(b->alloc.cspace, s, NULL, &type)))
            return err;
        if (type != HL_CAP_PAGE)
            continue;
        if ((err = hl_page_info(s, &info)))
            return err;
        if (!info.mapped)
            continue;
        if ((err = hl_alloc_slots(&b->alloc, 1, &copy)) ||
            (err = hl_cspace_copy(b->alloc.cspace, copy, b->alloc.cspace, s)) ||
            (err = hl_alloc_map_page(&b->alloc, vs, info.vaddr, copy,
                                     HL_RIGHT_READ | HL_RIGHT_WRITE | HL_RIGHT_EXEC)))
            return err;
    }
    *vspace = vs;
    return E_OK;
}
