/*
 * Notifications: signal ORs the capability's badge into the word (bit 0
 * when unbadged), wait and poll return and clear it; a task bound to a
 * notification also wakes from an endpoint receive when it is signalled.
 */
#include <string.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <vulcan/vulcan.h>
#include "ipc_job.h"

#define NWAITERS 3

static struct ipc_job jobs[6];

static uint32_t mint(struct utest_env *env, uint32_t cap, unsigned rights, uint64_t badge)
{
    uint32_t s = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, s, env->cspace, cap, rights, badge));
    return s;
}

static uint32_t start_blocked(struct utest_env *env, unsigned i, uint64_t nr, uint32_t cptr)
{
    uint32_t t;

    memset(&jobs[i], 0, sizeof(jobs[i]));
    jobs[i].nr = nr;
    jobs[i].cptr = cptr;
    t = ipc_job_start(env, &jobs[i], UT_PRIORITY, false);
    UT_REQUIRE_EQ(ut_wait_state(t, HL_TASK_BLOCKED, IPC_WAIT_TICKS), HL_TASK_BLOCKED);
    return t;
}

UTEST(notification, unbadged_signal_sets_bit_0)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint64_t bits = 99;

    UT_CHECK_EQ(ut_cap_type(env, n), HL_CAP_NOTIFICATION);
    UT_CHECK_ERR(hl_ntfn_poll(n, &bits), E_WOULD_BLOCK);
    UT_CHECK_OK(hl_signal(n));
    UT_CHECK_OK(hl_signal(n));
    UT_CHECK_OK(hl_wait(n, &bits));
    UT_CHECK_EQ(bits, 1);
    UT_CHECK_ERR(hl_ntfn_poll(n, &bits), E_WOULD_BLOCK);
    /* nbsend signals the same way. */
    UT_CHECK_OK(hl_nbsend(n, &hl_msg_empty));
    UT_CHECK_OK(hl_ntfn_poll(n, &bits));
    UT_CHECK_EQ(bits, 1);
}

UTEST(notification, badges_are_ored)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t a = mint(env, n, HL_RIGHT_WRITE, 0x1), b = mint(env, n, HL_RIGHT_WRITE, 0x4);
    uint32_t c = mint(env, n, HL_RIGHT_WRITE, 0x8000000000000010ull >> 16);
    uint64_t bits = 0;

    UT_CHECK_OK(hl_signal(a));
    UT_CHECK_OK(hl_signal(b));
    UT_CHECK_OK(hl_signal(c));
    UT_CHECK_OK(hl_signal(b));
    UT_CHECK_OK(hl_ntfn_poll(n, &bits));
    UT_CHECK_EQ(bits, 0x5 | (0x8000000000000010ull >> 16));
    UT_CHECK_ERR(hl_ntfn_poll(n, &bits), E_WOULD_BLOCK);
}

UTEST(notification, wait_blocks_until_signalled)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0), b = mint(env, n, HL_RIGHT_WRITE, 0x40);

    start_blocked(env, 0, SYS_RECV, n);
    ut_sleep(2);
    UT_CHECK_EQ(jobs[0].done, 0);
    UT_CHECK_OK(hl_signal(b));
    UT_REQUIRE(ipc_job_wait(&jobs[0], IPC_WAIT_TICKS));
    UT_CHECK_OK(jobs[0].result.status);
    UT_CHECK_EQ(jobs[0].result.badge, 0x40);
    /* The waiter took the bits. */
    uint64_t bits;
    UT_CHECK_ERR(hl_ntfn_poll(n, &bits), E_WOULD_BLOCK);
}

UTEST(notification, each_signal_wakes_the_first_waiter)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t b[NWAITERS];

    for (unsigned i = 0; i < NWAITERS; i++) {
        b[i] = mint(env, n, HL_RIGHT_WRITE, 1ull << (i + 1));
        start_blocked(env, i, SYS_RECV, n);
    }
    for (unsigned i = 0; i < NWAITERS; i++) {
        UT_CHECK_OK(hl_signal(b[i]));
        UT_REQUIRE(ipc_job_wait(&jobs[i], IPC_WAIT_TICKS));
        UT_CHECK_EQ(jobs[i].result.badge, 1ull << (i + 1));
        for (unsigned j = i + 1; j < NWAITERS; j++)
            UT_CHECK_EQ(jobs[j].done, 0);
    }
}

UTEST(notification, missing_rights)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t ro = mint(env, n, HL_RIGHT_READ, 0), wo = mint(env, n, HL_RIGHT_WRITE, 0);
    uint64_t bits;

    UT_CHECK_ERR(hl_signal(ro), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_nbsend(ro, &hl_msg_empty), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_wait(wo, &bits), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_ntfn_poll(wo, &bits), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_ntfn_poll(n, &bits), E_WOULD_BLOCK);
    UT_CHECK_ERR(hl_call(n, &hl_msg_empty).status, E_WRONG_TYPE);
    UT_CHECK_ERR(hl_ntfn_poll(n, &bits), E_WOULD_BLOCK);
}

