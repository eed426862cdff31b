/*
 * The unwinder against a live program (unwind_target.c): the target
 * records its own CFAs and return addresses and captures its registers and
 * stack; dwarf_unwind_step, reading only that snapshot and the .eh_frame
 * of every loaded object (found through .eh_frame_hdr, by the index, and
 * by a scan), must reproduce the same pcs and CFAs frame by frame and then
 * climb through libcmocka back to main.
 */
#define _GNU_SOURCE 1 /* dl_iterate_phdr */
#include "testutil.h"

#include "unwind_target.h"

#include <dwarf/cfi.h>

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void);

static struct unwind_snapshot snap;

static int snap_reg(void *ctx, unsigned reg, uint64_t *v)
{
    (void)ctx;
    if (reg >= UNWIND_NREGS)
        return DWARF_E_UNAVAILABLE;
    *v = snap.regs[reg];
    return 0;
}

static int snap_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    (void)ctx;
    if (addr < snap.stack_base || len > snap.stack_len ||
        addr - snap.stack_base > snap.stack_len - len)
        return DWARF_E_UNAVAILABLE;
    memcpy(buf, snap.stack + (addr - snap.stack_base), len);
    return 0;
}

/* Every loaded object's .eh_frame and .eh_frame_hdr, as mapped in memory. */
#define MAX_OBJECTS 16
static struct dwarf_cfi g_cfi[MAX_OBJECTS];
static unsigned g_ncfi;

static void add_object(const char *path, uint64_t bias)
{
    uint64_t eh_addr = 0, eh_size = 0, hdr_addr = 0, hdr_size = 0;
    size_t shstrndx;
    Elf_Scn *scn = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0 || g_ncfi == MAX_OBJECTS)
        return;
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    if (elf && elf_getshdrstrndx(elf, &shstrndx) == 0) {
        while ((scn = elf_nextscn(elf, scn)) != NULL) {
            GElf_Shdr sh;
            const char *name;
            if (gelf_getshdr(scn, &sh) == NULL || !(name = elf_strptr(elf, shstrndx, sh.sh_name)))
                continue;
            if (strcmp(name, ".eh_frame") == 0) {
                eh_addr = sh.sh_addr;
                eh_size = sh.sh_size;
            } else if (strcmp(name, ".eh_frame_hdr") == 0) {
                hdr_addr = sh.sh_addr;
                hdr_size = sh.sh_size;
            }
        }
    }
    if (elf)
        elf_end(elf);
    close(fd);
    if (eh_size == 0)
        return;
    struct dwarf_cfi *cfi = &g_cfi[g_ncfi++];
    dwarf_cfi_init(cfi, (const uint8_t *)(uintptr_t)(bias + eh_addr), eh_size, bias + eh_addr,
                   true);
    if (hdr_size)
        dwarf_cfi_set_hdr(cfi, (const uint8_t *)(uintptr_t)(bias + hdr_addr), hdr_size,
                          bias + hdr_addr);
}

static int each_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    /* The main program comes first, without a name. */
    add_object(g_ncfi == 0 ? "/proc/self/exe" : info->dlpi_name, info->dlpi_addr);
    return 0;
}

static void own_cfi(void)
{
    assert_int_equal(elf_version(EV_CURRENT) == EV_NONE, 0);
    g_ncfi = 0;
    dl_iterate_phdr(each_object, NULL);
    assert_true(g_ncfi >= 2); /* this program and libcmocka at least */
}

extern void *__libc_stack_end;

static void capture(uint64_t x)
{
    memset(&snap, 0, sizeof snap);
    snap.stack_top = (uint64_t)(uintptr_t)__libc_stack_end;
    unwind_level1(&snap, x);
}

static void check_walk(const struct dwarf_cfi_index *const *indexes)
{
    static const struct dwarf_unwind_ops ops = {.read_reg = snap_reg, .read_mem = snap_mem};
    struct dwarf_frame f;
    uint64_t main_pc = (uint64_t)(uintptr_t)&main;
    bool reached_main = false;

    assert_int_equal(dwarf_unwind_begin(&ops, &f), 0);
    assert_int_equal(f.pc, snap.regs[16]);
    for (int depth = 0; depth < UNWIND_DEPTH; depth++) {
        uint64_t rsp_before = f.reg[7];
        assert_int_equal(dwarf_unwind_step(g_cfi, indexes, g_ncfi, &ops, &f), 1);
        /* The frame left has this CFA, and the caller resumes at the recorded return address. */
        assert_int_equal(f.cfa, snap.cfa[depth]);
        assert_int_equal(f.pc, snap.ra[depth]);
        assert_int_equal(f.reg[7], snap.cfa[depth]);
        assert_true(f.reg[7] > rsp_before);
    }
    /* Further up through libcmocka to main, as far as the copied stack goes. */
    for (int depth = 0; depth < 32 && !reached_main; depth++) {
        struct dwarf_fde fde;
        if (dwarf_unwind_step(g_cfi, indexes, g_ncfi, &ops, &f) != 1)
            break;
        if (dwarf_cfi_find_fde(&g_cfi[0], NULL, f.pc - 1, &fde) == 0 && fde.pc_begin == main_pc)
            reached_main = true;
    }
    assert_true(reached_main);
}

static void live_snapshot(void **state)
{
    struct dwarf_cfi_index index[MAX_OBJECTS];
    const struct dwarf_cfi_index *indexes[MAX_OBJECTS];
    struct count_alloc ca = {.fail_after = -1};
    struct dwarf_allocator alloc = count_allocator(&ca);
    struct dwarf_section hdr[MAX_OBJECTS];
    (void)state;

    own_cfi();
    capture(1234);
    check_walk(NULL); /* .eh_frame_hdr */
    for (unsigned i = 0; i < g_ncfi; i++) {
        hdr[i] = g_cfi[i].hdr;
        g_cfi[i].hdr.data = NULL;
    }
    check_walk(NULL); /* linear scans */
    for (unsigned i = 0; i < g_ncfi; i++) {
        g_cfi[i].hdr = hdr[i];
        assert_int_equal(dwarf_cfi_index_build(&g_cfi[i], &alloc, &index[i]), 0);
        indexes[i] = &index[i];
    }
    check_walk(indexes);
    for (unsigned i = 0; i < g_ncfi; i++)
        dwarf_cfi_index_free(&index[i]);
    assert_int_equal(ca.live_bytes, 0);
}

/* Memory or registers the caller cannot supply are reported, not guessed. */
static void unavailable(void **state)
{
    static const struct dwarf_unwind_ops no_mem = {.read_reg = snap_reg};
    struct dwarf_frame f;
    (void)state;
    own_cfi();
    capture(99);
    assert_int_equal(dwarf_unwind_begin(&no_mem, &f), 0);
    assert_int_equal(dwarf_unwind_step(g_cfi, NULL, g_ncfi, &no_mem, &f), DWARF_E_UNAVAILABLE);
    /* A pc outside any FDE is the end of the stack. */
    assert_int_equal(dwarf_unwind_begin(&no_mem, &f), 0);
    f.pc = 0x10;
    assert_int_equal(dwarf_unwind_step(g_cfi, NULL, g_ncfi, &no_mem, &f), 0);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(unwind, live_snapshot),
        DWARF_TEST(unwind, unavailable),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}
