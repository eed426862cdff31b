/*
 * IOPort capabilities on a device that moves on its own: the PIT's
 * channel 0 counts down between two latched reads. io.c has the issuing
 * rules; this file the ports the kernel keeps for itself.
 */
#include <hl/invoke.h>
#include <vulcan/vulcan.h>
#include "pit.h"

UTEST(ioport, pit_counter_counts)
{
    uint32_t cap = ut_slot(env), a = 0, b = 0;

    UT_REQUIRE_OK(
        hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, PIT_BASE, PIT_PORTS, env->cspace, cap));
    UT_REQUIRE_OK(pit_periodic(cap, 100));
    UT_CHECK_OK(pit_read_count(cap, &a));
    ut_sleep(1);
    UT_CHECK_OK(pit_read_count(cap, &b));
    UT_CHECK(a != b);
    UT_CHECK(a <= PIT_HZ / 100 && b <= PIT_HZ / 100);
    UT_CHECK_OK(pit_stop(cap));
}

/* COM1 (console), COM2 (GDB stub) and both PICs stay the kernel's. */
UTEST(ioport, kernel_ports_are_refused)
{
    static const unsigned ports[] = {0x3f8, 0x3ff, 0x2f8, 0x2ff, 0x20, 0x21, 0xa0, 0xa1};
    uint32_t d = ut_slot(env);

    for (unsigned i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
        UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, ports[i], 1, env->cspace, d),
                     E_IN_USE);
    /* A range that only touches them is refused whole. */
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x2f0, 9, env->cspace, d), E_IN_USE);
    UT_CHECK(ut_slot_empty(env, d));
    UT_CHECK_OK(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x2f0, 8, env->cspace, d));
}

UTEST(ioport, deleted_capability_is_gone)
{
    uint32_t cap = ut_slot(env), v = 0;

    UT_REQUIRE_OK(
        hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, PIT_BASE, PIT_PORTS, env->cspace, cap));
    UT_CHECK_OK(pit_read_count(cap, &v));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, cap));
    UT_CHECK_ERR(hl_ioport_in(cap, PIT_CHANNEL0, 1, &v), E_SLOT_EMPTY);
}
