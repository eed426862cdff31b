/*
 * Debug events: a task with a debug endpoint stops on int3, on its
 * debugger's hardware breakpoints and single steps, on any other fault and
 * at exit, and the kernel sends the event on that endpoint like a message
 * from the task. Once the debugger has it, the task is suspended (or, for
 * exit, exited) until the debugger resumes it. The words follow the fault
 * message layout (helios/debug.h).
 */
#include <arch/trap.h>
#include <helios/debug.h>
#include <helios/errors.h>
#include <kernel/ipc.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

#define DR6_B(n) (1ull << (n))
#define DR6_BS (1ull << 14)
#define RFLAGS_TF (1ul << 8)
#define RFLAGS_RF (1ul << 16)

static struct cap_slot *debug_endpoint(struct task *t)
{
    struct cap_slot *s = &t->slots[TASK_SLOT_DEBUG_EP];

    return s->cap.type == HL_CAP_ENDPOINT ? s : NULL;
}

static void send_event(struct task *t, struct cap_slot *ep, uint64_t label, const uint64_t w[3],
                       uint8_t after)
{
    struct ipc_args a = {.info = HL_MSGINFO(label, 0, HL_DEBUG_EVENT_LENGTH), .blocking = true};

    t->fault_msg[0] = w[0];
    t->fault_msg[1] = w[1];
    t->fault_msg[2] = w[2];
    t->fault_msg[3] = t->frame.rip;
    t->fault_msg[4] = t->frame.rsp;
    t->fault_msg[5] = t->frame.rflags;
    t->ipc_debug = true;
    t->debug_after = after;
    endpoint_send(t, ep, &a, false);
}

bool debug_event_trap(struct task *t, struct trap_frame *f)
{
    struct cap_slot *ep = debug_endpoint(t);
    uint64_t w[3] = {f->vector, f->error, f->vector == EXC_PF ? t->fault_addr : 0};
    uint64_t label = HL_LABEL_DEBUG_FAULT;

    if (f->vector == EXC_DB) {
        uint64_t dr6;
        __asm__ volatile("mov %%dr6, %0" : "=r"(dr6));
        __asm__ volatile("mov %0, %%dr6" : : "r"(0ull));
        for (int n = 0; n < 4; n++) {
            if ((dr6 & DR6_B(n)) && (t->dr7 & (1ull << (2 * n)))) {
                label = HL_LABEL_DEBUG_HW;
                w[1] = (uint64_t)n;
                w[2] = t->dr[n];
                if (((t->dr7 >> (16 + 4 * n)) & 3) == 0)
                    f->rflags |= RFLAGS_RF; /* do not break again on resume */
                break;
            }
        }
        if (label == HL_LABEL_DEBUG_FAULT && (dr6 & DR6_BS) && t->debug_step) {
            label = HL_LABEL_DEBUG_STEP;
            w[1] = 0;
        }
        if (label != HL_LABEL_DEBUG_FAULT) {
            t->debug_step = false;
            f->rflags &= ~RFLAGS_TF;
        }
        if (!ep) {
            /* A step or breakpoint set up by a debugger that has gone:
             * stop quietly, intact, for the next one. */
            if (label != HL_LABEL_DEBUG_FAULT) {
                sched_stop(t, HL_TASK_SUSPENDED);
                return true;
            }
            return false;
        }
    } else if (f->vector == EXC_BP) {
        label = HL_LABEL_DEBUG_BREAKPOINT;
    }
    if (label == HL_LABEL_DEBUG_FAULT && t->debug_step) {
        /* The stepped instruction faulted: the step is over, and the trap
         * flag was the debugger's, not the task's. */
        t->debug_step = false;
        f->rflags &= ~RFLAGS_TF;
    }
    if (!ep)
        return false;
    t->fault_pending = label == HL_LABEL_DEBUG_FAULT;
    send_event(t, ep, label, w, HL_TASK_SUSPENDED);
    return true;
}

bool debug_event_exit(struct task *t)
{
    struct cap_slot *ep = debug_endpoint(t);
    uint64_t w[3] = {t->exit_code, 0, 0};

    if (!ep)
        return false;
    send_event(t, ep, HL_LABEL_DEBUG_EXIT, w, HL_TASK_EXITED);
    return true;
}

/*
 * A step over `syscall`: the instruction masks TF on entry (SFMASK) and the
 * return restores it, so the CPU would trap only after the next
 * instruction. The step is complete when the syscall returns to user mode:
 * report it there, at once for a syscall that did not block, on the way
 * out (debug_event_user_return) for one that did.
 */
static void step_done(struct task *t)
{
    struct cap_slot *ep = debug_endpoint(t);
    uint64_t w[3] = {EXC_DB, 0, 0};

    t->debug_step = false;
    t->frame.rflags &= ~RFLAGS_TF;
    if (ep)
        send_event(t, ep, HL_LABEL_DEBUG_STEP, w, HL_TASK_SUSPENDED);
    else
        sched_stop(t, HL_TASK_SUSPENDED);
}

void debug_event_syscall_done(struct task *t)
{
    if (t->debug_step && t->state == HL_TASK_RUNNABLE)
        step_done(t);
}

void debug_event_syscall_blocked(struct task *t)
{
    t->step_blocked = t->debug_step;
}

bool debug_event_user_return(struct task *t)
{
    if (!t->step_blocked)
        return false;
    t->step_blocked = false;
    /* Suspended while blocked and resumed without a step: nothing to do. */
    if (!t->debug_step)
        return false;
    step_done(t);
    return t->state != HL_TASK_RUNNABLE;
}
