/*
 * Call / reply-recv ping-pong between two tasks of equal priority (the IPC
 * fast path), ROUND_TRIPS times with every word checked both ways: once
 * with both tasks in the case's VSpace, once with the server in a VSpace
 * and CSpace of its own, so that each message switches address spaces.
 */
#include <stdio.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <vulcan/vulcan.h>

#define ROUND_TRIPS 100000
#define LABEL_PING 0x50
#define LABEL_PONG 0x51
#define LABEL_STOP 0x52
#define BADGE 0xc11e
#define SERVER_STACK_PAGES 2
#define WAIT_TICKS 1500 /* 15 s: well inside the runner's case timeout */

/* Mistakes the server saw; the client's are its exit code. */
static volatile uint64_t server_errors;

static uint64_t mix(uint64_t i, unsigned k)
{
    return (i + 1) * 0x9e3779b97f4a7c15ull ^ ((uint64_t)k << 56);
}

/* Answers each ping with its words transformed, until LABEL_STOP. */
static int pp_server(void *ep_arg)
{
    uint32_t ep = (uint32_t)(uintptr_t)ep_arg;
    struct hl_msg m = hl_recv(ep), r;

    for (;;) {
        if (m.status != E_OK || m.badge != BADGE || HL_MSGINFO_LENGTH(m.info) != 6) {
            server_errors++;
            return 1;
        }
        r.info = HL_MSGINFO(LABEL_PONG, 0, 6);
        for (unsigned k = 0; k < 6; k++)
            r.mr[k] = ~m.mr[k] + k;
        if (HL_MSGINFO_LABEL(m.info) == LABEL_STOP)
            return hl_reply(&r);
        if (HL_MSGINFO_LABEL(m.info) != LABEL_PING)
            server_errors++;
        m = hl_reply_recv(ep, &r);
    }
}

static int pp_client(void *ep_arg)
{
    uint32_t ep = (uint32_t)(uintptr_t)ep_arg;
    unsigned errors = 0;

    for (uint64_t i = 0; i <= ROUND_TRIPS; i++) {
        struct hl_msg m, r;
        m.info = HL_MSGINFO(i == ROUND_TRIPS ? LABEL_STOP : LABEL_PING, 0, 6);
        for (unsigned k = 0; k < 6; k++)
            m.mr[k] = mix(i, k);
        r = hl_call(ep, &m);
        bool ok = r.status == E_OK && r.badge == 0 && r.info == HL_MSGINFO(LABEL_PONG, 0, 6);
        for (unsigned k = 0; k < 6; k++)
            ok = ok && r.mr[k] == ~mix(i, k) + k;
        if (!ok && errors++ < 3)
            printf("# round trip %lu: status %d, info %#lx, mr0 %#lx\n", (unsigned long)i, r.status,
                   (unsigned long)r.info, (unsigned long)r.mr[0]);
    }
    return (int)errors;
}

