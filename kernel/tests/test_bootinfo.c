/*
 * Boot information parsing (multiboot1 and multiboot2) and the memory map
 * and module checks, over a fake physical memory: a buffer whose offset is
 * the physical address. Hostile inputs (truncation, lying sizes, pointers
 * outside memory, overlapping maps) must give the documented error, and a
 * fuzz loop must never read outside the buffer (ASan watches).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/bootinfo.h>

#define MEM_SIZE 65536
static uint8_t *mem;
static size_t mem_size;

static bool fake_read(void *ctx, paddr_t pa, void *dst, size_t len)
{
    (void)ctx;
    if (pa > mem_size || len > mem_size - pa)
        return false;
    memcpy(dst, mem + pa, len);
    return true;
}

static const struct phys_reader rd = {.read = fake_read};
static struct bootinfo bi;

static int setup(void **state)
{
    (void)state;
    mem_size = MEM_SIZE;
    mem = calloc(1, mem_size);
    return mem ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(mem);
    return 0;
}

static void put32(paddr_t pa, uint32_t v)
{
    memcpy(mem + pa, &v, 4);
}

static void put64(paddr_t pa, uint64_t v)
{
    memcpy(mem + pa, &v, 8);
}

/* ---- multiboot1 ---------------------------------------------------------
 * info at 0x100, mmap at 0x400, modules at 0x800, strings from 0x1000. */
static void mb1_entry(paddr_t at, uint64_t base, uint64_t len, uint32_t type)
{
    put32(at, 20);
    put64(at + 4, base);
    put64(at + 12, len);
    put32(at + 20, type);
}

static void build_mb1(void)
{
    memset(mem, 0, mem_size);
    put32(0x100, (1u << 2) | (1u << 3) | (1u << 6) | (1u << 9));
    put32(0x100 + 16, 0x1000);
    strcpy((char *)mem + 0x1000, "ktest init=root");
    put32(0x100 + 64, 0x1100);
    strcpy((char *)mem + 0x1100, "qemu");
    put32(0x100 + 44, 3 * 24);
    put32(0x100 + 48, 0x400);
    mb1_entry(0x400, 0, 0x9fc00, BOOT_MEM_USABLE);
    mb1_entry(0x418, 0x100000, 0x7ee0000, BOOT_MEM_USABLE);
    mb1_entry(0x430, 0xfffc0000, 0x40000, BOOT_MEM_RESERVED);
    put32(0x100 + 20, 2);
    put32(0x100 + 24, 0x800);
    put32(0x800, 0x200000);
    put32(0x804, 0x203039);
    put32(0x808, 0x1200);
    strcpy((char *)mem + 0x1200, "build/bin/root alpha beta");
    put32(0x810, 0x300000);
    put32(0x814, 0x301000);
    put32(0x818, 0);
}

static void test_mb1_parses_everything(void **state)
{
    (void)state;
    build_mb1();
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_OK);
    assert_int_equal(bi.protocol, 1);
    assert_string_equal(bi.cmdline, "ktest init=root");
    assert_string_equal(bi.loader_name, "qemu");
    assert_int_equal(bi.nregions, 3);
    assert_int_equal(bi.regions[1].base, 0x100000);
    assert_int_equal(bi.regions[1].len, 0x7ee0000);
    assert_int_equal(bi.regions[2].type, BOOT_MEM_RESERVED);
    assert_int_equal(bi.nmodules, 2);
    assert_string_equal(bi.modules[0].name, "root");
    assert_string_equal(bi.modules[0].args, "alpha beta");
    assert_int_equal(bi.modules[0].start, 0x200000);
    assert_int_equal(bi.modules[0].end, 0x203039);
    assert_string_equal(bi.modules[1].name, "");
    assert_int_equal(bi.fb.type, BOOT_FB_NONE);
    assert_false(bi.efi);
    assert_non_null(bootinfo_find_module(&bi, "root"));
    assert_null(bootinfo_find_module(&bi, "ro"));
    assert_null(bootinfo_find_module(&bi, "missing"));
}

