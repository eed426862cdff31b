/*
 * Hostile input for the unwinder and the DW_OP evaluator
 * (fuzz_fixture.h), over a target whose every register and memory byte is
 * noise: this binary's .eh_frame damaged (every entry, row, lookup and
 * unwinding steps), and random DW_OP strings, half of them in a unit of
 * this binary with typed operations and DIE calls naming its base types
 * and located DIEs. Every failure must be a returned DWARF_E_* code.
 *
 * 44,000 inputs: 4,000 damaged .eh_frames and 40,000 DW_OP strings.
 */
#include "fuzz_fixture.h"

#include "elf_sections.h"

#include <dwarf/cfi.h>
#include <dwarf/eval.h>
#include <stdlib.h>
#include <string.h>

static struct dwarf_section g_eh_frame;
static uint64_t g_eh_addr;

/* The unwinder's view of a random target: every register and memory byte is noise. */
static int noise_reg(void *ctx, unsigned reg, uint64_t *v)
{
    (void)ctx;
    *v = reg == 16 ? g_eh_addr + below(0x4000) : rnd();
    return below(8) ? 0 : DWARF_E_UNAVAILABLE;
}

static int noise_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    (void)ctx;
    (void)addr;
    for (uint64_t i = 0; i < len; i++)
        ((uint8_t *)buf)[i] = (uint8_t)rnd();
    return below(16) ? 0 : DWARF_E_UNAVAILABLE;
}

static void walk_cfi(const struct dwarf_cfi *cfi, size_t *work)
{
    static struct dwarf_cfa_rows rows;
    static const struct dwarf_unwind_ops ops = {.read_reg = noise_reg, .read_mem = noise_mem};
    struct dwarf_cfi_entry e;
    struct dwarf_cfa_row row;
    struct dwarf_fde fde;
    struct dwarf_frame f;
    uint64_t off = 0;
    int rc;
    while ((rc = dwarf_cfi_entry_at(cfi, off, &e)) > 0) {
        if (!e.is_cie && (rc = dwarf_cfa_rows_init(&rows, cfi, &e.fde)) == 0) {
            while ((rc = dwarf_cfa_rows_next(&rows, &row)) > 0)
                (*work)++;
        }
        assert_code(rc);
        off = e.next;
    }
    assert_code(rc);
    for (int i = 0; i < 4; i++) {
        uint64_t pc = g_eh_addr - 0x2000 + below(0x8000);
        rc = dwarf_cfi_find_fde(cfi, NULL, pc, &fde);
        assert_code(rc);
        if (rc == 0)
            assert_code(dwarf_cfa_row_for_pc(&rows, cfi, &fde, pc, &row));
    }
    if (dwarf_unwind_begin(&ops, &f) == 0) {
        for (int i = 0; i < 4 && (rc = dwarf_unwind_step(cfi, NULL, 1, &ops, &f)) > 0; i++)
            (*work)++;
        assert_code(rc);
    }
}

/* This binary's .eh_frame, damaged; the code addresses are taken as relative to 0. */
static void mutate_eh_frame(void **state)
{
    size_t work = 0;
    (void)state;
    rng_state = 0x2545f4914f6cdd1dull;
    for (int i = 0; i < CHEAP_INPUTS / 2; i++) {
        size_t n = g_eh_frame.size;
        uint8_t *p = malloc(n);
        struct dwarf_cfi cfi;
        struct dwarf_section tmp;
        assert_non_null(p);
        memcpy(p, g_eh_frame.data, n);
        mutate(p, &n, (unsigned)below(4));
        tmp = sec_copy(p, n);
        dwarf_cfi_init(&cfi, tmp.data, tmp.size, g_eh_addr, true);
        walk_cfi(&cfi, &work);
        sec_free(&tmp);
        free(p);
    }
    assert_true(work > 0);
}

/* Random and near-valid DW_OP strings through the evaluator with noisy accessors. */
static int noise_value(void *ctx, uint64_t *v)
{
    (void)ctx;
    *v = rnd();
    return 0;
}

/*
 * Unit-relative offsets of the base types and of the DIEs with an exprloc
 * DW_AT_location among the children of a unit of this binary: operands
 * for the typed operations and the DIE calls.
 */
struct expr_targets {
    uint64_t types[64], located[64];
    size_t ntypes, nlocated;
};

