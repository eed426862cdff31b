/*
 * Capabilities and the derivation tree.
 *
 * A capability lives in a 64-byte slot: the capability itself (type, rights,
 * badge, which object, and a type-specific word) and its place in the
 * derivation tree (parent, children, siblings). Copy and mint make a child
 * of the source; retype makes children of the Memory capability. Delete
 * splices a capability's children into its place; revoke deletes every
 * descendant. Capabilities to one object are always parent/child or, after a
 * splice, adjacent siblings; so whether a capability is the last one to its
 * object (final) is decided by its neighbours alone, as seL4 does with its
 * mapping database.
 *
 * This file is portable (host-tested); what deleting a capability does to
 * its object is in object/cap_delete.c.
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <kernel/types.h>
#include <helios/caps.h>

/* struct cap.flags */
#define CAP_FLAG_DEVICE 0x1 /* Memory: device memory */
#define CAP_FLAG_MAPPED 0x2 /* Page, tables: this capability's mapping is live */

struct cap {
    uint8_t type; /* enum hl_cap_type */
    uint8_t flags;
    uint16_t rights;
    uint32_t aux;    /* CSpace: size bits; VSpace: ASID; Page: size bits */
    uint64_t badge;  /* Memory: size; Page/tables: ASID of the mapping */
    uint64_t object; /* kernel pointer, physical address or number; see object.h */
    uint64_t arg;    /* Memory: watermark; Page/tables: mapped vaddr; IOPort: count */
};

struct cap_slot {
    struct cap cap;
    struct cap_slot *parent;
    struct cap_slot *first_child;
    struct cap_slot *next;
    struct cap_slot *prev;
};

_Static_assert(sizeof(struct cap_slot) == 64, "slot size is part of the ABI (HL_SLOT_BITS)");

static inline bool cap_slot_empty(const struct cap_slot *s)
{
    return s->cap.type == HL_CAP_NULL;
}

static inline bool cap_same_object(const struct cap *a, const struct cap *b)
{
    return a->type == b->type && a->object == b->object;
}

/* Puts cap into the empty slot child as the first child of parent (which
 * may be NULL for capabilities the kernel creates from nothing). */
void captree_insert(struct cap_slot *parent, struct cap_slot *child, const struct cap *cap);
/* Unlinks s, splicing its children into its place; leaves s empty. */
void captree_remove(struct cap_slot *s);
/* Moves the capability and its tree position from src to the empty dst. */
void captree_move(struct cap_slot *dst, struct cap_slot *src);
/* True when no other capability refers to s's object. */
bool captree_is_final(const struct cap_slot *s);
/* A descendant of s with no children, or NULL if s has none. */
struct cap_slot *captree_leaf_descendant(struct cap_slot *s);
bool captree_is_descendant(const struct cap_slot *s, const struct cap_slot *ancestor);

#endif
