/*
 * Multiboot 1 information (what `qemu -kernel` passes). Everything is read
 * through the phys_reader; the 32-bit pointers inside are never trusted.
 */
#include <kernel/bootinfo.h>
#include <kernel/string.h>
#include "multiboot.h"

static bool rd_u32(const struct phys_reader *rd, paddr_t pa, uint32_t *v)
{
    return rd->read(rd->ctx, pa, v, sizeof(*v));
}

/* Copies a NUL-terminated string of at most size-1 bytes. A string that
 * runs past size is truncated; one that runs into unreadable memory fails. */
static int read_string(const struct phys_reader *rd, paddr_t pa, char *dst, size_t size)
{
    for (size_t i = 0; i + 1 < size; i++) {
        if (!rd->read(rd->ctx, pa + i, &dst[i], 1))
            return BOOT_E_UNREADABLE;
        if (dst[i] == '\0')
            return BOOT_OK;
    }
    dst[size - 1] = '\0';
    return BOOT_OK;
}

static int parse_mmap(const struct phys_reader *rd, paddr_t addr, uint32_t length,
                      struct bootinfo *bi)
{
    paddr_t p = addr, end = addr + length;

    /* Each entry: u32 size (excluding itself), u64 base, u64 length, u32 type. */
    while (p < end) {
        uint32_t size;
        uint8_t e[MB1_MMAP_ENTRY_MIN];

        if (end - p < 4 || !rd_u32(rd, p, &size))
            return BOOT_E_TRUNCATED;
        if (size < MB1_MMAP_ENTRY_MIN || end - p - 4 < size)
            return BOOT_E_TRUNCATED;
        if (!rd->read(rd->ctx, p + 4, e, sizeof(e)))
            return BOOT_E_UNREADABLE;
        if (bi->nregions == BOOT_MAX_REGIONS)
            return BOOT_E_TOO_MANY;

        struct boot_region *r = &bi->regions[bi->nregions];
        memcpy(&r->base, e, 8);
        memcpy(&r->len, e + 8, 8);
        memcpy(&r->type, e + 16, 4);
        r->index = (uint32_t)bi->nregions++;
        p += 4 + (paddr_t)size;
    }
    return BOOT_OK;
}

static int parse_modules(const struct phys_reader *rd, paddr_t addr, uint32_t count,
                         struct bootinfo *bi)
{
    if (count > BOOT_MAX_MODULES)
        return BOOT_E_TOO_MANY;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t m[4];
        char string[BOOT_CMDLINE_MAX];

        if (!rd->read(rd->ctx, addr + (paddr_t)i * MB1_MODULE_SIZE, m, sizeof(m)))
            return BOOT_E_UNREADABLE;
        string[0] = '\0';
        if (m[2] != 0) {
            int err = read_string(rd, m[2], string, sizeof(string));
            if (err)
                return err;
        }
        int err = bootinfo_add_module(bi, m[0], m[1], string);
        if (err)
            return err;
    }
    return BOOT_OK;
}

int bootinfo_parse_mb1(paddr_t info, const struct phys_reader *rd, struct bootinfo *bi)
{
    uint8_t mb[MB1_INFO_SIZE];
    uint32_t flags, v, w;
    int err;

    memset(bi, 0, sizeof(*bi));
    bi->protocol = 1;
    if (!rd->read(rd->ctx, info, mb, MB1_INFO_MIN))
        return BOOT_E_UNREADABLE;
    memcpy(&flags, mb + MB1_OFF_FLAGS, 4);
    if (flags & MB1_FLAG_FRAMEBUFFER) {
        if (!rd->read(rd->ctx, info, mb, MB1_INFO_SIZE))
            return BOOT_E_UNREADABLE;
        bootinfo_read_fb(mb + MB1_OFF_FB, &bi->fb);
    }

    if (flags & MB1_FLAG_CMDLINE) {
        memcpy(&v, mb + MB1_OFF_CMDLINE, 4);
        if ((err = read_string(rd, v, bi->cmdline, sizeof(bi->cmdline))))
            return err;
    }
    if (flags & MB1_FLAG_LOADER_NAME) {
        memcpy(&v, mb + MB1_OFF_LOADER_NAME, 4);
        if ((err = read_string(rd, v, bi->loader_name, sizeof(bi->loader_name))))
            return err;
    }
    if (!(flags & MB1_FLAG_MMAP))
        return BOOT_E_NO_MEMMAP;
    memcpy(&v, mb + MB1_OFF_MMAP_LENGTH, 4);
    memcpy(&w, mb + MB1_OFF_MMAP_ADDR, 4);
    if ((err = parse_mmap(rd, w, v, bi)))
        return err;
    if (bi->nregions == 0)
        return BOOT_E_NO_MEMMAP;

    if (flags & MB1_FLAG_MODS) {
        memcpy(&v, mb + MB1_OFF_MODS_COUNT, 4);
        memcpy(&w, mb + MB1_OFF_MODS_ADDR, 4);
        if ((err = parse_modules(rd, w, v, bi)))
            return err;
    }
    return BOOT_OK;
}
