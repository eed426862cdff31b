/*
 * The scheduler; see include/kernel/sched.h. The running task stays off the
 * ready queues, so picking is "highest set bit, head of that queue", and a
 * preempted or yielding task goes to the tail of its level.
 */
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <kernel/ipc.h>
#include <kernel/kgdb.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

static void set_ready_bit(struct percpu *c, unsigned p)
{
    c->ready_bits[p / 64] |= 1ull << (p % 64);
}

static void clear_ready_bit(struct percpu *c, unsigned p)
{
    c->ready_bits[p / 64] &= ~(1ull << (p % 64));
}

/* Highest level with a ready task, or -1. */
static int highest_ready(const struct percpu *c)
{
    for (int w = SCHED_LEVELS / 64 - 1; w >= 0; w--) {
        if (c->ready_bits[w])
            return w * 64 + 63 - __builtin_clzll(c->ready_bits[w]);
    }
    return -1;
}

void sched_enqueue(struct task *t)
{
    struct percpu *c = this_cpu();

    if (t->queued)
        return;
    t->rq_next = NULL;
    t->rq_prev = c->ready_tail[t->priority];
    if (t->rq_prev)
        t->rq_prev->rq_next = t;
    else
        c->ready_head[t->priority] = t;
    c->ready_tail[t->priority] = t;
    t->queued = 1;
    set_ready_bit(c, t->priority);
    if (c->current && t->priority > c->current->priority)
        c->resched = true;
}

void sched_dequeue(struct task *t)
{
    struct percpu *c = this_cpu();

    if (!t->queued)
        return;
    if (t->rq_prev)
        t->rq_prev->rq_next = t->rq_next;
    else
        c->ready_head[t->priority] = t->rq_next;
    if (t->rq_next)
        t->rq_next->rq_prev = t->rq_prev;
    else
        c->ready_tail[t->priority] = t->rq_prev;
    if (!c->ready_head[t->priority])
        clear_ready_bit(c, t->priority);
    t->rq_next = t->rq_prev = NULL;
    t->queued = 0;
}

void sched_make_runnable(struct task *t)
{
    t->state = HL_TASK_RUNNABLE;
    if (t != this_cpu()->current)
        sched_enqueue(t);
}

void sched_stop(struct task *t, uint8_t state)
{
    struct percpu *c = this_cpu();

    sched_dequeue(t);
    t->state = state;
    if (t == c->current)
        c->resched = true;
}

void sched_switch_to(struct task *dst)
{
    struct percpu *c = this_cpu();
    struct task *cur = c->current;
    int top = highest_ready(c);

    dst->state = HL_TASK_RUNNABLE;
    /* Only when nothing more urgent is ready and the current task no longer
     * runs: otherwise the normal way, through the queue. */
    if ((top >= 0 && top > dst->priority) || (cur && cur->state == HL_TASK_RUNNABLE)) {
        sched_enqueue(dst);
        return;
    }
    sched_dequeue(dst);
    c->current = dst;
    dst->slice = SCHED_SLICE_TICKS;
    c->resched = false;
}

void sched_yield(void)
{
    this_cpu()->resched = true;
}

void sched_tick(void)
{
    struct percpu *c = this_cpu();
    struct task *t = c->current;

    if (t && t->slice > 0 && --t->slice == 0)
        c->resched = true;
}

void sched_forget(struct task *t)
{
    struct percpu *c = this_cpu();

    sched_dequeue(t);
    if (c->current == t)
        c->current = NULL;
    if (c->fpu_owner == t)
        c->fpu_owner = NULL;
    if (c->loaded == t)
        c->loaded = NULL;
}

/* The task's hardware breakpoints, or none: settings never leak into
 * another task. The kernel's own stub, when it has some set, wins. */
static void load_debug_registers(const struct task *t)
{
    if (kgdb_hw_active())
        return;
    if (t->dr7) {
        __asm__ volatile("mov %0, %%dr0" : : "r"(t->dr[0]));
        __asm__ volatile("mov %0, %%dr1" : : "r"(t->dr[1]));
        __asm__ volatile("mov %0, %%dr2" : : "r"(t->dr[2]));
        __asm__ volatile("mov %0, %%dr3" : : "r"(t->dr[3]));
    }
    __asm__ volatile("mov %0, %%dr7" : : "r"(t->dr7));
}

/* Loads what the hardware needs to run t: its address space, the stack the
 * CPU saves its registers to on the next trap, its segment bases and its
 * FPU/SSE state. */
static void load_task(struct percpu *c, struct task *t)
{
    if (c->loaded != t) {
        paddr_t pml4 = t->slots[TASK_SLOT_VSPACE].cap.object;
        if (read_cr3() != pml4)
            write_cr3(pml4);
        kernel_tss.rsp[0] = (uint64_t)(uintptr_t)(&t->frame + 1);
        percpu_load_user_bases(t->fs_base, t->gs_base);
        load_debug_registers(t);
        c->loaded = t;
    }
    if (c->fpu_owner != t) {
        if (c->fpu_owner)
            __asm__ volatile("fxsave64 %0" : "=m"(c->fpu_owner->fpu));
        __asm__ volatile("fxrstor64 %0" : : "m"(t->fpu));
        c->fpu_owner = t;
    }
}

/* Makes c->current the task to run next: the current one if it can go on. */
static void pick_current(struct percpu *c)
{
    struct task *cur = c->current;
    int top = highest_ready(c);

    if (cur && cur->state == HL_TASK_RUNNABLE && !c->resched && (top < 0 || top <= cur->priority))
        return;
    if (cur && cur->state == HL_TASK_RUNNABLE)
        sched_enqueue(cur);
    c->current = NULL;
    c->resched = false;
    /* Nothing to run: wait for an interrupt with the kernel stack as it is. */
    while ((top = highest_ready(c)) < 0)
        cpu_idle_then_disable();
    struct task *next = c->ready_head[top];
    sched_dequeue(next);
    next->slice = SCHED_SLICE_TICKS;
    c->current = next;
}

struct trap_frame *sched_return_frame(void)
{
    struct percpu *c = this_cpu();

    /* A task single-stepped over a syscall that blocked stops on its way
     * out: then someone else runs. */
    do
        pick_current(c);
    while (debug_event_user_return(c->current));
    load_task(c, c->current);
    return &c->current->frame;
}

extern char return_to_user[];

void sched_start(struct task *first)
{
    struct percpu *c = this_cpu();

    c->current = first;
    first->slice = SCHED_SLICE_TICKS;
    __asm__ volatile("movq %0, %%rsp\n\tjmp return_to_user" : : "r"(c->kernel_stack_top));
    __builtin_unreachable();
}