static void test_mb1_hostile(void **state)
{
    (void)state;
    build_mb1();
    put32(0x100 + 44, 3 * 24 - 5); /* length cuts the last entry */
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_E_TRUNCATED);

    build_mb1();
    put32(0x418, 12); /* entry size smaller than base+len+type */
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_E_TRUNCATED);

    build_mb1();
    put32(0x100 + 48, MEM_SIZE - 8); /* map runs off the end of memory */
    put32(MEM_SIZE - 8, 20);
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_E_UNREADABLE);

    build_mb1();
    put32(0x100 + 16, 0xfffffff0); /* cmdline pointer outside memory */
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_E_UNREADABLE);

    build_mb1();
    memset(mem + MEM_SIZE - 16, 'A', 16); /* unterminated string at the end */
    put32(0x100 + 16, MEM_SIZE - 16);
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_E_UNREADABLE);

    build_mb1();
    put32(0x100, (1u << 2)); /* no memory map */
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_E_NO_MEMMAP);

    build_mb1();
    put32(0x100 + 20, 1000); /* absurd module count */
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_E_TOO_MANY);

    build_mb1();
    put32(0x804, 0x100000); /* module ends before it starts */
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, 0x100, &rd, &bi), BOOT_E_BAD_MODULE);

    assert_int_equal(bootinfo_parse(0x12345678, 0x100, &rd, &bi), BOOT_E_MAGIC);
    assert_int_equal(bootinfo_parse(MB1_BOOT_MAGIC, MEM_SIZE - 10, &rd, &bi), BOOT_E_UNREADABLE);
}

/* ---- multiboot2 ---------------------------------------------------------
 * A tag writer at 0x2000: total_size, reserved, then 8-aligned tags. */
static paddr_t tag_pos;

static void mb2_begin(void)
{
    memset(mem, 0, mem_size);
    tag_pos = 0x2000 + 8;
}

static paddr_t mb2_tag(uint32_t type, uint32_t size)
{
    paddr_t at = tag_pos;

    put32(at, type);
    put32(at + 4, size);
    tag_pos = (at + size + 7) & ~7ull;
    return at;
}

static void mb2_string_tag(uint32_t type, const char *s)
{
    paddr_t at = mb2_tag(type, 8 + (uint32_t)strlen(s) + 1);
    strcpy((char *)mem + at + 8, s);
}

static void mb2_end(void)
{
    mb2_tag(0, 8);
    put32(0x2000, (uint32_t)(tag_pos - 0x2000));
}

static void build_mb2(void)
{
    mb2_begin();
    mb2_string_tag(1, "ktest panic=exit");
    mb2_string_tag(2, "GRUB 2.06");
    paddr_t m = mb2_tag(3, 16 + 19);
    put32(m + 8, 0x400000);
    put32(m + 12, 0x401000);
    strcpy((char *)mem + m + 16, "testmod alpha beta");
    paddr_t fb = mb2_tag(8, 32); /* framebuffer: 1024x768x32 RGB at 0xfd000000 */
    put64(fb + 8, 0xfd000000);
    put32(fb + 16, 4096);
    put32(fb + 20, 1024);
    put32(fb + 24, 768);
    mem[fb + 28] = 32;
    mem[fb + 29] = 1;
    paddr_t acpi = mb2_tag(14, 8 + 20); /* old RSDP copy */
    memcpy(mem + acpi + 8, "RSD PTR ", 8);
    mb2_tag(12, 16); /* EFI 64-bit system table: marks a UEFI boot */
    paddr_t mm = mb2_tag(6, 16 + 3 * 24);
    put32(mm + 8, 24);
    put32(mm + 12, 0);
    put64(mm + 16, 0);
    put64(mm + 24, 0xa0000);
    put32(mm + 32, BOOT_MEM_USABLE);
    put64(mm + 40, 0x100000);
    put64(mm + 48, 0x3ff00000);
    put32(mm + 56, BOOT_MEM_USABLE);
    put64(mm + 64, 0x40000000);
    put64(mm + 72, 0x100000);
    put32(mm + 80, BOOT_MEM_ACPI_NVS);
    mb2_end();
}

static void test_mb2_parses_everything(void **state)
{
    (void)state;
    build_mb2();
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_OK);
    assert_int_equal(bi.protocol, 2);
    assert_string_equal(bi.cmdline, "ktest panic=exit");
    assert_string_equal(bi.loader_name, "GRUB 2.06");
    assert_int_equal(bi.nmodules, 1);
    assert_string_equal(bi.modules[0].name, "testmod");
    assert_string_equal(bi.modules[0].args, "alpha beta");
    assert_int_equal(bi.modules[0].start, 0x400000);
    assert_int_equal(bi.nregions, 3);
    assert_int_equal(bi.regions[2].base, 0x40000000);
    assert_int_equal(bi.regions[2].type, BOOT_MEM_ACPI_NVS);
    assert_int_equal(memmap_usable_bytes(bi.regions, bi.nregions), 0xa0000 + 0x3ff00000);
    assert_int_equal(bi.fb.type, BOOT_FB_RGB);
    assert_int_equal(bi.fb.addr, 0xfd000000);
    assert_int_equal(bi.fb.width, 1024);
    assert_int_equal(bi.fb.height, 768);
    assert_int_equal(bi.fb.pitch, 4096);
    assert_int_equal(bi.fb.bpp, 32);
    assert_int_equal(bi.rsdp_len, 20);
    assert_memory_equal(bi.rsdp, "RSD PTR ", 8);
    assert_true(bi.efi);
}

