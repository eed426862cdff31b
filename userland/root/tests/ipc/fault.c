/*
 * Fault messages: each kind of exception a task can take reaches its fault
 * endpoint with the documented label, vector, error code, address, rip,
 * rsp and rflags; the handler's reply resumes the task (with new rip, rsp
 * and rflags if it says so) or leaves it suspended, and a bad reply
 * changes nothing. The probes are in fault_kinds.S; the case task is the
 * handler. #NM and #AC cannot happen to a task: the kernel never sets
 * CR0.TS (its FPU switch is eager) nor CR0.AM. QEMU's TCG does not raise
 * #XM for unmasked SSE exceptions, so SIMD faults are not tested either.
 */
#include <stdio.h>
#include <string.h>
#include <hl/invoke.h>
#include <hl/ipc.h>
#include <vulcan/vulcan.h>

#define WAIT_TICKS 200
#define UNMAPPED 0x0000000050000000ull
#define KERNEL_ADDR 0xffff800000000000ull /* the direct map: present, supervisor */
#define RFLAGS_CF 0x1
#define RFLAGS_TF 0x100
#define RFLAGS_IF 0x200

#define V_DE 0
#define V_DB 1
#define V_BP 3
#define V_UD 6
#define V_SS 12
#define V_GP 13
#define V_PF 14

/* SDM Vol. 3A 4.7: page-fault error code bits. */
#define PF_PRESENT 0x1
#define PF_WRITE 0x2
#define PF_USER 0x4
#define PF_FETCH 0x10

int fk_divide(void *), fk_single_step(void *), fk_breakpoint(void *), fk_invalid_opcode(void *);
int fk_privileged(void *), fk_kernel_selector(void *), fk_stack(void *), fk_read(void *);
int fk_write(void *), fk_exec(void *), fk_resume_target(void *);
extern char fk_divide_at[], fk_single_step_after[], fk_breakpoint_after[];
extern char fk_invalid_opcode_at[], fk_privileged_at[], fk_kernel_selector_at[], fk_stack_at[];
extern char fk_read_at[], fk_write_at[];
extern volatile uint64_t fk_rsp, fk_rflags, fk_seen_rsp, fk_seen_rflags;

static uint64_t addr(const void *p)
{
    return (uint64_t)(uintptr_t)p;
}

static void set_fault_endpoint(struct utest_env *env, uint32_t task, uint32_t fault_ep)
{
    struct hl_task_config c = {
        .cspace = env->cspace,
        .vspace = env->vspace,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = fault_ep,
    };

    UT_REQUIRE_OK(hl_task_configure(task, &c));
}

/* A task running fn(arg) with fault endpoint fault_ep, resumed. */
static uint32_t start(struct utest_env *env, hl_thread_fn fn, uint64_t arg, uint32_t fault_ep)
{
    uint32_t t = ut_spawn(env, fn, (void *)(uintptr_t)arg, UT_PRIORITY, false);

    fk_rsp = fk_rflags = 0;
    set_fault_endpoint(env, t, fault_ep);
    UT_REQUIRE_OK(hl_task_resume(t));
    return t;
}

struct expect {
    uint64_t vector, error, addr, rip;
    uint64_t rsp;         /* 0: fk_rsp, as the probe recorded it */
    uint64_t rflags_mask; /* flags the trap itself may add to fk_rflags */
    uint64_t alt_vector;  /* another vector CPUs differ on (0: none) */
};

/* Waits for t to block in its fault and takes the message from ep; checks
 * every word of it against e and against the task's saved registers. */
static struct hl_msg take_fault(uint32_t ep, uint32_t t, const struct expect *e, uint64_t badge)
{
    struct hl_regs regs = {0};
    struct hl_msg m;

