/*
 * Building the root task: the first user program, an ELF64 boot module,
 * gets a fresh VSpace with its image, a stack and the read-only boot info
 * page, a CSpace with capabilities to everything the kernel does not keep
 * for itself (see helios/bootinfo.h for the layout), and the CPU.
 *
 * The kernel allocates these first objects from its boot frame allocator;
 * every frame still free afterwards becomes a Memory capability, so from
 * here on the kernel allocates nothing.
 */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/pagetable.h>
#include <arch/paging.h>
#include <helios/bootinfo.h>
#include <kernel/bootinfo.h>
#include <kernel/cmdline.h>
#include <kernel/elf.h>
#include <kernel/kprintf.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <kernel/root_task.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/timer.h>

#define ROOT_CSPACE_BITS 12
#define ROOT_STACK_TOP 0x10000000ull
#define ROOT_STACK_PAGES 4
#define ROOT_PRIORITY 100

struct builder {
    struct cap_slot *slots;
    uint32_t next_slot;
    uint64_t *pml4;
    uint32_t asid;
    struct hl_bootinfo *info;
};

static struct cap_slot *take_slot(struct builder *b)
{
    if (b->next_slot >= (1u << ROOT_CSPACE_BITS))
        panic("root task: its CSpace of %u slots is full", 1u << ROOT_CSPACE_BITS);
    return &b->slots[b->next_slot++];
}

static unsigned index_at(uint64_t va, int level)
{
    return (unsigned)(va >> (12 + 9 * (level - 1))) & 0x1ff;
}

/* The table below entry (level) for va, created with a capability in the
 * next boot slot if it is not there yet. */
static uint64_t *ensure_table(struct builder *b, uint64_t *table, int level, uint64_t va,
                              uint8_t type)
{
    uint64_t *e = &table[index_at(va, level)];

    if (!(*e & PTE_P)) {
        paddr_t pa = pmm_alloc_zeroed_frame();
        *e = pa | PTE_P | PTE_W | PTE_U;
        uint64_t coverage = 1ull << (12 + 9 * (level - 1));
        struct cap c = {.type = type,
                        .flags = CAP_FLAG_MAPPED,
                        .rights = HL_RIGHTS_ALL,
                        .badge = b->asid,
                        .object = pa,
                        .arg = ALIGN_DOWN(va, coverage)};
        captree_insert(NULL, take_slot(b), &c);
        b->info->boot_slot_count++;
    }
    return phys_to_virt(*e & PTE_ADDR_MASK);
}

static void map_page(struct builder *b, struct cap_slot *slot, uint64_t va, paddr_t pa, bool write,
                     bool exec)
{
    uint64_t *pdpt = ensure_table(b, b->pml4, 4, va, HL_CAP_PDPT);
    uint64_t *pd = ensure_table(b, pdpt, 3, va, HL_CAP_PD);
    uint64_t *pt = ensure_table(b, pd, 2, va, HL_CAP_PT);

    pt[index_at(va, 1)] =
        pa | PTE_P | PTE_U | (write ? PTE_W : 0) | (!exec && cpu_features.nx ? PTE_NX : 0);
    struct cap c = {.type = HL_CAP_PAGE,
                    .flags = CAP_FLAG_MAPPED,
                    .rights = HL_RIGHTS_ALL,
                    .aux = HL_PAGE_BITS,
                    .badge = b->asid,
                    .object = pa,
                    .arg = va};
    if (!slot) {
        slot = take_slot(b);
        b->info->boot_slot_count++;
    }
    captree_insert(NULL, slot, &c);
}

static void load_segment(struct builder *b, const uint8_t *file, const struct elf_segment *s)
{
    uint64_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE),
             end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);

    for (uint64_t va = start; va < end; va += PAGE_SIZE) {
        paddr_t pa = pmm_alloc_zeroed_frame();
        uint64_t lo = MAX(va, s->vaddr), hi = MIN(va + PAGE_SIZE, s->vaddr + s->filesz);
        if (lo < hi)
            memcpy((uint8_t *)phys_to_virt(pa) + (lo - va), file + s->offset + (lo - s->vaddr),
                   hi - lo);
        map_page(b, NULL, va, pa, s->flags & ELF_PF_W, s->flags & ELF_PF_X);
    }
}

static struct cap_slot *make_root_cap(struct builder *b, uint32_t slot, uint8_t type,
                                      uint64_t object, uint32_t aux)
{
    struct cap c = {.type = type, .rights = HL_RIGHTS_ALL, .object = object, .aux = aux};

    captree_insert(NULL, &b->slots[slot], &c);
    return &b->slots[slot];
}

