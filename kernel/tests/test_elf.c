/*
 * The ELF64 loader's parser: a valid image built here, each kind of
 * corruption with its error, and a mutation fuzz loop under ASan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/elf.h>

#define TOP 0x0000800000000000ull
static uint8_t img[0x3000];

static void put(size_t off, uint64_t v, size_t n)
{
    memcpy(img + off, &v, n);
}

static void phdr(int i, uint32_t type, uint32_t flags, uint64_t off, uint64_t va, uint64_t filesz,
                 uint64_t memsz)
{
    size_t p = 64 + (size_t)i * 56;
    put(p, type, 4);
    put(p + 4, flags, 4);
    put(p + 8, off, 8);
    put(p + 16, va, 8);
    put(p + 24, va, 8);
    put(p + 32, filesz, 8);
    put(p + 40, memsz, 8);
    put(p + 48, 0x1000, 8);
}

/* text at 0x401000 (file 0x1000, R-X), data+bss at 0x402000 (file 0x2000, RW-),
 * and a non-load note header that must be skipped. */
static void build(void)
{
    memset(img, 0, sizeof(img));
    memcpy(img, "\177ELF\2\1\1", 7);
    put(16, 2, 2);  /* ET_EXEC */
    put(18, 62, 2); /* EM_X86_64 */
    put(24, 0x401010, 8);
    put(32, 64, 8);
    put(54, 56, 2);
    put(56, 3, 2);
    phdr(0, 1, ELF_PF_R | ELF_PF_X, 0x1000, 0x401000, 0x100, 0x100);
    phdr(1, 4, ELF_PF_R, 0x200, 0x400200, 0x10, 0x10);
    phdr(2, 1, ELF_PF_R | ELF_PF_W, 0x2000, 0x402000, 0x80, 0x3000);
}

static void test_valid(void **state)
{
    struct elf_image e;

    (void)state;
    build();
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_OK);
    assert_int_equal(e.entry, 0x401010);
    assert_int_equal(e.nsegments, 2);
    assert_int_equal(e.segments[1].vaddr, 0x402000);
    assert_int_equal(e.segments[1].memsz, 0x3000);
    assert_int_equal(e.segments[1].filesz, 0x80);
    assert_int_equal(e.segments[1].flags, ELF_PF_R | ELF_PF_W);
}

static void test_corruptions(void **state)
{
    struct elf_image e;

    (void)state;
    build();
    assert_int_equal(elf_parse(img, 63, TOP, &e), ELF_E_TRUNCATED);
    build();
    img[4] = 1; /* 32-bit */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_FORMAT);
    build();
    put(16, 3, 2); /* ET_DYN */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_FORMAT);
    build();
    put(56, 300, 2); /* more headers than the file holds */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_TRUNCATED);
    build();
    phdr(0, 1, ELF_PF_R | ELF_PF_X, 0x2f00, 0x401f00, 0x200, 0x200); /* past the file */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_SEGMENT);
    build();
    phdr(0, 1, ELF_PF_R | ELF_PF_X, 0x1000, 0x401000, 0x200, 0x100); /* filesz > memsz */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_SEGMENT);
    build();
    phdr(0, 1, ELF_PF_R | ELF_PF_X, 0x1000, 0xffffffff80001000ull, 0x100, 0x100); /* kernel half */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_SEGMENT);
    build();
    phdr(0, 1, ELF_PF_R | ELF_PF_X, 0x1000, 0x7ffffffff000ull, 0x100, 0x2000); /* wraps the top */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_SEGMENT);
    build();
    phdr(0, 1, ELF_PF_R | ELF_PF_X, 0x1000, 0x401800, 0x100, 0x100); /* offset/vaddr disagree */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_SEGMENT);
    build();
    phdr(2, 1, ELF_PF_R | ELF_PF_W, 0x2000, 0x401000, 0x80, 0x80); /* same page as text */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_SEGMENT);
    build();
    put(24, 0x402010, 8); /* entry in the data segment */
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_ENTRY);
    build();
    put(56, 20, 2);
    for (int i = 0; i < 20; i++)
        phdr(i, 1, ELF_PF_R | ELF_PF_X, 0x1000, 0x401000 + 0x1000ull * (uint64_t)i * 2, 0x10, 0x10);
    assert_int_equal(elf_parse(img, sizeof(img), TOP, &e), ELF_E_TOO_MANY);
    assert_string_equal(elf_strerror(ELF_E_ENTRY), "entry point is not in an executable segment");
}

static void test_fuzz(void **state)
{
    struct elf_image e;

    (void)state;
    srand(9);
    for (int i = 0; i < 50000; i++) {
        build();
        for (int k = 0; k < 1 + rand() % 6; k++)
            img[rand() % (64 + 3 * 56)] = (uint8_t)rand();
        size_t len = (rand() % 4 == 0) ? (size_t)(rand() % (int)sizeof(img)) : sizeof(img);
        int err = elf_parse(img, len, TOP, &e);
        assert_true(err <= 0 && err >= ELF_E_ENTRY);
        if (err == ELF_OK) {
            for (size_t s = 0; s < e.nsegments; s++) {
                assert_true(e.segments[s].offset + e.segments[s].filesz <= len);
                assert_true(e.segments[s].vaddr + e.segments[s].memsz <= TOP);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_corruptions),
        cmocka_unit_test(test_fuzz),
    };
    return cmocka_run_group_tests_name("kernel.elf", tests, NULL, NULL);
}
