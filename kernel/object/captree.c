/*
 * The derivation tree; see include/kernel/cap.h. Children form a doubly
 * linked sibling list headed by the parent's first_child.
 */
#include <kernel/cap.h>
#include <kernel/string.h>

void captree_insert(struct cap_slot *parent, struct cap_slot *child, const struct cap *cap)
{
    child->cap = *cap;
    child->parent = parent;
    child->first_child = NULL;
    child->prev = NULL;
    child->next = parent ? parent->first_child : NULL;
    if (child->next)
        child->next->prev = child;
    if (parent)
        parent->first_child = child;
}

void captree_remove(struct cap_slot *s)
{
    struct cap_slot *first = s->first_child;
    struct cap_slot *last = first;

    /* The children take s's place, in order, between s->prev and s->next. */
    if (first) {
        for (struct cap_slot *c = first;; c = c->next) {
            c->parent = s->parent;
            last = c;
            if (!c->next)
                break;
        }
        first->prev = s->prev;
        last->next = s->next;
        if (s->next)
            s->next->prev = last;
        if (s->prev)
            s->prev->next = first;
        else if (s->parent)
            s->parent->first_child = first;
    } else {
        if (s->next)
            s->next->prev = s->prev;
        if (s->prev)
            s->prev->next = s->next;
        else if (s->parent)
            s->parent->first_child = s->next;
    }
    memset(s, 0, sizeof(*s));
}

void captree_move(struct cap_slot *dst, struct cap_slot *src)
{
    *dst = *src;
    if (dst->prev)
        dst->prev->next = dst;
    else if (dst->parent)
        dst->parent->first_child = dst;
    if (dst->next)
        dst->next->prev = dst;
    for (struct cap_slot *c = dst->first_child; c; c = c->next)
        c->parent = dst;
    memset(src, 0, sizeof(*src));
}

bool captree_is_final(const struct cap_slot *s)
{
    if (s->first_child)
        return false; /* children refer to the same object, or are made from it */
    if (s->parent && cap_same_object(&s->parent->cap, &s->cap))
        return false;
    if (s->prev && cap_same_object(&s->prev->cap, &s->cap))
        return false;
    if (s->next && cap_same_object(&s->next->cap, &s->cap))
        return false;
    return true;
}

struct cap_slot *captree_leaf_descendant(struct cap_slot *s)
{
    struct cap_slot *c = s->first_child;

    if (!c)
        return NULL;
    while (c->first_child)
        c = c->first_child;
    return c;
}

bool captree_is_descendant(const struct cap_slot *s, const struct cap_slot *ancestor)
{
    for (const struct cap_slot *p = s->parent; p; p = p->parent) {
        if (p == ancestor)
            return true;
    }
    return false;
}
