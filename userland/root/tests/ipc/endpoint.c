/*
 * Endpoints: messages of every size arrive exactly, badges name the
 * sender's capability, queues are FIFO, and each documented error of the
 * IPC syscalls comes back with nothing changed. Children do the other side
 * of each exchange through ipc_job.h.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <vulcan/vulcan.h>
#include "ipc_job.h"

#define LABEL 0x1234
#define SEED 0x5eed000000000000ull

int syscall_probe(uint64_t nr, const uint64_t in[12], uint64_t out[12]);

static struct ipc_job job, jobs[6];

static uint32_t new_endpoint(struct utest_env *env)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);

    UT_CHECK_EQ(ut_cap_type(env, ep), HL_CAP_ENDPOINT);
    return ep;
}

/* A copy of cap with only `rights` and the given badge. */
static uint32_t mint(struct utest_env *env, uint32_t cap, unsigned rights, uint64_t badge)
{
    uint32_t s = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, s, env->cspace, cap, rights, badge));
    return s;
}

/* A child sends `length` words; the case receives and checks them. */
static void send_and_check(struct utest_env *env, unsigned length, bool buffers)
{
    uint32_t ep = new_endpoint(env);
    struct hl_ipc_buffer *mine = buffers ? ut_ipc_setup(env, env->task, HL_CPTR_NONE) : NULL;
    uint64_t words[HL_MSG_MAX_WORDS] = {0};
    struct hl_msg m;

    memset(&job, 0, sizeof(job));
    job.nr = SYS_SEND;
    job.cptr = ep;
    ipc_fill(&job.msg, job.words, LABEL, length, SEED);
    ipc_job_start(env, &job, UT_PRIORITY, buffers);
    m = hl_recv(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(m.badge, 0);
    UT_CHECK_EQ(HL_MSGINFO_LABEL(m.info), LABEL);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(m.info), length);
    UT_CHECK_EQ(HL_MSGINFO_CAPS(m.info), 0);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), 0);
    hl_msg_get_words(&m, mine, words, length);
    UT_CHECK_EQ(ipc_check_words(words, length, SEED), 0);
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_OK(job.result.status);
}

UTEST(endpoint, zero_words)
{
    send_and_check(env, 0, false);
}

UTEST(endpoint, six_words_in_registers)
{
    send_and_check(env, HL_MSG_REG_WORDS, false);
}

UTEST(endpoint, sixty_four_words_through_the_buffer)
{
    send_and_check(env, HL_MSG_MAX_WORDS, true);
}

/* 64 words each way: a call, and a reply that fills the caller's buffer. */
UTEST(endpoint, call_and_reply_64_words)
{
    struct hl_ipc_buffer *mine = ut_ipc_setup(env, env->task, HL_CPTR_NONE);
    uint32_t ep = new_endpoint(env);
    uint64_t words[HL_MSG_MAX_WORDS];
    struct hl_msg m, r = {0};

    memset(&job, 0, sizeof(job));
    job.nr = SYS_CALL;
    job.cptr = ep;
    ipc_fill(&job.msg, job.words, LABEL, HL_MSG_MAX_WORDS, SEED);
    ipc_job_start(env, &job, UT_PRIORITY, true);
    m = hl_recv(ep);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(m.info), HL_MSG_MAX_WORDS);
    hl_msg_get_words(&m, mine, words, HL_MSG_MAX_WORDS);
    UT_CHECK_EQ(ipc_check_words(words, HL_MSG_MAX_WORDS, SEED), 0);
    for (unsigned i = 0; i < HL_MSG_MAX_WORDS; i++)
        words[i] = 2 * SEED + i;
    r.info = HL_MSGINFO(LABEL + 1, 0, HL_MSG_MAX_WORDS);
    hl_msg_put_words(&r, mine, words, HL_MSG_MAX_WORDS);
    UT_CHECK_OK(hl_reply(&r));
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_OK(job.result.status);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(job.result.info), HL_MSG_MAX_WORDS);
    memcpy(job.words, job.result.mr, sizeof(job.result.mr));
    UT_CHECK_EQ(ipc_check_words(job.words, HL_MSG_MAX_WORDS, 2 * SEED), 0);
}

