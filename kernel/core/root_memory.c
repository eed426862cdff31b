/*
 * Handing physical memory to the root task. Each run of frames the boot
 * allocator still has free becomes one Memory capability (and leaves the
 * allocator, which is done from here on). Address ranges below 4 GiB that
 * the memory map does not mention, less the APIC range the kernel drives,
 * become device Memory, which can only be retyped into Pages (MMIO).
 */
#include <arch/layout.h>
#include <helios/bootinfo.h>
#include <kernel/acpi.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <kernel/root_task.h>
#include <kernel/string.h>
#include <kernel/timer.h>

#define APIC_RANGE_START 0xfec00000ull
#define APIC_RANGE_END 0xff000000ull
#define DEVICE_MIN_SIZE MiB(1)
/* Leave room in the boot info table for device ranges. */
#define MAX_RAM_CAPS (HL_BOOTINFO_MAX_MEMORY - 16)

struct filler {
    struct hl_bootinfo *info;
    struct cap_slot *slots;
    uint32_t *next_slot;
    uint32_t nslots;
};

static bool add_memory(struct filler *f, paddr_t base, uint64_t size, bool device)
{
    struct hl_bootinfo *info = f->info;

    if (info->nmemory == HL_BOOTINFO_MAX_MEMORY || *f->next_slot >= f->nslots)
        return false;
    struct cap c = {.type = HL_CAP_MEMORY,
                    .rights = HL_RIGHTS_ALL,
                    .object = base,
                    .badge = size,
                    .flags = device ? CAP_FLAG_DEVICE : 0};
    captree_insert(NULL, &f->slots[*f->next_slot], &c);
    info->memory[info->nmemory++] = (struct hl_bootinfo_memory){
        .base = base, .size = size, .slot = *f->next_slot, .device = device};
    (*f->next_slot)++;
    return true;
}

static uint64_t add_free_ram(struct filler *f)
{
    uint64_t kib = 0, runs = 0;
    size_t n = kernel_pmm.nframes;

    for (size_t i = 0; i < n;) {
        if (!pmm_is_free(&kernel_pmm, (paddr_t)i << PAGE_SHIFT)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && pmm_is_free(&kernel_pmm, (paddr_t)j << PAGE_SHIFT))
            j++;
        paddr_t base = (paddr_t)i << PAGE_SHIFT;
        uint64_t size = (uint64_t)(j - i) << PAGE_SHIFT;
        if (runs < MAX_RAM_CAPS && add_memory(f, base, size, false)) {
            pmm_reserve(&kernel_pmm, base, size);
            kib += size >> 10;
            runs++;
        }
        i = j;
    }
    return kib;
}

static void add_device_range(struct filler *f, paddr_t a, paddr_t b)
{
    /* Keep the kernel's own APIC range out of user reach. */
    if (a < APIC_RANGE_END && APIC_RANGE_START < b) {
        add_device_range(f, a, APIC_RANGE_START);
        add_device_range(f, APIC_RANGE_END, b);
        return;
    }
    if (b > a && b - a >= DEVICE_MIN_SIZE)
        add_memory(f, a, b - a, true);
}

/* The gaps the map leaves between 1 MiB and 4 GiB, plus the legacy VGA
 * window (0xa0000-0xc0000) that sits in a reserved hole. */
static void add_devices(struct filler *f, const struct bootinfo *bi)
{
    paddr_t cursor = MiB(1);

    add_memory(f, 0xa0000, 0x20000, true);
    for (size_t i = 0; i < bi->nregions && cursor < GiB(4); i++) {
        const struct boot_region *r = &bi->regions[i];
        if (r->base + r->len <= cursor)
            continue;
        if (r->base > cursor)
            add_device_range(f, cursor, MIN(r->base, GiB(4)));
        cursor = r->base + r->len;
    }
    if (cursor < GiB(4))
        add_device_range(f, cursor, GiB(4));
}

uint64_t root_fill_bootinfo(const struct bootinfo *bi, struct hl_bootinfo *info,
                            struct cap_slot *slots, uint32_t *next_slot, uint32_t nslots)
{
    struct filler f = {.info = info, .slots = slots, .next_slot = next_slot, .nslots = nslots};

    info->magic = HL_BOOTINFO_MAGIC;
    info->tick_hz = TIMER_HZ;
    info->acpi_rsdp = acpi_rsdp_phys;
    info->fb = (struct hl_bootinfo_fb){.addr = bi->fb.addr,
                                       .pitch = bi->fb.pitch,
                                       .width = bi->fb.width,
                                       .height = bi->fb.height,
                                       .bpp = bi->fb.bpp,
                                       .type = bi->fb.type};
    /* BIOS boots without a framebuffer description are in VGA text mode. */
    if (bi->fb.type == BOOT_FB_NONE && !bi->efi)
        info->fb = (struct hl_bootinfo_fb){.addr = 0xb8000,
                                           .pitch = 160,
                                           .width = 80,
                                           .height = 25,
                                           .bpp = 16,
                                           .type = HL_FB_TEXT};
    kstrlcpy(info->cmdline, bi->cmdline, sizeof(info->cmdline));
    for (size_t i = 0; i < bi->nmodules && i < HL_BOOTINFO_MAX_MODULES; i++) {
        info->modules[i].base = bi->modules[i].start;
        info->modules[i].size = bi->modules[i].end - bi->modules[i].start;
        kstrlcpy(info->modules[i].name, bi->modules[i].name, sizeof(info->modules[i].name));
        info->nmodules++;
    }
    uint64_t kib = add_free_ram(&f);
    add_devices(&f, bi);
    if (kib == 0)
        panic("root task: no memory left to give it");
    return kib;
}
