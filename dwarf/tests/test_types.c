/*
 * The type graph and the C type printer (DWARF5 5.1-5.11) on this test
 * binary's own DWARF, where the types below are known exactly: names,
 * declarations and ptype bodies as gdb writes them, member offsets and bit
 * fields, array bounds, enumerator values; and a hand-built cyclic typedef
 * chain, which must end in DWARF_E_LIMIT rather than a hang.
 */
#include "testutil.h"

#include "elf_sections.h"

#include <dwarf/types.h>

#include <string.h>

struct tt_inner {
    short s;
};
typedef unsigned long tt_ulong;
struct tt {
    int a;
    unsigned b : 3;
    char *p[2];
    int (*fn)(int, ...);
    const volatile tt_ulong cv;
    struct tt_inner in;
    union {
        int i;
        float f;
    } u;
    enum { TT_A, TT_B = 4, TT_C } e;
    struct tt *next;
    double m[2][3];
};
struct tt tt_var;
const char *const tt_names[3] = {"a", "b", "c"};
void (*tt_handlers[4])(int);
/* gdb: "const char * const *" (python3.11d's PyObject * const *args). */
const char *const *tt_name_ptr = tt_names;

static struct dwarf_section g_sec[DWARF_SEC_COUNT];
static struct dwarf g_dw;
static char text[4096];

/* The type of the global variable name in this binary's DWARF. */
static void type_of_global(const char *name, struct dwarf_type *t)
{
    struct dwarf_unit u;
    uint64_t off = 0;
    while (dwarf_unit_at(&g_dw, DWARF_SEC_INFO, off, &u) > 0) {
        struct dwarf_die cu, d;
        int rc;
        off = u.end;
        assert_int_equal(dwarf_unit_die(&u, &cu), 1);
        for (rc = dwarf_die_first_child(&cu, &d); rc > 0; rc = dwarf_die_next_sibling(&d, &d)) {
            struct dwarf_attr a;
            const char *n;
            if (d.tag == DW_TAG_variable && dwarf_die_attr(&d, DW_AT_name, &a) > 0 &&
                dwarf_attr_string(&a, &n) == 0 && strcmp(n, name) == 0) {
                assert_int_equal(dwarf_type_of(&d, t), 0);
                return;
            }
        }
    }
    fail_msg("no variable %s", name);
}