UTEST(endpoint, long_message_without_buffer_is_cut)
{
    uint32_t ep = new_endpoint(env);
    struct hl_msg m;

    memset(&job, 0, sizeof(job));
    job.nr = SYS_SEND;
    job.cptr = ep;
    ipc_fill(&job.msg, job.words, LABEL, 20, SEED);
    ipc_job_start(env, &job, UT_PRIORITY, true);
    m = hl_recv(ep); /* the case has no IPC buffer */
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(m.info), HL_MSG_REG_WORDS);
    UT_CHECK_EQ(ipc_check_words(m.mr, HL_MSG_REG_WORDS, SEED), 0);
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
}

UTEST(endpoint, length_above_64_is_range)
{
    uint32_t ep = new_endpoint(env);
    struct hl_msg m = hl_msg_make(LABEL, HL_MSG_MAX_WORDS + 1, 0, 0, 0, 0, 0, 0);
    struct hl_msg r;

    memset(&job, 0, sizeof(job));
    job.nr = SYS_RECV;
    job.cptr = ep;
    ipc_job_start(env, &job, UT_PRIORITY, false);
    UT_REQUIRE_EQ(ut_wait_state(env->children[0], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                  HL_TASK_BLOCKED);
    /* A receiver waits, and still nothing is delivered. */
    UT_CHECK_ERR(hl_send(ep, &m), E_RANGE);
    UT_CHECK_ERR(hl_nbsend(ep, &m), E_RANGE);
    UT_CHECK_ERR(hl_call(ep, &m).status, E_RANGE);
    m.info = HL_MSGINFO(LABEL, 0, 127);
    UT_CHECK_ERR(hl_send(ep, &m), E_RANGE);
    UT_CHECK_EQ(job.done, 0);
    UT_CHECK_EQ(ut_task_state(env->children[0]), HL_TASK_BLOCKED);
    m.info = HL_MSGINFO(LABEL, 0, 1);
    UT_CHECK_OK(hl_send(ep, &m));
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(job.result.info), 1);
    /* A reply of 65 words: E_RANGE, and the caller still waits. */
    memset(&job, 0, sizeof(job));
    job.nr = SYS_CALL;
    job.cptr = ep;
    job.msg = hl_msg_make(LABEL, 0, 0, 0, 0, 0, 0, 0);
    ipc_job_start(env, &job, UT_PRIORITY, false);
    r = hl_recv(ep);
    UT_REQUIRE_OK(r.status);
    m.info = HL_MSGINFO(0, 0, HL_MSG_MAX_WORDS + 1);
    UT_CHECK_ERR(hl_reply(&m), E_RANGE);
    UT_CHECK_EQ(ut_task_state(env->children[1]), HL_TASK_BLOCKED);
    m.info = HL_MSGINFO(7, 0, 0);
    UT_CHECK_OK(hl_reply(&m));
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_OK(job.result.status);
    UT_CHECK_EQ(HL_MSGINFO_LABEL(job.result.info), 7);
}

/* The length is the low byte of the info word (label << 16 | flags << 12
 * | caps << 8 | length): 128 or 255 words is above 64 too, not a length
 * of 0 or 127 with a bit dropped. */
