/*
 * Memory (untyped) capabilities: retype and info. Retype carves count
 * objects at consecutive destination slots, each a child of the Memory
 * capability, from its watermark up. Objects are zeroed (except device
 * pages, which are MMIO, and Memory children, which are zeroed when they
 * are carved in turn).
 */
#include <arch/layout.h>
#include <helios/errors.h>
#include <kernel/object.h>
#include <kernel/retype.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

struct retype_args {
    unsigned type;
    unsigned bits;
    uint64_t size_bits;
    uint64_t count;
    struct cap *dest_cs;
    uint64_t dest_slot;
    uint64_t offset;
};

int vspace_asids_free(uint64_t count);

static int decode_retype(struct cap_slot *mem, struct invocation *inv, struct retype_args *r)
{
    struct cap_slot *cs, *slot;
    int err;
    bool device = mem->cap.flags & CAP_FLAG_DEVICE;

    r->type = (unsigned)inv->a[0];
    r->size_bits = inv->a[1];
    r->dest_slot = inv->a[3] & 0xffffffffu;
    r->count = inv->a[3] >> 32;
    if (inv->a[0] >= HL_CAP_NTYPES)
        return E_INVALID_ARG;
    int bits = retype_object_bits(r->type, r->size_bits, device);
    if (bits < 0)
        return bits;
    r->bits = (unsigned)bits;
    if (r->count == 0 || r->count > HL_RETYPE_MAX_COUNT)
        return E_RANGE;

    if ((err = cap_lookup_typed(inv->a[2], HL_CAP_CSPACE, HL_RIGHT_WRITE, &cs)))
        return err;
    r->dest_cs = &cs->cap;
    if ((err = cspace_lookup_slot(r->dest_cs, r->dest_slot, &slot)))
        return err;
    if (r->count > cspace_size(r->dest_cs) - r->dest_slot)
        return E_RANGE;
    for (uint64_t i = 0; i < r->count; i++) {
        if (!cap_slot_empty(&slot[i]))
            return E_SLOT_OCCUPIED;
    }

    if ((err = retype_place(mem->cap.object, mem->cap.badge, mem->cap.arg, r->bits, r->count,
                            &r->offset)))
        return err;
    if (r->type == HL_CAP_VSPACE && !vspace_asids_free(r->count))
        return E_NOMEM;
    return E_OK;
}

/* Builds the capability (and initialises the object) at phys. */
static struct cap make_object(const struct retype_args *r, paddr_t phys, bool device)
{
    struct cap c = {.type = (uint8_t)r->type, .rights = HL_RIGHTS_ALL, .object = phys};

    if (r->type != HL_CAP_MEMORY && !device)
        memset(phys_to_virt(phys), 0, 1ull << r->bits);
    switch (r->type) {
    case HL_CAP_MEMORY:
        c.badge = 1ull << r->bits;
        break;
    case HL_CAP_CSPACE: {
        struct cspace_header *h = phys_to_virt(phys);
        h->size_bits = (uint32_t)r->size_bits;
        c.object = (uint64_t)(uintptr_t)h;
        c.aux = (uint32_t)r->size_bits;
        break;
    }
    case HL_CAP_TASK:
        c.object = (uint64_t)(uintptr_t)phys_to_virt(phys);
        task_init(task_of(&c));
        break;
    case HL_CAP_ENDPOINT:
    case HL_CAP_NOTIFICATION:
        c.object = (uint64_t)(uintptr_t)phys_to_virt(phys);
        break;
    case HL_CAP_VSPACE:
        vspace_init(phys, &c.aux); /* cannot fail: decode counted free ASIDs */
        break;
    case HL_CAP_PAGE:
        c.aux = (uint32_t)r->bits;
        if (device)
            c.flags |= CAP_FLAG_DEVICE;
        break;
    default:
        break;
    }
    return c;
}

static void invoke_retype(struct cap_slot *mem, const struct retype_args *r)
{
    struct cap_slot *slots = cspace_slots(r->dest_cs);
    bool device = mem->cap.flags & CAP_FLAG_DEVICE;

    for (uint64_t i = 0; i < r->count; i++) {
        paddr_t phys = mem->cap.object + r->offset + (i << r->bits);
        struct cap c = make_object(r, phys, device);
        captree_insert(mem, &slots[r->dest_slot + i], &c);
    }
    mem->cap.arg = r->offset + (r->count << r->bits);
}

int memory_invoke(struct cap_slot *s, struct invocation *inv)
{
    struct retype_args r;
    int err;

    switch (inv->label) {
    case HL_MEMORY_RETYPE:
        if ((err = decode_retype(s, inv, &r)))
            return err;
        invoke_retype(s, &r);
        return E_OK;
    case HL_MEMORY_INFO: {
        struct hl_memory_info info = {
            .base = s->cap.object,
            .size = s->cap.badge,
            .free = s->cap.badge - s->cap.arg,
            .device = (s->cap.flags & CAP_FLAG_DEVICE) != 0,
        };
        return copy_to_user(inv->a[0], &info, sizeof(info));
    }
    default:
        return E_INVALID_LABEL;
    }
}
