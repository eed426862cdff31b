/*
 * Endpoints and dead partners: a discarded reply, a deleted endpoint, a
 * deleted task in a queue or holding a reply all wake whoever waited with
 * E_DEAD and leave no trace in the queues; a server that never replies
 * holds up its caller only.
 */
#include <string.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <vulcan/vulcan.h>
#include "ipc_job.h"

#define LABEL 0x77
#define NWAITERS 3

static struct ipc_job jobs[8];
static volatile uint64_t counter;

static struct ipc_job *job_at(unsigned i, uint64_t nr, uint32_t cptr, uint64_t w0)
{
    memset(&jobs[i], 0, sizeof(jobs[i]));
    jobs[i].nr = nr;
    jobs[i].cptr = cptr;
    jobs[i].msg = hl_msg_make(LABEL, 1, w0, 0, 0, 0, 0, 0);
    return &jobs[i];
}

/* Starts job i and waits until its task blocks. */
static uint32_t start_blocked(struct utest_env *env, unsigned i)
{
    uint32_t t = ipc_job_start(env, &jobs[i], UT_PRIORITY, false);

    UT_REQUIRE_EQ(ut_wait_state(t, HL_TASK_BLOCKED, IPC_WAIT_TICKS), HL_TASK_BLOCKED);
    return t;
}

/* An endpoint still works from scratch: nobody waits, a message goes through. */
static void check_fresh(struct utest_env *env, uint32_t ep, unsigned slot)
{
    struct hl_msg m = hl_msg_make(LABEL, 1, 42, 0, 0, 0, 0, 0);

    UT_CHECK_ERR(hl_nbsend(ep, &m), E_WOULD_BLOCK);
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
    job_at(slot, SYS_SEND, ep, 43);
    start_blocked(env, slot);
    m = hl_recv(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(m.mr[0], 43);
    UT_REQUIRE(ipc_job_wait(&jobs[slot], IPC_WAIT_TICKS));
    UT_CHECK_OK(jobs[slot].result.status);
}

UTEST(endpoint, recv_without_reply_wakes_caller_dead)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), ep2 = ut_object(env, HL_CAP_ENDPOINT, 0);
    struct hl_msg m, r = hl_msg_make(0, 0, 0, 0, 0, 0, 0, 0);

    job_at(0, SYS_CALL, ep, 1);
    ipc_job_start(env, &jobs[0], UT_PRIORITY, false);
    m = hl_recv(ep);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(m.mr[0], 1);
    job_at(1, SYS_SEND, ep2, 2);
    start_blocked(env, 1);
    /* Receiving again, on another endpoint even, discards the reply. */
    m = hl_recv(ep2);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(m.mr[0], 2);
    UT_REQUIRE(ipc_job_wait(&jobs[0], IPC_WAIT_TICKS));
    UT_CHECK_ERR(jobs[0].result.status, E_DEAD);
    UT_CHECK_ERR(hl_reply(&r), E_STATE);
}

static void delete_with_waiters(struct utest_env *env, uint64_t nr)
{
    uint32_t mem = ut_memory(env, 12), ep = ut_slot(env);
    struct hl_cap_info first, second;

    UT_REQUIRE_OK(hl_memory_retype(mem, HL_CAP_ENDPOINT, 0, env->cspace, ep, 1));
    UT_REQUIRE_OK(hl_cspace_identify(env->cspace, ep, &first, NULL));
    for (unsigned i = 0; i < NWAITERS; i++) {
        job_at(i, nr, ep, i);
        start_blocked(env, i);
    }
    /* Deleting a copy is not the end of the endpoint. */
    uint32_t copy = ut_slot(env);
    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, copy, env->cspace, ep));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, copy));
    ut_sleep(2);
    for (unsigned i = 0; i < NWAITERS; i++)
        UT_CHECK_EQ(jobs[i].done, 0);
    /* Revoking the memory deletes the last capability. */
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, mem));
    for (unsigned i = 0; i < NWAITERS; i++) {
        UT_CHECK(ipc_job_wait(&jobs[i], IPC_WAIT_TICKS));
        UT_CHECK_ERR(jobs[i].result.status, E_DEAD);
    }
    UT_CHECK_EQ(ut_free(mem), 1ull << 12);
    /* A new endpoint in the same memory starts empty. */
    UT_REQUIRE_OK(hl_memory_retype(mem, HL_CAP_ENDPOINT, 0, env->cspace, ep, 1));
    UT_REQUIRE_OK(hl_cspace_identify(env->cspace, ep, &second, NULL));
    UT_CHECK_EQ(second.object, first.object);
    check_fresh(env, ep, NWAITERS);
}

