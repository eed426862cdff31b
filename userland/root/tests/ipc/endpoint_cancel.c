/*
 * How a blocked send or reply-recv ends when it cannot complete: suspended
 * (E_STATE on resume), its endpoint deleted (E_DEAD), and a reply-recv
 * whose reply part is too long (E_RANGE, the caller still waiting).
 */
#include <helios/caps.h>
#include <helios/errors.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include "ipc_job.h"

static struct ipc_job job;

/* Starts job on ep and lets it block there. */
static uint32_t blocked_job(struct utest_env *env, uint64_t nr, uint32_t ep)
{
    job = (struct ipc_job){.nr = nr, .cptr = ep};
    uint32_t t = ipc_job_start(env, &job, UT_PRIORITY, false);
    UT_CHECK_EQ(ipc_job_wait(&job, 5), false); /* it waits */
    return t;
}

UTEST(endpoint, suspended_sender_returns_state)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = blocked_job(env, SYS_SEND, ep);

    UT_CHECK_ERR(hl_task_suspend(t), E_OK);
    UT_CHECK_ERR(hl_task_resume(t), E_OK);
    UT_CHECK_EQ(ipc_job_wait(&job, 50), true);
    UT_CHECK_ERR(job.result.status, E_STATE);
    UT_CHECK_ERR(hl_ipc_syscall(SYS_POLL, ep, &hl_msg_empty).status, E_WOULD_BLOCK);
}

UTEST(endpoint, reply_recv_cancelled_by_suspend)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = blocked_job(env, SYS_REPLY_RECV, ep);

    UT_CHECK_ERR(hl_task_suspend(t), E_OK);
    UT_CHECK_ERR(hl_task_resume(t), E_OK);
    UT_CHECK_EQ(ipc_job_wait(&job, 50), true);
    UT_CHECK_ERR(job.result.status, E_STATE);
}

UTEST(endpoint, reply_recv_on_a_deleted_endpoint)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);

    blocked_job(env, SYS_REPLY_RECV, ep);
    UT_CHECK_ERR(hl_cspace_delete(env->cspace, ep), E_OK);
    UT_CHECK_EQ(ipc_job_wait(&job, 50), true);
    UT_CHECK_ERR(job.result.status, E_DEAD);
}

UTEST(endpoint, reply_recv_with_a_too_long_reply)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    struct hl_msg m;

    job = (struct ipc_job){.nr = SYS_CALL, .cptr = ep};
    job.msg.info = HL_MSGINFO(3, 0, 1);
    job.msg.mr[0] = 41;
    ipc_job_start(env, &job, UT_PRIORITY, false);
    m = hl_recv(ep);
    UT_CHECK_ERR(m.status, E_OK);
    UT_CHECK_EQ(m.mr[0], 41);
    struct hl_msg too_long = {.info = HL_MSGINFO(0, 0, 65)};
    UT_CHECK_ERR(hl_ipc_syscall(SYS_REPLY_RECV, ep, &too_long).status, E_RANGE);
    UT_CHECK_EQ(ipc_job_wait(&job, 5), false); /* the caller still waits for a reply */
    struct hl_msg ok = {.info = HL_MSGINFO(0, 0, 1), .mr = {42}};
    UT_CHECK_ERR(hl_reply(&ok), E_OK);
    UT_CHECK_EQ(ipc_job_wait(&job, 50), true);
    UT_CHECK_ERR(job.result.status, E_OK);
    UT_CHECK_EQ(job.result.mr[0], 42);
}
