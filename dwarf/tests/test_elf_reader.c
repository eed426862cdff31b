/*
 * The freestanding ELF reader (dwarf/elf.h) against Debian's libelf on
 * real files: every section's name, type, flags, address, offset, size,
 * link, info, alignment and entry size, the section name table, the
 * build-id note, and the DWARF sections by name. Then hostile input: every
 * truncation of a real file's header and section table, and seeded random
 * corruption of its tables, where every answer must stay inside the
 * buffer (ASan watches the reads).
 *
 * The files: ELF_READER_FILES (colon-separated, set by the build) plus
 * system files that every Debian machine with the project's packages has.
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

#include <dwarf/elf.h>

#define MAX_FILES 32

static const char *system_files[] = {
    "/bin/ls",
    "/lib/x86_64-linux-gnu/libc.so.6",
    "/usr/bin/gdb",
    "/usr/lib/x86_64-linux-gnu/libelf.so.1",
};

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

/* The files to compare: the build's, then the system's. */
static int file_list(const char **out)
{
    static char env[4096];
    int n = 0;
    const char *e = getenv("ELF_READER_FILES");

    if (e) {
        snprintf(env, sizeof(env), "%s", e);
        for (char *tok = strtok(env, ":"); tok && n < MAX_FILES; tok = strtok(NULL, ":"))
            out[n++] = tok;
    }
    for (size_t i = 0; i < sizeof(system_files) / sizeof(system_files[0]) && n < MAX_FILES; i++)
        out[n++] = system_files[i];
    return n;
}

/* libelf's build-id, as the oracle. */
static bool libelf_build_id(Elf *elf, const uint8_t **id, size_t *len)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
            continue;
        Elf_Data *d = elf_rawdata(scn, NULL);
        size_t off = 0, name_off, desc_off;
        GElf_Nhdr nh;
        while (d && (off = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
            if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
                !memcmp((char *)d->d_buf + name_off, "GNU", 4)) {
                *id = (const uint8_t *)d->d_buf + desc_off;
                *len = nh.n_descsz;
                return true;
            }
        }
    }
    return false;
}

