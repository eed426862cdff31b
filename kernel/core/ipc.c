/*
 * Message transfer between two tasks, and the bookkeeping every blocking
 * object shares: wait queues, waking a task with a status, cancelling what
 * a task waits for. Endpoint and notification semantics are in
 * object/endpoint.c and object/notification.c.
 *
 * The first HL_MSG_REG_WORDS words travel in registers (MR0..MR5 = rdx,
 * r10, r8, r9, r12, r13); the rest go from the sender's IPC buffer to the
 * receiver's through the direct map, so the kernel never follows a user
 * pointer here. A message longer than the buffers allow is cut to the
 * register words.
 */
#include <arch/layout.h>
#include <helios/errors.h>
#include <helios/ipc.h>
#include <kernel/ipc.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/string.h>

uint64_t *ipc_mr(struct trap_frame *f, unsigned i)
{
    switch (i) {
    case 0:
        return &f->rdx;
    case 1:
        return &f->r10;
    case 2:
        return &f->r8;
    case 3:
        return &f->r9;
    case 4:
        return &f->r12;
    default:
        return &f->r13;
    }
}

struct hl_ipc_buffer *ipc_buffer(struct task *t)
{
    const struct cap *c = &t->slots[TASK_SLOT_IPC_BUFFER].cap;

    return c->type == HL_CAP_PAGE ? phys_to_virt(c->object) : NULL;
}

void wq_push(struct wait_queue *q, struct task *t)
{
    t->wq_next = NULL;
    t->wq_prev = q->tail;
    if (q->tail)
        q->tail->wq_next = t;
    else
        q->head = t;
    q->tail = t;
}

void wq_remove(struct wait_queue *q, struct task *t)
{
    if (t->wq_prev)
        t->wq_prev->wq_next = t->wq_next;
    else
        q->head = t->wq_next;
    if (t->wq_next)
        t->wq_next->wq_prev = t->wq_prev;
    else
        q->tail = t->wq_prev;
    t->wq_next = t->wq_prev = NULL;
}

void ipc_block(struct task *t, void *on, uint8_t reason)
{
    t->blocked_on = on;
    t->block_reason = reason;
    sched_stop(t, HL_TASK_BLOCKED);
}

void ipc_wake(struct task *t, int64_t status)
{
    t->blocked_on = NULL;
    t->block_reason = BLOCK_NONE;
    t->frame.rax = (uint64_t)status;
    sched_make_runnable(t);
}

/* Capabilities carried by a message: looked up in the sender's CSpace when
 * the message is delivered, copied into the slots the receiver asked for.
 * Any that cannot go (gone, Memory, receiver slot bad or taken) are dropped
 * and the receiver is told with HL_MSG_FLAG_CAPS_DROPPED. */
static unsigned transfer_caps(struct task *src, struct task *dst, unsigned n,
                              struct hl_ipc_buffer *sb, struct hl_ipc_buffer *db, unsigned *flags)
{
    unsigned got = 0;

    for (unsigned i = 0; i < n; i++) {
        struct cap_slot *from, *to;
        struct cap c;
        if (!sb || !db ||
            cspace_lookup_slot(&src->slots[TASK_SLOT_CSPACE].cap, sb->send_caps[i], &from) ||
            cap_slot_empty(from) ||
            cspace_lookup_slot(&dst->slots[TASK_SLOT_CSPACE].cap, db->recv_slots[got], &to) ||
            !cap_slot_empty(to) || cap_derive(from, false, 0, &c)) {
            *flags |= HL_MSG_FLAG_CAPS_DROPPED;
            continue;
        }
        captree_insert(from, to, &c);
        db->recv_badges[got++] = c.badge;
    }
    return got;
}