    UT_REQUIRE_EQ(ut_wait_state(t, HL_TASK_BLOCKED, WAIT_TICKS), HL_TASK_BLOCKED);
    m = hl_poll(ep);
    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(m.badge, badge);
    UT_CHECK_EQ(HL_MSGINFO_LABEL(m.info), HL_LABEL_FAULT);
    UT_CHECK_EQ(HL_MSGINFO_LENGTH(m.info), HL_FAULT_MSG_LENGTH);
    UT_CHECK_EQ(HL_MSGINFO_CAPS(m.info), 0);
    if (!e->alt_vector || m.mr[0] != e->alt_vector)
        UT_CHECK_EQ(m.mr[0], e->vector);
    UT_CHECK_EQ(m.mr[1], e->error);
    UT_CHECK_EQ(m.mr[2], e->addr);
    UT_CHECK_EQ(m.mr[3], e->rip);
    UT_CHECK_EQ(m.mr[4], e->rsp ? e->rsp : fk_rsp);
    UT_CHECK_EQ(m.mr[5] & ~e->rflags_mask, fk_rflags & ~e->rflags_mask);
    UT_CHECK(m.mr[5] & RFLAGS_IF);
    UT_CHECK_OK(hl_task_read_regs(t, &regs));
    UT_CHECK_EQ(regs.rip, m.mr[3]);
    UT_CHECK_EQ(regs.rsp, m.mr[4]);
    UT_CHECK_EQ(regs.rflags, m.mr[5]);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_BLOCKED);
    return m;
}

static int reply_words(uint64_t label, unsigned len, uint64_t rip, uint64_t rsp, uint64_t rflags)
{
    struct hl_msg r = hl_msg_make(label, len, rip, rsp, rflags, 0, 0, 0);

    return hl_reply(&r);
}

/* The task exits with `code` (after a reply resumed it). */
static void expect_exit(uint32_t t, uint64_t code)
{
    struct hl_task_info info = {0};

    UT_CHECK_EQ(ut_wait_state(t, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    UT_CHECK_EQ(info.exit_code, code);
}

/* A fault whose reply suspends the task: the common end of simple cases. */
static void fault_then_suspend(struct utest_env *env, hl_thread_fn fn, uint64_t arg,
                               const struct expect *e)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fn, arg, ep);

    take_fault(ep, t, e, 0);
    UT_CHECK_OK(reply_words(HL_FAULT_SUSPEND, 0, 0, 0, 0));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
}

UTEST(fault, divide_error)
{
    fault_then_suspend(env, fk_divide, 0,
                       &(struct expect){.vector = V_DE, .rip = addr(fk_divide_at)});
}

UTEST(fault, invalid_opcode)
{
    fault_then_suspend(env, fk_invalid_opcode, 0,
                       &(struct expect){.vector = V_UD, .rip = addr(fk_invalid_opcode_at)});
}

UTEST(fault, general_protection)
{
    fault_then_suspend(env, fk_privileged, 0,
                       &(struct expect){.vector = V_GP, .rip = addr(fk_privileged_at)});
    /* Loading a selector the task may not use: the error code is it. */
    fault_then_suspend(
        env, fk_kernel_selector, 0,
        &(struct expect){.vector = V_GP, .error = 0x10, .rip = addr(fk_kernel_selector_at)});
}

UTEST(fault, page_fault_read)
{
    fault_then_suspend(
        env, fk_read, UNMAPPED,
        &(struct expect){
            .vector = V_PF, .error = PF_USER, .addr = UNMAPPED, .rip = addr(fk_read_at)});
    fault_then_suspend(env, fk_read, KERNEL_ADDR,
                       &(struct expect){.vector = V_PF,
                                        .error = PF_USER | PF_PRESENT,
                                        .addr = KERNEL_ADDR,
                                        .rip = addr(fk_read_at)});
}

UTEST(fault, page_fault_write)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint64_t ro = ut_vaddr(env, 1ull << HL_PAGE_BITS, false);

    UT_REQUIRE_OK(ut_map(env, page, ro, HL_RIGHT_READ));
    fault_then_suspend(env, fk_write, UNMAPPED,
                       &(struct expect){.vector = V_PF,
                                        .error = PF_USER | PF_WRITE,
                                        .addr = UNMAPPED,
                                        .rip = addr(fk_write_at)});
    fault_then_suspend(env, fk_write, ro + 8,
                       &(struct expect){.vector = V_PF,
                                        .error = PF_USER | PF_WRITE | PF_PRESENT,
                                        .addr = ro + 8,
                                        .rip = addr(fk_write_at)});
}

