/*
 * IRQControl hands out one IRQ capability per ISA line (0-15), each line
 * at most once until its last capability goes; an IRQ capability binds
 * its line to a notification (irq_pit.c has interrupts actually firing).
 */
#include <hl/invoke.h>
#include <vulcan/vulcan.h>

#define FREE_LINE 10 /* no ISA device on it under QEMU's default machine */

UTEST(irq, get_line)
{
    uint32_t d = ut_slot(env);

    UT_CHECK_OK(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE, env->cspace, d));
    UT_CHECK_EQ(ut_cap_type(env, d), HL_CAP_IRQ);
}

UTEST(irq, errors)
{
    uint32_t d = ut_slot(env), again = ut_slot(env), occupied = ut_slot(env);
    uint32_t empty = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, occupied, env->cspace, env->vspace));
    UT_CHECK_ERR(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, 16, env->cspace, d), E_RANGE);
    UT_CHECK_ERR(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, ~0u, env->cspace, d), E_RANGE);
    UT_CHECK_ERR(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE, env->cspace, occupied),
                 E_SLOT_OCCUPIED);
    UT_CHECK_ERR(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE, env->vspace, d),
                 E_WRONG_TYPE);
    UT_CHECK_ERR(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE, empty, d), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_irqcontrol_get(env->cspace, FREE_LINE, env->cspace, d), E_INVALID_LABEL);
    UT_CHECK(ut_slot_empty(env, d));
    UT_REQUIRE_OK(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE, env->cspace, d));
    UT_CHECK_ERR(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE, env->cspace, again),
                 E_IN_USE);
    UT_CHECK(ut_slot_empty(env, again));
    /* Deleting the last capability frees the line. */
    UT_CHECK_OK(hl_cspace_delete(env->cspace, d));
    UT_CHECK_OK(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE, env->cspace, again));
}

UTEST(irq, invalid_labels)
{
    uint32_t d = ut_slot(env);

    UT_REQUIRE_OK(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE + 1, env->cspace, d));
    UT_CHECK_ERR(hl_invoke(d, HL_IRQCONTROL_GET, 3, env->cspace, ut_slot(env), 0, NULL),
                 E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(HL_ROOT_SLOT_IRQCONTROL, HL_IOPORT_IN, 0, 0, 0, 0, NULL),
                 E_INVALID_LABEL);
}

UTEST(irq, bind_errors)
{
    uint32_t irq = ut_slot(env), empty = ut_slot(env), ro = ut_slot(env);
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0);

    UT_REQUIRE_OK(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, FREE_LINE, env->cspace, irq));
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, n, HL_RIGHT_READ, 0));
    UT_CHECK_ERR(hl_irq_ack(irq), E_STATE);
    UT_CHECK_ERR(hl_irq_set_notification(irq, ro), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_irq_set_notification(irq, ut_object(env, HL_CAP_ENDPOINT, 0)), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_irq_set_notification(irq, empty), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_irq_set_notification(irq, 0), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_irq_ack(irq), E_STATE);
    UT_CHECK_OK(hl_irq_set_notification(irq, n));
    UT_CHECK_OK(hl_irq_ack(irq));
    UT_CHECK_OK(hl_irq_clear_notification(irq));
    UT_CHECK_ERR(hl_irq_ack(irq), E_STATE);
    UT_CHECK_OK(hl_irq_clear_notification(irq));
    /* IRQ labels on an IRQControl capability, and the other way round. */
    UT_CHECK_ERR(hl_irq_ack(HL_ROOT_SLOT_IRQCONTROL), E_INVALID_LABEL);
    UT_CHECK_ERR(hl_invoke(irq, HL_IRQ_CLEAR_NOTIFICATION + 1, 0, 0, 0, 0, NULL), E_INVALID_LABEL);
}