UTEST(notification, delete_wakes_waiters_dead)
{
    uint32_t mem = ut_memory(env, 12), n = ut_slot(env);
    uint64_t bits = 0;

    UT_REQUIRE_OK(hl_memory_retype(mem, HL_CAP_NOTIFICATION, 0, env->cspace, n, 1));
    for (unsigned i = 0; i < NWAITERS; i++)
        start_blocked(env, i, SYS_RECV, n);
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, mem));
    for (unsigned i = 0; i < NWAITERS; i++) {
        UT_CHECK(ipc_job_wait(&jobs[i], IPC_WAIT_TICKS));
        UT_CHECK_ERR(jobs[i].result.status, E_DEAD);
    }
    UT_CHECK_EQ(ut_free(mem), 1ull << 12);
    /* A new notification in the same memory: no bits, no waiters. */
    UT_REQUIRE_OK(hl_memory_retype(mem, HL_CAP_NOTIFICATION, 0, env->cspace, n, 1));
    UT_CHECK_ERR(hl_ntfn_poll(n, &bits), E_WOULD_BLOCK);
    start_blocked(env, NWAITERS, SYS_RECV, n);
    UT_CHECK_OK(hl_signal(n));
    UT_REQUIRE(ipc_job_wait(&jobs[NWAITERS], IPC_WAIT_TICKS));
    UT_CHECK_OK(jobs[NWAITERS].result.status);
    UT_CHECK_EQ(jobs[NWAITERS].result.badge, 1);
}

UTEST(notification, deleting_a_waiting_task)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t a = start_blocked(env, 0, SYS_RECV, n);

    start_blocked(env, 1, SYS_RECV, n);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, a));
    UT_CHECK_OK(hl_signal(n));
    UT_REQUIRE(ipc_job_wait(&jobs[1], IPC_WAIT_TICKS));
    UT_CHECK_EQ(jobs[1].result.badge, 1);
}

/* Signals through caps[1] once the task caps[0] blocks. */
static int signal_when_blocked(void *arg)
{
    const uint32_t *caps = arg;

    while (ut_task_state(caps[0]) != HL_TASK_BLOCKED)
        hl_yield();
    return hl_signal(caps[1]);
}

/* A bound task waiting on an endpoint wakes for the notification. */
UTEST(notification, bound_task_wakes_from_endpoint_receive)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0), ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    static uint32_t caps[2];
    struct hl_msg m;
    uint64_t bits;

    caps[0] = env->task;
    caps[1] = mint(env, n, HL_RIGHT_WRITE, 0x30);
    UT_REQUIRE_OK(hl_task_bind_notification(env->task, n));
    ut_spawn(env, signal_when_blocked, caps, UT_PRIORITY, true);
    m = hl_recv(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(m.badge, 0x30);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), HL_MSG_FLAG_NOTIFICATION);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(m.info), 0);
    UT_CHECK_ERR(hl_ntfn_poll(n, &bits), E_WOULD_BLOCK);
    /* Bits already set: the receive returns at once, poll too. */
    UT_CHECK_OK(hl_signal(caps[1]));
    m = hl_recv(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(m.badge, 0x30);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), HL_MSG_FLAG_NOTIFICATION);
    UT_CHECK_OK(hl_signal(n));
    m = hl_poll(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(m.badge, 1);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), HL_MSG_FLAG_NOTIFICATION);
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
    /* Endpoint messages still arrive as messages. */
    start_blocked(env, 0, SYS_SEND, ep);
    m = hl_recv(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), 0);
    UT_REQUIRE(ipc_job_wait(&jobs[0], IPC_WAIT_TICKS));
    /* Unbound, the receive ignores the notification. */
    UT_CHECK_OK(hl_task_bind_notification(env->task, HL_CPTR_NONE));
    UT_CHECK_OK(hl_signal(n));
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
    UT_CHECK_OK(hl_ntfn_poll(n, &bits));
}

UTEST(notification, bind_errors)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0),
             n2 = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t other = ut_object(env, HL_CAP_TASK, 0), empty = ut_slot(env);
    uint32_t wo = mint(env, n2, HL_RIGHT_WRITE, 0), task_ro = mint(env, other, HL_RIGHT_READ, 0);

    UT_CHECK_ERR(hl_task_bind_notification(other, wo), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_bind_notification(task_ro, n), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_task_bind_notification(other, ut_object(env, HL_CAP_ENDPOINT, 0)),
                 E_WRONG_TYPE);
    UT_CHECK_ERR(hl_task_bind_notification(other, empty), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_task_bind_notification(other, 0), E_INVALID_CADDR);
    UT_CHECK_OK(hl_task_bind_notification(other, n));
    /* Either side bound already: E_IN_USE. */
    UT_CHECK_ERR(hl_task_bind_notification(other, n2), E_IN_USE);
    UT_CHECK_ERR(hl_task_bind_notification(env->task, n), E_IN_USE);
    UT_CHECK_OK(hl_task_bind_notification(other, HL_CPTR_NONE));
    UT_CHECK_OK(hl_task_bind_notification(env->task, n));
    UT_CHECK_OK(hl_task_bind_notification(other, n2));
}

/* Deleting a bound notification unbinds it: the task can bind anew. */
UTEST(notification, delete_unbinds)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0),
             n2 = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);

    UT_REQUIRE_OK(hl_task_bind_notification(env->task, n));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, n));
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
    UT_CHECK_OK(hl_task_bind_notification(env->task, n2));
    UT_CHECK_OK(hl_signal(n2));
    UT_CHECK_EQ(hl_poll(ep).badge, 1);
}

/* Deleting a bound task frees its notification for another. */
UTEST(notification, deleting_the_bound_task_unbinds)
{
    uint32_t n = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t t = ut_object(env, HL_CAP_TASK, 0);

    UT_REQUIRE_OK(hl_task_bind_notification(t, n));
    UT_CHECK_ERR(hl_task_bind_notification(env->task, n), E_IN_USE);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, t));
    UT_CHECK_OK(hl_task_bind_notification(env->task, n));
}
