/*
 * The freestanding inflater (dwarf/elf/inflate.c) against zlib itself:
 * data of several kinds and sizes compressed by zlib at every level with
 * every strategy (stored, fixed and dynamic Huffman blocks, RLE, Huffman
 * only) must come back byte for byte; the compressed sections of real
 * files (a `gcc -gz` program, libc6-dbg's debug file) must inflate to what
 * libelf's elf_compress() gives. Then damaged streams: every truncation of
 * a stream and seeded corruptions, inflated into buffers of exactly the
 * stated size so that ASan sees any write past them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gelf.h>
#include <libelf.h>
#include <zlib.h>

#include <dwarf/elf.h>

static uint32_t rnd(uint32_t *seed)
{
    *seed = *seed * 1103515245 + 12345;
    return *seed >> 8;
}

/* kind 0: zeros, 1: random, 2: text-like words, 3: mixed runs. */
static void fill(uint8_t *p, size_t n, int kind, uint32_t seed)
{
    static const char *words[] = {"struct ", "task", "->", "frame",    "(void)",
                                  ";\n",     "    ", "0x", "endpoint", "capability",
                                  "_",       "1",    "{",  "}"};
    size_t i = 0;
    while (i < n) {
        uint32_t r = rnd(&seed);
        if (kind == 0) {
            p[i++] = 0;
        } else if (kind == 1 || (kind == 3 && r % 4 == 0)) {
            p[i++] = (uint8_t)r;
        } else if (kind == 3 && r % 4 == 1) {
            for (uint32_t k = r % 300; k-- && i < n;)
                p[i++] = (uint8_t)(r >> 16);
        } else {
            const char *w = words[r % (sizeof(words) / sizeof(words[0]))];
            for (; *w && i < n; w++)
                p[i++] = (uint8_t)*w;
        }
    }
}

static uint8_t *zlib_compress(const uint8_t *in, size_t n, int level, int strategy, size_t *out_n)
{
    z_stream z = {0};
    size_t cap = compressBound(n) + 64;
    uint8_t *out = malloc(cap);
    assert_int_equal(deflateInit2(&z, level, Z_DEFLATED, 15, 8, strategy), Z_OK);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_n = z.total_out;
    deflateEnd(&z);
    return out;
}

static void zlib_streams_round_trip(void **state)
{
    static const size_t sizes[] = {0, 1, 100, 65535, 65536, 70000, 300000};
    static const int strategies[] = {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE,
                                     Z_FIXED};
    int streams = 0;
    (void)state;
    for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
        for (int kind = 0; kind < 4; kind++) {
            size_t n = sizes[si];
            uint8_t *data = malloc(n ? n : 1);
            fill(data, n, kind, (uint32_t)(n * 7 + (size_t)kind));
            for (int level = 0; level <= 9; level += 3) {
                for (size_t st = 0; st < sizeof(strategies) / sizeof(strategies[0]); st++) {
                    size_t zn;
                    uint8_t *z = zlib_compress(data, n, level, strategies[st], &zn);
                    uint8_t *out = malloc(n ? n : 1);
                    uint64_t got;
                    assert_int_equal(dwarf_zlib_inflate(z, zn, out, n, &got), 0);
                    assert_int_equal(got, n);
                    assert_memory_equal(out, data, n);
                    /* One byte short: refused, nothing written past the buffer. */
                    if (n)
                        assert_int_equal(dwarf_zlib_inflate(z, zn, out, n - 1, &got),
                                         DWARF_ELF_E_INFLATE);
                    free(out);
                    free(z);
                    streams++;
                }
            }
            free(data);
        }
    }
    print_message("# %d zlib streams inflated back exactly\n", streams);
}

static uint8_t *read_all(const char *path, uint64_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n)) != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    *size = buf ? (uint64_t)n : 0;
    fclose(f);
    return buf;
}