UTEST(fault, page_fault_exec)
{
    uint32_t page = ut_object(env, HL_CAP_PAGE, HL_PAGE_BITS);
    uint64_t nx = ut_vaddr(env, 1ull << HL_PAGE_BITS, false);

    UT_REQUIRE_OK(ut_map(env, page, nx, HL_RIGHT_READ | HL_RIGHT_WRITE));
    *(volatile uint8_t *)(uintptr_t)nx = 0x90; /* a nop it must not run */
    fault_then_suspend(
        env, fk_exec, nx,
        &(struct expect){
            .vector = V_PF, .error = PF_USER | PF_FETCH | PF_PRESENT, .addr = nx, .rip = nx});
    fault_then_suspend(
        env, fk_exec, UNMAPPED,
        &(struct expect){
            .vector = V_PF, .error = PF_USER | PF_FETCH, .addr = UNMAPPED, .rip = UNMAPPED});
}

/* int3 reports the address after it; a reply without words resumes
 * there with every register as it was. */
UTEST(fault, breakpoint_resumes_with_registers_intact)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_breakpoint, 0, ep);

    take_fault(ep, t, &(struct expect){.vector = V_BP, .rip = addr(fk_breakpoint_after)}, 0);
    UT_CHECK_OK(reply_words(HL_FAULT_RESUME, 0, 0, 0, 0));
    expect_exit(t, 0x1234);
}

/* TF traps after one instruction; the reply's rflags clears it. */
UTEST(fault, single_step)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_single_step, 0, ep);
    struct hl_msg m;

    /* The probe records rsp but not rflags (TF would trap the store). */
    m = take_fault(
        ep, t,
        &(struct expect){.vector = V_DB, .rip = addr(fk_single_step_after), .rflags_mask = ~0ull},
        0);
    UT_CHECK(m.mr[5] & RFLAGS_TF);
    UT_CHECK_OK(reply_words(HL_FAULT_RESUME, 3, m.mr[3], m.mr[4], m.mr[5] & ~RFLAGS_TF));
    expect_exit(t, 0x55);
}

/* A fault at a non-canonical rsp, resumed on a good stack. The SDM says
 * #SS(0); QEMU's TCG raises #GP(0). */
UTEST(fault, stack_fault_resumed_on_a_new_stack)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_stack, 0, ep);
    uint64_t top = addr(ut_map_pages(env, 1)) + (1ull << HL_PAGE_BITS);

    take_fault(ep, t,
               &(struct expect){.vector = V_SS,
                                .alt_vector = V_GP,
                                .rip = addr(fk_stack_at),
                                .rsp = 0x8000000000000000ull},
               0);
    UT_CHECK_OK(reply_words(HL_FAULT_RESUME, 2, addr(fk_resume_target), top, 0));
    expect_exit(t, 0x78);
    UT_CHECK_EQ(fk_seen_rsp, top);
}

UTEST(fault, resume_with_new_rip_rsp_rflags)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_invalid_opcode, 0, ep);
    uint64_t top = addr(ut_map_pages(env, 1)) + (1ull << HL_PAGE_BITS) - 64;

    take_fault(ep, t, &(struct expect){.vector = V_UD, .rip = addr(fk_invalid_opcode_at)}, 0);
    fk_seen_rsp = fk_seen_rflags = 0;
    UT_CHECK_OK(
        reply_words(HL_FAULT_RESUME, 3, addr(fk_resume_target), top, RFLAGS_IF | 0x2 | RFLAGS_CF));
    expect_exit(t, 0x78);
    UT_CHECK_EQ(fk_seen_rsp, top);
    UT_CHECK_EQ(fk_seen_rflags & RFLAGS_CF, RFLAGS_CF);
}

