/*
 * test_emulate_decline.c: what emu_decode must refuse (HDB_E_NOTSUP), so
 * that the caller single-steps it instead: instructions outside the list
 * at the top of emulate.c, prefixes it does not take, and encodings cut
 * short. Random bytes check that it reads nothing past the n bytes it is
 * given (each in a heap buffer of exactly that size, under
 * AddressSanitizer) and that what it accepts is one instruction of the
 * list, as long as capstone reads it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>
#include <hdb/error.h>

#include "test_emulate.h"

/* emu_decode on a copy of code[0..n) in a buffer of exactly n bytes. */
static int decode_exact(const uint8_t *code, size_t n, struct emu_insn *in)
{
    uint8_t *buf = malloc(n ? n : 1);
    assert_non_null(buf);
    memcpy(buf, code, n);
    int rc = emu_decode(n ? buf : buf + 1, n, in);
    free(buf);
    return rc;
}

/* How many byte strings assert_declined saw declined. */
static unsigned n_declined;

static void assert_declined(const uint8_t *code, size_t n)
{
    struct emu_insn in;
    int rc = decode_exact(code, n, &in);
    if (rc != HDB_E_NOTSUP) {
        char hex[3 * 32 + 1] = "";
        for (size_t i = 0; i < n && i < 32; i++)
            snprintf(hex + 3 * i, 4, "%02x ", code[i]);
        fail_msg("%s: emu_decode returned %d (length %u), not HDB_E_NOTSUP", hex, rc, in.len);
    }
    n_declined++;
}

struct bytes {
    uint8_t len, b[15];
};
#define B(...)                                                                                     \
    {                                                                                              \
        sizeof((uint8_t[]){__VA_ARGS__}),                                                          \
        {                                                                                          \
            __VA_ARGS__                                                                            \
        }                                                                                          \
    }

