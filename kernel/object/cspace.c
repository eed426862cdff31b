/*
 * CSpace: lookup and the slot invocations (copy, mint, move, delete, revoke,
 * identify). The invoked CSpace capability names the destination or target
 * CSpace; a source CSpace is named by a cptr in the caller's CSpace.
 * Rights: modifying a CSpace needs WRITE on its capability, reading from it
 * (as a copy source, identify) needs READ.
 */
#include <arch/layout.h>
#include <helios/debug.h>
#include <helios/errors.h>
#include <kernel/percpu.h>
#include <kernel/uaccess.h>

int cspace_lookup_slot(const struct cap *cs, uint64_t slot, struct cap_slot **out)
{
    /* Slot 0 holds the CSpace header and is never a capability. */
    if (slot == 0 || slot >= cspace_size(cs))
        return E_INVALID_CADDR;
    *out = &cspace_slots(cs)[slot];
    return E_OK;
}

int cap_lookup(uint64_t cptr, struct cap_slot **out)
{
    const struct cap *cs = &this_cpu()->current->slots[TASK_SLOT_CSPACE].cap;

    if (cptr > 0xffffffffu)
        return E_INVALID_CADDR;
    int err = cspace_lookup_slot(cs, cptr, out);
    if (err)
        return err;
    return cap_slot_empty(*out) ? E_SLOT_EMPTY : E_OK;
}

static int need(const struct cap *c, uint16_t rights)
{
    return (c->rights & rights) == rights ? E_OK : E_NO_RIGHTS;
}

int cap_lookup_typed(uint64_t cptr, uint8_t type, uint16_t rights, struct cap_slot **out)
{
    int err = cap_lookup(cptr, out);

    if (err)
        return err;
    if ((*out)->cap.type != type)
        return E_WRONG_TYPE;
    return need(&(*out)->cap, rights);
}

int cap_lookup_dest(uint64_t cspace_cptr, uint64_t slot, struct cap_slot **out)
{
    struct cap_slot *cs;
    int err = cap_lookup_typed(cspace_cptr, HL_CAP_CSPACE, HL_RIGHT_WRITE, &cs);

    if (err || (err = cspace_lookup_slot(&cs->cap, slot, out)))
        return err;
    return cap_slot_empty(*out) ? E_OK : E_SLOT_OCCUPIED;
}

/* The source slot of copy/mint/move: a CSpace cap in the caller's CSpace
 * and a non-empty slot in it. */
static int lookup_source(uint64_t cspace_cptr, uint64_t slot, uint16_t rights,
                         struct cap_slot **out)
{
    struct cap_slot *cs;
    int err = cap_lookup_typed(cspace_cptr, HL_CAP_CSPACE, rights, &cs);

    if (err || (err = cspace_lookup_slot(&cs->cap, slot, out)))
        return err;
    return cap_slot_empty(*out) ? E_SLOT_EMPTY : E_OK;
}

static bool badge_allowed(uint8_t type)
{
    return type == HL_CAP_ENDPOINT || type == HL_CAP_NOTIFICATION;
}

int cap_derive(const struct cap_slot *src, bool mint, uint64_t arg, struct cap *out)
{
    struct cap c = src->cap;

    /* Memory is never shared: two capabilities with one watermark would
     * hand out the same bytes twice. Split it with retype instead. */
    if (c.type == HL_CAP_MEMORY)
        return E_WRONG_TYPE;
    if (mint) {
        uint64_t badge = arg >> 16;
        c.rights &= (uint16_t)(arg & 0xffff);
        if (badge) {
            if (!badge_allowed(c.type) || c.badge)
                return E_INVALID_ARG;
            c.badge = badge;
        }
    }
    /* A copy of a page or table capability starts out unmapped. */
    if (c.type >= HL_CAP_PDPT && c.type <= HL_CAP_PAGE) {
        c.flags &= (uint8_t)~CAP_FLAG_MAPPED;
        c.badge = 0;
        c.arg = 0;
    }
    *out = c;
    return E_OK;
}

static uint64_t object_id_key;

void cap_object_id_init(uint64_t seed)
{
    /* splitmix64 of the seed: any fixed bijection hides addresses. */
    uint64_t z = seed + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    object_id_key = z ^ (z >> 31);
}

/* Stable for the object's life and equal for all capabilities to it, but
 * never an address: the physical address (or port, IRQ number) keyed with
 * a per-boot secret and the type. */
uint64_t cap_object_id(const struct cap *c)
{
    uint64_t raw = c->object;

    switch (c->type) {
    case HL_CAP_CSPACE:
    case HL_CAP_TASK:
    case HL_CAP_ENDPOINT:
    case HL_CAP_NOTIFICATION:
        raw = direct_virt_to_phys((const void *)(uintptr_t)c->object);
        break;
    default:
        break;
    }
    return (raw ^ object_id_key) * 0x9e3779b97f4a7c15ull + c->type;
}

