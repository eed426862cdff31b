/*
 * Hostile input for the joins (fuzz_fixture.h): dwz's supplementary file
 * (dwarf_join_sup) and split DWARF's .dwo files (dwarf_join_split). Each
 * input damages one side of a join; every result must be a code, a
 * refused join must leave nothing allocated, and every joined result is
 * walked completely, the split ones through both indexes as well.
 *
 * 8,000 inputs: 4,000 for each join.
 */
#include "fuzz_fixture.h"

#include "elf_sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A small supplementary file as dwz writes one: a DWARF 4 partial unit
 * holding a base type and a struct with a member, strings in .debug_str.
 */
static const uint8_t sup_abbrev[] = {1,
                                     DW_TAG_partial_unit,
                                     1,
                                     0,
                                     0,
                                     2,
                                     DW_TAG_base_type,
                                     0,
                                     DW_AT_name,
                                     DW_FORM_strp,
                                     DW_AT_byte_size,
                                     DW_FORM_data1,
                                     0,
                                     0,
                                     3,
                                     DW_TAG_structure_type,
                                     1,
                                     DW_AT_name,
                                     DW_FORM_string,
                                     0,
                                     0,
                                     4,
                                     DW_TAG_member,
                                     0,
                                     DW_AT_name,
                                     DW_FORM_string,
                                     DW_AT_type,
                                     DW_FORM_ref_addr,
                                     0,
                                     0,
                                     0};
static const uint8_t sup_info[] = {26, 0,   0, 0,  4, 0, 0,
                                   0,  0,   0, 8, /* unit header: length, version 4, abbrevs at 0 */
                                   1,             /* partial unit, at 11 */
                                   2,  0,   0, 0,  0, 4,    /* int (name at .debug_str 0), at 12 */
                                   3,  'p', 0,              /* struct p, at 18 */
                                   4,  'a', 0, 12, 0, 0, 0, /* member a: int, through ref_addr */
                                   0,  0};
static const char sup_str[] = "int";

/*
 * dwarf_join_sup (dwz's supplementary files): a mutated unit or
 * abbreviation table of the real file joined with the small file above,
 * and the small file mutated joined with the real one. Every result a
 * code, and every joined result walks without a fault.
 */
static void mutate_join_sup(void **state)
{
    size_t errors = 0, work = 0, joined = 0;
    struct dwarf_section sup[DWARF_SEC_COUNT] = {0};
    (void)state;
    sup[DWARF_SEC_ABBREV] = sec_copy(sup_abbrev, sizeof sup_abbrev);
    sup[DWARF_SEC_INFO] = sec_copy(sup_info, sizeof sup_info);
    sup[DWARF_SEC_STR] = sec_copy((const uint8_t *)sup_str, sizeof sup_str);
    rng_state = 0x5eed50f;
    for (int i = 0; i < 4000; i++) {
        bool as_sup = i % 2, abbrev = below(4) == 0;
        enum dwarf_section_id id = abbrev ? DWARF_SEC_ABBREV : DWARF_SEC_INFO;
        const struct dwarf_section *base = as_sup ? sup : g_real;
        size_t k = below(g_nunits);
        const uint8_t *src = base[id].data + (as_sup || abbrev ? 0 : g_units[k]);
        size_t n = as_sup || abbrev ? base[id].size : g_unit_end[k] - g_units[k];
        uint8_t *p = malloc(n);
        assert_non_null(p);
        memcpy(p, src, n);
        size_t cut = n;
        if (i >= 2) /* the first two: the files as they are */
            mutate(p, &cut, (unsigned)below(4));
        struct dwarf_section mutated[DWARF_SEC_COUNT], out[DWARF_SEC_COUNT];
        memcpy(mutated, base, sizeof mutated);
        mutated[id] = sec_copy(p, cut);
        size_t live = g_count.live_bytes;
        int rc = as_sup ? dwarf_join_sup(g_real, mutated, &g_heap, out)
                        : dwarf_join_sup(mutated, sup, &g_heap, out);
        assert_code(rc);
        if (i < 2)
            assert_int_equal(rc, 0);
        if (rc == 0) {
            struct dwarf dw;
            joined++;
            dwarf_init(&dw, out, &g_heap);
            if (walk_all(&dw, &work) < 0)
                errors++;
            dwarf_join_free(&g_heap, out);
        } else {
            errors++;
        }
        assert_int_equal(g_count.live_bytes, live);
        sec_free(&mutated[id]);
        free(p);
    }
    for (int s = 0; s < DWARF_SEC_COUNT; s++)
        sec_free(&sup[s]);
    assert_true(errors > 0 && joined > 0 && work > 0);
    print_message("# join_sup: 4000 inputs, %zu joined, %zu errors\n", joined, errors);
}

