/*
 * Per-CPU state, reached through the GS base in the kernel. One instance
 * today; everything that would differ per CPU lives here so SMP can come
 * without rewriting the scheduler. The first fields are used from assembly
 * at fixed offsets (checked below).
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#include <kernel/object.h>

#define SCHED_LEVELS 256

struct percpu {
    struct percpu *self;       /* 0 */
    uint64_t kernel_stack_top; /* 8 */
    uint64_t user_rsp;         /* 16: scratch in syscall entry */
    struct task *current;      /* 24 */
    struct task *fpu_owner;    /* whose state is in the FPU registers */
    struct task *loaded;       /* whose VSpace, TSS rsp0 and bases are loaded */
    bool resched;              /* pick again before returning to user */
    uint64_t ready_bits[SCHED_LEVELS / 64];
    struct task *ready_head[SCHED_LEVELS];
    struct task *ready_tail[SCHED_LEVELS];
    struct destroy_node *pending_destroy;
    uint32_t cpu_id;
};

#define PERCPU_KSTACK 8
#define PERCPU_USER_RSP 16
#define PERCPU_CURRENT 24

extern struct percpu cpu0;

static inline struct percpu *this_cpu(void)
{
    return &cpu0;
}

#endif