static void compare_file(const char *path, int *compared, int *sections)
{
    uint64_t size;
    uint8_t *buf = read_all(path, &size);
    struct dwarf_elf e;

    if (!buf) {
        print_message("# %s: not readable here, skipped\n", path);
        return;
    }
    Elf *elf = elf_memory((char *)buf, size);
    size_t shnum, shstrndx;
    assert_non_null(elf);
    assert_int_equal(elf_getshdrnum(elf, &shnum), 0);
    assert_int_equal(elf_getshdrstrndx(elf, &shstrndx), 0);
    assert_int_equal(dwarf_elf_open(&e, buf, size), 0);
    GElf_Ehdr eh;
    assert_non_null(gelf_getehdr(elf, &eh));
    assert_int_equal(e.type, eh.e_type);
    assert_int_equal(e.machine, eh.e_machine);
    assert_int_equal(e.entry, eh.e_entry);
    assert_int_equal(e.shnum, shnum);
    assert_int_equal(e.shstrndx, shstrndx);

    for (uint32_t i = 1; i < shnum; i++) {
        struct dwarf_elf_section s;
        GElf_Shdr sh;
        Elf_Scn *scn = elf_getscn(elf, i);
        assert_non_null(gelf_getshdr(scn, &sh));
        assert_int_equal(dwarf_elf_section(&e, i, &s), 0);
        assert_string_equal(s.name, elf_strptr(elf, shstrndx, sh.sh_name));
        assert_int_equal(s.type, sh.sh_type);
        assert_int_equal(s.flags, sh.sh_flags);
        assert_int_equal(s.addr, sh.sh_addr);
        assert_int_equal(s.offset, sh.sh_offset);
        assert_int_equal(s.size, sh.sh_size);
        assert_int_equal(s.link, sh.sh_link);
        assert_int_equal(s.info, sh.sh_info);
        assert_int_equal(s.align, sh.sh_addralign);
        assert_int_equal(s.entsize, sh.sh_entsize);
        if (sh.sh_type == SHT_NOBITS) {
            assert_null(s.data);
        } else {
            Elf_Data *d = elf_rawdata(scn, NULL);
            assert_ptr_equal(s.data, buf + sh.sh_offset);
            if (d && sh.sh_size)
                assert_memory_equal(s.data, d->d_buf, sh.sh_size);
        }
        /* Found again by name: the first section of that name. */
        struct dwarf_elf_section byname;
        assert_int_equal(dwarf_elf_section_by_name(&e, s.name, &byname), *s.name ? 0 : 0);
        assert_string_equal(byname.name, s.name);
        assert_true(byname.index <= i);
        (*sections)++;
    }
    assert_int_equal(dwarf_elf_section(&e, (uint32_t)shnum, &(struct dwarf_elf_section){0}),
                     DWARF_ELF_E_ARG);

    const uint8_t *want, *got;
    size_t want_len;
    uint64_t got_len, addr;
    if (libelf_build_id(elf, &want, &want_len)) {
        assert_int_equal(dwarf_elf_build_id(&e, &got, &got_len, &addr), 0);
        assert_int_equal(got_len, want_len);
        assert_memory_equal(got, want, want_len);
    } else {
        assert_int_equal(dwarf_elf_build_id(&e, &got, &got_len, &addr), DWARF_ELF_E_NOT_FOUND);
    }

    struct dwarf_section sec[DWARF_SEC_COUNT];
    int n = dwarf_elf_dwarf_sections(&e, sec), expect = 0;
    bool any_compressed = false;
    for (int id = 0; id < DWARF_SEC_COUNT; id++) {
        struct dwarf_elf_section s;
        if (dwarf_elf_section_by_name(&e, dwarf_section_name((enum dwarf_section_id)id), &s) < 0 ||
            !s.data) {
            assert_null(sec[id].data);
            continue;
        }
        if (s.flags & SHF_COMPRESSED) {
            any_compressed = true;
            assert_null(sec[id].data);
            continue;
        }
        expect++;
        assert_ptr_equal(sec[id].data, buf + s.offset);
        assert_int_equal(sec[id].size, s.size);
    }
    assert_int_equal(n, any_compressed ? DWARF_ELF_E_COMPRESSED : expect);
    print_message("# %s: %zu sections, %d DWARF%s\n", path, shnum, expect,
                  any_compressed ? " (some compressed)" : "");
    elf_end(elf);
    free(buf);
    (*compared)++;
}

static void real_files_match_libelf(void **state)
{
    const char *files[MAX_FILES];
    int n = file_list(files), compared = 0, sections = 0;

    (void)state;
    assert_int_not_equal(elf_version(EV_CURRENT), EV_NONE);
    for (int i = 0; i < n; i++)
        compare_file(files[i], &compared, &sections);
    /* libc's separate debug file (libc6-dbg), found by libc's build-id. */
    uint64_t size;
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
        compare_file(path, &compared, &sections);
    }
    free(libc);
    print_message("# %d files, %d sections compared with libelf\n", compared, sections);
    assert_true(compared >= 4); /* the build's files are always there */
}

/* Whatever the reader answers lies inside the buffer. */
static void walk(const uint8_t *buf, uint64_t size)
{
    struct dwarf_elf e;
    struct dwarf_section sec[DWARF_SEC_COUNT];
    const uint8_t *id;
    uint64_t len, addr;

    if (dwarf_elf_open(&e, buf, size) < 0)
        return;
    for (uint32_t i = 0; i < e.shnum && i < 4096; i++) {
        struct dwarf_elf_section s;
        if (dwarf_elf_section(&e, i, &s) < 0)
            continue;
        assert_true(s.name[0] == 0 || ((const uint8_t *)s.name >= buf &&
                                       (const uint8_t *)s.name + strlen(s.name) < buf + size));
        if (s.data)
            assert_true(s.data >= buf && s.size <= size &&
                        s.data - buf <= (ptrdiff_t)(size - s.size));
    }
    if (dwarf_elf_dwarf_sections(&e, sec) >= 0)
        for (int k = 0; k < DWARF_SEC_COUNT; k++)
            if (sec[k].data)
                assert_true(sec[k].data >= buf && sec[k].data + sec[k].size <= buf + size);
    if (dwarf_elf_build_id(&e, &id, &len, &addr) == 0)
        assert_true(id >= buf && id + len <= buf + size);
}