/*
 * The split DWARF programs DWARF_SPLIT_PROGS names (dwarf/build.mk builds
 * tests/progs/multi with gcc -O2 -gsplit-dwarf, DWARF 5 and GNU's DWARF
 * 4: two skeleton units, two .dwo files), each with the .dwo files its
 * skeletons name and the names and addresses of its undamaged join.
 */
#define MAX_PROGS 4
#define MAX_DWO 8
#define SPLIT_INPUTS 4000

struct split_prog {
    struct dwarf_section sec[DWARF_SEC_COUNT];
    struct dwarf_section dwo[MAX_DWO][DWARF_SEC_COUNT];
    uint64_t skeleton[MAX_DWO];
    size_t ndwo;
    struct dwarf_section joined[DWARF_SEC_COUNT]; /* the probes' names are in its strings */
    struct fuzz_probes probes;
};
static struct split_prog g_split[MAX_PROGS];
static size_t g_nsplit;

/* The .dwo a skeleton unit names (DWARF5 3.1.2: relative to DW_AT_comp_dir), loaded. */
static int load_dwo(const struct dwarf_unit *u, struct split_prog *sp)
{
    struct dwarf_die d;
    struct dwarf_attr a;
    const char *name = NULL, *dir = NULL;
    char path[4096];
    if (sp->ndwo == MAX_DWO || dwarf_unit_die(u, &d) <= 0)
        return -1;
    if ((dwarf_die_attr(&d, DW_AT_dwo_name, &a) <= 0 &&
         dwarf_die_attr(&d, DW_AT_GNU_dwo_name, &a) <= 0) ||
        dwarf_attr_string(&a, &name) != 0)
        return -1;
    if (name[0] != '/' && dwarf_die_attr(&d, DW_AT_comp_dir, &a) > 0)
        dwarf_attr_string(&a, &dir);
    snprintf(path, sizeof path, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
    sp->skeleton[sp->ndwo] = u->offset;
    return elf_dwo_sections_load(path, sp->dwo[sp->ndwo++]);
}

static int load_split_prog(const char *path, struct split_prog *sp)
{
    struct dwarf dw;
    struct dwarf_unit u;
    struct dwarf_split_file files[MAX_DWO];
    if (elf_sections_load(path, sp->sec) != 0)
        return -1;
    dwarf_init(&dw, sp->sec, NULL);
    for (uint64_t off = 0; dwarf_unit_at(&dw, DWARF_SEC_INFO, off, &u) > 0; off = u.end) {
        if (u.unit_type == DW_UT_skeleton && load_dwo(&u, sp) != 0)
            return -1;
    }
    for (size_t i = 0; i < sp->ndwo; i++)
        files[i] = (struct dwarf_split_file){sp->dwo[i], sp->skeleton[i]};
    if (sp->ndwo < 2 || dwarf_join_split(sp->sec, files, sp->ndwo, &g_heap, sp->joined) != 0)
        return -1;
    dwarf_init(&dw, sp->joined, NULL);
    if (fuzz_probes_collect(&dw, 1, 1, &sp->probes) != 0 || sp->probes.nnames == 0 ||
        sp->probes.naddrs == 0)
        return -1;
    return 0;
}

static void free_split_prog(struct split_prog *sp)
{
    dwarf_split_free(&g_heap, sp->joined);
    elf_sections_free(sp->sec);
    for (size_t i = 0; i < sp->ndwo; i++)
        elf_sections_free(sp->dwo[i]);
}

/* A random section of sec that is there. */
static enum dwarf_section_id present_section(const struct dwarf_section *sec)
{
    for (;;) {
        enum dwarf_section_id id = (enum dwarf_section_id)below(DWARF_SEC_COUNT);
        if (sec[id].data)
            return id;
    }
}

/* A joined program walked: every DIE, .debug_aranges, both indexes, each skeleton's split unit. */
static void walk_split(const struct dwarf_section out[DWARF_SEC_COUNT],
                       const struct fuzz_probes *probes, size_t *errors, size_t *work)
{
    struct dwarf dw;
    struct dwarf_unit u, split;
    int rc;
    dwarf_init(&dw, out, &g_heap);
    if (walk_all(&dw, work) < 0)
        (*errors)++;
    walk_aranges(&dw, work);
    for (uint64_t off = 0; (rc = dwarf_unit_at(&dw, DWARF_SEC_INFO, off, &u)) > 0; off = u.end) {
        if (u.unit_type == DW_UT_skeleton)
            assert_code(dwarf_split_unit(&u, &split));
    }
    assert_code(rc);
    walk_indexes(&dw, probes, work);
}

/*
 * dwarf_join_split: one section of a program's skeleton side or of one of
 * its .dwo files damaged (or, now and then, a skeleton offset anywhere, or
 * only one .dwo joined), then joined.
 */
static void mutate_join_split(void **state)
{
    size_t errors = 0, work = 0, joined = 0;
    (void)state;
    if (g_nsplit == 0)
        fail_msg("DWARF_SPLIT_PROGS names no program (dwarf/build.mk builds them)");
    rng_state = 0x5eed5b1d;
    for (int i = 0; i < SPLIT_INPUTS; i++) {
        struct split_prog *sp = &g_split[i % g_nsplit];
        struct dwarf_section file[DWARF_SEC_COUNT], dwo[MAX_DWO][DWARF_SEC_COUNT];
        struct dwarf_section out[DWARF_SEC_COUNT], *target;
        struct dwarf_split_file files[MAX_DWO];
        size_t n = sp->ndwo, first = 0;
        memcpy(file, sp->sec, sizeof file);
        memcpy(dwo, sp->dwo, sizeof dwo);
        /* A quarter of the inputs damage the skeleton's side, the others a .dwo. */
        target = below(4) == 0 ? file : dwo[below(sp->ndwo)];
        enum dwarf_section_id id = present_section(target);
        size_t len = target[id].size;
        uint8_t *p = malloc(len ? len : 1);
        assert_non_null(p);
        memcpy(p, target[id].data, len);
        if (i >= (int)g_nsplit) /* the first of each: the files as they are */
            mutate(p, &len, (unsigned)below(4));
        target[id] = sec_copy(p, len);
        for (size_t k = 0; k < n; k++)
            files[k] = (struct dwarf_split_file){dwo[k], sp->skeleton[k]};
        if (i >= (int)g_nsplit && below(16) == 0)
            files[below(n)].skeleton = below(file[DWARF_SEC_INFO].size + 16);
        if (i >= (int)g_nsplit && below(16) == 0) {
            first = below(n);
            n = 1;
        }
        size_t live = g_count.live_bytes;
        int rc = dwarf_join_split(file, files + first, n, &g_heap, out);
        assert_code(rc);
        if (i < (int)g_nsplit)
            assert_int_equal(rc, 0);
        if (rc == 0) {
            joined++;
            walk_split(out, &sp->probes, &errors, &work);
            dwarf_split_free(&g_heap, out);
        } else {
            errors++;
        }
        assert_int_equal(g_count.live_bytes, live);
        sec_free(&target[id]);
        free(p);
    }
    assert_true(errors > 0 && joined > 0 && work > 0);
    print_message("# join_split: %d inputs, %zu joined, %zu errors\n", SPLIT_INPUTS, joined,
                  errors);
}

static int setup(void **state)
{
    char *progs = getenv("DWARF_SPLIT_PROGS");
    if (fuzz_setup(state) != 0)
        return -1;
    if (progs == NULL)
        return 0;
    progs = strdup(progs);
    for (char *save, *path = strtok_r(progs, ":", &save); path != NULL && g_nsplit < MAX_PROGS;
         path = strtok_r(NULL, ":", &save)) {
        if (load_split_prog(path, &g_split[g_nsplit++]) != 0) {
            free(progs);
            return -1;
        }
    }
    free(progs);
    return 0;
}

static int teardown(void **state)
{
    for (size_t i = 0; i < g_nsplit; i++)
        free_split_prog(&g_split[i]);
    return fuzz_teardown(state);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(fuzz, mutate_join_sup),
        DWARF_TEST(fuzz, mutate_join_split),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, setup, teardown);
}