/* Whole instructions outside the list: each is declined for one reason only. */
static const struct bytes declined[] = {
    /* the address-size, lock and repeat prefixes; endbr64 takes no other prefix */
    B(0x67, 0x8b, 0x00), B(0x67, 0x8d, 0x04, 0x24), B(0x67, 0xe3, 0x00), B(0xf0, 0x01, 0x00),
    B(0xf0, 0x48, 0x83, 0x00, 0x01), B(0xf2, 0x89, 0xc0), B(0xf3, 0x89, 0xc0), B(0xf3, 0x90),
    B(0xf3, 0x48, 0x8b, 0x00), B(0xf2, 0x0f, 0x1e, 0xfa), B(0x66, 0xf3, 0x0f, 0x1e, 0xfa),
    B(0xf3, 0xf3, 0x0f, 0x1e, 0xfa), B(0xf3, 0x48, 0x0f, 0x1e, 0xfa),
    B(0x64, 0xf3, 0x0f, 0x1e, 0xfa), B(0xf3, 0x0f, 0x1e, 0xfb), B(0xf3, 0x0f, 0x1e, 0xc8),
    B(0x0f, 0x1e, 0xfa),
    /* a repeated prefix, a prefix after REX, two segments, other segments */
    B(0x66, 0x66, 0x89, 0xc0), B(0x64, 0x64, 0x8b, 0x00), B(0x65, 0x65, 0x8b, 0x00),
    B(0x64, 0x65, 0x8b, 0x00), B(0x48, 0x48, 0x89, 0xc0), B(0x40, 0x48, 0x89, 0xc0),
    B(0x48, 0x66, 0x89, 0xc0), B(0x48, 0x64, 0x8b, 0x00), B(0x26, 0x8b, 0x00), B(0x2e, 0x8b, 0x00),
    B(0x36, 0x8b, 0x00), B(0x3e, 0x8b, 0x00), B(0x2e, 0x74, 0x00), B(0x3e, 0x74, 0x00),
    /* test, and, or, xor, adc, sbb, shifts (AF undefined or not emulated) */
    B(0x84, 0xc0), B(0x85, 0xc0), B(0x48, 0x85, 0x00), B(0xa8, 0x01), B(0xa9, 1, 0, 0, 0),
    B(0xf6, 0xc0, 0x01), B(0xf7, 0xc0, 1, 0, 0, 0), B(0x20, 0xc0), B(0x21, 0xc0), B(0x22, 0xc0),
    B(0x23, 0xc0), B(0x24, 0x01), B(0x25, 1, 0, 0, 0), B(0x08, 0xc0), B(0x09, 0xc0), B(0x0a, 0xc0),
    B(0x0b, 0xc0), B(0x0c, 0x01), B(0x0d, 1, 0, 0, 0), B(0x30, 0xc0), B(0x31, 0xc0), B(0x32, 0xc0),
    B(0x33, 0xc0), B(0x34, 0x01), B(0x35, 1, 0, 0, 0), B(0x10, 0xc0), B(0x11, 0xc0), B(0x18, 0xc0),
    B(0x19, 0xc0), B(0x80, 0xc8, 0x01), B(0x80, 0xd0, 0x01), B(0x80, 0xd8, 0x01),
    B(0x80, 0xe0, 0x01), B(0x80, 0xf0, 0x01), B(0x81, 0xc8, 1, 0, 0, 0), B(0x81, 0xd0, 1, 0, 0, 0),
    B(0x81, 0xd8, 1, 0, 0, 0), B(0x81, 0xe0, 1, 0, 0, 0), B(0x81, 0xf0, 1, 0, 0, 0),
    B(0x83, 0xc8, 0x01), B(0x83, 0xd0, 0x01), B(0x83, 0xd8, 0x01), B(0x48, 0x83, 0xe4, 0xf0),
    B(0x83, 0xf0, 0x01), B(0xc0, 0xe0, 0x01), B(0xc1, 0xe0, 0x01), B(0xd0, 0xe0), B(0xd1, 0xe0),
    B(0xd2, 0xe0), B(0xd3, 0xe0), B(0xd1, 0xf8), B(0x48, 0xc1, 0xe8, 0x03),
    /* call, ret, indirect jumps */
    B(0xe8, 0, 0, 0, 0), B(0xc3), B(0xc2, 0x08, 0x00), B(0xcb), B(0xff, 0xd0), B(0xff, 0x10),
    B(0xff, 0xe0), B(0xff, 0x20), B(0xf3, 0xc3), B(0xf2, 0xe9, 0, 0, 0, 0),
    /* 0F 1F with reg != 0 (hint nops) */
    B(0x0f, 0x1f, 0x08), B(0x0f, 0x1f, 0x10), B(0x0f, 0x1f, 0x18), B(0x0f, 0x1f, 0x20),
    B(0x0f, 0x1f, 0x28), B(0x0f, 0x1f, 0x30), B(0x0f, 0x1f, 0x38), B(0x0f, 0x1f, 0xc8),
    /* C6, C7 with /1../7: C6 F8 xabort, C7 F8 xbegin */
    B(0xc6, 0x08, 0x01), B(0xc6, 0x10, 0x01), B(0xc6, 0x18, 0x01), B(0xc6, 0x20, 0x01),
    B(0xc6, 0x28, 0x01), B(0xc6, 0x30, 0x01), B(0xc6, 0x38, 0x01), B(0xc6, 0xf8, 0x01),
    B(0xc7, 0x08, 1, 0, 0, 0), B(0xc7, 0x10, 1, 0, 0, 0), B(0xc7, 0x18, 1, 0, 0, 0),
    B(0xc7, 0x20, 1, 0, 0, 0), B(0xc7, 0x28, 1, 0, 0, 0), B(0xc7, 0x30, 1, 0, 0, 0),
    B(0xc7, 0x38, 1, 0, 0, 0), B(0xc7, 0xf8, 0, 0, 0, 0),
    /* 90 with REX.B is xchg %r8,%rax */
    B(0x41, 0x90), B(0x49, 0x90), B(0x4f, 0x90), B(0x66, 0x41, 0x90),
    /* 66 with REX.W */
    B(0x66, 0x48, 0x89, 0xc0), B(0x66, 0x48, 0x8b, 0x00), B(0x66, 0x48, 0x05, 1, 0, 0, 0),
    B(0x66, 0x48, 0x98), B(0x66, 0x48, 0x99), B(0x66, 0x48, 0x90),
    B(0x66, 0x48, 0xb8, 1, 0, 0, 0, 0, 0, 0, 0), B(0x66, 0x48, 0x0f, 0xb6, 0xc0),
    B(0x66, 0x48, 0x63, 0xc0), B(0x66, 0x48, 0x8d, 0x00), B(0x66, 0x48, 0xc7, 0xc0, 1, 0, 0, 0),
    B(0x66, 0x48, 0x0f, 0x1f, 0x00),
    /* 66 on byte, stack and branch instructions, prefixes on jumps and leave */
    B(0x66, 0x88, 0xc0), B(0x66, 0x8a, 0x00), B(0x66, 0x00, 0xc0), B(0x66, 0x04, 0x01),
    B(0x66, 0x80, 0xc0, 0x01), B(0x66, 0xc6, 0x00, 0x01), B(0x66, 0xb0, 0x01), B(0x66, 0x50),
    B(0x66, 0x58), B(0x66, 0xc9), B(0x66, 0xeb, 0x00), B(0x66, 0xe9, 0, 0, 0, 0),
    B(0x66, 0x74, 0x00), B(0x66, 0x0f, 0x84, 0, 0, 0, 0), B(0x48, 0xeb, 0x00), B(0x40, 0x74, 0x00),
    B(0x48, 0xc9), B(0x41, 0x0f, 0x84, 0, 0, 0, 0), B(0x64, 0xeb, 0x00),
    /* a segment prefix without memory, on lea and nop */
    B(0x64, 0x89, 0xc0), B(0x65, 0x8b, 0xc0), B(0x64, 0x8d, 0x00), B(0x65, 0x0f, 0x1f, 0x00),
    B(0x64, 0x50), B(0x64, 0x58), B(0x64, 0x90), B(0x64, 0xb8, 1, 0, 0, 0), B(0x65, 0x98),
    B(0x64, 0x05, 1, 0, 0, 0), B(0x64, 0xc9), B(0x64, 0x74, 0x00), B(0x64, 0xc7, 0xc0, 1, 0, 0, 0),
    /* lea of a register, movsxd without REX.W */
    B(0x8d, 0xc0), B(0x48, 0x8d, 0xc0), B(0x63, 0xc0), B(0x40, 0x63, 0x00), B(0x44, 0x63, 0xc0),
    /* others */
    B(0x0f, 0x05), B(0x0f, 0x0b), B(0x0f, 0xaf, 0xc0), B(0x87, 0xc0), B(0x86, 0xc0), B(0x91),
    B(0xcc), B(0xf4), B(0x8c, 0xc0), B(0x8e, 0xc0), B(0xa4), B(0x48, 0xa5), B(0xf3, 0xa4),
    B(0x6a, 0x01), B(0x68, 1, 0, 0, 0), B(0xff, 0x30), B(0x8f, 0x00), B(0xff, 0x00), B(0xfe, 0xc0),
    B(0x48, 0xf7, 0xd8), B(0x0f, 0x94, 0xc0), B(0x0f, 0x44, 0xc0), B(0xa0, 0, 0, 0, 0, 0, 0, 0, 0),
    B(0xa3, 0, 0, 0, 0, 0, 0, 0, 0), B(0x0f, 0x10, 0x00), B(0x66, 0x0f, 0xd6, 0x00),
    B(0xc8, 0x10, 0x00, 0x00), B(0x9c), B(0x9d), B(0x0f, 0x1e, 0x00), B(0x0f, 0x18, 0x00),
    B(0x82, 0xc0, 0x01), /* #UD in 64-bit mode (SDM Vol. 2D, Table A-2) */
};

