/*
 * IPC round trips: call/reply-recv with an empty message (the path issue 6
 * compares with seL4's published figure), to a server in the same VSpace
 * and to one in another VSpace, and a notification ping-pong (signal a
 * waiting task, which signals back on a second notification).
 */
#include <helios/errors.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include "bench.h"

/* The server: receive, then reply-recv forever. It touches no memory but
 * its stack, so it runs unchanged in a VSpace of its own. */
static __attribute__((noreturn)) int echo_server(void *arg)
{
    uint32_t ep = (uint32_t)(uintptr_t)arg;

    hl_recv(ep);
    for (;;)
        hl_reply_recv(ep, &hl_msg_empty);
}

static void call_roundtrip(struct bench *b, const char *name, uint32_t vspace)
{
    struct hl_msg request = hl_msg_empty;
    uint32_t ep, server;
    unsigned errors = 0;
    int err;

    if ((err = hl_alloc_objects(&b->alloc, HL_CAP_ENDPOINT, 0, 1, &ep)) ||
        (err = bench_spawn(b, vspace, echo_server, (void *)(uintptr_t)ep, &server))) {
        bench_setup_failed(b, name, "endpoint and server", err);
        return;
    }
    for (unsigned i = 0; i < BENCH_WARMUP + BENCH_ITERATIONS; i++) {
        uint64_t t0 = bench_tsc();
        struct hl_msg reply = hl_call(ep, &request);
        uint64_t t1 = bench_tsc();
        errors += reply.status != E_OK;
        if (i >= BENCH_WARMUP)
            b->samples[i - BENCH_WARMUP] = t1 - t0;
    }
    hl_task_suspend(server);
    bench_report(b, name, errors);
}

void bench_call_same_vspace(struct bench *b)
{
    call_roundtrip(b, "call_replyrecv_same_vspace", HL_ROOT_SLOT_VSPACE);
}

void bench_call_cross_vspace(struct bench *b)
{
    uint32_t vspace;
    int err = bench_clone_vspace(b, &vspace);

    if (err) {
        bench_setup_failed(b, "call_replyrecv_cross_vspace", "second VSpace", err);
        return;
    }
    call_roundtrip(b, "call_replyrecv_cross_vspace", vspace);
}

struct pingpong {
    uint32_t ping, pong;
};

static __attribute__((noreturn)) int pong_forever(void *arg)
{
    const struct pingpong *p = arg;
    uint64_t bits;

    for (;;) {
        hl_wait(p->ping, &bits);
        hl_signal(p->pong);
    }
}

void bench_notification(struct bench *b)
{
    static struct pingpong p;
    uint32_t first, partner;
    unsigned errors = 0;
    uint64_t bits;
    int err;

    if ((err = hl_alloc_objects(&b->alloc, HL_CAP_NOTIFICATION, 0, 2, &first))) {
        bench_setup_failed(b, "notification_roundtrip", "notifications", err);
        return;
    }
    p.ping = first;
    p.pong = first + 1;
    if ((err = bench_spawn(b, HL_ROOT_SLOT_VSPACE, pong_forever, &p, &partner))) {
        bench_setup_failed(b, "notification_roundtrip", "spawn the partner", err);
        return;
    }
    for (unsigned i = 0; i < BENCH_WARMUP + BENCH_ITERATIONS; i++) {
        uint64_t t0 = bench_tsc();
        errors += hl_signal(p.ping) != E_OK;
        errors += hl_wait(p.pong, &bits) != E_OK;
        uint64_t t1 = bench_tsc();
        if (i >= BENCH_WARMUP)
            b->samples[i - BENCH_WARMUP] = t1 - t0;
    }
    hl_task_suspend(partner);
    bench_report(b, "notification_roundtrip", errors);
}