/* Every compressed section of path, ours against libelf's; returns how many. */
static int compare_sections(const char *path)
{
    uint64_t size;
    uint8_t *buf = read_all(path, &size), *copy;
    struct dwarf_elf e;
    int n = 0;

    if (!buf)
        return 0;
    copy = malloc(size); /* libelf inflates in place in its own copy */
    memcpy(copy, buf, size);
    Elf *elf = elf_memory((char *)copy, size);
    assert_non_null(elf);
    assert_int_equal(dwarf_elf_open(&e, buf, size), 0);
    for (uint32_t i = 1; i < e.shnum; i++) {
        struct dwarf_elf_section s;
        uint64_t want;
        assert_int_equal(dwarf_elf_section(&e, i, &s), 0);
        if (!(s.flags & SHF_COMPRESSED) || !s.data)
            continue;
        Elf_Scn *scn = elf_getscn(elf, i);
        assert_int_equal(elf_compress(scn, 0, 0), 1);
        Elf_Data *d = elf_getdata(scn, NULL);
        assert_non_null(d);
        assert_int_equal(dwarf_elf_inflated_size(&s, &want), 0);
        assert_int_equal(want, d->d_size);
        uint8_t *out = malloc(want ? want : 1);
        assert_int_equal(dwarf_elf_inflate_section(&s, out, want), 0);
        assert_memory_equal(out, d->d_buf, want);
        free(out);
        n++;
    }
    elf_end(elf);
    free(copy);
    free(buf);
    print_message("# %s: %d compressed sections equal to libelf's\n", path, n);
    return n;
}

static void compressed_sections_match_libelf(void **state)
{
    const char *gz = getenv("INFLATE_GZ_FILE");
    uint64_t size;
    (void)state;
    assert_int_not_equal(elf_version(EV_CURRENT), EV_NONE);
    assert_non_null(gz);
    assert_true(compare_sections(gz) >= 5);
    /* libc6-dbg's debug file, found by libc's build-id. */
    uint8_t *libc = read_all("/lib/x86_64-linux-gnu/libc.so.6", &size);
    struct dwarf_elf e;
    const uint8_t *id;
    uint64_t len, addr;
    if (libc && dwarf_elf_open(&e, libc, size) == 0 &&
        dwarf_elf_build_id(&e, &id, &len, &addr) == 0) {
        char path[256];
        int k = snprintf(path, sizeof(path), "/usr/lib/debug/.build-id/%02x/", id[0]);
        for (uint64_t i = 1; i < len; i++)
            k += snprintf(path + k, sizeof(path) - (size_t)k, "%02x", id[i]);
        snprintf(path + k, sizeof(path) - (size_t)k, ".debug");
        compare_sections(path);
    }
    free(libc);
}

static void damaged_streams(void **state)
{
    uint32_t seed = 1125;
    size_t n = 20000, zn;
    uint8_t *data = malloc(n);
    int ok = 0;
    (void)state;
    fill(data, n, 3, 99);
    for (int level = 1; level <= 9; level += 8) {
        uint8_t *z = zlib_compress(data, n, level, level == 1 ? Z_FIXED : Z_DEFAULT_STRATEGY, &zn);
        uint64_t got;
        /* Every truncation. */
        for (size_t cut = 0; cut < zn; cut++) {
            uint8_t *in = malloc(cut ? cut : 1), *out = malloc(n);
            memcpy(in, z, cut);
            assert_int_equal(dwarf_zlib_inflate(in, cut, out, n, &got), DWARF_ELF_E_INFLATE);
            free(in);
            free(out);
        }
        /* Corruptions: an error, or (rarely) the stated size exactly. */
        for (int round = 0; round < 5000; round++) {
            uint8_t *in = malloc(zn), *out = malloc(n);
            memcpy(in, z, zn);
            for (int f = 1 + (int)(rnd(&seed) % 4); f > 0; f--)
                in[rnd(&seed) % zn] ^= (uint8_t)(1 + rnd(&seed) % 255);
            int rc = dwarf_zlib_inflate(in, zn, out, n, &got);
            assert_true(rc == DWARF_ELF_E_INFLATE || (rc == 0 && got <= n));
            ok += rc == 0;
            free(in);
            free(out);
        }
        free(z);
    }
    print_message("# 10000 corrupted streams: %d passed the Adler-32 check\n", ok);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zlib_streams_round_trip),
        cmocka_unit_test(compressed_sections_match_libelf),
        cmocka_unit_test(damaged_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
