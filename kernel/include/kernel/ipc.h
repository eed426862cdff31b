/*
 * Kernel-internal IPC helpers shared by core/ipc.c, object/endpoint.c and
 * object/notification.c.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <helios/ipc.h>
#include <kernel/object.h>

uint64_t *ipc_mr(struct trap_frame *f, unsigned i);
struct hl_ipc_buffer *ipc_buffer(struct task *t);
void wq_push(struct wait_queue *q, struct task *t);
void wq_remove(struct wait_queue *q, struct task *t);
/* Blocks t (the current task or not) on an object. */
void ipc_block(struct task *t, void *on, uint8_t reason);
/* t will not reply to its caller (it receives again, or dies): the caller
 * gets E_DEAD, or, waiting for a fault handler, becomes FAULTED. */
void ipc_discard_reply(struct task *t);
/* A task waiting for its fault handler lost it: FAULTED, registers kept. */
void ipc_fault_lost(struct task *t);
/* Makes a blocked task runnable with rax = status. */
void ipc_wake(struct task *t, int64_t status);
/* Copies the message (registers, buffer words, capabilities) src sends to
 * dst and sets dst's badge and message info registers. */
void ipc_transfer(struct task *src, struct task *dst, uint64_t info, uint64_t badge, bool grant);
void endpoint_dequeue(struct endpoint *ep, struct task *t);
/* Runs dst next if it may (same or higher priority than anything ready),
 * without a trip through the ready queues: the IPC fast path. */
void sched_switch_to(struct task *dst);

#endif