static void test_mb2_hostile(void **state)
{
    (void)state;
    build_mb2();
    put32(0x2000 + 8 + 4, 0x100000); /* first tag claims more than total */
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_E_TRUNCATED);

    build_mb2();
    put32(0x2000 + 8 + 4, 4); /* tag smaller than its header */
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_E_TRUNCATED);

    build_mb2();
    put32(0x2000, 64); /* total stops before the end tag */
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_E_TRUNCATED);

    build_mb2();
    put32(0x2000, 0x7fffffff); /* absurd total */
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_E_TRUNCATED);

    mb2_begin();
    mb2_string_tag(1, "no map");
    mb2_end();
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_E_NO_MEMMAP);

    mb2_begin();
    paddr_t mm = mb2_tag(6, 16 + 24);
    put32(mm + 8, 8); /* entry size too small */
    mb2_end();
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_E_TRUNCATED);

    mb2_begin();
    mb2_tag(8, 16); /* framebuffer tag too short */
    mb2_end();
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_E_TRUNCATED);

    mb2_begin();
    paddr_t m = mb2_tag(3, 12); /* module tag too short for its fields */
    (void)m;
    mb2_end();
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, 0x2000, &rd, &bi), BOOT_E_TRUNCATED);

    /* info placed so total_size runs past the end of memory */
    build_mb2();
    memmove(mem + MEM_SIZE - 64, mem + 0x2000, 64);
    assert_int_equal(bootinfo_parse(MB2_BOOT_MAGIC, MEM_SIZE - 64, &rd, &bi), BOOT_E_UNREADABLE);
}

/* Random mutations of valid structures: any result is fine as long as
 * nothing is read out of bounds and the counts stay within their arrays. */
static void test_fuzz_never_overreads(void **state)
{
    (void)state;
    srand(12345);
    for (int iter = 0; iter < 20000; iter++) {
        bool two = iter & 1;
        if (two)
            build_mb2();
        else
            build_mb1();
        int flips = 1 + rand() % 8;
        for (int i = 0; i < flips; i++) {
            size_t at = two ? 0x2000 + (size_t)(rand() % 256) : 0x100 + (size_t)(rand() % 0x1200);
            mem[at] = (uint8_t)rand();
        }
        int err =
            bootinfo_parse(two ? MB2_BOOT_MAGIC : MB1_BOOT_MAGIC, two ? 0x2000 : 0x100, &rd, &bi);
        assert_true(err <= 0 && err >= BOOT_E_NOT_FOUND);
        assert_true(bi.nregions <= BOOT_MAX_REGIONS && bi.nmodules <= BOOT_MAX_MODULES);
        assert_true(strlen(bi.cmdline) < BOOT_CMDLINE_MAX);
    }
}

/* ---- memory map checks -------------------------------------------------- */
static struct boot_region R(uint64_t base, uint64_t len, uint32_t type, uint32_t index) {
    return (struct boot_region){.base = base, .len = len, .type = type, .index = index};
}

static void
test_memmap_sorts_and_accepts_touching(void **state)
{
    struct boot_region r[] = {R(0x100000, 0x1000000, 1, 0), R(0, 0x9fc00, 1, 1),
                              R(0x9fc00, 0x400, 2, 2), R(0x1100000, 0x1000, 2, 3)};
    uint32_t a = 99, b = 99;

    (void)state;
    assert_int_equal(memmap_check(r, 4, &a, &b), BOOT_OK);
    assert_int_equal(r[0].base, 0);
    assert_int_equal(r[1].base, 0x9fc00);
    assert_int_equal(r[2].base, 0x100000);
    assert_int_equal(r[2].index, 0);
    assert_true(memmap_is_usable(r, 4, 0x100000, 0x1000000));
    assert_false(memmap_is_usable(r, 4, 0x100000, 0x1000001));
    assert_false(memmap_is_usable(r, 4, 0x9fc00, 0x10));
    assert_false(memmap_is_usable(r, 4, ~0ull - 5, 0x10));
}

