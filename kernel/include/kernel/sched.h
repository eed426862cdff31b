/*
 * The scheduler: 256 priority levels (higher runs first), a bitmap to find
 * the highest ready level, round robin inside a level with a time slice of
 * SCHED_SLICE_TICKS. The running task is not in the ready queues. Every
 * kernel entry ends in sched_return_frame, which decides who runs next.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/object.h>

#define SCHED_SLICE_TICKS 1

void sched_enqueue(struct task *t);
void sched_dequeue(struct task *t);
/* Makes t runnable (queued unless it is the current task). */
void sched_make_runnable(struct task *t);
/* Takes t off the CPU and the queues; state is set by the caller. */
void sched_stop(struct task *t, uint8_t state);
void sched_yield(void);
void sched_tick(void);
/* Called when a task object dies. */
void sched_forget(struct task *t);
struct trap_frame *sched_return_frame(void);
void sched_start(struct task *first) NORETURN;

void percpu_init(void);
void percpu_load_user_bases(uint64_t fs_base, uint64_t gs_base);

#endif
