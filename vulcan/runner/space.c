/*
 * An isolated case's own task, CSpace and VSpace (vulcan.h), all carved
 * from the pool that the runner revokes after the case, so that revoking
 * it takes back everything here and everything the case made.
 *
 * The VSpace gets a private copy of the whole program image rather than
 * the root task's text frames: debug write mem writes through the frame
 * (docs/abi.md, Debugging), so a case that sets a breakpoint in shared
 * text would patch the runner too. The data is copied from the root
 * task's own pages, which hold the program's initial values: no case runs
 * in the root task's VSpace but shared ones, and those keep to their own
 * window and statics the runner does not read back. Pages the root task
 * has all zero (most of bss) are left as the kernel made them.
 */
#include <string.h>
#include <hl/alloc.h>
#include <hl/debug.h>
#include <hl/invoke.h>
#include "runner_int.h"

extern const char __image_start[], __image_rodata_start[], __image_data_start[], __image_end[];

#define PAGE (1ull << HL_PAGE_BITS)
#define RETYPE_MAX 256 /* objects per Memory.retype */

static bool page_is_zero(const uint64_t *p)
{
    for (size_t i = 0; i < PAGE / sizeof(*p); i++)
        if (p[i])
            return false;
    return true;
}

static unsigned image_rights(uint64_t vaddr)
{
    if (vaddr < (uintptr_t)__image_rodata_start)
        return HL_RIGHT_READ | HL_RIGHT_EXEC;
    if (vaddr < (uintptr_t)__image_data_start)
        return HL_RIGHT_READ;
    return HL_RIGHT_READ | HL_RIGHT_WRITE;
}

/* The image's pages, made and mapped in the case's VSpace from *first on. */
static int map_image(struct hl_alloc *a, uint32_t vs, uint32_t npages, uint32_t *first,
                     const char **what)
{
    uint64_t base = (uintptr_t)__image_start;
    int err = E_OK;

    *what = "make the image's pages";
    for (uint32_t done = 0; err == E_OK && done < npages; done += RETYPE_MAX) {
        uint32_t n = npages - done < RETYPE_MAX ? npages - done : RETYPE_MAX, slot;
        err = hl_alloc_objects(a, HL_CAP_PAGE, HL_PAGE_BITS, n, &slot);
        if (err == E_OK && done == 0)
            *first = slot;
    }
    if (err)
        return err;
    *what = "map the image";
    for (uint32_t i = 0; err == E_OK && i < npages; i++) {
        uint64_t v = base + i * PAGE;
        err = hl_alloc_map_page(a, vs, v, *first + i, image_rights(v));
    }
    return err;
}

/* The image's contents, written through the case task (the text is
 * read-only in the case's VSpace; debug write mem writes the frame). */
static int copy_image(uint32_t task, uint32_t npages)
{
    uint64_t base = (uintptr_t)__image_start;
    int err = E_OK;

    for (uint32_t i = 0; err == E_OK && i < npages; i++) {
        const uint64_t *p = (const uint64_t *)(uintptr_t)(base + i * PAGE);
        if (!page_is_zero(p))
            err = hl_debug_write_mem(task, base + i * PAGE, p, PAGE, NULL);
    }
    return err;
}

/* The root task's capabilities each case gets a copy of, with the rights
 * it keeps: IOControl and IRQControl need none (issuing from them checks
 * no right), the boot info page only READ. */
static const struct {
    uint32_t slot, from;
    unsigned rights;
} lent[] = {
    {UT_SLOT_IOCONTROL, HL_ROOT_SLOT_IOCONTROL, 0},
    {UT_SLOT_IRQCONTROL, HL_ROOT_SLOT_IRQCONTROL, 0},
    {UT_SLOT_BOOTINFO, HL_ROOT_SLOT_BOOTINFO_PAGE, HL_RIGHT_READ},
};

/* The fixed slots of the case's CSpace (UT_SLOT_*) and its image pages. */
static int fill_cspace(const struct ut_space *sp, uint32_t image, uint32_t npages,
                       const char **what)
{
    uint32_t cs = sp->cspace;
    int err;

    *what = "fill the case's CSpace";
    if ((err = hl_cspace_copy(cs, UT_SLOT_TASK, HL_ROOT_SLOT_CSPACE, sp->task)) ||
        (err = hl_cspace_copy(cs, UT_SLOT_CSPACE, HL_ROOT_SLOT_CSPACE, sp->cspace)) ||
        (err = hl_cspace_copy(cs, UT_SLOT_VSPACE, HL_ROOT_SLOT_CSPACE, sp->vspace)) ||
        (err = hl_cspace_move(cs, UT_SLOT_MEMORY, HL_ROOT_SLOT_CSPACE, sp->memory_home)))
        return err;
    for (size_t i = 0; err == E_OK && i < sizeof(lent) / sizeof(lent[0]); i++)
        err =
            hl_cspace_mint(cs, lent[i].slot, HL_ROOT_SLOT_CSPACE, lent[i].from, lent[i].rights, 0);
    for (uint32_t i = 0; err == E_OK && i < npages; i++)
        err = hl_cspace_copy(cs, UT_SLOT_IMAGE + i, HL_ROOT_SLOT_CSPACE, image + i);
    return err;
}

