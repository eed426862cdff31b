/*
 * Notifications: a word of bits. Signal ORs the signalling capability's
 * badge in (an unbadged capability signals bit 0) and wakes the first
 * waiter, or the bound task if it waits on an endpoint; wait returns the
 * bits and clears them. Rights: WRITE to signal, READ to wait or poll.
 */
#include <helios/errors.h>
#include <kernel/ipc.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

/* Hands the word to t as the result of its wait, and clears it. */
static void deliver(struct notification *n, struct task *t, uint64_t flags)
{
    t->frame.rdi = n->word;
    t->frame.rsi = flags << 12;
    n->word = 0;
}

void notification_signal(struct notification *n, uint64_t badge)
{
    n->word |= badge ? badge : 1;
    if (n->q.head) {
        struct task *t = n->q.head;
        wq_remove(&n->q, t);
        deliver(n, t, 0);
        ipc_wake(t, E_OK);
    } else if (n->bound && n->bound->state == HL_TASK_BLOCKED &&
               n->bound->block_reason == BLOCK_RECV) {
        struct task *t = n->bound;
        ipc_cancel(t, E_OK);
        deliver(n, t, HL_MSG_FLAG_NOTIFICATION);
        sched_make_runnable(t);
    }
}

int notification_wait(struct task *t, struct notification *n, bool blocking)
{
    if (n->word) {
        deliver(n, t, 0);
        t->frame.rax = E_OK;
        return E_OK;
    }
    if (!blocking)
        return E_WOULD_BLOCK;
    wq_push(&n->q, t);
    ipc_block(t, n, BLOCK_NOTIFICATION);
    return E_OK;
}

int task_bind_notification(struct task *t, uint64_t cptr)
{
    struct cap_slot *s;
    int err;

    if (cptr == HL_CPTR_NONE) {
        if (t->bound)
            t->bound->bound = NULL;
        t->bound = NULL;
        return E_OK;
    }
    if ((err = cap_lookup_typed(cptr, HL_CAP_NOTIFICATION, HL_RIGHT_READ, &s)))
        return err;
    struct notification *n = notification_of(&s->cap);
    if (n->bound || t->bound)
        return E_IN_USE;
    n->bound = t;
    t->bound = n;
    return E_OK;
}

void notification_destroy(struct notification *n)
{
    while (n->q.head) {
        struct task *t = n->q.head;
        wq_remove(&n->q, t);
        ipc_wake(t, E_DEAD);
    }
    if (n->bound) {
        n->bound->bound = NULL;
        n->bound = NULL;
    }
    irq_notification_gone(n);
}