UTEST(endpoint, length_byte_is_checked_whole)
{
    uint32_t ep = new_endpoint(env);
    struct hl_msg m = hl_msg_make(LABEL, 0, 0, 0, 0, 0, 0, 0);

    memset(&job, 0, sizeof(job));
    job.nr = SYS_RECV;
    job.cptr = ep;
    ipc_job_start(env, &job, UT_PRIORITY, false);
    UT_REQUIRE_EQ(ut_wait_state(env->children[0], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                  HL_TASK_BLOCKED);
    m.info = ((uint64_t)LABEL << 16) | 0x80;
    UT_CHECK_ERR(hl_nbsend(ep, &m), E_RANGE);
    m.info = ((uint64_t)LABEL << 16) | 0xff;
    UT_CHECK_ERR(hl_nbsend(ep, &m), E_RANGE);
    if (!UT_CHECK_EQ(job.done, 0))
        printf("# the receiver got length %u\n", HL_MSGINFO_LENGTH(job.result.info));
    m.info = HL_MSGINFO(LABEL, 0, 0);
    hl_nbsend(ep, &m);
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
}

UTEST(endpoint, badges_name_the_sender_capability)
{
    uint32_t ep = new_endpoint(env);
    uint32_t a = mint(env, ep, HL_RIGHT_WRITE, 0x11), b = mint(env, ep, HL_RIGHT_WRITE, 0xabcdef);
    const uint32_t caps[3] = {a, b, ep};
    const uint64_t badges[3] = {0x11, 0xabcdef, 0};

    for (unsigned i = 0; i < 3; i++) {
        memset(&jobs[i], 0, sizeof(jobs[i]));
        jobs[i].nr = SYS_SEND;
        jobs[i].cptr = caps[i];
        jobs[i].msg = hl_msg_make(LABEL + i, 1, i, 0, 0, 0, 0, 0);
        ipc_job_start(env, &jobs[i], UT_PRIORITY, false);
        UT_REQUIRE_EQ(ut_wait_state(env->children[i], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                      HL_TASK_BLOCKED);
    }
    for (unsigned i = 0; i < 3; i++) {
        struct hl_msg m = hl_recv(ep);
        UT_CHECK_OK(m.status);
        UT_CHECK_EQ(m.mr[0], i);
        UT_CHECK_EQ(m.badge, badges[i]);
    }
}

/* Senders that queued in turn are received in turn, and so are receivers. */
UTEST(endpoint, queues_are_fifo)
{
    uint32_t ep = new_endpoint(env);
    struct hl_msg m;

    for (unsigned i = 0; i < 3; i++) {
        memset(&jobs[i], 0, sizeof(jobs[i]));
        jobs[i].nr = SYS_SEND;
        jobs[i].cptr = ep;
        jobs[i].msg = hl_msg_make(LABEL, 1, 100 + i, 0, 0, 0, 0, 0);
        ipc_job_start(env, &jobs[i], UT_PRIORITY, false);
        UT_REQUIRE_EQ(ut_wait_state(env->children[i], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                      HL_TASK_BLOCKED);
    }
    for (unsigned i = 0; i < 3; i++) {
        m = hl_recv(ep);
        UT_CHECK_OK(m.status);
        UT_CHECK_EQ(m.mr[0], 100 + i);
    }
    for (unsigned i = 0; i < 3; i++) {
        memset(&jobs[3 + i], 0, sizeof(jobs[3 + i]));
        jobs[3 + i].nr = SYS_RECV;
        jobs[3 + i].cptr = ep;
        ipc_job_start(env, &jobs[3 + i], UT_PRIORITY, false);
        UT_REQUIRE_EQ(ut_wait_state(env->children[3 + i], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                      HL_TASK_BLOCKED);
    }
    for (unsigned i = 0; i < 3; i++) {
        m = hl_msg_make(LABEL, 1, 200 + i, 0, 0, 0, 0, 0);
        UT_CHECK_OK(hl_send(ep, &m));
    }
    for (unsigned i = 0; i < 3; i++) {
        UT_REQUIRE(ipc_job_wait(&jobs[3 + i], IPC_WAIT_TICKS));
        UT_CHECK_EQ(jobs[3 + i].result.mr[0], 200 + i);
    }
}

UTEST(endpoint, nbsend_and_poll_would_block)
{
    uint32_t ep = new_endpoint(env);
    struct hl_msg m = hl_msg_make(LABEL, 2, 5, 6, 0, 0, 0, 0);

    UT_CHECK_ERR(hl_nbsend(ep, &m), E_WOULD_BLOCK);
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
    /* With a partner waiting, both go through. */
    memset(&job, 0, sizeof(job));
    job.nr = SYS_RECV;
    job.cptr = ep;
    ipc_job_start(env, &job, UT_PRIORITY, false);
    UT_REQUIRE_EQ(ut_wait_state(env->children[0], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                  HL_TASK_BLOCKED);
    UT_CHECK_OK(hl_nbsend(ep, &m));
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_EQ(job.result.mr[0], 5);
    UT_CHECK_EQ(job.result.mr[1], 6);
    memset(&job, 0, sizeof(job));
    job.nr = SYS_SEND;
    job.cptr = ep;
    job.msg = hl_msg_make(LABEL, 1, 9, 0, 0, 0, 0, 0);
    ipc_job_start(env, &job, UT_PRIORITY, false);
    UT_REQUIRE_EQ(ut_wait_state(env->children[1], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                  HL_TASK_BLOCKED);
    m = hl_poll(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(m.mr[0], 9);
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_OK(job.result.status);
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
}

UTEST(endpoint, reply_without_caller_is_state)
{
    uint32_t ep = new_endpoint(env);
    struct hl_msg m = hl_msg_make(0, 0, 0, 0, 0, 0, 0, 0);

    UT_CHECK_ERR(hl_reply(&m), E_STATE);
    /* A plain send leaves nothing to reply to either. */
    memset(&job, 0, sizeof(job));
    job.nr = SYS_SEND;
    job.cptr = ep;
    ipc_job_start(env, &job, UT_PRIORITY, false);
    UT_CHECK_OK(hl_recv(ep).status);
    UT_CHECK_ERR(hl_reply(&m), E_STATE);
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_OK(job.result.status);
}

UTEST(endpoint, call_and_reply)
{
    uint32_t ep = new_endpoint(env);
    uint32_t badged = mint(env, ep, HL_RIGHT_WRITE, 0x77);
    struct hl_msg m, r;

    memset(&job, 0, sizeof(job));
    job.nr = SYS_CALL;
    job.cptr = badged;
    job.msg = hl_msg_make(LABEL, 6, 1, 2, 3, 4, 5, 6);
    ipc_job_start(env, &job, UT_PRIORITY, false);
    m = hl_recv(ep);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(m.badge, 0x77);
    UT_CHECK_EQ(m.mr[5], 6);
    UT_CHECK_EQ(ut_task_state(env->children[0]), HL_TASK_BLOCKED);
    r = hl_msg_make(LABEL + 1, 6, 11, 12, 13, 14, 15, 16);
    UT_CHECK_OK(hl_reply(&r));
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_OK(job.result.status);
    UT_CHECK_EQ(job.result.badge, 0);
    UT_CHECK_EQ(HL_MSGINFO_LABEL(job.result.info), LABEL + 1);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(job.result.info), 6);
    for (unsigned i = 0; i < 6; i++)
        UT_CHECK_EQ(job.result.mr[i], 11 + i);
    /* The reply was one-shot. */
    UT_CHECK_ERR(hl_reply(&r), E_STATE);
}

UTEST(endpoint, reply_recv_replies_then_waits)
{
    uint32_t ep = new_endpoint(env);
    struct hl_msg m, r;

    /* With no caller it only receives. */
    memset(&jobs[0], 0, sizeof(jobs[0]));
    jobs[0].nr = SYS_CALL;
    jobs[0].cptr = ep;
    jobs[0].msg = hl_msg_make(LABEL, 1, 1, 0, 0, 0, 0, 0);
    ipc_job_start(env, &jobs[0], UT_PRIORITY, false);
    r = hl_msg_make(0, 0, 0, 0, 0, 0, 0, 0);
    m = hl_reply_recv(ep, &r);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(m.mr[0], 1);
    memset(&jobs[1], 0, sizeof(jobs[1]));
    jobs[1].nr = SYS_CALL;
    jobs[1].cptr = ep;
    jobs[1].msg = hl_msg_make(LABEL, 1, 2, 0, 0, 0, 0, 0);
    ipc_job_start(env, &jobs[1], UT_PRIORITY, false);
    r = hl_msg_make(LABEL, 1, 101, 0, 0, 0, 0, 0);
    m = hl_reply_recv(ep, &r);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(m.mr[0], 2);
    UT_REQUIRE(ipc_job_wait(&jobs[0], IPC_WAIT_TICKS));
    UT_CHECK_OK(jobs[0].result.status);
    UT_CHECK_EQ(jobs[0].result.mr[0], 101);
    r = hl_msg_make(LABEL, 1, 102, 0, 0, 0, 0, 0);
    UT_CHECK_OK(hl_reply(&r));
    UT_REQUIRE(ipc_job_wait(&jobs[1], IPC_WAIT_TICKS));
    UT_CHECK_EQ(jobs[1].result.mr[0], 102);
}

/* Send-only syscalls keep every register but rax, rcx and r11; the
 * receiver gets rdx, r10, r8, r9, r12, r13 as MR0-5. */
UTEST(endpoint, send_preserves_registers)
{
    uint32_t ep = new_endpoint(env);
    uint64_t in[12], out[12];

    memset(&job, 0, sizeof(job));
    job.nr = SYS_RECV;
    job.cptr = ep;
    ipc_job_start(env, &job, UT_PRIORITY, false);
    UT_REQUIRE_EQ(ut_wait_state(env->children[0], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                  HL_TASK_BLOCKED);
    /* rbx rbp rdi rsi r8 r9 r10 r12 r13 r14 r15 rdx */
    for (unsigned i = 0; i < 12; i++)
        in[i] = 0x1000 * (i + 1) + 0xa;
    in[2] = ep;
    in[3] = HL_MSGINFO(LABEL, 0, 6);
    memset(out, 0, sizeof(out));
    UT_CHECK_OK(syscall_probe(SYS_NBSEND, in, out));
    for (unsigned i = 0; i < 12; i++)
        if (!UT_CHECK_EQ(out[i], in[i]))
            printf("# (register %u of syscall_probe's list)\n", i);
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_EQ(job.result.mr[0], in[11]); /* rdx */
    UT_CHECK_EQ(job.result.mr[1], in[6]);  /* r10 */
    UT_CHECK_EQ(job.result.mr[2], in[4]);  /* r8 */
    UT_CHECK_EQ(job.result.mr[3], in[5]);  /* r9 */
    UT_CHECK_EQ(job.result.mr[4], in[7]);  /* r12 */
    UT_CHECK_EQ(job.result.mr[5], in[8]);  /* r13 */
}

UTEST(endpoint, missing_rights)
{
    uint32_t ep = new_endpoint(env);
    uint32_t ro = mint(env, ep, HL_RIGHT_READ, 0), wo = mint(env, ep, HL_RIGHT_WRITE, 0);
    struct hl_msg m = hl_msg_make(LABEL, 0, 0, 0, 0, 0, 0, 0);

    UT_CHECK_ERR(hl_send(ro, &m), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_nbsend(ro, &m), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_call(ro, &m).status, E_NO_RIGHTS);
    UT_CHECK_ERR(hl_recv(wo).status, E_NO_RIGHTS);
    UT_CHECK_ERR(hl_poll(wo).status, E_NO_RIGHTS);
    UT_CHECK_ERR(hl_reply_recv(wo, &m).status, E_NO_RIGHTS);
    /* Each right alone is enough for its side. */
    UT_CHECK_ERR(hl_nbsend(wo, &m), E_WOULD_BLOCK);
    UT_CHECK_ERR(hl_poll(ro).status, E_WOULD_BLOCK);
}

UTEST(endpoint, bad_capabilities)
{
    uint32_t empty = ut_slot(env), ntfn = ut_object(env, HL_CAP_NOTIFICATION, 0);
    struct hl_msg m = hl_msg_make(LABEL, 0, 0, 0, 0, 0, 0, 0);

    UT_CHECK_ERR(hl_send(0, &m), E_INVALID_CADDR);
    UT_CHECK_ERR(hl_recv(1u << env->bi->cspace_bits).status, E_INVALID_CADDR);
    UT_CHECK_ERR(hl_ipc_syscall(SYS_SEND, 1ull << 32 | 1, &m).status, E_INVALID_CADDR);
    UT_CHECK_ERR(hl_send(empty, &m), E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_recv(empty).status, E_SLOT_EMPTY);
    UT_CHECK_ERR(hl_send(env->vspace, &m), E_WRONG_TYPE);
    UT_CHECK_ERR(hl_recv(env->cspace).status, E_WRONG_TYPE);
    UT_CHECK_ERR(hl_call(ntfn, &m).status, E_WRONG_TYPE);
}

UTEST(endpoint, suspend_cancels_a_wait)
{
    uint32_t ep = new_endpoint(env), t;

    memset(&job, 0, sizeof(job));
    job.nr = SYS_RECV;
    job.cptr = ep;
    t = ipc_job_start(env, &job, UT_PRIORITY, false);
    UT_REQUIRE_EQ(ut_wait_state(t, HL_TASK_BLOCKED, IPC_WAIT_TICKS), HL_TASK_BLOCKED);
    UT_CHECK_OK(hl_task_suspend(t));
    /* It left the queue: nobody receives now. */
    struct hl_msg m = hl_msg_make(LABEL, 0, 0, 0, 0, 0, 0, 0);
    UT_CHECK_ERR(hl_nbsend(ep, &m), E_WOULD_BLOCK);
    UT_CHECK_OK(hl_task_resume(t));
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_ERR(job.result.status, E_STATE);
}
