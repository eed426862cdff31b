/*
 * What the boot loader told us, copied out of its own structures into one
 * loader-independent form: the memory map, the modules and the command line.
 * The parsers read the loader's memory only through a bounds-checked reader,
 * so a truncated or lying boot information structure gives an error code
 * (and the kernel a clear panic) instead of a wild read.
 */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include <kernel/types.h>

#define BOOT_MAX_REGIONS 128
#define BOOT_MAX_MODULES 16
#define BOOT_CMDLINE_MAX 512
#define BOOT_NAME_MAX 64

#define MB1_BOOT_MAGIC 0x2badb002u
#define MB2_BOOT_MAGIC 0x36d76289u

/* Region types follow the multiboot/E820 numbering. */
enum boot_mem_type {
    BOOT_MEM_USABLE = 1,
    BOOT_MEM_RESERVED = 2,
    BOOT_MEM_ACPI_RECLAIMABLE = 3,
    BOOT_MEM_ACPI_NVS = 4,
    BOOT_MEM_BAD = 5,
};

/* Errors of bootinfo_parse*, memmap_check and bootinfo_check_modules. */
enum boot_err {
    BOOT_OK = 0,
    BOOT_E_MAGIC = -1,           /* not loaded by a multiboot loader */
    BOOT_E_UNREADABLE = -2,      /* a pointer leads outside readable memory */
    BOOT_E_TRUNCATED = -3,       /* a structure claims more bytes than it has */
    BOOT_E_NO_MEMMAP = -4,       /* the loader gave no memory map */
    BOOT_E_TOO_MANY = -5,        /* more regions or modules than we keep */
    BOOT_E_ZERO_LENGTH = -6,     /* a memory map entry of length 0 */
    BOOT_E_WRAPS = -7,           /* base + length overflows 64 bits */
    BOOT_E_OVERLAP = -8,         /* two memory map entries overlap */
    BOOT_E_BAD_MODULE = -9,      /* module end before start, or outside RAM */
    BOOT_E_MODULE_OVERLAP = -10, /* module overlaps the kernel or another module */
    BOOT_E_NOT_FOUND = -11,      /* no module of that name */
};

struct boot_region {
    paddr_t base;
    uint64_t len;
    uint32_t type;
    uint32_t index; /* position in the loader's map, for messages */
};

struct boot_module {
    paddr_t start;
    paddr_t end;              /* exclusive */
    char name[BOOT_NAME_MAX]; /* basename of the first word, less any .elf */
    char args[BOOT_NAME_MAX]; /* the rest of the string */
};

/* Multiboot framebuffer types. */
enum boot_fb_type { BOOT_FB_NONE = 0, BOOT_FB_RGB = 1, BOOT_FB_TEXT = 2 };

struct boot_fb {
    uint64_t addr;
    uint32_t pitch, width, height;
    uint8_t bpp;
    uint8_t type; /* enum boot_fb_type */
};

struct bootinfo {
    int protocol; /* 1 or 2 */
    bool efi;     /* firmware was UEFI (multiboot2 EFI tags present) */
    struct boot_fb fb;
    uint8_t rsdp[36]; /* copy of the ACPI RSDP the loader passed, if any */
    uint32_t rsdp_len;
    char loader_name[BOOT_NAME_MAX];
    char cmdline[BOOT_CMDLINE_MAX];
    struct boot_region regions[BOOT_MAX_REGIONS];
    size_t nregions;
    struct boot_module modules[BOOT_MAX_MODULES];
    size_t nmodules;
};

/*
 * Copies len bytes of physical memory at pa into dst; returns false when
 * [pa, pa+len) is not readable. The kernel's reader allows the first GiB
 * (mapped by boot.S); the host tests' reader allows a test buffer.
 */
struct phys_reader {
    bool (*read)(void *ctx, paddr_t pa, void *dst, size_t len);
    void *ctx;
};

int bootinfo_parse(uint32_t magic, paddr_t info, const struct phys_reader *rd, struct bootinfo *bi);
int bootinfo_parse_mb1(paddr_t info, const struct phys_reader *rd, struct bootinfo *bi);
int bootinfo_parse_mb2(paddr_t info, const struct phys_reader *rd, struct bootinfo *bi);

/* Reads the 22 bytes of framebuffer description both protocols use. */
void bootinfo_read_fb(const uint8_t *p, struct boot_fb *fb);
/* Adds a module from its loader string "path/name args". */
int bootinfo_add_module(struct bootinfo *bi, paddr_t start, paddr_t end, const char *string);

/* Sorts the map by base and rejects zero-length, wrapping and overlapping
 * entries; on error *bad_a (and *bad_b for overlaps) name loader indexes. */
int memmap_check(struct boot_region *r, size_t n, uint32_t *bad_a, uint32_t *bad_b);
uint64_t memmap_usable_bytes(const struct boot_region *r, size_t n);
bool memmap_is_usable(const struct boot_region *r, size_t n, paddr_t base, uint64_t len);

/* Modules must lie in usable RAM and overlap neither the kernel image
 * [kstart, kend) nor each other; *bad names the module index. */
int bootinfo_check_modules(const struct bootinfo *bi, paddr_t kstart, paddr_t kend, size_t *bad);
const struct boot_module *bootinfo_find_module(const struct bootinfo *bi, const char *name);

const char *boot_strerror(int err);
const char *boot_mem_type_name(uint32_t type);

#endif