static void names_and_bodies(void **state)
{
    struct dwarf_type t;
    (void)state;

    type_of_global("tt_var", &t);
    assert_int_equal(dwarf_type_name(&t, DWARF_PRINT_GDB_NAMES, text, sizeof text), 0);
    assert_string_equal(text, "struct tt");
    assert_int_equal(dwarf_type_body(&t, DWARF_PRINT_GDB_NAMES, text, sizeof text), 0);
    assert_string_equal(text, "struct tt {\n"
                              "    int a;\n"
                              "    unsigned int b : 3;\n"
                              "    char *p[2];\n"
                              "    int (*fn)(int, ...);\n"
                              "    const volatile tt_ulong cv;\n"
                              "    struct tt_inner in;\n"
                              "    union {\n"
                              "        int i;\n"
                              "        float f;\n"
                              "    } u;\n"
                              "    enum {TT_A, TT_B = 4, TT_C} e;\n"
                              "    struct tt *next;\n"
                              "    double m[2][3];\n"
                              "}");
    type_of_global("tt_names", &t);
    assert_int_equal(dwarf_type_name(&t, 0, text, sizeof text), 0);
    assert_string_equal(text, "const char * const[3]");
    assert_int_equal(dwarf_type_decl(&t, "tt_names", 0, text, sizeof text), 0);
    assert_string_equal(text, "const char * const tt_names[3]");
    type_of_global("tt_handlers", &t);
    assert_int_equal(dwarf_type_decl(&t, "h", 0, text, sizeof text), 0);
    assert_string_equal(text, "void (*h[4])(int)");
    type_of_global("tt_name_ptr", &t);
    assert_int_equal(dwarf_type_name(&t, 0, text, sizeof text), 0);
    assert_string_equal(text, "const char * const *");
    assert_int_equal(dwarf_type_decl(&t, "p", 0, text, sizeof text), 0);
    assert_string_equal(text, "const char * const *p");

    /* Typedefs: the DWARF spelling, gdb's, and the representation below. */
    struct dwarf_die d;
    struct dwarf_type cv, stripped;
    type_of_global("tt_var", &t);
    assert_int_equal(dwarf_type_die(&t, &d), 0);
    int rc;
    struct dwarf_die m;
    for (rc = dwarf_die_first_child(&d, &m); rc > 0; rc = dwarf_die_next_sibling(&m, &m)) {
        struct dwarf_member info;
        assert_int_equal(dwarf_member_info(&m, &info), 0);
        if (strcmp(info.name, "cv") == 0)
            assert_int_equal(dwarf_type_of(&m, &cv), 0);
        if (strcmp(info.name, "a") == 0)
            assert_int_equal(info.byte_offset, 0);
        if (strcmp(info.name, "b") == 0) {
            assert_true(info.is_bitfield);
            assert_int_equal(info.bit_size, 3);
            assert_int_equal(info.bit_offset, 32);
        }
        if (strcmp(info.name, "fn") == 0)
            assert_int_equal(info.byte_offset, 24);
        if (strcmp(info.name, "m") == 0)
            assert_int_equal(info.byte_offset, 64);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(dwarf_type_strip(&cv, &stripped), 0);
    assert_int_equal(stripped.kind, DWARF_TYPE_BASE);
    assert_string_equal(stripped.name, "long unsigned int");
    assert_int_equal(stripped.byte_size, 8);
    assert_int_equal(dwarf_type_name(&stripped, 0, text, sizeof text), 0);
    assert_string_equal(text, "long unsigned int");
    assert_int_equal(dwarf_type_name(&stripped, DWARF_PRINT_GDB_NAMES, text, sizeof text), 0);
    assert_string_equal(text, "unsigned long");

    /* A buffer too small: truncated, NUL-terminated, reported. */
    type_of_global("tt_var", &t);
    assert_int_equal(dwarf_type_body(&t, 0, text, 10), DWARF_E_LIMIT);
    assert_int_equal(strlen(text), 9);
}

/* typedef a -> typedef b -> typedef a. */
static void cyclic_typedefs(void **state)
{
    struct test_dwarf t;
    struct buf ab = {0}, info = {0};
    struct dwarf_unit u;
    struct dwarf_type ty, out;
    (void)state;

    b_uleb(&ab, 1);
    b_uleb(&ab, DW_TAG_compile_unit);
    b_u8(&ab, 1);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 2);
    b_uleb(&ab, DW_TAG_typedef);
    b_u8(&ab, 0);
    b_uleb(&ab, DW_AT_name);
    b_uleb(&ab, DW_FORM_string);
    b_uleb(&ab, DW_AT_type);
    b_uleb(&ab, DW_FORM_ref4);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    b_uleb(&ab, 0);
    struct unit_mark mk = b_unit_begin(&info, 5, DW_UT_compile, 4, 8, 0);
    size_t cu_die = info.len;
    b_uleb(&info, 1);
    size_t a_off = info.len;
    b_uleb(&info, 2);
    b_str(&info, "a");
    b_u32(&info, (uint32_t)(a_off + 7 - 0)); /* typedef b, unit-relative */
    b_uleb(&info, 2);
    b_str(&info, "b");
    b_u32(&info, (uint32_t)a_off);
    b_u8(&info, 0);
    b_unit_end(&info, mk);
    (void)cu_die;
    td_init(&t);
    td_set(&t, DWARF_SEC_INFO, &info);
    td_set(&t, DWARF_SEC_ABBREV, &ab);
    td_finish(&t);

    assert_int_equal(dwarf_unit_at(&t.dw, DWARF_SEC_INFO, 0, &u), 1);
    assert_int_equal(dwarf_type_at(&t.dw, DWARF_SEC_INFO, a_off, &ty), 0);
    assert_string_equal(ty.name, "a");
    assert_int_equal(dwarf_type_target(&ty, &out), 0);
    assert_string_equal(out.name, "b");
    assert_int_equal(dwarf_type_strip(&ty, &out), DWARF_E_LIMIT);
    assert_int_equal(dwarf_type_name(&ty, 0, text, sizeof text), 0); /* a typedef is a name */
    assert_string_equal(text, "a");
    assert_int_equal(dwarf_type_body(&ty, 0, text, sizeof text), DWARF_E_LIMIT);
    /* A reference to a null entry is not a type. */
    assert_int_equal(dwarf_type_at(&t.dw, DWARF_SEC_INFO, info.len - 1, &ty), DWARF_E_BAD_REF);
    td_free(&t);
}

static int setup(void **state)
{
    (void)state;
    if (elf_sections_load("/proc/self/exe", g_sec) != 0)
        return -1;
    return dwarf_init(&g_dw, g_sec, NULL);
}

static int teardown(void **state)
{
    (void)state;
    elf_sections_free(g_sec);
    return 0;
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(types, names_and_bodies),
        DWARF_TEST(types, cyclic_typedefs),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, setup, teardown);
}