UTEST(fault, suspend_then_resume_faults_again)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_invalid_opcode, 0, ep);
    const struct expect e = {.vector = V_UD, .rip = addr(fk_invalid_opcode_at)};
    struct hl_regs regs = {0};

    take_fault(ep, t, &e, 0);
    UT_CHECK_OK(reply_words(HL_FAULT_SUSPEND, 0, 0, 0, 0));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    UT_CHECK_OK(hl_task_read_regs(t, &regs));
    UT_CHECK_EQ(regs.rip, addr(fk_invalid_opcode_at));
    ut_sleep(2);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_SUSPENDED);
    /* Resumed, it runs the same ud2 and faults again. */
    UT_CHECK_OK(hl_task_resume(t));
    take_fault(ep, t, &e, 0);
    UT_CHECK_OK(reply_words(HL_FAULT_RESUME, 1, addr(fk_resume_target), 0, 0));
    expect_exit(t, 0x78);
}

/* A reply the task could not run with is refused; the task still waits
 * for a good one. */
UTEST(fault, bad_reply_is_refused)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_invalid_opcode, 0, ep);
    struct hl_msg r, m;
    struct hl_regs regs = {0};

    m = take_fault(ep, t, &(struct expect){.vector = V_UD, .rip = addr(fk_invalid_opcode_at)}, 0);
    UT_CHECK_ERR(reply_words(HL_FAULT_RESUME, 1, HL_USER_TOP, 0, 0), E_INVALID_ARG);
    UT_CHECK_ERR(reply_words(HL_FAULT_RESUME, 1, 0xffff800000001000ull, 0, 0), E_INVALID_ARG);
    UT_CHECK_ERR(reply_words(HL_FAULT_RESUME, 2, m.mr[3], HL_USER_TOP + 8, 0), E_INVALID_ARG);
    UT_CHECK_ERR(reply_words(HL_FAULT_RESUME, 3, m.mr[3], m.mr[4], 0x3202), E_INVALID_ARG);
    /* Reply-recv with a bad reply does not receive either. */
    r = hl_msg_make(HL_FAULT_RESUME, 1, HL_USER_TOP, 0, 0, 0, 0, 0);
    UT_CHECK_ERR(hl_reply_recv(ep, &r).status, E_INVALID_ARG);
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_BLOCKED);
    UT_CHECK_OK(hl_task_read_regs(t, &regs));
    UT_CHECK_EQ(regs.rip, m.mr[3]);
    UT_CHECK_EQ(regs.rsp, m.mr[4]);
    UT_CHECK_EQ(regs.rflags, m.mr[5]);
    UT_CHECK_OK(reply_words(HL_FAULT_RESUME, 1, addr(fk_resume_target), 0, 0));
    expect_exit(t, 0x78);
}

/* Each task's fault endpoint capability has its own badge. */
UTEST(fault, badge_identifies_the_task)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), a = ut_slot(env), b = ut_slot(env);
    uint32_t ta, tb;
    struct hl_msg m;

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, a, env->cspace, ep, HL_RIGHT_WRITE, 0xa));
    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, b, env->cspace, ep, HL_RIGHT_WRITE, 0xb));
    ta = start(env, fk_invalid_opcode, 0, a);
    tb = start(env, fk_privileged, 0, b);
    UT_REQUIRE_EQ(ut_wait_state(ta, HL_TASK_BLOCKED, WAIT_TICKS), HL_TASK_BLOCKED);
    UT_REQUIRE_EQ(ut_wait_state(tb, HL_TASK_BLOCKED, WAIT_TICKS), HL_TASK_BLOCKED);
    for (unsigned i = 0; i < 2; i++) {
        m = hl_poll(ep);
        UT_REQUIRE_OK(m.status);
        UT_CHECK_EQ(m.mr[0], m.badge == 0xa ? V_UD : V_GP);
        UT_CHECK(m.badge == 0xa || m.badge == 0xb);
        UT_CHECK_EQ(m.mr[3], m.badge == 0xa ? addr(fk_invalid_opcode_at) : addr(fk_privileged_at));
        UT_CHECK_OK(reply_words(HL_FAULT_SUSPEND, 0, 0, 0, 0));
    }
    UT_CHECK_EQ(ut_task_state(ta), HL_TASK_SUSPENDED);
    UT_CHECK_EQ(ut_task_state(tb), HL_TASK_SUSPENDED);
}