static struct task *make_task(struct builder *b, uint64_t entry)
{
    struct task *t = phys_to_virt(pmm_alloc_zeroed_frame());

    task_init(t);
    kstrlcpy(t->name, "root", sizeof(t->name));
    t->priority = ROOT_PRIORITY;
    t->mcp = HL_PRIORITY_MAX;
    t->frame.rip = entry;
    t->frame.rsp = ROOT_STACK_TOP;
    t->frame.rdi = HL_BOOTINFO_VADDR;
    captree_insert(&b->slots[HL_ROOT_SLOT_CSPACE], &t->slots[TASK_SLOT_CSPACE],
                   &b->slots[HL_ROOT_SLOT_CSPACE].cap);
    captree_insert(&b->slots[HL_ROOT_SLOT_VSPACE], &t->slots[TASK_SLOT_VSPACE],
                   &b->slots[HL_ROOT_SLOT_VSPACE].cap);
    t->state = HL_TASK_RUNNABLE;
    return t;
}

void root_task_start(const struct bootinfo *bi)
{
    char name[BOOT_NAME_MAX] = "root";
    struct elf_image img;
    struct builder b = {.next_slot = HL_ROOT_SLOT_FIRST_FREE_BOOT};

    cmdline_get(bi->cmdline, "init", name, sizeof(name));
    const struct boot_module *m = bootinfo_find_module(bi, name);
    if (!m)
        panic("boot: root task module '%s' not found (%zu modules loaded); pass it with "
              "-initrd or a GRUB module2 line",
              name, bi->nmodules);
    const uint8_t *file = phys_to_virt(m->start);
    int err = elf_parse(file, m->end - m->start, HL_USER_TOP, &img);
    if (err)
        panic("root task: module '%s' is not a usable program: %s", name, elf_strerror(err));

    /* CSpace, VSpace and the boot info page. */
    paddr_t cs_pa;
    if (pmm_alloc(&kernel_pmm, (64u << ROOT_CSPACE_BITS) / PAGE_SIZE, 1, &cs_pa) != PMM_OK)
        panic("root task: no memory for its CSpace");
    memset(phys_to_virt(cs_pa), 0, 64u << ROOT_CSPACE_BITS);
    b.slots = phys_to_virt(cs_pa);
    ((struct cspace_header *)b.slots)->size_bits = ROOT_CSPACE_BITS;
    paddr_t pml4 = pmm_alloc_zeroed_frame();
    if (vspace_init(pml4, &b.asid))
        panic("root task: no ASID");
    b.pml4 = phys_to_virt(pml4);
    paddr_t info_pa = pmm_alloc_zeroed_frame();
    b.info = phys_to_virt(info_pa);
    b.info->first_boot_slot = HL_ROOT_SLOT_FIRST_FREE_BOOT;

    make_root_cap(&b, HL_ROOT_SLOT_CSPACE, HL_CAP_CSPACE, (uint64_t)(uintptr_t)b.slots,
                  ROOT_CSPACE_BITS);
    make_root_cap(&b, HL_ROOT_SLOT_VSPACE, HL_CAP_VSPACE, pml4, b.asid);
    make_root_cap(&b, HL_ROOT_SLOT_IOCONTROL, HL_CAP_IOCONTROL, 0, 0);
    make_root_cap(&b, HL_ROOT_SLOT_IRQCONTROL, HL_CAP_IRQCONTROL, 0, 0);

    for (size_t i = 0; i < img.nsegments; i++)
        load_segment(&b, file, &img.segments[i]);
    for (uint64_t i = 1; i <= ROOT_STACK_PAGES; i++)
        map_page(&b, NULL, ROOT_STACK_TOP - i * PAGE_SIZE, pmm_alloc_zeroed_frame(), true, false);
    map_page(&b, &b.slots[HL_ROOT_SLOT_BOOTINFO_PAGE], HL_BOOTINFO_VADDR, info_pa, false, false);

    struct task *t = make_task(&b, img.entry);
    make_root_cap(&b, HL_ROOT_SLOT_TASK, HL_CAP_TASK, (uint64_t)(uintptr_t)t, 0);

    /* Everything the kernel has not used becomes the root task's. */
    uint64_t kib = root_fill_bootinfo(bi, b.info, b.slots, &b.next_slot, 1u << ROOT_CSPACE_BITS);
    b.info->cspace_bits = ROOT_CSPACE_BITS;
    b.info->first_free_slot = b.next_slot;

    kprintf("root: '%s' entry %#lx, %zu segments, %u memory capabilities (%lu KiB), "
            "first free slot %u\n",
            name, img.entry, img.nsegments, b.info->nmemory, kib, b.next_slot);
    sched_start(t);
}
