/*
 * VSpaces and the mapping of tables and pages into them.
 *
 * A VSpace is a PML4 whose kernel half is a copy of the kernel's. Each has
 * an ASID, an index into a kernel table of live VSpaces; page and table
 * capabilities remember (ASID, vaddr) of their mapping, so unmapping after
 * the VSpace died finds no entry and touches nothing (seL4's scheme). Before
 * clearing an entry we check it still points at the capability's frame.
 *
 * The user builds the tree: a PDPT goes into a PML4 entry, a PD into a PDPT
 * entry, a PT into a PD entry, a 4 KiB page into a PT entry, a 2 MiB page
 * into a PD entry. Intermediate entries are present, writable and user; the
 * leaf carries the page's rights.
 */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/pagetable.h>
#include <arch/paging.h>
#include <helios/errors.h>
#include <kernel/object.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define ASID_COUNT 4096 /* ASID 0 is never used */

static paddr_t asid_table[ASID_COUNT];
static uint32_t asids_used;

int vspace_asids_free(uint64_t count)
{
    return count <= (uint64_t)(ASID_COUNT - 1 - asids_used);
}

int vspace_init(paddr_t pml4, uint32_t *asid)
{
    uint64_t *new = phys_to_virt(pml4);
    const uint64_t *kernel = phys_to_virt(kernel_pml4);

    for (uint32_t a = 1; a < ASID_COUNT; a++) {
        if (asid_table[a] == 0) {
            asid_table[a] = pml4;
            asids_used++;
            *asid = a;
            memcpy(&new[256], &kernel[256], 256 * sizeof(uint64_t));
            return E_OK;
        }
    }
    return E_NOMEM;
}

static uint64_t *vspace_of_asid(uint64_t asid)
{
    if (asid == 0 || asid >= ASID_COUNT || asid_table[asid] == 0)
        return NULL;
    return phys_to_virt(asid_table[asid]);
}

/* Level of the table an object's entry lives in: 4 = PML4 ... 1 = PT. */
static int entry_level(const struct cap *c)
{
    switch (c->type) {
    case HL_CAP_PDPT:
        return 4;
    case HL_CAP_PD:
        return 3;
    case HL_CAP_PT:
        return 2;
    case HL_CAP_PAGE:
        return c->aux == HL_LARGE_PAGE_BITS ? 2 : 1;
    default:
        return 0;
    }
}

static unsigned index_at(uint64_t va, int level)
{
    return (unsigned)(va >> (12 + 9 * (level - 1))) & 0x1ff;
}

/* The entry for va at level in the tree rooted at pml4, or NULL when a
 * table above it is missing (or a large page is in the way). */
static uint64_t *find_entry(uint64_t *pml4, uint64_t va, int level)
{
    uint64_t *table = pml4;

    for (int l = 4; l > level; l--) {
        uint64_t e = table[index_at(va, l)];
        if (!(e & PTE_P) || (e & PTE_PS))
            return NULL;
        table = phys_to_virt(e & PTE_ADDR_MASK);
    }
    return &table[index_at(va, level)];
}

static void flush(uint64_t *pml4, uint64_t va, bool whole)
{
    if (read_cr3() != direct_virt_to_phys(pml4))
        return; /* not loaded: the next CR3 load flushes it */
    if (whole)
        write_cr3(read_cr3());
    else
        invlpg((uintptr_t)va);
}

void mapping_remove(const struct cap *c)
{
    if (!(c->flags & CAP_FLAG_MAPPED))
        return;
    uint64_t *pml4 = vspace_of_asid(c->badge);
    if (!pml4)
        return;
    uint64_t *e = find_entry(pml4, c->arg, entry_level(c));
    if (!e || !(*e & PTE_P) || (*e & PTE_ADDR_MASK) != c->object)
        return; /* someone else's mapping now, or gone with its table */
    *e = 0;
    flush(pml4, c->arg, c->type != HL_CAP_PAGE);
}

void object_destroy(const struct cap *c)
{
    if (c->type == HL_CAP_VSPACE) {
        if (read_cr3() == c->object)
            write_cr3(kernel_pml4);
        asid_table[c->aux] = 0;
        asids_used--;
    }
    io_object_destroy(c);
}

/* Decodes the VSpace and address of a map invocation. */
static int decode_target(uint64_t vspace_cptr, uint64_t va, uint64_t align, struct cap **vs)
{
    struct cap_slot *slot;
    int err = cap_lookup_typed(vspace_cptr, HL_CAP_VSPACE, HL_RIGHT_WRITE, &slot);

    if (err)
        return err;
    if (va >= HL_USER_TOP)
        return E_RANGE; /* kernel half or non-canonical */
    if (va & (align - 1))
        return E_ALIGN;
    *vs = &slot->cap;
    return E_OK;
}