static int identify(struct cap_slot *slot, struct invocation *inv)
{
    const struct cap *c = &slot->cap;
    struct hl_cap_info info = {
        .type = c->type,
        .rights = c->rights,
        .badge = badge_allowed(c->type) ? c->badge : 0,
        .object = cap_object_id(c),
        .has_parent = slot->parent && cap_same_object(&slot->parent->cap, c),
    };

    if (inv->a[1] && copy_to_user(inv->a[1], &info, sizeof(info)))
        return E_FAULT;
    inv->value = c->type;
    return E_OK;
}

/* HL_CSPACE_LIST: the numbers of the non-empty slots from a0 on. */
static int list(const struct cap *cs, struct invocation *inv)
{
    static uint32_t out[4096];
    uint64_t first = inv->a[0], max = inv->a[2];
    size_t n = 0;

    if (max > 4096)
        return E_RANGE;
    if (first == 0 || first >= cspace_size(cs))
        return E_INVALID_CADDR;
    for (uint64_t i = first; i < cspace_size(cs) && n < max; i++) {
        if (!cap_slot_empty(&cspace_slots(cs)[i]))
            out[n++] = (uint32_t)i;
    }
    if (n && copy_to_user(inv->a[1], out, n * sizeof(out[0])))
        return E_FAULT;
    inv->value = n;
    return E_OK;
}

static int inspect(const struct cap *cs, struct invocation *inv)
{
    struct cap_slot *slot;
    int err;

    if ((err = cspace_lookup_slot(cs, inv->a[0], &slot)))
        return err;
    if (cap_slot_empty(slot))
        return E_SLOT_EMPTY;
    const struct cap *c = &slot->cap;
    const struct cap_slot *base = cspace_slots(cs), *p = slot->parent;
    struct hl_cap_inspect info = {
        .type = c->type,
        .rights = c->rights,
        .badge = badge_allowed(c->type) ? c->badge : 0,
        .object = cap_object_id(c),
        .derived = p != NULL,
        .parent_slot =
            p && p > base && p < base + cspace_size(cs) ? (uint32_t)(p - base) : HL_CPTR_NONE,
    };
    if (c->type == HL_CAP_MEMORY) {
        info.mem_base = c->object;
        info.mem_size = c->badge;
        info.mem_free = c->badge - c->arg;
    }
    return copy_to_user(inv->a[1], &info, sizeof(info));
}

int cspace_invoke(struct cap_slot *s, struct invocation *inv)
{
    struct cap_slot *dst, *src;
    struct cap c;
    int err;

    switch (inv->label) {
    case HL_CSPACE_COPY:
    case HL_CSPACE_MINT:
        if ((err = need(&s->cap, HL_RIGHT_WRITE)) ||
            (err = cspace_lookup_slot(&s->cap, inv->a[0], &dst)) ||
            (err = lookup_source(inv->a[1], inv->a[2], HL_RIGHT_READ, &src)))
            return err;
        if (!cap_slot_empty(dst))
            return E_SLOT_OCCUPIED;
        if ((err = cap_derive(src, inv->label == HL_CSPACE_MINT, inv->a[3], &c)))
            return err;
        captree_insert(src, dst, &c);
        return E_OK;
    case HL_CSPACE_MOVE:
        if ((err = need(&s->cap, HL_RIGHT_WRITE)) ||
            (err = cspace_lookup_slot(&s->cap, inv->a[0], &dst)) ||
            (err = lookup_source(inv->a[1], inv->a[2], HL_RIGHT_WRITE, &src)))
            return err;
        if (!cap_slot_empty(dst))
            return E_SLOT_OCCUPIED;
        captree_move(dst, src);
        return E_OK;
    case HL_CSPACE_DELETE:
    case HL_CSPACE_REVOKE:
        if ((err = need(&s->cap, HL_RIGHT_WRITE)) ||
            (err = cspace_lookup_slot(&s->cap, inv->a[0], &dst)))
            return err;
        if (cap_slot_empty(dst))
            return E_SLOT_EMPTY;
        if (inv->label == HL_CSPACE_DELETE)
            cap_delete(dst);
        else
            cap_revoke(dst);
        return E_OK;
    case HL_CSPACE_IDENTIFY:
        if ((err = need(&s->cap, HL_RIGHT_READ)) ||
            (err = cspace_lookup_slot(&s->cap, inv->a[0], &dst)))
            return err;
        return identify(dst, inv);
    case HL_CSPACE_LIST:
    case HL_CSPACE_INSPECT:
        if (!(s->cap.rights & HL_RIGHT_INSPECT))
            return E_NO_RIGHTS;
        return inv->label == HL_CSPACE_LIST ? list(&s->cap, inv) : inspect(&s->cap, inv);
    default:
        return E_INVALID_LABEL;
    }
}