static void hostile_truncations_and_corruption(void **state)
{
    const char *files[MAX_FILES];
    uint64_t size;
    uint8_t *orig = NULL;

    (void)state;
    file_list(files);
    orig = read_all(files[0], &size); /* the first of the build's files */
    assert_non_null(orig);
    struct dwarf_elf e;
    assert_int_equal(dwarf_elf_open(&e, orig, size), 0);
    uint64_t shoff = e.shoff, table_end = e.shoff + (uint64_t)e.shnum * e.shentsize;

    /* Every cut of the header; cuts through the section table, which is at the end. */
    for (uint64_t n = 0; n < 128 && n < size; n++) {
        uint8_t *cut = malloc(n ? n : 1);
        memcpy(cut, orig, n);
        assert_int_not_equal(dwarf_elf_open(&e, cut, n), 0);
        free(cut);
    }
    for (uint64_t n = shoff; n < table_end && n < size; n += 7) {
        uint8_t *cut = malloc(n);
        memcpy(cut, orig, n);
        assert_int_equal(dwarf_elf_open(&e, cut, n), DWARF_ELF_E_TABLE);
        free(cut);
    }

    /* Seeded corruption of the header, the section table and the name table. */
    uint32_t seed = 20261125;
    uint8_t *buf = malloc(size);
    int opened = 0;
    for (int round = 0; round < 20000; round++) {
        memcpy(buf, orig, size);
        int flips = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 8;
        for (int f = 0; f < flips; f++) {
            seed = seed * 1103515245 + 12345;
            uint64_t where =
                (seed >> 8) % 3 == 0 ? (seed >> 4) % 64 : shoff + (seed >> 4) % (table_end - shoff);
            seed = seed * 1103515245 + 12345;
            buf[where] = (uint8_t)(seed >> 16);
        }
        walk(buf, size);
        opened += dwarf_elf_open(&e, buf, size) == 0;
    }
    print_message("# 20000 corrupted copies of %s, %d still opened\n", files[0], opened);
    free(buf);
    free(orig);
}

static void errors(void **state)
{
    struct dwarf_elf e;
    uint8_t hdr[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1};

    (void)state;
    assert_int_equal(dwarf_elf_open(&e, "not an elf file at all, not even close to one....", 50),
                     DWARF_ELF_E_NOT_ELF);
    assert_int_equal(dwarf_elf_open(NULL, hdr, 64), DWARF_ELF_E_ARG);
    hdr[20] = 1; /* e_version */
    assert_int_equal(dwarf_elf_open(&e, hdr, 64), 0);
    assert_int_equal(e.shnum, 0);
    assert_int_equal(dwarf_elf_section_by_name(&e, ".text", &(struct dwarf_elf_section){0}),
                     DWARF_ELF_E_NOT_FOUND);
    hdr[4] = 1; /* ELFCLASS32 */
    assert_int_equal(dwarf_elf_open(&e, hdr, 64), DWARF_ELF_E_CLASS);
    hdr[4] = 2;
    hdr[5] = 2; /* big-endian */
    assert_int_equal(dwarf_elf_open(&e, hdr, 64), DWARF_ELF_E_CLASS);
    assert_string_equal(dwarf_elf_strerror(DWARF_ELF_E_TABLE),
                        "section or program header table outside the file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_files_match_libelf),
        cmocka_unit_test(hostile_truncations_and_corruption),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
