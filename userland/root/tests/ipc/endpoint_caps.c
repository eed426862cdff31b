/*
 * Capability transfer over endpoints: with GRANT the capabilities named in
 * the sender's IPC buffer arrive as children of the sender's in the slots
 * the receiver named, with their badges; without GRANT the send fails;
 * capabilities that cannot be received are dropped and flagged while the
 * message still arrives.
 */
#include <string.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <vulcan/vulcan.h>
#include "ipc_job.h"

#define LABEL 0x4321

static struct ipc_job job;

static uint32_t mint(struct utest_env *env, uint32_t cap, unsigned rights, uint64_t badge)
{
    uint32_t s = ut_slot(env);

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, s, env->cspace, cap, rights, badge));
    return s;
}

/* A child sends `ncaps` capabilities through `ep_cap`; the case receives
 * on ep into `slots` and returns the message. */
static struct hl_msg transfer(struct utest_env *env, uint32_t ep, uint32_t ep_cap,
                              const uint32_t *caps, unsigned ncaps, const uint32_t *slots,
                              struct hl_ipc_buffer *mine)
{
    struct hl_msg m;

    memset(&job, 0, sizeof(job));
    job.nr = SYS_SEND;
    job.cptr = ep_cap;
    job.msg = hl_msg_make(LABEL, 1, 0xfeed, 0, 0, 0, 0, 0);
    job.msg.info = HL_MSGINFO(LABEL, ncaps, 1);
    memcpy(job.send_caps, caps, ncaps * sizeof(caps[0]));
    if (mine) {
        memcpy(mine->recv_slots, slots, HL_MSG_MAX_CAPS * sizeof(slots[0]));
        memset(mine->recv_badges, 0, sizeof(mine->recv_badges));
    }
    ipc_job_start(env, &job, UT_PRIORITY, true);
    m = hl_recv(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(HL_MSGINFO_LABEL(m.info), LABEL);
    UT_CHECK_EQ(m.mr[0], 0xfeed);
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_OK(job.result.status);
    return m;
}

UTEST(endpoint, grant_transfers_capabilities)
{
    struct hl_ipc_buffer *mine = ut_ipc_setup(env, env->task, HL_CPTR_NONE);
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t ntfn = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t other = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t caps[3] = {mint(env, ntfn, HL_RIGHT_WRITE, 0x5), mint(env, other, HL_RIGHTS_ALL, 0x99),
                        ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS)};
    uint32_t slots[3] = {ut_slot(env), ut_slot(env), ut_slot(env)};
    struct hl_cap_info src, got;
    struct hl_msg m = transfer(env, ep, ep, caps, 3, slots, mine);
    uint64_t bits = 0;

    UT_CHECK_EQ(HL_MSGINFO_CAPS(m.info), 3);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), 0);
    UT_CHECK_EQ(mine->recv_badges[0], 0x5);
    UT_CHECK_EQ(mine->recv_badges[1], 0x99);
    UT_CHECK_EQ(mine->recv_badges[2], 0);
    for (unsigned i = 0; i < 3; i++) {
        UT_CHECK_OK(hl_cspace_identify(env->cspace, caps[i], &src, NULL));
        UT_CHECK_OK(hl_cspace_identify(env->cspace, slots[i], &got, NULL));
        UT_CHECK_EQ(got.type, src.type);
        UT_CHECK_EQ(got.object, src.object);
        UT_CHECK_EQ(got.rights, src.rights);
        UT_CHECK_EQ(got.badge, src.badge);
        UT_CHECK_EQ(got.has_parent, 1);
    }
    /* The received capabilities work. */
    UT_CHECK_OK(hl_signal(slots[0]));
    UT_CHECK_OK(hl_ntfn_poll(ntfn, &bits));
    UT_CHECK_EQ(bits, 0x5);
    UT_CHECK_ERR(hl_poll(slots[1]).status, E_WOULD_BLOCK);
    UT_CHECK_OK(ut_map(env, slots[2], ut_vaddr(env, 1ull << HL_PAGE_BITS, false), HL_RIGHT_READ));
    /* They are children of the sender's: revoking the source takes them. */
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, caps[0]));
    UT_CHECK(ut_slot_empty(env, slots[0]));
    UT_CHECK(!ut_slot_empty(env, caps[0]));
}

UTEST(endpoint, capabilities_need_grant)
{
    struct hl_ipc_buffer *mine = ut_ipc_setup(env, env->task, HL_CPTR_NONE);
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t no_grant = mint(env, ep, HL_RIGHT_WRITE, 0);
    uint32_t slot = ut_slot(env);
    struct hl_msg m;

    memset(&job, 0, sizeof(job));
    job.nr = SYS_RECV;
    job.cptr = ep;
    ipc_job_start(env, &job, UT_PRIORITY, true);
    UT_REQUIRE_EQ(ut_wait_state(env->children[0], HL_TASK_BLOCKED, IPC_WAIT_TICKS),
                  HL_TASK_BLOCKED);
    mine->send_caps[0] = env->vspace;
    job.buf->recv_slots[0] = slot;
    m = hl_msg_make(LABEL, 0, 0, 0, 0, 0, 0, 0);
    m.info = HL_MSGINFO(LABEL, 1, 0);
    UT_CHECK_ERR(hl_send(no_grant, &m), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_nbsend(no_grant, &m), E_NO_RIGHTS);
    UT_CHECK_ERR(hl_call(no_grant, &m).status, E_NO_RIGHTS);
    UT_CHECK_EQ(job.done, 0);
    UT_CHECK(ut_slot_empty(env, slot));
    /* The same message without capabilities goes through. */
    m.info = HL_MSGINFO(LABEL, 0, 0);
    UT_CHECK_OK(hl_send(no_grant, &m));
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
    UT_CHECK_EQ(HL_MSGINFO_LABEL(job.result.info), LABEL);
    UT_CHECK(ut_slot_empty(env, slot));
}

