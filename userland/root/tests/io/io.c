/*
 * I/O ports: IOControl issues IOPort capabilities for port ranges, each
 * port at most once; IN/OUT work inside the range only. The CMOS/RTC
 * (index port 0x70, data port 0x71) gives values to check against.
 */
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_SECONDS 0x00
#define CMOS_STATUS_B 0x0b
#define CMOS_STATUS_B_BINARY 0x04
#define CMOS_SCRATCH 0x38    /* a byte of CMOS RAM nothing uses under QEMU */
#define DEBUG_EXIT_PORT 0xf4 /* the runner holds it */

static uint32_t cmos_cap(struct utest_env *env)
{
    uint32_t cap = ut_slot(env);

    UT_REQUIRE_OK(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, CMOS_INDEX, 2, env->cspace, cap));
    return cap;
}

static uint32_t cmos_read(uint32_t cap, unsigned reg)
{
    uint32_t v = 0xdead;

    UT_CHECK_OK(hl_ioport_out(cap, CMOS_INDEX, 1, reg));
    UT_CHECK_OK(hl_ioport_in(cap, CMOS_DATA, 1, &v));
    return v;
}

UTEST(io, cmos_rtc_seconds_are_plausible)
{
    uint32_t cap = cmos_cap(env);
    uint32_t b = cmos_read(cap, CMOS_STATUS_B), s = cmos_read(cap, CMOS_SECONDS);

    UT_CHECK_EQ(ut_cap_type(env, cap), HL_CAP_IOPORT);
    UT_CHECK(b <= 0xff);
    if (!(b & CMOS_STATUS_B_BINARY))
        s = (s >> 4) * 10 + (s & 0xf); /* BCD */
    UT_CHECK(s < 60);
}

UTEST(io, cmos_ram_write_read)
{
    uint32_t cap = cmos_cap(env);
    uint32_t old = cmos_read(cap, CMOS_SCRATCH);

    UT_CHECK_OK(hl_ioport_out(cap, CMOS_INDEX, 1, CMOS_SCRATCH));
    UT_CHECK_OK(hl_ioport_out(cap, CMOS_DATA, 1, 0x5a));
    UT_CHECK_EQ(cmos_read(cap, CMOS_SCRATCH), 0x5a);
    UT_CHECK_OK(hl_ioport_out(cap, CMOS_INDEX, 1, CMOS_SCRATCH));
    UT_CHECK_OK(hl_ioport_out(cap, CMOS_DATA, 1, old));
}

UTEST(io, access_outside_the_range)
{
    uint32_t cap = cmos_cap(env), v = 0;

    UT_CHECK_ERR(hl_ioport_in(cap, CMOS_INDEX - 1, 1, &v), E_RANGE);
    UT_CHECK_ERR(hl_ioport_in(cap, CMOS_DATA + 1, 1, &v), E_RANGE);
    UT_CHECK_ERR(hl_ioport_out(cap, 0x80, 1, 0), E_RANGE);
    /* Wider than what is left of the range. */
    UT_CHECK_ERR(hl_ioport_in(cap, CMOS_DATA, 2, &v), E_RANGE);
    UT_CHECK_ERR(hl_ioport_in(cap, CMOS_INDEX, 4, &v), E_RANGE);
    UT_CHECK_ERR(hl_ioport_in(cap, 0x10070, 1, &v), E_RANGE);
    UT_CHECK_ERR(hl_ioport_in(cap, CMOS_INDEX, 3, &v), E_INVALID_ARG);
    UT_CHECK_ERR(hl_ioport_in(cap, CMOS_INDEX, 0, &v), E_INVALID_ARG);
}

UTEST(io, port_number_wraparound)
{
    uint32_t cap = cmos_cap(env);
    uint64_t v = 0;

    /* port + width wraps past 2^64 to below the range's end. */
    UT_CHECK_ERR(hl_invoke(cap, HL_IOPORT_IN, ~0ull - 1, 2, 0, 0, &v), E_RANGE);
    UT_CHECK_ERR(hl_invoke(cap, HL_IOPORT_IN, ~0ull - 3, 4, 0, 0, &v), E_RANGE);
    UT_CHECK_ERR(hl_invoke(cap, HL_IOPORT_OUT, ~0ull, 1, 0, 0, NULL), E_RANGE);
}

UTEST(io, issue_errors)
{
    uint32_t d = ut_slot(env), occupied = ut_slot(env), empty = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, occupied, env->cspace, env->vspace));
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x80, 0, env->cspace, d), E_RANGE);
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0xffff, 2, env->cspace, d), E_RANGE);
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x10000, 1, env->cspace, d), E_RANGE);
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x80, 1, env->cspace, occupied),
                 E_SLOT_OCCUPIED);
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x80, 1, env->vspace, d), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x80, 1, empty, d), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_iocontrol_issue(env->cspace, 0x80, 1, env->cspace, d), E_INVALID_LABEL);
    UT_CHECK(ut_slot_empty(env, d));
    /* The failures above handed nothing out. */
    UT_CHECK_OK(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x80, 1, env->cspace, d));
}

UTEST(io, each_port_once)
{
    uint32_t a = ut_slot(env), b = ut_slot(env), copy = ut_slot(env);

    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, DEBUG_EXIT_PORT, 1, env->cspace, a),
                 E_IN_USE);
    /* The kernel's own console (COM1) is never handed out. */
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x3f8, 8, env->cspace, a), E_IN_USE);
    UT_REQUIRE_OK(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x60, 1, env->cspace, a));
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x5f, 2, env->cspace, b), E_IN_USE);
    /* A copy shares the range; the range comes free with the last cap. */
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, copy, env->cspace, a));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, a));
    UT_CHECK_ERR(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x60, 1, env->cspace, b), E_IN_USE);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, copy));
    UT_CHECK_OK(hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x60, 1, env->cspace, b));
}

UTEST(io, invalid_labels)
{
    uint32_t cap = cmos_cap(env);

    UT_CHECK_ERR(hl_invoke(cap, HL_IOCONTROL_ISSUE, 0x70, 1, env->cspace, ut_slot(env), NULL),
                 E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(cap, HL_TASK_RESUME, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(HL_ROOT_SLOT_IOCONTROL, HL_IOPORT_IN, 0x70, 1, 0, 0, NULL),
                 E_INVALID_LABEL);
}