static void test_declines_listed(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof declined / sizeof *declined; i++)
        assert_declined(declined[i].b, declined[i].len);
}

/* How many legacy prefix bytes (66, 64, 65) start c. */
static unsigned legacy_prefixes(const struct tcase *c)
{
    unsigned p = 0;
    while (p < c->len && (c->code[p] == 0x66 || c->code[p] == 0x64 || c->code[p] == 0x65))
        p++;
    return p;
}

/* c with byte b inserted at pos, declined. */
static void assert_declined_with(const struct tcase *c, unsigned pos, uint8_t b)
{
    uint8_t code[sizeof c->code + 1];
    memcpy(code, c->code, pos);
    code[pos] = b;
    memcpy(code + pos + 1, c->code + pos, c->len - pos);
    assert_declined(code, c->len + 1U);
}

/*
 * Instructions of the list are accepted with their length, and declined
 * when cut short, with a prefix emulate.c does not take anywhere among
 * the prefixes, with a prefix repeated or after REX, and with 66 and REX.W.
 */
static void test_declines_variants_of_listed(void **state)
{
    (void)state;
    static const uint8_t foreign[] = {0x67, 0xf0, 0xf2, 0xf3, 0x26, 0x2e, 0x36, 0x3e};
    unsigned n = 10000;
    n_declined = 0;
    for (unsigned i = 0; i < n; i++) {
        struct tcase c;
        struct emu_insn in;
        gen_any(&c);
        assert_int_equal(decode_exact(c.code, c.len, &in), 0);
        assert_int_equal(in.len, c.len);
        for (unsigned k = 0; k < c.len; k++)
            assert_declined(c.code, k);
        unsigned p = legacy_prefixes(&c);
        bool rex = (c.code[p] & 0xf0) == 0x40;
        for (unsigned pos = 0; pos <= p + rex; pos++)
            for (unsigned f = 0; f < sizeof foreign; f++)
                assert_declined_with(&c, pos, foreign[f]);
        for (unsigned j = 0; j < p; j++)
            for (unsigned pos = 0; pos <= p; pos++)
                assert_declined_with(&c, pos, c.code[j]);
        if (rex) {
            assert_declined_with(&c, p, (uint8_t)(0x40 | (rnd() & 15)));
            assert_declined_with(&c, p + 1, 0x66);
            if (c.code[p] & 8 && !memchr(c.code, 0x66, p))
                assert_declined_with(&c, 0, 0x66);
        }
        if (c.m.seg)
            assert_declined_with(&c, 0, c.m.seg ^ 1); /* the other of FS and GS */
    }
    print_message("%u instructions accepted, %u of their variants declined\n", n, n_declined);
}

