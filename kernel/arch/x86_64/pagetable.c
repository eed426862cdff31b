/*
 * Page-table building and walking over caller-supplied table access. A leaf
 * carries the caller's permissions; intermediate entries are always present
 * and writable (and user when the leaf is), so the leaf alone decides, as the
 * SDM's combination rules (4.6.1) then give exactly the leaf's rights.
 */
#include <arch/pagetable.h>

static unsigned index_at(vaddr_t va, int level)
{
    return (unsigned)(va >> (12 + 9 * (level - 1))) & 0x1ff;
}

bool pt_canonical(vaddr_t va)
{
    uint64_t top = va >> 47;

    return top == 0 || top == 0x1ffff;
}

static int size_level(uint64_t size)
{
    if (size == PAGE_SIZE)
        return 1;
    if (size == PAGE_SIZE_2M)
        return 2;
    if (size == PAGE_SIZE_1G)
        return 3;
    return 0;
}

int pt_map(const struct pt_ops *ops, paddr_t root, vaddr_t va, paddr_t pa, uint64_t size,
           uint64_t flags)
{
    int leaf = size_level(size);

    if (leaf == 0 || (flags & ~PTE_LEAF_FLAGS) != 0)
        return PT_E_INVALID;
    if (!pt_canonical(va))
        return PT_E_NONCANONICAL;
    if (!IS_ALIGNED(va, size) || !IS_ALIGNED(pa, size) || (pa & ~PTE_ADDR_MASK) != 0)
        return PT_E_ALIGN;

    uint64_t inner = PTE_P | PTE_W | (flags & PTE_U);
    paddr_t table = root;
    for (int level = 4; level > leaf; level--) {
        uint64_t *t = ops->table(ops->ctx, table);
        uint64_t *e = &t[index_at(va, level)];
        if (*e & PTE_P) {
            if (*e & PTE_PS)
                return PT_E_EXISTS; /* a large page already covers va */
            *e |= inner;
        } else {
            paddr_t next;
            if (ops->alloc(ops->ctx, &next) != 0)
                return PT_E_NOMEM;
            *e = next | inner;
        }
        table = *e & PTE_ADDR_MASK;
    }

    uint64_t *t = ops->table(ops->ctx, table);
    uint64_t *e = &t[index_at(va, leaf)];
    if (*e & PTE_P)
        return PT_E_EXISTS;
    *e = pa | flags | PTE_P | (leaf > 1 ? PTE_PS : 0);
    return PT_OK;
}

int pt_map_range(const struct pt_ops *ops, paddr_t root, vaddr_t va, paddr_t pa, uint64_t len,
                 uint64_t flags, bool large)
{
    if (!IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE) || !IS_ALIGNED(len, PAGE_SIZE))
        return PT_E_ALIGN;
    for (uint64_t off = 0; off < len;) {
        uint64_t size = PAGE_SIZE;
        if (large && IS_ALIGNED(va + off, PAGE_SIZE_2M) && IS_ALIGNED(pa + off, PAGE_SIZE_2M) &&
            len - off >= PAGE_SIZE_2M)
            size = PAGE_SIZE_2M;
        int err = pt_map(ops, root, va + off, pa + off, size, flags);
        if (err)
            return err;
        off += size;
    }
    return PT_OK;
}

/* Finds the leaf entry for va; *level gets its level (1 = 4 KiB). */
static uint64_t *find_leaf(const struct pt_ops *ops, paddr_t root, vaddr_t va, int *level,
                           struct pt_walk *w)
{
    paddr_t table = root;

    if (w) {
        w->writable = w->user = w->executable = true;
    }
    for (int l = 4; l >= 1; l--) {
        uint64_t *e = &ops->table(ops->ctx, table)[index_at(va, l)];
        if (!(*e & PTE_P))
            return NULL;
        if (w) {
            w->writable &= (*e & PTE_W) != 0;
            w->user &= (*e & PTE_U) != 0;
            w->executable &= (*e & PTE_NX) == 0;
        }
        if (l == 1 || (*e & PTE_PS)) {
            *level = l;
            return e;
        }
        table = *e & PTE_ADDR_MASK;
    }
    return NULL;
}

int pt_lookup(const struct pt_ops *ops, paddr_t root, vaddr_t va, struct pt_walk *w)
{
    int level;

    if (!pt_canonical(va))
        return PT_E_NONCANONICAL;
    uint64_t *e = find_leaf(ops, root, va, &level, w);
    if (!e)
        return PT_E_NOT_MAPPED;
    w->size = 1ull << (12 + 9 * (level - 1));
    w->pte = *e;
    w->pa = (*e & PTE_ADDR_MASK & ~(w->size - 1)) + (va & (w->size - 1));
    return PT_OK;
}

int pt_unmap(const struct pt_ops *ops, paddr_t root, vaddr_t va, uint64_t *size)
{
    int level;

    if (!pt_canonical(va))
        return PT_E_NONCANONICAL;
    uint64_t *e = find_leaf(ops, root, va, &level, NULL);
    if (!e)
        return PT_E_NOT_MAPPED;
    *size = 1ull << (12 + 9 * (level - 1));
    if (!IS_ALIGNED(va, *size))
        return PT_E_ALIGN;
    *e = 0;
    return PT_OK;
}