void ipc_transfer(struct task *src, struct task *dst, uint64_t info, uint64_t badge, bool grant)
{
    unsigned len = HL_MSGINFO_LENGTH(info), flags = 0, ncaps = 0;
    struct hl_ipc_buffer *sb = ipc_buffer(src), *db = ipc_buffer(dst);

    for (unsigned i = 0; i < len && i < HL_MSG_REG_WORDS; i++)
        *ipc_mr(&dst->frame, i) =
            (src->ipc_fault || src->ipc_debug) ? src->fault_msg[i] : *ipc_mr(&src->frame, i);
    if (len > HL_MSG_REG_WORDS) {
        if (sb && db)
            memcpy(&db->mr[HL_MSG_REG_WORDS], &sb->mr[HL_MSG_REG_WORDS],
                   (len - HL_MSG_REG_WORDS) * sizeof(uint64_t));
        else
            len = HL_MSG_REG_WORDS;
    }
    if (HL_MSGINFO_CAPS(info)) {
        if (grant)
            ncaps = transfer_caps(src, dst, HL_MSGINFO_CAPS(info), sb, db, &flags);
        else
            flags |= HL_MSG_FLAG_CAPS_DROPPED;
    }
    dst->frame.rdi = badge;
    dst->frame.rsi = HL_MSGINFO(HL_MSGINFO_LABEL(info), ncaps, len) | ((uint64_t)flags << 12);
}

/*
 * A task waiting for its fault handler is not in a syscall: it has no rax
 * to return a status in. When its handler can no longer answer (the reply
 * was discarded, the endpoint or the handler died) it becomes FAULTED, as
 * if it had had no handler; its registers stay as they were.
 */
void ipc_fault_lost(struct task *t)
{
    t->ipc_fault = false;
    t->blocked_on = NULL;
    t->block_reason = BLOCK_NONE;
    kprintf("fault: task %u '%s': %s at rip %#lx; its fault handler is gone; task stopped\n", t->id,
            t->name, trap_name(t->fault_vector), t->frame.rip);
    sched_stop(t, HL_TASK_FAULTED);
}

/* Undoes whatever t is blocked in; t's state is the caller's to set. A
 * status goes into rax only for a task blocked in a syscall. */
void ipc_cancel(struct task *t, int64_t status)
{
    if (t->state != HL_TASK_BLOCKED)
        return;
    switch (t->block_reason) {
    case BLOCK_SEND:
    case BLOCK_RECV:
        endpoint_dequeue(t->blocked_on, t);
        break;
    case BLOCK_NOTIFICATION:
        wq_remove(&((struct notification *)t->blocked_on)->q, t);
        break;
    case BLOCK_REPLY:
        if (t->reply_from)
            t->reply_from->reply_to = NULL;
        t->reply_from = NULL;
        break;
    }
    t->blocked_on = NULL;
    t->block_reason = BLOCK_NONE;
    if (t->ipc_fault || t->ipc_debug)
        t->ipc_fault = t->ipc_debug = false; /* resumed, it runs into the fault again */
    else
        t->frame.rax = (uint64_t)status;
}

void ipc_discard_reply(struct task *t)
{
    struct task *caller = t->reply_to;

    if (!caller)
        return;
    t->reply_to = NULL;
    caller->reply_from = NULL;
    if (caller->ipc_fault)
        ipc_fault_lost(caller);
    else
        ipc_wake(caller, E_DEAD);
}

/* A task object dies: nothing may point at it afterwards. */
void ipc_task_gone(struct task *t)
{
    ipc_cancel(t, E_DEAD);
    ipc_discard_reply(t);
    if (t->bound) {
        t->bound->bound = NULL;
        t->bound = NULL;
    }
}

bool ipc_send_fault(struct task *t)
{
    struct cap_slot *s;
    struct ipc_args a = {.info = HL_MSGINFO(HL_LABEL_FAULT, 0, HL_FAULT_MSG_LENGTH),
                         .blocking = true};

    if (t->fault_endpoint == HL_CPTR_NONE ||
        cspace_lookup_slot(&t->slots[TASK_SLOT_CSPACE].cap, t->fault_endpoint, &s) ||
        s->cap.type != HL_CAP_ENDPOINT || !(s->cap.rights & HL_RIGHT_WRITE))
        return false;
    t->fault_msg[0] = t->fault_vector;
    t->fault_msg[1] = t->fault_error;
    t->fault_msg[2] = t->fault_addr;
    t->fault_msg[3] = t->frame.rip;
    t->fault_msg[4] = t->frame.rsp;
    t->fault_msg[5] = t->frame.rflags;
    t->ipc_fault = true;
    return endpoint_send(t, s, &a, true) == E_OK;
}
