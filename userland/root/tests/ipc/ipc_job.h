/*
 * IPC done by a child task on the case's behalf: the case fills a job
 * (which syscall, on which cptr, with what message), starts a task that
 * makes the syscall, and reads the outcome once the job is done. Jobs live
 * in file-scope memory the case and its children share.
 */
#ifndef IPC_JOB_H
#define IPC_JOB_H

#include <stdbool.h>
#include <hl/ipc.h>
#include <vulcan/vulcan.h>

struct ipc_job {
    uint64_t nr;   /* SYS_SEND, SYS_CALL, SYS_RECV, ... */
    uint32_t cptr; /* endpoint or notification */
    struct hl_msg msg;
    /* With an IPC buffer: words MR6.. are put there before the syscall,
     * along with send_caps and recv_slots, and the received words and
     * badges are copied back into `words` and `recv_badges`. */
    struct hl_ipc_buffer *buf;
    uint64_t words[HL_MSG_MAX_WORDS];
    uint32_t send_caps[HL_MSG_MAX_CAPS];
    uint32_t recv_slots[HL_MSG_MAX_CAPS];
    uint64_t recv_badges[HL_MSG_MAX_CAPS];
    struct hl_msg result;
    volatile int done;
};

/* A task running the job, at priority prio, with an IPC buffer if
 * with_buffer; resumed at once. Returns its Task cptr. */
uint32_t ipc_job_start(struct utest_env *env, struct ipc_job *job, unsigned prio, bool with_buffer);
/* Yields until the job is done or `ticks` pass; returns whether it is. */
bool ipc_job_wait(struct ipc_job *job, uint64_t ticks);

/* A message of `length` words with value `seed + i` in word i, written to
 * m (words 0-5) and words[6..] (for an IPC buffer). */
void ipc_fill(struct hl_msg *m, uint64_t *words, uint64_t label, unsigned length, uint64_t seed);
/* Checks words 0..length-1 of a message against ipc_fill's pattern;
 * returns the number that differ. */
unsigned ipc_check_words(const uint64_t *words, unsigned length, uint64_t seed);

#define IPC_WAIT_TICKS 200

#endif
