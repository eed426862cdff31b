/*
 * Endpoints: synchronous rendezvous. An endpoint holds one FIFO queue of
 * blocked senders or of blocked receivers, never both. A call leaves the
 * caller blocked on the receiver's reply (the receiver's one-shot reply
 * slot, reply_to); receiving again without replying discards that reply and
 * the caller is woken with E_DEAD, so no caller waits forever unnoticed.
 *
 * Rights on the endpoint capability: WRITE to send, READ to receive, GRANT
 * to send capabilities.
 */
#include <arch/cpu.h>
#include <helios/errors.h>
#include <kernel/ipc.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

#define RFLAGS_IOPL (3ul << 12)
#define RFLAGS_NT (1ul << 14)
#define RFLAGS_VM (1ul << 17)
#define RFLAGS_USER 0x250fd5ul

void endpoint_dequeue(struct endpoint *ep, struct task *t)
{
    wq_remove(&ep->q, t);
    if (!ep->q.head)
        ep->state = EP_IDLE;
}

static void enqueue(struct endpoint *ep, struct task *t, uint8_t state, uint8_t reason)
{
    wq_push(&ep->q, t);
    ep->state = state;
    ipc_block(t, ep, reason);
}

static struct task *dequeue_head(struct endpoint *ep)
{
    struct task *t = ep->q.head;

    endpoint_dequeue(ep, t);
    return t;
}

/* src's message has reached dst; src either waits for dst's reply or goes
 * on. */
static void delivered(struct task *src, struct task *dst)
{
    if (src->ipc_call) {
        ipc_discard_reply(dst);
        dst->reply_to = src;
        src->reply_from = dst;
        if (src->state == HL_TASK_BLOCKED) { /* it waited in the send queue */
            src->block_reason = BLOCK_REPLY;
            src->blocked_on = NULL;
        } else {
            ipc_block(src, NULL, BLOCK_REPLY);
        }
    } else if (src->ipc_debug) {
        /* A debug event: the task stays stopped for its debugger. */
        src->ipc_debug = false;
        src->blocked_on = NULL;
        src->block_reason = BLOCK_NONE;
        sched_stop(src, src->debug_after);
    } else if (src->state == HL_TASK_BLOCKED) {
        ipc_wake(src, E_OK);
    } else {
        src->frame.rax = E_OK;
    }
}

static int decode_info(uint64_t info, const struct cap *c)
{
    if (HL_MSGINFO_LENGTH(info) > HL_MSG_MAX_WORDS)
        return E_RANGE;
    if (info & HL_MSGINFO_RESERVED)
        return E_INVALID_ARG; /* bits 10-15 are the kernel's */
    if (HL_MSGINFO_CAPS(info) && !(c->rights & HL_RIGHT_GRANT))
        return E_NO_RIGHTS;
    return E_OK;
}

int endpoint_send(struct task *t, struct cap_slot *s, const struct ipc_args *a, bool call)
{
    struct endpoint *ep = endpoint_of(&s->cap);
    int err;

    if (!(s->cap.rights & HL_RIGHT_WRITE))
        return E_NO_RIGHTS;
    if ((err = decode_info(a->info, &s->cap)))
        return err;
    if (ep->state != EP_RECEIVERS && !a->blocking && !call)
        return E_WOULD_BLOCK;

    t->ipc_info = a->info;
    t->ipc_badge = s->cap.badge;
    t->ipc_call = call;
    t->ipc_grant = (s->cap.rights & HL_RIGHT_GRANT) != 0;
    if (ep->state == EP_RECEIVERS) {
        struct task *dst = dequeue_head(ep);
        ipc_transfer(t, dst, a->info, t->ipc_badge, t->ipc_grant);
        dst->frame.rax = E_OK;
        delivered(t, dst);
        dst->blocked_on = NULL;
        dst->block_reason = BLOCK_NONE;
        if (call)
            sched_switch_to(dst);
        else
            sched_make_runnable(dst);
        return E_OK;
    }
    enqueue(ep, t, EP_SENDERS, BLOCK_SEND);
    return E_OK;
}

