/*
 * Multiboot2 information (what GRUB's multiboot2 command passes): a list of
 * 8-byte aligned tags after a total_size/reserved header. Every tag size is
 * checked against total_size before use.
 */
#include <kernel/bootinfo.h>
#include <kernel/string.h>
#include "multiboot.h"

/* Copies a tag's string payload (not necessarily terminated by a lying
 * loader) of n bytes into dst. */
static int read_tag_string(const struct phys_reader *rd, paddr_t pa, size_t n, char *dst,
                           size_t size)
{
    size_t len = n < size - 1 ? n : size - 1;

    if (!rd->read(rd->ctx, pa, dst, len))
        return BOOT_E_UNREADABLE;
    dst[len] = '\0';
    return BOOT_OK;
}

static int parse_mmap(const struct phys_reader *rd, paddr_t tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t hdr[2]; /* entry_size, entry_version */

    if (size < 16 || !rd->read(rd->ctx, tag + 8, hdr, sizeof(hdr)))
        return BOOT_E_TRUNCATED;
    if (hdr[0] < MB2_MMAP_ENTRY_MIN)
        return BOOT_E_TRUNCATED;

    for (paddr_t off = 16; off + hdr[0] <= size; off += hdr[0]) {
        uint8_t e[MB2_MMAP_ENTRY_MIN];
        if (!rd->read(rd->ctx, tag + off, e, sizeof(e)))
            return BOOT_E_UNREADABLE;
        if (bi->nregions == BOOT_MAX_REGIONS)
            return BOOT_E_TOO_MANY;
        struct boot_region *r = &bi->regions[bi->nregions];
        memcpy(&r->base, e, 8);
        memcpy(&r->len, e + 8, 8);
        memcpy(&r->type, e + 16, 4);
        r->index = (uint32_t)bi->nregions++;
    }
    return BOOT_OK;
}

static int parse_module(const struct phys_reader *rd, paddr_t tag, uint32_t size,
                        struct bootinfo *bi)
{
    uint32_t range[2];
    char string[BOOT_CMDLINE_MAX];

    if (size < 16)
        return BOOT_E_TRUNCATED;
    if (!rd->read(rd->ctx, tag + 8, range, sizeof(range)))
        return BOOT_E_UNREADABLE;
    int err = read_tag_string(rd, tag + 16, size - 16, string, sizeof(string));
    if (err)
        return err;
    return bootinfo_add_module(bi, range[0], range[1], string);
}

int bootinfo_parse_mb2(paddr_t info, const struct phys_reader *rd, struct bootinfo *bi)
{
    uint32_t total, tag_hdr[2];
    bool have_mmap = false;
    int err = BOOT_OK;

    memset(bi, 0, sizeof(*bi));
    bi->protocol = 2;
    if (!rd->read(rd->ctx, info, &total, sizeof(total)))
        return BOOT_E_UNREADABLE;
    if (total < 16 || total > MB2_INFO_MAX)
        return BOOT_E_TRUNCATED;

    for (paddr_t off = 8;; off = ALIGN_UP(off + tag_hdr[1], 8)) {
        if (off + 8 > total)
            return BOOT_E_TRUNCATED; /* no end tag inside total_size */
        paddr_t tag = info + off;
        if (!rd->read(rd->ctx, tag, tag_hdr, sizeof(tag_hdr)))
            return BOOT_E_UNREADABLE;
        uint32_t type = tag_hdr[0], size = tag_hdr[1];
        if (size < 8 || size > total - off)
            return BOOT_E_TRUNCATED;

        switch (type) {
        case MB2_TAG_END:
            if (!have_mmap || bi->nregions == 0)
                return BOOT_E_NO_MEMMAP;
            return BOOT_OK;
        case MB2_TAG_CMDLINE:
            err = read_tag_string(rd, tag + 8, size - 8, bi->cmdline, sizeof(bi->cmdline));
            break;
        case MB2_TAG_LOADER_NAME:
            err = read_tag_string(rd, tag + 8, size - 8, bi->loader_name, sizeof(bi->loader_name));
            break;
        case MB2_TAG_MODULE:
            err = parse_module(rd, tag, size, bi);
            break;
        case MB2_TAG_MMAP:
            have_mmap = true;
            err = parse_mmap(rd, tag, size, bi);
            break;
        case MB2_TAG_FRAMEBUFFER: {
            uint8_t fb[22];
            if (size < 8 + sizeof(fb))
                return BOOT_E_TRUNCATED;
            if (!rd->read(rd->ctx, tag + 8, fb, sizeof(fb)))
                return BOOT_E_UNREADABLE;
            bootinfo_read_fb(fb, &bi->fb);
            break;
        }
        case MB2_TAG_EFI32:
        case MB2_TAG_EFI64:
            bi->efi = true;
            break;
        case MB2_TAG_ACPI_OLD:
        case MB2_TAG_ACPI_NEW:
            /* A copy of the RSDP; prefer the new one when both come. */
            if (type == MB2_TAG_ACPI_NEW || bi->rsdp_len == 0) {
                bi->rsdp_len = (uint32_t)MIN(size - 8, sizeof(bi->rsdp));
                if (!rd->read(rd->ctx, tag + 8, bi->rsdp, bi->rsdp_len))
                    return BOOT_E_UNREADABLE;
            }
            break;
        default:
            break; /* tags we do not use (framebuffer, ACPI, EFI...) */
        }
        if (err)
            return err;
    }
}