static void test_memmap_rejects_bad_entries(void **state)
{
    uint32_t a = 99, b = 99;

    (void)state;
    struct boot_region zero[] = {R(0, 0x1000, 1, 0), R(0x5000, 0, 1, 1)};
    assert_int_equal(memmap_check(zero, 2, &a, &b), BOOT_E_ZERO_LENGTH);
    assert_int_equal(a, 1);

    struct boot_region adjacent[] = {R(0x1000, 0x2000, 1, 0), R(0x2000, 0x2000, 2, 1)};
    assert_int_equal(memmap_check(adjacent, 2, &a, &b), BOOT_E_OVERLAP);
    assert_int_equal(a, 1);
    assert_int_equal(b, 0);

    /* Entry 2 lies inside entry 0 but the neighbour after sorting is 1. */
    struct boot_region nested[] = {R(0, 0x100000, 1, 0), R(0x1000, 0x1000, 2, 1),
                                   R(0x50000, 0x1000, 2, 2)};
    assert_int_equal(memmap_check(nested, 3, &a, &b), BOOT_E_OVERLAP);
    assert_int_equal(a, 1);

    struct boot_region nested2[] = {R(0, 0x100000, 1, 0), R(0x200000, 0x1000, 1, 1),
                                    R(0x1000, 0x1000, 2, 2)};
    assert_int_equal(memmap_check(nested2, 3, &a, &b), BOOT_E_OVERLAP);
    assert_int_equal(a, 2);
    assert_int_equal(b, 0);

    struct boot_region wraps[] = {R(0xfffffffffffff000ull, 0x2000, 2, 0)};
    assert_int_equal(memmap_check(wraps, 1, &a, &b), BOOT_E_WRAPS);
}

static void test_modules_checked(void **state)
{
    size_t bad = 99;

    (void)state;
    memset(&bi, 0, sizeof(bi));
    bi.regions[0] = R(0x100000, 0x1000000, 1, 0);
    bi.nregions = 1;
    assert_int_equal(bootinfo_add_module(&bi, 0x400000, 0x401000, "/boot/init.elf  x"), BOOT_OK);
    assert_string_equal(bi.modules[0].name, "init");
    assert_int_equal(bootinfo_add_module(&bi, 0, 0, ".elf"), BOOT_OK);
    assert_string_equal(bi.modules[1].name, ".elf");
    bi.nmodules = 1;
    assert_string_equal(bi.modules[0].args, "x");
    assert_int_equal(bootinfo_check_modules(&bi, 0x100000, 0x200000, &bad), BOOT_OK);

    assert_int_equal(bootinfo_add_module(&bi, 0x1f0000, 0x210000, "overlaps-kernel"), BOOT_OK);
    assert_int_equal(bootinfo_check_modules(&bi, 0x100000, 0x200000, &bad), BOOT_E_MODULE_OVERLAP);
    assert_int_equal(bad, 1);

    bi.modules[1] = bi.modules[0];
    bi.modules[1].start += 0x800;
    bi.modules[1].end += 0x800;
    assert_int_equal(bootinfo_check_modules(&bi, 0x100000, 0x200000, &bad), BOOT_E_MODULE_OVERLAP);

    bi.modules[1].start = 0x2000000; /* beyond usable memory */
    bi.modules[1].end = 0x2001000;
    assert_int_equal(bootinfo_check_modules(&bi, 0x100000, 0x200000, &bad), BOOT_E_BAD_MODULE);
    assert_int_equal(bad, 1);

    for (int i = 2; i < BOOT_MAX_MODULES; i++)
        assert_int_equal(bootinfo_add_module(&bi, 0, 0, "m"), BOOT_OK);
    assert_int_equal(bootinfo_add_module(&bi, 0, 0, "one too many"), BOOT_E_TOO_MANY);
    assert_string_equal(boot_strerror(BOOT_E_OVERLAP), "memory map entries overlap");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mb1_parses_everything),
        cmocka_unit_test(test_mb1_hostile),
        cmocka_unit_test(test_mb2_parses_everything),
        cmocka_unit_test(test_mb2_hostile),
        cmocka_unit_test(test_fuzz_never_overreads),
        cmocka_unit_test(test_memmap_sorts_and_accepts_touching),
        cmocka_unit_test(test_memmap_rejects_bad_entries),
        cmocka_unit_test(test_modules_checked),
    };
    return cmocka_run_group_tests_name("kernel.bootinfo", tests, setup, teardown);
}