int endpoint_recv(struct task *t, struct cap_slot *s, const struct ipc_args *a)
{
    struct endpoint *ep = endpoint_of(&s->cap);

    if (!(s->cap.rights & HL_RIGHT_READ))
        return E_NO_RIGHTS;
    if (t->bound && t->bound->word) {
        notification_wait(t, t->bound, false);
        t->frame.rsi = (uint64_t)HL_MSG_FLAG_NOTIFICATION << 12;
        return E_OK;
    }
    if (ep->state != EP_SENDERS && !a->blocking)
        return E_WOULD_BLOCK;
    ipc_discard_reply(t);
    if (ep->state == EP_SENDERS) {
        struct task *src = dequeue_head(ep);
        ipc_transfer(src, t, src->ipc_info, src->ipc_badge, src->ipc_grant);
        t->frame.rax = E_OK;
        delivered(src, t);
        return E_OK;
    }
    enqueue(ep, t, EP_RECEIVERS, BLOCK_RECV);
    return E_OK;
}

/* The handler's reply to a fault message: where and whether the task runs
 * on. Checked like Task write regs, before anything changes. */
static int fault_reply(struct task *f, struct task *from, uint64_t info)
{
    unsigned len = HL_MSGINFO_LENGTH(info);
    uint64_t rip = len >= 1 ? *ipc_mr(&from->frame, 0) : f->frame.rip;
    uint64_t rsp = len >= 2 ? *ipc_mr(&from->frame, 1) : f->frame.rsp;
    uint64_t rflags = len >= 3 ? *ipc_mr(&from->frame, 2) : f->frame.rflags;

    if (rip >= HL_USER_TOP || rsp > HL_USER_TOP || (rflags & (RFLAGS_IOPL | RFLAGS_NT | RFLAGS_VM)))
        return E_INVALID_ARG;
    f->frame.rip = rip;
    f->frame.rsp = rsp;
    f->frame.rflags = (rflags & RFLAGS_USER) | RFLAGS_IF | 0x2;
    f->ipc_fault = false;
    f->blocked_on = NULL;
    f->block_reason = BLOCK_NONE;
    f->state = HL_MSGINFO_LABEL(info) == HL_FAULT_SUSPEND ? HL_TASK_SUSPENDED : HL_TASK_RUNNABLE;
    return E_OK;
}

/* On success *woken is the caller, RUNNABLE but on no queue: the syscall
 * decides whether it runs next (reply-recv's fast path) or queues. NULL if
 * a fault reply left it suspended. */
int ipc_reply(struct task *t, uint64_t info, struct task **woken)
{
    struct task *caller = t->reply_to;
    int err;

    *woken = NULL;
    if (!caller)
        return E_STATE;
    if (HL_MSGINFO_LENGTH(info) > HL_MSG_MAX_WORDS)
        return E_RANGE;
    if (info & HL_MSGINFO_RESERVED)
        return E_INVALID_ARG;
    if (caller->ipc_fault) {
        if ((err = fault_reply(caller, t, info)))
            return err;
    } else {
        t->ipc_fault = false;
        ipc_transfer(t, caller, info, 0, false);
        caller->frame.rax = E_OK;
        caller->blocked_on = NULL;
        caller->block_reason = BLOCK_NONE;
        caller->state = HL_TASK_RUNNABLE;
    }
    t->reply_to = NULL;
    caller->reply_from = NULL;
    if (caller->state == HL_TASK_RUNNABLE)
        *woken = caller;
    return E_OK;
}

void endpoint_destroy(struct endpoint *ep)
{
    while (ep->q.head) {
        struct task *t = dequeue_head(ep);
        if (t->ipc_debug) { /* its debugger left: stopped and intact for the next */
            t->ipc_debug = false;
            t->blocked_on = NULL;
            t->block_reason = BLOCK_NONE;
            sched_stop(t, t->debug_after);
        } else if (t->ipc_fault) {
            ipc_fault_lost(t);
        } else {
            ipc_wake(t, E_DEAD);
        }
    }
}