/* Runs the client against a server already waiting on ep; reports time. */
static void run_client(struct utest_env *env, uint32_t client_ep, const char *what)
{
    uint64_t start = hl_ticks();
    uint32_t client = ut_spawn(env, pp_client, (void *)(uintptr_t)client_ep, UT_PRIORITY, true);
    struct hl_task_info info = {0};

    UT_REQUIRE_EQ(ut_wait_state(client, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
    printf("# %s: %u round trips in %lu ticks\n", what, ROUND_TRIPS,
           (unsigned long)(hl_ticks() - start));
    UT_CHECK_OK(hl_task_info(client, &info, NULL));
    UT_CHECK_EQ(info.exit_code, 0);
    UT_CHECK_EQ(server_errors, 0);
}

UTEST(endpoint, ping_pong_100000)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), badged = ut_slot(env), server;

    server_errors = 0;
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, badged, env->cspace, ep, HL_RIGHT_WRITE, BADGE));
    server = ut_spawn(env, pp_server, (void *)(uintptr_t)ep, UT_PRIORITY, true);
    UT_REQUIRE_EQ(ut_wait_state(server, HL_TASK_BLOCKED, WAIT_TICKS), HL_TASK_BLOCKED);
    run_client(env, badged, "one VSpace");
    UT_CHECK_EQ(ut_wait_state(server, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
}

/* Maps copies of the case's image pages (text, data: the server shares
 * them) at their addresses in vs. */
static void map_image(struct utest_env *env, uint32_t vs)
{
    UT_REQUIRE(env->isolated && env->image_count > 0);
    for (uint32_t i = 0; i < env->image_count; i++) {
        uint32_t copy = ut_slot(env);
        UT_REQUIRE_OK(hl_cspace_copy(env->cspace, copy, env->cspace, env->image_first + i));
        UT_REQUIRE_OK(hl_alloc_map_page(&env->alloc, vs,
                                        env->image_vaddr + ((uint64_t)i << HL_PAGE_BITS), copy,
                                        HL_RIGHT_READ | HL_RIGHT_WRITE | HL_RIGHT_EXEC));
    }
}

UTEST(endpoint, ping_pong_across_vspaces)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t vs = ut_object(env, HL_CAP_VSPACE, 0), cs = ut_object(env, HL_CAP_CSPACE, 2);
    uint32_t server = ut_object(env, HL_CAP_TASK, 0);
    uint64_t stack = ut_vaddr(env, SERVER_STACK_PAGES << HL_PAGE_BITS, false);
    struct hl_task_config config = {
        .cspace = cs,
        .vspace = vs,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = HL_CPTR_NONE,
    };
    struct hl_regs regs;
    uint32_t badged = ut_slot(env);

    server_errors = 0;
    map_image(env, vs);
    UT_REQUIRE_OK(hl_alloc_map_new_pages(&env->alloc, vs, stack, SERVER_STACK_PAGES,
                                         HL_RIGHT_READ | HL_RIGHT_WRITE));
    /* The server's CSpace holds the endpoint in slot 1 and nothing else. */
    UT_REQUIRE_OK(hl_cspace_copy(cs, 1, env->cspace, ep));
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, badged, env->cspace, ep, HL_RIGHT_WRITE, BADGE));
    UT_REQUIRE_OK(hl_task_configure(server, &config));
    hl_thread_regs(&regs, pp_server, (void *)1, stack + (SERVER_STACK_PAGES << HL_PAGE_BITS));
    UT_REQUIRE_OK(hl_task_write_regs(server, &regs));
    UT_REQUIRE_OK(hl_task_set_priority(server, UT_PRIORITY, UT_PRIORITY));
    UT_REQUIRE_OK(hl_task_resume(server));
    if (!UT_CHECK_EQ(ut_wait_state(server, HL_TASK_BLOCKED, WAIT_TICKS), HL_TASK_BLOCKED)) {
        hl_task_suspend(server);
        return;
    }
    run_client(env, badged, "two VSpaces");
    UT_CHECK_EQ(ut_wait_state(server, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
}

/* The fast path between priorities: a client above its server, and a
 * server above its client. The case blocks meanwhile (it would otherwise
 * keep lower priorities from the CPU by yielding). */
#define PRIO_ROUND_TRIPS 1000

struct prio_pair {
    uint32_t ep, done;
    unsigned errors;
};

static int prio_client(void *arg)
{
    struct prio_pair *p = arg;

    for (uint64_t i = 0; i < PRIO_ROUND_TRIPS; i++) {
        struct hl_msg m = hl_msg_make(LABEL_PING, 1, i, 0, 0, 0, 0, 0), r;
        if (i == PRIO_ROUND_TRIPS - 1)
            m.info = HL_MSGINFO(LABEL_STOP, 0, 6);
        r = hl_call(p->ep, &m);
        p->errors += r.status != E_OK || r.mr[0] != ~i;
    }
    return hl_signal(p->done);
}

static int prio_server(void *arg)
{
    struct prio_pair *p = arg;
    struct hl_msg m = hl_recv(p->ep), r;

    for (;;) {
        r = hl_msg_make(LABEL_PONG, 1, ~m.mr[0], 0, 0, 0, 0, 0);
        if (m.status != E_OK)
            p->errors++;
        if (HL_MSGINFO_LABEL(m.info) == LABEL_STOP)
            return hl_reply(&r);
        m = hl_reply_recv(p->ep, &r);
    }
}

static void prio_ping_pong(struct utest_env *env, unsigned client_prio, unsigned server_prio)
{
    static struct prio_pair p;
    uint64_t bits = 0;

    p = (struct prio_pair){.ep = ut_object(env, HL_CAP_ENDPOINT, 0),
                           .done = ut_object(env, HL_CAP_NOTIFICATION, 0)};
    uint32_t server = ut_spawn(env, prio_server, &p, server_prio, true);
    uint32_t client = ut_spawn(env, prio_client, &p, client_prio, true);
    UT_CHECK_OK(hl_wait(p.done, &bits));
    UT_CHECK_EQ(p.errors, 0);
    UT_CHECK_EQ(ut_wait_state(client, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_EQ(ut_wait_state(server, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
}

UTEST(endpoint, ping_pong_client_above_server)
{
    prio_ping_pong(env, UT_PRIORITY + 20, UT_PRIORITY + 10);
}

UTEST(endpoint, ping_pong_server_above_client)
{
    prio_ping_pong(env, UT_PRIORITY + 10, UT_PRIORITY + 20);
}

/* The fast path must not let a ping-ponging pair keep the CPU from a task
 * of their own priority: round robin still applies. */
static volatile uint64_t spins;
static volatile uint64_t spins_during[2];

static __attribute__((noreturn)) int spin(void *arg)
{
    (void)arg;
    for (;;)
        __atomic_add_fetch(&spins, 1, __ATOMIC_RELAXED);
}

#define FAIR_TICKS 30

static int timed_client(void *ep_arg)
{
    uint32_t ep = (uint32_t)(uintptr_t)ep_arg;
    uint64_t end = hl_ticks() + FAIR_TICKS, i = 0;

    spins_during[0] = spins;
    while (hl_ticks() < end) {
        struct hl_msg m = hl_msg_make(LABEL_PING, 6, i++, 0, 0, 0, 0, 0);
        hl_call(ep, &m);
    }
    spins_during[1] = spins;
    struct hl_msg stop = hl_msg_make(LABEL_STOP, 6, 0, 0, 0, 0, 0, 0);
    hl_call(ep, &stop);
    return 0;
}

UTEST(endpoint, ping_pong_leaves_time_to_others)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), badged = ut_slot(env);
    uint32_t client;

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, badged, env->cspace, ep, HL_RIGHT_WRITE, BADGE));
    spins = 0;
    server_errors = 0;
    ut_spawn(env, spin, NULL, UT_PRIORITY, true);
    ut_spawn(env, pp_server, (void *)(uintptr_t)ep, UT_PRIORITY, true);
    client = ut_spawn(env, timed_client, (void *)(uintptr_t)badged, UT_PRIORITY, true);
    UT_REQUIRE_EQ(ut_wait_state(client, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_EQ(server_errors, 0);
    if (!UT_CHECK(spins_during[1] > spins_during[0]))
        printf("# a task of the same priority did not run during %u ticks of ping-pong\n",
               FAIR_TICKS);
}
