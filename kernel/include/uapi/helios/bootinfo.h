/*
 * The read-only boot information page the kernel maps into the root task
 * at HL_BOOTINFO_VADDR, and the root task's initial CSpace layout.
 */
#ifndef HELIOS_BOOTINFO_H
#define HELIOS_BOOTINFO_H

#include <stdint.h>

#define HL_BOOTINFO_VADDR 0x0000000000200000ull
#define HL_BOOTINFO_MAGIC 0x48454c494f534249ull /* "HELIOSBI" */

/* Fixed slots of the root task's CSpace. */
#define HL_ROOT_SLOT_TASK 1
#define HL_ROOT_SLOT_CSPACE 2
#define HL_ROOT_SLOT_VSPACE 3
#define HL_ROOT_SLOT_IOCONTROL 4
#define HL_ROOT_SLOT_IRQCONTROL 5
#define HL_ROOT_SLOT_BOOTINFO_PAGE 6
#define HL_ROOT_SLOT_FIRST_FREE_BOOT 8 /* page-table, image and stack caps start here */

#define HL_BOOTINFO_MAX_MEMORY 64
#define HL_BOOTINFO_MAX_MODULES 16

struct hl_bootinfo_memory {
    uint64_t base;
    uint64_t size;
    uint32_t slot;   /* cptr of its Memory capability */
    uint32_t device; /* 1: device memory (MMIO), only for Pages */
};

struct hl_bootinfo_module {
    uint64_t base; /* physical; covered by no Memory capability */
    uint64_t size;
    char name[64];
};

/* Display the firmware left set up (struct hl_bootinfo.fb.type). */
#define HL_FB_NONE 0
#define HL_FB_RGB 1  /* linear framebuffer, bpp bits per pixel */
#define HL_FB_TEXT 2 /* VGA text mode: width x height cells of 2 bytes */

struct hl_bootinfo_fb {
    uint64_t addr;  /* physical */
    uint32_t pitch; /* bytes per line */
    uint32_t width;
    uint32_t height;
    uint8_t bpp;
    uint8_t type;
    uint8_t reserved[2];
};

struct hl_bootinfo {
    uint64_t magic;
    uint32_t cspace_bits;     /* the root CSpace has 2^cspace_bits slots */
    uint32_t first_free_slot; /* first empty slot after everything below */
    uint32_t first_boot_slot; /* caps for the root task's own tables, image and stack */
    uint32_t boot_slot_count;
    uint32_t nmemory;
    uint32_t nmodules;
    struct hl_bootinfo_memory memory[HL_BOOTINFO_MAX_MEMORY];
    struct hl_bootinfo_module modules[HL_BOOTINFO_MAX_MODULES];
    uint64_t acpi_rsdp; /* physical address, 0 if unknown */
    uint64_t tick_hz;
    char cmdline[512];
    struct hl_bootinfo_fb fb;
};

#endif