UTEST(endpoint, delete_wakes_receivers_dead)
{
    delete_with_waiters(env, SYS_RECV);
}

UTEST(endpoint, delete_wakes_senders_dead)
{
    delete_with_waiters(env, SYS_SEND);
}

UTEST(endpoint, delete_wakes_callers_dead)
{
    delete_with_waiters(env, SYS_CALL);
}

/* A task deleted while it waits in a queue leaves it. */
UTEST(endpoint, deleting_a_queued_task)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t a;
    struct hl_msg m;

    job_at(0, SYS_SEND, ep, 1);
    a = start_blocked(env, 0);
    job_at(1, SYS_SEND, ep, 2);
    start_blocked(env, 1);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, a));
    m = hl_recv(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(m.mr[0], 2);
    UT_REQUIRE(ipc_job_wait(&jobs[1], IPC_WAIT_TICKS));
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
    /* The same for receivers. */
    job_at(2, SYS_RECV, ep, 0);
    a = start_blocked(env, 2);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, a));
    m = hl_msg_make(LABEL, 0, 0, 0, 0, 0, 0, 0);
    UT_CHECK_ERR(hl_nbsend(ep, &m), E_WOULD_BLOCK);
    check_fresh(env, ep, 3);
}

/* The server holding a caller's reply dies: the caller gets E_DEAD. */
UTEST(endpoint, server_deleted_wakes_caller_dead)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t server;

    job_at(0, SYS_RECV, ep, 0);
    server = start_blocked(env, 0);
    job_at(1, SYS_CALL, ep, 5);
    ipc_job_start(env, &jobs[1], UT_PRIORITY, false);
    UT_REQUIRE(ipc_job_wait(&jobs[0], IPC_WAIT_TICKS));
    UT_CHECK_EQ(jobs[0].result.mr[0], 5);
    /* The server exited without replying; the caller still waits. */
    UT_CHECK_EQ(ut_wait_state(server, HL_TASK_EXITED, IPC_WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_EQ(ut_task_state(env->children[1]), HL_TASK_BLOCKED);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, server));
    UT_REQUIRE(ipc_job_wait(&jobs[1], IPC_WAIT_TICKS));
    UT_CHECK_ERR(jobs[1].result.status, E_DEAD);
}

/* The caller dies while the server holds its reply: the reply finds
 * nobody. */
UTEST(endpoint, caller_deleted_before_reply)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    struct hl_msg m, r = hl_msg_make(0, 1, 9, 0, 0, 0, 0, 0);
    uint32_t caller;

    job_at(0, SYS_CALL, ep, 3);
    caller = ipc_job_start(env, &jobs[0], UT_PRIORITY, false);
    m = hl_recv(ep);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, caller));
    UT_CHECK_ERR(hl_reply(&r), E_STATE);
    check_fresh(env, ep, 1);
}

/* Takes one call, then spins without ever replying. */
static __attribute__((noreturn)) int take_call_and_spin(void *ep)
{
    hl_recv((uint32_t)(uintptr_t)ep);
    for (;;)
        __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
}

/* Takes one call, then waits on a notification nobody signals (a wait
 * that is not a receive keeps the reply). */
