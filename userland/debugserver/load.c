/*
 * Loading the target: a static ELF64 x86-64 executable (ELF-64 Object File
 * Format 1.5, "Program header") becomes a task in a VSpace of its own.
 * Each PT_LOAD page is a fresh Page: mapped at a scratch address in the
 * server's VSpace to be filled, unmapped, then mapped in the target's
 * VSpace with the segment's protection. The stack is a few fresh pages
 * below DS_STACK_TOP.
 */
#include <string.h>
#include <hl/invoke.h>
#include <hl/thread.h>
#include "debugserver.h"

#define PAGE 0x1000ull
#define DS_STACK_TOP 0x0000000010000000ull
#define DS_STACK_PAGES 4
#define DS_CSPACE_BITS 2

#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ET_EXEC 2
#define EM_X86_64 62
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf64_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

static bool header_ok(const struct elf64_ehdr *h, size_t size)
{
    return size >= sizeof(*h) && memcmp(h->ident, "\177ELF", 4) == 0 && h->ident[4] == ELFCLASS64 &&
           h->ident[5] == ELFDATA2LSB && h->type == ET_EXEC && h->machine == EM_X86_64 &&
           h->phentsize == sizeof(struct elf64_phdr) && h->phoff <= size &&
           h->phnum <= (size - h->phoff) / sizeof(struct elf64_phdr) && h->entry < HL_USER_TOP;
}

static bool segment_ok(const struct elf64_phdr *p, size_t size)
{
    return p->offset <= size && p->filesz <= size - p->offset && p->filesz <= p->memsz &&
           p->vaddr < HL_USER_TOP && p->memsz <= HL_USER_TOP - p->vaddr &&
           p->vaddr + p->memsz <= DS_STACK_TOP - DS_STACK_PAGES * PAGE;
}

/* One page of the target at vaddr (page-aligned) holding the bytes of p
 * that fall in it. */
static int load_page(struct hl_alloc *a, uint32_t own_vspace, uint64_t scratch,
                     const struct ds_loaded *t, const uint8_t *image, const struct elf64_phdr *p,
                     uint64_t vaddr)
{
    unsigned rights = HL_RIGHT_READ | (p->flags & PF_W ? HL_RIGHT_WRITE : 0) |
                      (p->flags & PF_X ? HL_RIGHT_EXEC : 0);
    uint8_t *dst = (uint8_t *)(uintptr_t)scratch;
    uint32_t page;
    int err;

    if ((err = hl_alloc_objects(a, HL_CAP_PAGE, HL_PAGE_BITS, 1, &page)) ||
        (err = hl_alloc_map_page(a, own_vspace, scratch, page, HL_RIGHT_READ | HL_RIGHT_WRITE)))
        return err;
    memset(dst, 0, PAGE);
    /* The file bytes of this segment that land in [vaddr, vaddr + PAGE). */
    uint64_t lo = p->vaddr > vaddr ? p->vaddr : vaddr;
    uint64_t hi = p->vaddr + p->filesz < vaddr + PAGE ? p->vaddr + p->filesz : vaddr + PAGE;
    if (lo < hi)
        memcpy(dst + (lo - vaddr), image + p->offset + (lo - p->vaddr), hi - lo);
    if ((err = hl_page_unmap(page)))
        return err;
    return hl_alloc_map_page(a, t->vspace, vaddr, page, rights);
}

int ds_load(struct hl_alloc *a, uint32_t own_vspace, uint64_t scratch, const uint8_t *image,
            size_t size, struct ds_loaded *out)
{
    const struct elf64_ehdr *h = (const void *)image;
    struct ds_loaded t = {0};
    struct hl_task_config config;
    struct hl_regs regs;
    int err;

    if (!header_ok(h, size))
        return E_INVALID_ARG;
    if ((err = hl_alloc_objects(a, HL_CAP_TASK, 0, 1, &t.task)) ||
        (err = hl_alloc_objects(a, HL_CAP_VSPACE, 0, 1, &t.vspace)) ||
        (err = hl_alloc_objects(a, HL_CAP_CSPACE, DS_CSPACE_BITS, 1, &t.cspace)))
        return err;
    for (unsigned i = 0; i < h->phnum; i++) {
        const struct elf64_phdr *p = (const void *)(image + h->phoff + i * sizeof(*p));
        if (p->type != PT_LOAD || p->memsz == 0)
            continue;
        if (!segment_ok(p, size))
            return E_INVALID_ARG;
        for (uint64_t v = p->vaddr & ~(PAGE - 1); v < p->vaddr + p->memsz; v += PAGE)
            if ((err = load_page(a, own_vspace, scratch, &t, image, p, v)))
                return err;
    }
    t.stack_top = DS_STACK_TOP;
    if ((err = hl_alloc_map_new_pages(a, t.vspace, DS_STACK_TOP - DS_STACK_PAGES * PAGE,
                                      DS_STACK_PAGES, HL_RIGHT_READ | HL_RIGHT_WRITE)))
        return err;
    config = (struct hl_task_config){
        .cspace = t.cspace,
        .vspace = t.vspace,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };
    if ((err = hl_task_configure(t.task, &config)))
        return err;
    /* As the kernel starts the root task: rip = entry, rdi = 0 (no boot
     * info), rsp = the stack top, interrupts on. */
    memset(&regs, 0, sizeof(regs));
    regs.rip = h->entry;
    regs.rsp = t.stack_top;
    regs.rflags = 0x202;
    if ((err = hl_task_write_regs(t.task, &regs)))
        return err;
    t.entry = h->entry;
    *out = t;
    return E_OK;
}
