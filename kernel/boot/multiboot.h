/*
 * Layouts of the boot information the two multiboot protocols hand over
 * (Multiboot 0.6.96 section 3.3; Multiboot2 1.6 section 3.6). Offsets are
 * spelled out because the structures are read through a phys_reader, not
 * cast in place.
 */
#ifndef BOOT_MULTIBOOT_H
#define BOOT_MULTIBOOT_H

#define MB1_INFO_SIZE 116
#define MB1_INFO_MIN 88 /* without the framebuffer fields */
#define MB1_FLAG_CMDLINE (1u << 2)
#define MB1_FLAG_MODS (1u << 3)
#define MB1_FLAG_MMAP (1u << 6)
#define MB1_FLAG_LOADER_NAME (1u << 9)
#define MB1_FLAG_FRAMEBUFFER (1u << 12)
#define MB1_OFF_FB 88
#define MB1_OFF_FLAGS 0
#define MB1_OFF_CMDLINE 16
#define MB1_OFF_MODS_COUNT 20
#define MB1_OFF_MODS_ADDR 24
#define MB1_OFF_MMAP_LENGTH 44
#define MB1_OFF_MMAP_ADDR 48
#define MB1_OFF_LOADER_NAME 64
#define MB1_MODULE_SIZE 16
#define MB1_MMAP_ENTRY_MIN 20 /* base, length, type after the size word */

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER_NAME 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_TAG_FRAMEBUFFER 8
#define MB2_TAG_EFI32 11
#define MB2_TAG_EFI64 12
#define MB2_TAG_ACPI_OLD 14
#define MB2_TAG_ACPI_NEW 15
#define MB2_MMAP_ENTRY_MIN 20
#define MB2_INFO_MAX (1u << 20) /* sanity bound on total_size */

#endif