static int decode_map(struct cap_slot *s, uint64_t vspace_cptr, uint64_t va, uint64_t align,
                      uint64_t **entry, struct cap **vs)
{
    int err;

    if (s->cap.flags & CAP_FLAG_MAPPED)
        return E_MAPPED;
    if ((err = decode_target(vspace_cptr, va, align, vs)))
        return err;
    *entry = find_entry(phys_to_virt((*vs)->object), va, entry_level(&s->cap));
    if (!*entry)
        return E_MISSING_TABLE;
    if (**entry & PTE_P)
        return E_MAPPED;
    return E_OK;
}

static void record_mapping(struct cap_slot *s, const struct cap *vs, uint64_t va)
{
    s->cap.flags |= CAP_FLAG_MAPPED;
    s->cap.badge = vs->aux;
    s->cap.arg = va;
}

static int unmap(struct cap_slot *s)
{
    if (!(s->cap.flags & CAP_FLAG_MAPPED))
        return E_NOT_MAPPED;
    mapping_remove(&s->cap);
    s->cap.flags &= (uint8_t)~CAP_FLAG_MAPPED;
    return E_OK;
}

int table_invoke(struct cap_slot *s, struct invocation *inv)
{
    static const uint64_t coverage[] = {
        [HL_CAP_PDPT] = 1ull << 39, [HL_CAP_PD] = 1ull << 30, [HL_CAP_PT] = 1ull << 21};
    uint64_t *entry;
    struct cap *vs;
    int err;

    switch (inv->label) {
    case HL_TABLE_MAP:
        if ((err = decode_map(s, inv->a[0], inv->a[1], coverage[s->cap.type], &entry, &vs)))
            return err;
        *entry = s->cap.object | PTE_P | PTE_W | PTE_U;
        record_mapping(s, vs, inv->a[1]);
        return E_OK;
    case HL_TABLE_UNMAP:
        return unmap(s);
    default:
        return E_INVALID_LABEL;
    }
}

static int decode_rights(const struct cap *page, uint64_t rights, uint64_t *pte_flags)
{
    if (rights & ~(uint64_t)(HL_RIGHT_READ | HL_RIGHT_WRITE | HL_RIGHT_EXEC))
        return E_INVALID_ARG;
    if (!(rights & HL_RIGHT_READ))
        return E_INVALID_ARG; /* x86 has no present-but-unreadable pages */
    if ((page->rights & rights) != rights)
        return E_NO_RIGHTS;
    *pte_flags = PTE_P | PTE_U;
    if (rights & HL_RIGHT_WRITE)
        *pte_flags |= PTE_W;
    if (!(rights & HL_RIGHT_EXEC) && cpu_features.nx)
        *pte_flags |= PTE_NX;
    if (page->flags & CAP_FLAG_DEVICE)
        *pte_flags |= PTE_PCD | PTE_PWT;
    if (page->aux == HL_LARGE_PAGE_BITS)
        *pte_flags |= PTE_PS;
    return E_OK;
}

int page_invoke(struct cap_slot *s, struct invocation *inv)
{
    uint64_t *entry, flags;
    struct cap *vs;
    int err;

    switch (inv->label) {
    case HL_PAGE_MAP:
        if ((err = decode_rights(&s->cap, inv->a[2], &flags)) ||
            (err = decode_map(s, inv->a[0], inv->a[1], 1ull << s->cap.aux, &entry, &vs)))
            return err;
        *entry = s->cap.object | flags;
        record_mapping(s, vs, inv->a[1]);
        return E_OK;
    case HL_PAGE_UNMAP:
        return unmap(s);
    case HL_PAGE_REMAP: {
        if (!(s->cap.flags & CAP_FLAG_MAPPED))
            return E_NOT_MAPPED;
        if ((err = decode_rights(&s->cap, inv->a[0], &flags)))
            return err;
        uint64_t *pml4 = vspace_of_asid(s->cap.badge);
        entry = pml4 ? find_entry(pml4, s->cap.arg, entry_level(&s->cap)) : NULL;
        if (!entry || (*entry & PTE_ADDR_MASK) != s->cap.object)
            return E_NOT_MAPPED; /* its VSpace or table went away */
        *entry = s->cap.object | flags;
        flush(pml4, s->cap.arg, false);
        return E_OK;
    }
    case HL_PAGE_INFO: {
        struct hl_page_info info = {
            .phys = s->cap.object,
            .size = 1ull << s->cap.aux,
            .mapped = (s->cap.flags & CAP_FLAG_MAPPED) != 0,
            .vaddr = (s->cap.flags & CAP_FLAG_MAPPED) ? s->cap.arg : 0,
        };
        return copy_to_user(inv->a[0], &info, sizeof(info));
    }
    default:
        return E_INVALID_LABEL;
    }
}
