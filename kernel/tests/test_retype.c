/*
 * Retype arithmetic: object sizes per type and placement above the
 * watermark with natural alignment of the physical address.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <helios/caps.h>
#include <helios/errors.h>
#include <kernel/retype.h>

static void test_object_bits(void **state)
{
    (void)state;
    assert_int_equal(retype_object_bits(HL_CAP_TASK, 0, false), 12);
    assert_int_equal(retype_object_bits(HL_CAP_PT, 99, false), 12);
    assert_int_equal(retype_object_bits(HL_CAP_CSPACE, 4, false), 10); /* 16 slots of 64 bytes */
    assert_int_equal(retype_object_bits(HL_CAP_CSPACE, 0, false), E_RANGE);
    assert_int_equal(retype_object_bits(HL_CAP_CSPACE, 17, false), E_RANGE);
    assert_int_equal(retype_object_bits(HL_CAP_PAGE, 21, false), 21);
    assert_int_equal(retype_object_bits(HL_CAP_PAGE, 13, false), E_INVALID_ARG);
    assert_int_equal(retype_object_bits(HL_CAP_MEMORY, 11, false), E_RANGE);
    assert_int_equal(retype_object_bits(HL_CAP_MEMORY, 20, false), 20);
    assert_int_equal(retype_object_bits(HL_CAP_PAGE, 12, true), 12);
    assert_int_equal(retype_object_bits(HL_CAP_TASK, 0, true), E_INVALID_ARG);
    assert_int_equal(retype_object_bits(HL_CAP_IOPORT, 0, false), E_INVALID_ARG);
    assert_int_equal(retype_object_bits(HL_CAP_ENDPOINT, 0, false), 6);
    assert_int_equal(retype_object_bits(HL_CAP_NOTIFICATION, 0, false), 6);
    assert_int_equal(retype_object_bits(HL_CAP_ENDPOINT, 0, true), E_INVALID_ARG);
    assert_int_equal(retype_object_bits(HL_CAP_IRQCONTROL, 0, false), E_INVALID_ARG);
}

static void test_place(void **state)
{
    uint64_t off;

    (void)state;
    /* Region at 0x101000 (not 8 KiB aligned), 64 KiB. */
    assert_int_equal(retype_place(0x101000, 0x10000, 0, 12, 2, &off), E_OK);
    assert_int_equal(off, 0);
    assert_int_equal(retype_place(0x101000, 0x10000, 0, 13, 1, &off), E_OK);
    assert_int_equal(off, 0x1000); /* 0x102000 is the first 8 KiB boundary */
    assert_int_equal(retype_place(0x101000, 0x10000, 0x3000, 12, 13, &off), E_OK);
    assert_int_equal(off, 0x3000);
    assert_int_equal(retype_place(0x101000, 0x10000, 0x3000, 12, 14, &off), E_NOMEM);
    assert_int_equal(retype_place(0x101000, 0x10000, 0x10000, 12, 1, &off), E_NOMEM);
    /* Alignment pushes past the end. */
    assert_int_equal(retype_place(0x101000, 0x10000, 0, 16, 1, &off), E_NOMEM);
    /* Huge counts do not overflow into a fit. */
    assert_int_equal(retype_place(0, 0x10000, 0, 12, UINT64_MAX / 2, &off), E_NOMEM);
    assert_int_equal(retype_place(0, 1ull << 40, 0, 30, 1024, &off), E_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_object_bits),
        cmocka_unit_test(test_place),
    };
    return cmocka_run_group_tests_name("kernel.retype", tests, NULL, NULL);
}