static void find_targets(const struct dwarf_unit *u, struct expr_targets *t)
{
    struct dwarf_die cu, d;
    struct dwarf_attr a;
    if (dwarf_unit_die(u, &cu) <= 0)
        return;
    for (int rc = dwarf_die_first_child(&cu, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
        if (d.tag == DW_TAG_base_type && t->ntypes < 64)
            t->types[t->ntypes++] = d.offset - u->offset;
        if (dwarf_die_attr(&d, DW_AT_location, &a) > 0 && a.form == DW_FORM_exprloc &&
            t->nlocated < 64)
            t->located[t->nlocated++] = d.offset - u->offset;
    }
}

/* A typed operation or a DIE call with an operand that names a real DIE (or a random one). */
static size_t typed_snippet(uint8_t *p, const struct expr_targets *t)
{
    static const uint8_t typed[] = {DW_OP_const_type, DW_OP_regval_type, DW_OP_deref_type,
                                    DW_OP_convert,    DW_OP_reinterpret, DW_OP_call4};
    uint8_t op = typed[below(sizeof typed)];
    uint64_t type = t->ntypes && below(4) ? t->types[below(t->ntypes)] : below(0x4000);
    size_t n = 0;
    p[n++] = op;
    if (op == DW_OP_call4) {
        uint64_t die = t->nlocated && below(4) ? t->located[below(t->nlocated)] : rnd();
        for (int i = 0; i < 4; i++)
            p[n++] = (uint8_t)(die >> (8 * i));
        return n;
    }
    if (op == DW_OP_regval_type)
        p[n++] = (uint8_t)below(20);
    if (op == DW_OP_deref_type)
        p[n++] = (uint8_t)below(10);
    if (op == DW_OP_convert && below(4) == 0)
        type = 0; /* the generic type */
    do {
        p[n++] = (uint8_t)((type & 0x7f) | (type >= 0x80 ? 0x80 : 0));
        type >>= 7;
    } while (type);
    if (op == DW_OP_const_type) {
        uint8_t size = (uint8_t)(below(4) ? 1u << below(4) : below(17));
        p[n++] = size;
        for (uint8_t i = 0; i < size; i++)
            p[n++] = (uint8_t)rnd();
    }
    return n;
}

static void random_expressions(void **state)
{
    static const uint8_t common[] = {
        DW_OP_lit0,  DW_OP_lit0 + 1, DW_OP_lit0 + 31, DW_OP_dup,         DW_OP_swap,
        DW_OP_rot,   DW_OP_plus,     DW_OP_div,       DW_OP_mod,         DW_OP_shra,
        DW_OP_bra,   DW_OP_skip,     DW_OP_piece,     DW_OP_stack_value, DW_OP_breg0 + 7,
        DW_OP_fbreg, DW_OP_deref,    DW_OP_reg0,      DW_OP_pick,        DW_OP_call_frame_cfa,
        DW_OP_lt,    DW_OP_neg,      DW_OP_abs,       DW_OP_shr};
    struct dwarf_eval_ops ops = {.read_reg = noise_reg,
                                 .read_mem = noise_mem,
                                 .frame_base = noise_value,
                                 .call_frame_cfa = noise_value};
    struct dwarf_eval ev = {.ops = &ops, .max_steps = 2000};
    struct dwarf_location loc;
    struct expr_targets targets = {0};
    struct dwarf dw;
    struct dwarf_unit unit;
    uint8_t buf[48 + 32];
    size_t typed_inputs = 0;
    (void)state;
    /* Half the strings run in this binary's first unit with base types (typed operations,
     * DIE calls), half without a unit. */
    dwarf_init(&dw, g_real, NULL);
    for (size_t i = 0; i < g_nunits && targets.ntypes == 0; i++) {
        assert_int_equal(dwarf_unit_at(&dw, DWARF_SEC_INFO, g_units[i], &unit), 1);
        find_targets(&unit, &targets);
    }
    assert_true(targets.ntypes > 0 && targets.nlocated > 0);
    rng_state = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 5 * CHEAP_INPUTS; i++) {
        size_t want = 1 + below(48), n = 0;
        ev.unit = i % 2 ? &unit : NULL;
        while (n < want) {
            uint64_t pick = below(8);
            if (pick == 0 && ev.unit) {
                n += typed_snippet(buf + n, &targets);
                typed_inputs++;
            } else {
                buf[n++] = pick < 4 ? common[below(sizeof common)] : (uint8_t)rnd();
            }
        }
        struct dwarf_section s = sec_copy(buf, n);
        uint64_t v;
        assert_code(dwarf_eval_location(&ev, s.data, s.size, &loc));
        assert_code(dwarf_eval_value(&ev, s.data, s.size, &v));
        sec_free(&s);
    }
    assert_true(typed_inputs > CHEAP_INPUTS);
}

static int setup(void **state)
{
    if (fuzz_setup(state) != 0)
        return -1;
    return elf_section_load("/proc/self/exe", ".eh_frame", &g_eh_frame, &g_eh_addr);
}

static int teardown(void **state)
{
    sec_free(&g_eh_frame);
    return fuzz_teardown(state);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(fuzz, mutate_eh_frame),
        DWARF_TEST(fuzz, random_expressions),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, setup, teardown);
}
