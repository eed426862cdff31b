/* Tasks running C functions in the creator's address space (hl/thread.h). */
#include <string.h>
#include <hl/invoke.h>
#include <hl/thread.h>

#define RFLAGS_IF 0x200     /* interrupts enabled: the task can be preempted */
#define RFLAGS_RESERVED 0x2 /* bit 1 always reads as 1 (SDM 3.4.3) */

void hl_thread_regs(struct hl_regs *regs, hl_thread_fn fn, void *arg, uint64_t stack_top)
{
    memset(regs, 0, sizeof(*regs));
    regs->rip = (uint64_t)(uintptr_t)hl_thread_start;
    regs->rsp = stack_top;
    regs->rdi = (uint64_t)(uintptr_t)arg;
    regs->rsi = (uint64_t)(uintptr_t)fn;
    regs->rflags = RFLAGS_IF | RFLAGS_RESERVED;
}

int hl_thread_create(struct hl_alloc *a, uint32_t vspace, uint64_t stack_vaddr,
                     uint32_t stack_pages, hl_thread_fn fn, void *arg, uint32_t *task)
{
    struct hl_task_config config = {
        .cspace = a->cspace,
        .vspace = vspace,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };
    struct hl_regs regs;
    uint32_t t;
    int err;

    if ((err = hl_alloc_objects(a, HL_CAP_TASK, 0, 1, &t)) ||
        (err = hl_alloc_map_new_pages(a, vspace, stack_vaddr, stack_pages,
                                      HL_RIGHT_READ | HL_RIGHT_WRITE)) ||
        (err = hl_task_configure(t, &config)))
        return err;
    hl_thread_regs(&regs, fn, arg, stack_vaddr + ((uint64_t)stack_pages << HL_PAGE_BITS));
    if ((err = hl_task_write_regs(t, &regs)))
        return err;
    *task = t;
    return E_OK;
}