static int take_call_and_wait(void *arg)
{
    const uint32_t *caps = arg;
    uint64_t bits;

    hl_recv(caps[0]);
    return hl_wait(caps[1], &bits);
}

UTEST(endpoint, server_that_never_replies_blocks_only_its_caller)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), ep2 = ut_object(env, HL_CAP_ENDPOINT, 0);
    static uint32_t caps[2];
    uint32_t spinner, waiter;
    uint64_t before;
    struct hl_msg m;

    counter = 0;
    caps[0] = ep2;
    caps[1] = ut_object(env, HL_CAP_NOTIFICATION, 0);
    spinner = ut_spawn(env, take_call_and_spin, (void *)(uintptr_t)ep, UT_PRIORITY, true);
    waiter = ut_spawn(env, take_call_and_wait, caps, UT_PRIORITY, true);
    job_at(0, SYS_CALL, ep, 1);
    ipc_job_start(env, &jobs[0], UT_PRIORITY, false);
    job_at(1, SYS_CALL, ep2, 2);
    ipc_job_start(env, &jobs[1], UT_PRIORITY, false);
    UT_CHECK_EQ(ut_wait_state(waiter, HL_TASK_BLOCKED, IPC_WAIT_TICKS), HL_TASK_BLOCKED);
    ut_sleep(2);
    before = counter;
    ut_sleep(5);
    /* The spinning server and the case run; both callers wait. */
    UT_CHECK(counter > before);
    UT_CHECK_EQ(ut_task_state(spinner), HL_TASK_RUNNABLE);
    UT_CHECK_EQ(ut_task_state(env->children[2]), HL_TASK_BLOCKED);
    UT_CHECK_EQ(ut_task_state(env->children[3]), HL_TASK_BLOCKED);
    UT_CHECK_EQ(jobs[0].done + jobs[1].done, 0);
    /* A third client with a working server is served meanwhile. */
    uint32_t ep3 = ut_object(env, HL_CAP_ENDPOINT, 0);
    job_at(2, SYS_CALL, ep3, 7);
    ipc_job_start(env, &jobs[2], UT_PRIORITY, false);
    m = hl_recv(ep3);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(m.mr[0], 7);
    m = hl_msg_make(0, 1, 8, 0, 0, 0, 0, 0);
    UT_CHECK_OK(hl_reply(&m));
    UT_REQUIRE(ipc_job_wait(&jobs[2], IPC_WAIT_TICKS));
    UT_CHECK_OK(jobs[2].result.status);
    UT_CHECK_EQ(jobs[2].result.mr[0], 8);
    /* Ending the servers releases their callers. */
    UT_CHECK_OK(hl_cspace_delete(env->cspace, spinner));
    UT_CHECK_OK(hl_cspace_delete(env->cspace, waiter));
    UT_REQUIRE(ipc_job_wait(&jobs[0], IPC_WAIT_TICKS));
    UT_REQUIRE(ipc_job_wait(&jobs[1], IPC_WAIT_TICKS));
    UT_CHECK_ERR(jobs[0].result.status, E_DEAD);
    UT_CHECK_ERR(jobs[1].result.status, E_DEAD);
}

/* A caller suspended while it waits for the reply loses it: the server's
 * reply finds nobody, and the call returns E_STATE when it is resumed. */
UTEST(endpoint, suspended_caller_loses_its_reply)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), caller;
    struct hl_msg m, r = hl_msg_make(0, 0, 0, 0, 0, 0, 0, 0);

    job_at(0, SYS_CALL, ep, 1);
    caller = ipc_job_start(env, &jobs[0], UT_PRIORITY, false);
    m = hl_recv(ep);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_OK(hl_task_suspend(caller));
    UT_CHECK_ERR(hl_reply(&r), E_STATE);
    UT_CHECK_OK(hl_task_resume(caller));
    UT_REQUIRE(ipc_job_wait(&jobs[0], IPC_WAIT_TICKS));
    UT_CHECK_ERR(jobs[0].result.status, E_STATE);
}