/* Capstone's names (Intel's) of the instructions of the list. */
static bool listed_mnemonic(const char *m)
{
    static const char *const names[] = {
        "nop", "endbr64", "push", "pop",  "leave", "mov", "movabs", "movzx", "movsx", "movsxd",
        "lea", "cbw",     "cwde", "cdqe", "cwd",   "cdq", "cqo",    "add",   "sub",   "cmp",
        "jmp", "jo",      "jno",  "jb",   "jae",   "je",  "jne",    "jbe",   "ja",    "js",
        "jns", "jp",      "jnp",  "jl",   "jge",   "jle", "jg"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(m, names[i]))
            return true;
    return false;
}

/*
 * Random bytes, n from 0 to 15: emu_decode reads within them, and what it
 * accepts capstone reads as one instruction of the list of the same length.
 */
static void test_random_bytes(void **state)
{
    (void)state;
    csh cs;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), CS_ERR_OK);
    unsigned accepted = 0, n_tries = 100000;
    for (unsigned i = 0; i < n_tries; i++) {
        uint8_t code[15];
        size_t n = rnd() % 16;
        struct emu_insn in;
        random_bytes(code, n);
        if (decode_exact(code, n, &in) != 0)
            continue;
        accepted++;
        assert_in_range(in.len, 1, n);
        struct emu_insn again;
        assert_int_equal(decode_exact(code, in.len, &again), 0);
        assert_int_equal(again.len, in.len);
        cs_insn *insn;
        size_t count = cs_disasm(cs, code, in.len, 0x1000, 1, &insn);
        assert_int_equal(count, 1);
        if (insn->size != in.len || !listed_mnemonic(insn->mnemonic))
            fail_msg("%s %s: length %u, emu_decode's %u", insn->mnemonic, insn->op_str, insn->size,
                     in.len);
        cs_free(insn, count);
    }
    cs_close(&cs);
    print_message("%u of %u random byte strings accepted\n", accepted, n_tries);
}

int run_decline_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declines_listed),
        cmocka_unit_test(test_declines_variants_of_listed),
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests_name("emulate_decline", tests, NULL, NULL);
}