/* The handler is already waiting when the fault comes. */
UTEST(fault, handler_waiting_first)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_divide, 0, ep);
    struct hl_msg m = hl_recv(ep);

    UT_REQUIRE_OK(m.status);
    UT_CHECK_EQ(m.mr[0], V_DE);
    UT_CHECK_EQ(m.mr[3], addr(fk_divide_at));
    UT_CHECK_EQ(ut_task_state(t), HL_TASK_BLOCKED);
    UT_CHECK_OK(reply_words(HL_FAULT_RESUME, 1, addr(fk_resume_target), 0, 0));
    expect_exit(t, 0x78);
}

/* No usable fault endpoint: the task is just FAULTED. */
UTEST(fault, without_usable_endpoint_task_is_faulted)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), ro = ut_slot(env);
    const uint32_t bad[] = {HL_CPTR_NONE, ro, ut_object(env, HL_CAP_NOTIFICATION, 0), ut_slot(env),
                            0};
    struct hl_task_info info;

    UT_REQUIRE_OK(hl_cspace_mint(env->cspace, ro, env->cspace, ep, HL_RIGHT_READ, 0));
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint32_t t = start(env, fk_invalid_opcode, 0, bad[i]);
        if (!UT_CHECK_EQ(ut_wait_state(t, HL_TASK_FAULTED, WAIT_TICKS), HL_TASK_FAULTED))
            printf("# (fault endpoint %#x)\n", bad[i]);
        UT_CHECK_OK(hl_task_info(t, &info, NULL));
        UT_CHECK_EQ(info.fault_vector, V_UD);
    }
    UT_CHECK_ERR(hl_poll(ep).status, E_WOULD_BLOCK);
}

/* A debugger steps over a breakpoint: the reply sets TF, the task runs
 * one instruction and reports #DB; the next reply clears TF. */
UTEST(fault, reply_with_trap_flag_single_steps)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_breakpoint, 0, ep);
    struct hl_msg m;

    m = take_fault(ep, t, &(struct expect){.vector = V_BP, .rip = addr(fk_breakpoint_after)}, 0);
    UT_CHECK_OK(reply_words(HL_FAULT_RESUME, 3, m.mr[3], m.mr[4], m.mr[5] | RFLAGS_TF));
    /* One `push %rax` (1 byte) later. */
    m = take_fault(ep, t,
                   &(struct expect){.vector = V_DB,
                                    .rip = addr(fk_breakpoint_after) + 1,
                                    .rsp = m.mr[4] - 8,
                                    .rflags_mask = ~0ull},
                   0);
    UT_CHECK(m.mr[5] & RFLAGS_TF);
    UT_CHECK_OK(reply_words(HL_FAULT_RESUME, 3, m.mr[3], m.mr[4], m.mr[5] & ~RFLAGS_TF));
    expect_exit(t, 0x1234);
}

/* The fault endpoint cptr is looked up in the faulting task's own CSpace
 * (there slot 1 is the endpoint; in the creator's it is a Task). */
UTEST(fault, endpoint_is_looked_up_in_the_task_cspace)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), cs = ut_object(env, HL_CAP_CSPACE, 2);
    uint32_t t = ut_spawn(env, fk_invalid_opcode, NULL, UT_PRIORITY, false);
    struct hl_task_config c = {
        .cspace = cs,
        .vspace = env->vspace,
        .ipc_buffer = HL_CPTR_NONE,
        .fault_endpoint = 1,
    };

    UT_REQUIRE_OK(hl_cspace_mint(cs, 1, env->cspace, ep, HL_RIGHT_WRITE, 0x5));
    UT_REQUIRE_OK(hl_task_configure(t, &c));
    UT_REQUIRE_OK(hl_task_resume(t));
    take_fault(ep, t, &(struct expect){.vector = V_UD, .rip = addr(fk_invalid_opcode_at)}, 0x5);
    UT_CHECK_OK(reply_words(HL_FAULT_SUSPEND, 0, 0, 0, 0));
}

