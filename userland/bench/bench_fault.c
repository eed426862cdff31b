/*
 * Fault round trip: a task executes ud2, the kernel sends its fault
 * message to the handler (the root task), which replies with a new rip
 * past the instruction, and the task goes on. The faulting task times each
 * round trip itself, so one sample is exception entry, the message, two
 * switches, the reply and the return to user mode.
 */
#include <helios/errors.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include "bench.h"

#define UD2_LENGTH 2
#define VECTOR_UD 6 /* #UD, the fault message's MR0 */

struct faulter {
    uint64_t *samples;
    uint32_t done; /* notification the faulter signals when finished */
};

static int fault_repeatedly(void *arg)
{
    const struct faulter *f = arg;

    for (unsigned i = 0; i < BENCH_WARMUP + BENCH_ITERATIONS; i++) {
        uint64_t t0 = bench_tsc();
        __asm__ volatile("ud2" ::: "memory");
        uint64_t t1 = bench_tsc();
        if (i >= BENCH_WARMUP)
            f->samples[i - BENCH_WARMUP] = t1 - t0;
    }
    hl_signal(f->done);
    return 0;
}

void bench_fault(struct bench *b)
{
    static struct faulter f;
    uint32_t ep, task;
    unsigned errors = 0;
    uint64_t bits;
    int err;

    f.samples = b->samples;
    if ((err = hl_alloc_objects(&b->alloc, HL_CAP_ENDPOINT, 0, 1, &ep)) ||
        (err = hl_alloc_objects(&b->alloc, HL_CAP_NOTIFICATION, 0, 1, &f.done)) ||
        (err = bench_spawn_faulting(b, fault_repeatedly, &f, ep, &task))) {
        bench_setup_failed(b, "fault_roundtrip", "endpoint and faulting task", err);
        return;
    }
    struct hl_msg m = hl_recv(ep);
    for (unsigned i = 0; i < BENCH_WARMUP + BENCH_ITERATIONS; i++) {
        if (m.status != E_OK || HL_MSGINFO_LABEL(m.info) != HL_LABEL_FAULT ||
            m.mr[0] != VECTOR_UD) {
            errors++;
            break;
        }
        /* MR3 is the rip of the ud2; the reply's MR0 is where to go on. */
        struct hl_msg resume = hl_msg_make(HL_FAULT_RESUME, 1, m.mr[3] + UD2_LENGTH, 0, 0, 0, 0, 0);
        if (i + 1 < BENCH_WARMUP + BENCH_ITERATIONS)
            m = hl_reply_recv(ep, &resume);
        else
            errors += hl_reply(&resume) != E_OK;
    }
    if (errors)
        hl_task_suspend(task);
    else
        errors += hl_wait(f.done, &bits) != E_OK;
    bench_report(b, "fault_roundtrip", errors);
}
