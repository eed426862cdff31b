/*
 * Deleting and revoking capabilities, and tearing down objects whose last
 * capability went. A dying CSpace or Task is put on a per-CPU list and its
 * own capabilities are deleted from there, so a chain of CSpaces holding the
 * last capability of the next costs no kernel stack. The list is drained
 * before the invocation returns.
 */
#include <arch/cpu.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/string.h>

static void push_pending(struct destroy_node *n, uint8_t type)
{
    struct percpu *c = this_cpu();

    n->type = type;
    n->next = c->pending_destroy;
    c->pending_destroy = n;
}

/* The Memory capability a deleted capability hung from, if it is left with
 * no children: nothing made from it is alive, so all of it is free again. */
static void memory_maybe_reset(struct cap_slot *parent)
{
    if (parent && parent->cap.type == HL_CAP_MEMORY && !parent->first_child)
        parent->cap.arg = 0;
}

static void final_cap_gone(const struct cap *c)
{
    switch (c->type) {
    case HL_CAP_CSPACE: {
        struct cspace_header *h = (struct cspace_header *)cspace_slots(c);
        push_pending(&h->node, HL_CAP_CSPACE);
        break;
    }
    case HL_CAP_TASK:
        ipc_task_gone(task_of(c));
        sched_forget(task_of(c));
        task_list_remove(task_of(c));
        push_pending(&task_of(c)->node, HL_CAP_TASK);
        break;
    case HL_CAP_ENDPOINT:
        endpoint_destroy(endpoint_of(c));
        break;
    case HL_CAP_NOTIFICATION:
        notification_destroy(notification_of(c));
        break;
    default:
        object_destroy(c);
        break;
    }
}

static void delete_one(struct cap_slot *s)
{
    bool final = captree_is_final(s);
    struct cap c = s->cap;
    struct cap_slot *parent = s->parent;

    captree_remove(s);
    mapping_remove(&c);
    if (final)
        final_cap_gone(&c);
    memory_maybe_reset(parent);
}

static void drain(void)
{
    struct percpu *c = this_cpu();

    while (c->pending_destroy) {
        struct destroy_node *n = c->pending_destroy;
        c->pending_destroy = n->next;
        if (n->type == HL_CAP_CSPACE) {
            struct cspace_header *h = (struct cspace_header *)n;
            struct cap_slot *slots = (struct cap_slot *)h;
            for (uint64_t i = 1; i < (1ull << h->size_bits); i++) {
                if (!cap_slot_empty(&slots[i]))
                    delete_one(&slots[i]);
            }
        } else {
            struct task *t = (struct task *)((char *)n - offsetof(struct task, node));
            for (int i = 0; i < TASK_NSLOTS; i++) {
                if (!cap_slot_empty(&t->slots[i]))
                    delete_one(&t->slots[i]);
            }
        }
    }
}

void cap_delete(struct cap_slot *s)
{
    delete_one(s);
    drain();
}

void cap_revoke(struct cap_slot *s)
{
    struct cap_slot *leaf;

    /* Leaves first, so nothing is spliced; recomputed each time because
     * tearing one object down can delete other descendants too. */
    while ((leaf = captree_leaf_descendant(s))) {
        delete_one(leaf);
        drain();
    }
    if (s->cap.type == HL_CAP_MEMORY)
        s->cap.arg = 0;
}
