/*
 * Loader-independent parts of boot information handling: dispatch on the
 * magic, module names, module sanity checks and lookup, error strings.
 */
#include <kernel/bootinfo.h>
#include <kernel/string.h>

int bootinfo_parse(uint32_t magic, paddr_t info, const struct phys_reader *rd, struct bootinfo *bi)
{
    if (magic == MB1_BOOT_MAGIC)
        return bootinfo_parse_mb1(info, rd, bi);
    if (magic == MB2_BOOT_MAGIC)
        return bootinfo_parse_mb2(info, rd, bi);
    return BOOT_E_MAGIC;
}

/* The framebuffer fields both protocols share: addr, pitch, width, height,
 * bpp, type (multiboot types 1 = RGB, 2 = EGA text; 0, indexed colour, is
 * not supported and reads as none). */
void bootinfo_read_fb(const uint8_t *p, struct boot_fb *fb)
{
    memcpy(&fb->addr, p, 8);
    memcpy(&fb->pitch, p + 8, 4);
    memcpy(&fb->width, p + 12, 4);
    memcpy(&fb->height, p + 16, 4);
    fb->bpp = p[20];
    fb->type = (p[21] == BOOT_FB_RGB || p[21] == BOOT_FB_TEXT) ? p[21] : BOOT_FB_NONE;
}

static size_t copy_word(char *dst, size_t size, const char *s, size_t n)
{
    size_t len = n < size - 1 ? n : size - 1;

    memcpy(dst, s, len);
    dst[len] = '\0';
    return len;
}

int bootinfo_add_module(struct bootinfo *bi, paddr_t start, paddr_t end, const char *string)
{
    if (bi->nmodules == BOOT_MAX_MODULES)
        return BOOT_E_TOO_MANY;
    if (end < start)
        return BOOT_E_BAD_MODULE;

    struct boot_module *m = &bi->modules[bi->nmodules++];
    m->start = start;
    m->end = end;

    const char *p = string;
    while (*p == ' ')
        p++;
    const char *word = p;
    while (*p && *p != ' ')
        p++;
    const char *base = word;
    for (const char *q = word; q < p; q++) {
        if (*q == '/')
            base = q + 1;
    }
    size_t n = (size_t)(p - base);
    /* "build/userland/root.elf" and GRUB's "root" name the same module. */
    if (n > 4 && strncmp(p - 4, ".elf", 4) == 0)
        n -= 4;
    copy_word(m->name, sizeof(m->name), base, n);
    while (*p == ' ')
        p++;
    copy_word(m->args, sizeof(m->args), p, strlen(p));
    return BOOT_OK;
}

static bool ranges_overlap(paddr_t a0, paddr_t a1, paddr_t b0, paddr_t b1)
{
    return a0 < b1 && b0 < a1;
}

int bootinfo_check_modules(const struct bootinfo *bi, paddr_t kstart, paddr_t kend, size_t *bad)
{
    for (size_t i = 0; i < bi->nmodules; i++) {
        const struct boot_module *m = &bi->modules[i];
        *bad = i;
        if (m->end < m->start ||
            !memmap_is_usable(bi->regions, bi->nregions, m->start, m->end - m->start))
            return BOOT_E_BAD_MODULE;
        if (ranges_overlap(m->start, m->end, kstart, kend))
            return BOOT_E_MODULE_OVERLAP;
        for (size_t j = 0; j < i; j++) {
            if (ranges_overlap(m->start, m->end, bi->modules[j].start, bi->modules[j].end))
                return BOOT_E_MODULE_OVERLAP;
        }
    }
    return BOOT_OK;
}

const struct boot_module *bootinfo_find_module(const struct bootinfo *bi, const char *name)
{
    for (size_t i = 0; i < bi->nmodules; i++) {
        if (strcmp(bi->modules[i].name, name) == 0)
            return &bi->modules[i];
    }
    return NULL;
}

const char *boot_strerror(int err)
{
    switch (err) {
    case BOOT_OK:
        return "no error";
    case BOOT_E_MAGIC:
        return "not booted by a multiboot loader (bad magic)";
    case BOOT_E_UNREADABLE:
        return "boot information points outside readable memory";
    case BOOT_E_TRUNCATED:
        return "boot information is truncated";
    case BOOT_E_NO_MEMMAP:
        return "the boot loader gave no memory map";
    case BOOT_E_TOO_MANY:
        return "too many memory map entries or modules";
    case BOOT_E_ZERO_LENGTH:
        return "memory map entry of length zero";
    case BOOT_E_WRAPS:
        return "memory map entry wraps past the end of the address space";
    case BOOT_E_OVERLAP:
        return "memory map entries overlap";
    case BOOT_E_BAD_MODULE:
        return "module lies outside usable memory or ends before it starts";
    case BOOT_E_MODULE_OVERLAP:
        return "module overlaps the kernel or another module";
    case BOOT_E_NOT_FOUND:
        return "module not found";
    }
    return "unknown boot error";
}

const char *boot_mem_type_name(uint32_t type)
{
    switch (type) {
    case BOOT_MEM_USABLE:
        return "usable";
    case BOOT_MEM_RESERVED:
        return "reserved";
    case BOOT_MEM_ACPI_RECLAIMABLE:
        return "ACPI reclaimable";
    case BOOT_MEM_ACPI_NVS:
        return "ACPI NVS";
    case BOOT_MEM_BAD:
        return "bad";
    }
    return "unknown";
}