static int build(const struct ut_space_src *src, struct hl_alloc *a, struct utest_env *env,
                 struct ut_space *sp, const char **what)
{
    uint32_t cspace_slots = 1u << src->bi->cspace_bits;
    uint32_t npages = ((uintptr_t)__image_end - (uintptr_t)__image_start + PAGE - 1) / PAGE;
    uint32_t image = 0, bootinfo, report;
    struct hl_task_config config = {
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };
    int err;

    /* Memory first: the pool's base is aligned, so it sits at offset 0. */
    *what = "carve the case's objects";
    if ((err = hl_alloc_objects(a, HL_CAP_MEMORY, UT_MEMORY_BITS, 1, &sp->memory_home)) ||
        (err = hl_alloc_objects(a, HL_CAP_CSPACE, src->bi->cspace_bits, 1, &sp->cspace)) ||
        (err = hl_alloc_objects(a, HL_CAP_VSPACE, 0, 1, &sp->vspace)) ||
        (err = hl_alloc_objects(a, HL_CAP_TASK, 0, 1, &sp->task)))
        return err;
    if (UT_SLOT_IMAGE + npages >= cspace_slots) {
        *what = "fit the image in the case's CSpace";
        return E_RANGE;
    }
    if ((err = map_image(a, sp->vspace, npages, &image, what)))
        return err;
    *what = "map the boot info, the stack and the report page";
    if ((err = hl_alloc_slots(a, 2, &bootinfo)) ||
        (err = hl_cspace_mint(HL_ROOT_SLOT_CSPACE, bootinfo, HL_ROOT_SLOT_CSPACE,
                              HL_ROOT_SLOT_BOOTINFO_PAGE, HL_RIGHT_READ, 0)) ||
        (err = hl_alloc_map_page(a, sp->vspace, HL_BOOTINFO_VADDR, bootinfo, HL_RIGHT_READ)) ||
        (err = hl_alloc_map_new_pages(a, sp->vspace, UT_STACK_VADDR, UT_STACK_PAGES,
                                      HL_RIGHT_READ | HL_RIGHT_WRITE)))
        return err;
    report = bootinfo + 1;
    if ((err =
             hl_cspace_copy(HL_ROOT_SLOT_CSPACE, report, HL_ROOT_SLOT_CSPACE, src->report_page)) ||
        (err = hl_alloc_map_page(a, sp->vspace, UT_REPORT_VADDR, report,
                                 HL_RIGHT_READ | HL_RIGHT_WRITE)))
        return err;
    if ((err = fill_cspace(sp, image, npages, what)))
        return err;

    env->memory = UT_SLOT_MEMORY;
    env->cspace = UT_SLOT_CSPACE;
    env->vspace = UT_SLOT_VSPACE;
    env->task = UT_SLOT_TASK;
    env->isolated = true;
    env->image_first = UT_SLOT_IMAGE;
    env->image_count = npages;
    env->image_vaddr = (uintptr_t)__image_start;
    env->alloc = (struct hl_alloc){
        .cspace = UT_SLOT_CSPACE,
        .memory = UT_SLOT_MEMORY,
        .next = UT_SLOT_IMAGE + npages,
        .end = cspace_slots,
    };

    config.cspace = sp->cspace;
    config.vspace = sp->vspace;
    *what = "configure the case's task";
    if ((err = hl_task_configure(sp->task, &config)))
        return err;
    *what = "copy the image";
    return copy_image(sp->task, npages);
}

int ut_space_build(const struct ut_space_src *src, struct utest_env *env, struct ut_space *sp,
                   const char **what)
{
    struct hl_alloc a = {
        .cspace = HL_ROOT_SLOT_CSPACE,
        .memory = src->pool,
        .next = src->first_slot,
        .end = src->first_slot + src->nslots,
    };
    int err = build(src, &a, env, sp, what);

    sp->slot_end = a.next;
    return err;
}

int ut_space_memory_home(const struct ut_space *sp)
{
    unsigned type = HL_CAP_NULL;
    int err = hl_cspace_identify(sp->cspace, UT_SLOT_MEMORY, NULL, &type);

    if (err)
        return err;
    if (type == HL_CAP_NULL)
        return E_SLOT_EMPTY;
    if (type != HL_CAP_MEMORY)
        return E_WRONG_TYPE;
    return hl_cspace_move(HL_ROOT_SLOT_CSPACE, sp->memory_home, sp->cspace, UT_SLOT_MEMORY);
}