/* Receiver slots that are taken or invalid drop the capability; the
 * message arrives with HL_MSG_FLAG_CAPS_DROPPED. */
UTEST(endpoint, bad_receive_slots_drop_capabilities)
{
    struct hl_ipc_buffer *mine = ut_ipc_setup(env, env->task, HL_CPTR_NONE);
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t ntfn = ut_object(env, HL_CAP_NOTIFICATION, 0);
    uint32_t occupied = ut_slot(env);
    const uint32_t bad[] = {occupied, 0, 1u << env->bi->cspace_bits, HL_CPTR_NONE};
    struct hl_cap_info before, after;

    UT_REQUIRE_OK(hl_cspace_copy(env->cspace, occupied, env->cspace, env->vspace));
    UT_REQUIRE_OK(hl_cspace_identify(env->cspace, occupied, &before, NULL));
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint32_t slots[3] = {bad[i], bad[i], bad[i]};
        struct hl_msg m = transfer(env, ep, ep, &ntfn, 1, slots, mine);
        UT_CHECK_EQ(HL_MSGINFO_CAPS(m.info), 0);
        UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), HL_MSG_FLAG_CAPS_DROPPED);
    }
    UT_CHECK_OK(hl_cspace_identify(env->cspace, occupied, &after, NULL));
    UT_CHECK_EQ(after.type, HL_CAP_VSPACE);
    UT_CHECK_EQ(after.object, before.object);
}

/* Capabilities that cannot go on the sender's side (an empty slot,
 * Memory) are dropped the same way; so is everything when the receiver
 * has no IPC buffer to say where capabilities go. */
UTEST(endpoint, unsendable_capabilities_are_dropped)
{
    struct hl_ipc_buffer *mine = ut_ipc_setup(env, env->task, HL_CPTR_NONE);
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t empty = ut_slot(env), mem = ut_memory(env, 12);
    uint32_t slots[3] = {ut_slot(env), ut_slot(env), ut_slot(env)};
    struct hl_msg m = transfer(env, ep, ep, &empty, 1, slots, mine);
    struct hl_task_config plain = {
        .cspace = env->cspace,
        .vspace = env->vspace,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };

    UT_CHECK_EQ(HL_MSGINFO_CAPS(m.info), 0);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), HL_MSG_FLAG_CAPS_DROPPED);
    m = transfer(env, ep, ep, &mem, 1, slots, mine);
    UT_CHECK_EQ(HL_MSGINFO_CAPS(m.info), 0);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), HL_MSG_FLAG_CAPS_DROPPED);
    UT_CHECK(ut_slot_empty(env, slots[0]));
    UT_REQUIRE_OK(hl_task_configure(env->task, &plain));
    m = transfer(env, ep, ep, &ep, 1, slots, NULL);
    UT_CHECK_EQ(HL_MSGINFO_CAPS(m.info), 0);
    UT_CHECK_EQ(HL_MSGINFO_FLAGS(m.info), HL_MSG_FLAG_CAPS_DROPPED);
    UT_CHECK(ut_slot_empty(env, slots[0]));
}

/* The task's IPC buffer goes with the Page capability it was configured
 * from: after a revoke of that capability long messages are cut and
 * capabilities dropped, and the kernel writes into no freed page. */
UTEST(endpoint, revoked_ipc_buffer_is_no_buffer)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS),
             ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint64_t v = ut_vaddr(env, 1ull << HL_PAGE_BITS, false);
    struct hl_task_config config = {
        .cspace = env->cspace,
        .vspace = env->vspace,
        .ipc_buffer = page,
        .fault_endpoint = HL_CPTR_NONE,
        .ipc_buffer_vaddr = v,
    };
    struct hl_msg m;

    UT_REQUIRE_OK(ut_map(env, page, v, HL_RIGHT_READ | HL_RIGHT_WRITE));
    UT_REQUIRE_OK(hl_task_configure(env->task, &config));
    UT_CHECK_OK(hl_cspace_revoke(env->cspace, page));
    memset(&job, 0, sizeof(job));
    job.nr = SYS_SEND;
    job.cptr = ep;
    ipc_fill(&job.msg, job.words, LABEL, HL_MSG_MAX_WORDS, 0x100);
    ipc_job_start(env, &job, UT_PRIORITY, true);
    m = hl_recv(ep);
    UT_CHECK_OK(m.status);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(m.info), HL_MSG_REG_WORDS);
    UT_CHECK_EQ(ipc_check_words(m.mr, HL_MSG_REG_WORDS, 0x100), 0);
    UT_REQUIRE(ipc_job_wait(&job, IPC_WAIT_TICKS));
}
