/* IPC jobs run by child tasks (ipc_job.h). */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include "ipc_job.h"

static int run(void *arg)
{
    struct ipc_job *job = arg;

    if (job->buf) {
        for (unsigned i = HL_MSG_REG_WORDS; i < HL_MSG_MAX_WORDS; i++)
            job->buf->mr[i] = job->words[i];
        memcpy(job->buf->send_caps, job->send_caps, sizeof(job->send_caps));
        memcpy(job->buf->recv_slots, job->recv_slots, sizeof(job->recv_slots));
    }
    job->result = hl_ipc_syscall(job->nr, job->cptr, &job->msg);
    if (job->buf) {
        for (unsigned i = HL_MSG_REG_WORDS; i < HL_MSG_MAX_WORDS; i++)
            job->words[i] = job->buf->mr[i];
        memcpy(job->recv_badges, job->buf->recv_badges, sizeof(job->recv_badges));
    }
    __atomic_store_n(&job->done, 1, __ATOMIC_SEQ_CST);
    return 0;
}

uint32_t ipc_job_start(struct utest_env *env, struct ipc_job *job, unsigned prio, bool with_buffer)
{
    uint32_t t = ut_spawn(env, run, job, prio, false);

    job->done = 0;
    job->buf = with_buffer ? ut_ipc_setup(env, t, HL_CPTR_NONE) : NULL;
    UT_REQUIRE_OK(hl_task_resume(t));
    return t;
}

bool ipc_job_wait(struct ipc_job *job, uint64_t ticks)
{
    uint64_t end = hl_ticks() + ticks;

    while (!__atomic_load_n(&job->done, __ATOMIC_SEQ_CST) && hl_ticks() < end)
        hl_yield();
    return job->done;
}

void ipc_fill(struct hl_msg *m, uint64_t *words, uint64_t label, unsigned length, uint64_t seed)
{
    m->info = HL_MSGINFO(label, 0, length);
    for (unsigned i = 0; i < length && i < HL_MSG_MAX_WORDS; i++) {
        if (i < HL_MSG_REG_WORDS)
            m->mr[i] = seed + i;
        else
            words[i] = seed + i;
    }
}

unsigned ipc_check_words(const uint64_t *words, unsigned length, uint64_t seed)
{
    unsigned bad = 0;

    for (unsigned i = 0; i < length; i++) {
        if (words[i] != seed + i && bad++ < 4)
            printf("# word %u: expected %#lx, got %#lx\n", i, (unsigned long)(seed + i),
                   (unsigned long)words[i]);
    }
    return bad;
}
