/*
 * Interrupts end to end with the PIT: IRQ 0 bound to a notification
 * signals it at the rate channel 0 is programmed for (checked against
 * SYS_TICKS, the kernel's own 100 Hz), with the badge of the capability
 * used to bind, and the line stays masked from each interrupt until the
 * driver's HL_IRQ_ACK.
 */
#include <stdio.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <vulcan/vulcan.h>
#include "pit.h"

#define RATE_HZ 250
#define NIRQS 50 /* 0.2 s at RATE_HZ: 20 kernel ticks */
#define BADGE 0x8
#define FIRST_IRQ_TICKS 100

struct pit {
    uint32_t ioport, irq, ntfn, badged;
};

static struct pit pit_setup(struct utest_env *env)
{
    struct pit p = {.ioport = ut_slot(env), .irq = ut_slot(env), .badged = ut_slot(env)};

    p.ntfn = ut_object(env, HL_CAP_NOTIFICATION, 0);
    UT_REQUIRE_OK(
        hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, PIT_BASE, PIT_PORTS, env->cspace, p.ioport));
    UT_REQUIRE_OK(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, PIT_IRQ, env->cspace, p.irq));
    UT_REQUIRE_OK(
        hl_cspace_mint(env->cspace, p.badged, env->cspace, p.ntfn, HL_RIGHT_WRITE, BADGE));
    return p;
}

static void pit_teardown(struct pit *p)
{
    UT_CHECK_OK(pit_stop(p->ioport));
    UT_CHECK_OK(hl_irq_clear_notification(p->irq));
}

/* Polls for bits until `ticks` pass; 0 if none came. */
static uint64_t poll_bits(uint32_t ntfn, uint64_t ticks)
{
    uint64_t end = hl_ticks() + ticks, bits = 0;

    while (hl_ntfn_poll(ntfn, &bits) == E_WOULD_BLOCK && hl_ticks() < end)
        hl_yield();
    return bits;
}

UTEST(irq, pit_interrupts_at_the_programmed_rate)
{
    struct pit p = pit_setup(env);
    uint64_t bits = 0, start, elapsed;
    unsigned wrong_bits = 0;

    UT_REQUIRE_OK(hl_irq_set_notification(p.irq, p.badged));
    UT_REQUIRE_OK(pit_periodic(p.ioport, RATE_HZ));
    /* The first one by polling, so a dead line fails here, not by hanging. */
    UT_REQUIRE_EQ(poll_bits(p.ntfn, FIRST_IRQ_TICKS), BADGE);
    UT_REQUIRE_OK(hl_irq_ack(p.irq));
    start = hl_ticks();
    for (unsigned i = 0; i < NIRQS; i++) {
        UT_REQUIRE_OK(hl_wait(p.ntfn, &bits));
        wrong_bits += bits != BADGE;
        UT_REQUIRE_OK(hl_irq_ack(p.irq));
    }
    elapsed = hl_ticks() - start;
    pit_teardown(&p);
    printf("# %u PIT interrupts at %u Hz in %lu ticks of %u Hz (expected %u)\n", NIRQS, RATE_HZ,
           (unsigned long)elapsed, HL_TICK_HZ, NIRQS * HL_TICK_HZ / RATE_HZ);
    UT_CHECK_EQ(wrong_bits, 0);
    /*
     * Both clocks are QEMU's virtual clock. Interrupts can never come faster
     * than programmed: a factor of 2 allows for the jitter of the 10 ms
     * tick. They can come slower: a PIT edge while the line is masked
     * (between delivery and the ack) is lost, and under TCG on a loaded
     * host the vCPU is descheduled while the clock runs on (seen: 44 ticks
     * for 20 with a load average of 18), hence the wider upper bound.
     */
    UT_CHECK(elapsed >= NIRQS * HL_TICK_HZ / RATE_HZ / 2);
    UT_CHECK(elapsed <= NIRQS * HL_TICK_HZ / RATE_HZ * 4);
}

UTEST(irq, line_stays_masked_until_ack)
{
    struct pit p = pit_setup(env);
    uint64_t bits = 0;

    UT_REQUIRE_OK(hl_irq_set_notification(p.irq, p.badged));
    UT_REQUIRE_OK(pit_periodic(p.ioport, RATE_HZ));
    UT_REQUIRE_EQ(poll_bits(p.ntfn, FIRST_IRQ_TICKS), BADGE);
    /* 10 ticks is 25 periods of the PIT: none may get through. */
    ut_sleep(10);
    UT_CHECK_ERR(hl_ntfn_poll(p.ntfn, &bits), E_WOULD_BLOCK);
    UT_CHECK_OK(hl_irq_ack(p.irq));
    UT_CHECK_EQ(poll_bits(p.ntfn, FIRST_IRQ_TICKS), BADGE);
    /* Cleared, the line stays quiet even when acknowledged... */
    UT_CHECK_OK(hl_irq_clear_notification(p.irq));
    UT_CHECK_ERR(hl_irq_ack(p.irq), E_STATE);
    ut_sleep(10);
    UT_CHECK_ERR(hl_ntfn_poll(p.ntfn, &bits), E_WOULD_BLOCK);
    /* ... until bound again. */
    UT_CHECK_OK(hl_irq_set_notification(p.irq, p.ntfn));
    UT_CHECK_EQ(poll_bits(p.ntfn, FIRST_IRQ_TICKS), 1);
    pit_teardown(&p);
}

/* A task blocked in a wait is woken by the interrupt itself. */
static int wait_once(void *arg)
{
    uint64_t bits = 0;
    int err = hl_wait((uint32_t)(uintptr_t)arg, &bits);

    return err ? err : (int)bits;
}

UTEST(irq, interrupt_wakes_a_waiting_task)
{
    struct pit p = pit_setup(env);
    uint32_t t = ut_spawn(env, wait_once, (void *)(uintptr_t)p.ntfn, UT_PRIORITY + 10, true);
    struct hl_task_info info = {0};

    UT_REQUIRE_EQ(ut_task_state(t), HL_TASK_BLOCKED);
    UT_REQUIRE_OK(hl_irq_set_notification(p.irq, p.badged));
    UT_REQUIRE_OK(pit_periodic(p.ioport, RATE_HZ));
    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_EXITED, FIRST_IRQ_TICKS), HL_TASK_EXITED);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.exit_code, BADGE);
    pit_teardown(&p);
}

/* Deleting the notification unbinds the line; deleting the IRQ capability
 * frees it. */
UTEST(irq, deleting_the_notification_or_the_irq)
{
    struct pit p = pit_setup(env);
    uint32_t again = ut_slot(env);

    UT_REQUIRE_OK(hl_irq_set_notification(p.irq, p.badged));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, p.badged));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, p.ntfn));
    UT_CHECK_ERR(hl_irq_ack(p.irq), E_STATE);
    /* The line is quiet with the PIT running. */
    UT_REQUIRE_OK(pit_periodic(p.ioport, RATE_HZ));
    ut_sleep(5);
    p.ntfn = ut_object(env, HL_CAP_NOTIFICATION, 0);
    UT_CHECK_OK(hl_irq_set_notification(p.irq, p.ntfn));
    UT_CHECK_EQ(poll_bits(p.ntfn, FIRST_IRQ_TICKS), 1);
    UT_CHECK_OK(pit_stop(p.ioport));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, p.irq));
    UT_CHECK_OK(hl_irqcontrol_get(HL_ROOT_SLOT_IRQCONTROL, PIT_IRQ, env->cspace, again));
    UT_CHECK_ERR(hl_irq_ack(again), E_STATE);
}