/*
 * A fault message whose reply goes away is not a syscall that can fail:
 * the task was not in the kernel by its own choice and has no status
 * register to receive E_DEAD in. Whatever the kernel does with it, the
 * task must not run on with a register changed behind its back: the
 * breakpoint probe exits with 0x1234 only if every register is intact.
 */
static void expect_not_corrupted(uint32_t t)
{
    struct hl_task_info info = {0};
    unsigned state = ut_wait_state(t, HL_TASK_EXITED, 20);

    UT_CHECK_OK(hl_task_info(t, &info, NULL));
    if (state == HL_TASK_EXITED && !UT_CHECK_EQ(info.exit_code, 0x1234))
        printf("# the task ran on with register %lu changed (100 + index, rax = 0)\n",
               (unsigned long)info.exit_code - 100);
}

UTEST(fault, discarded_reply_leaves_registers_alone)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0), other = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_breakpoint, 0, ep), sender;
    struct hl_msg m;

    take_fault(ep, t, &(struct expect){.vector = V_BP, .rip = addr(fk_breakpoint_after)}, 0);
    /* Receiving again discards the reply the faulting task waits for. */
    sender = ut_spawn(env, fk_invalid_opcode, NULL, UT_PRIORITY, false);
    set_fault_endpoint(env, sender, other);
    UT_REQUIRE_OK(hl_task_resume(sender));
    m = hl_recv(other);
    UT_CHECK_OK(m.status);
    expect_not_corrupted(t);
}

UTEST(fault, endpoint_deleted_under_a_queued_fault)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_breakpoint, 0, ep);

    UT_REQUIRE_EQ(ut_wait_state(t, HL_TASK_BLOCKED, WAIT_TICKS), HL_TASK_BLOCKED);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, ep));
    expect_not_corrupted(t);
}

struct take_args {
    uint32_t ep;
    struct hl_msg *got;
};

/* A handler that takes one fault message and exits without replying. */
static int take_one_message(void *arg)
{
    struct take_args *a = arg;

    *a->got = hl_recv(a->ep);
    return 0;
}

UTEST(fault, handler_deleted_while_holding_the_reply)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_breakpoint, 0, ep);
    static struct hl_msg got;
    uint32_t handler;

    UT_REQUIRE_EQ(ut_wait_state(t, HL_TASK_BLOCKED, WAIT_TICKS), HL_TASK_BLOCKED);
    handler = ut_spawn(env, take_one_message, &(struct take_args){ep, &got}, UT_PRIORITY, true);
    UT_REQUIRE_EQ(ut_wait_state(handler, HL_TASK_EXITED, WAIT_TICKS), HL_TASK_EXITED);
    UT_CHECK_EQ(got.mr[0], V_BP);
    UT_CHECK_OK(hl_cspace_delete(env->cspace, handler));
    expect_not_corrupted(t);
}

/* A debugger stops a task that waits for its fault handler and lets it go
 * again: the task must go on as it was (here: run past its int3 with its
 * registers intact, or fault again). */
UTEST(fault, suspend_and_resume_while_waiting_for_the_handler)
{
    uint32_t ep = ut_object(env, HL_CAP_ENDPOINT, 0);
    uint32_t t = start(env, fk_breakpoint, 0, ep);

    take_fault(ep, t, &(struct expect){.vector = V_BP, .rip = addr(fk_breakpoint_after)}, 0);
    UT_CHECK_OK(hl_task_suspend(t));
    UT_CHECK_OK(hl_task_resume(t));
    expect_not_corrupted(t);
}
