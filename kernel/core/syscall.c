/*
 * Syscall dispatch. The entry code has saved the caller's registers in its
 * task; we read the arguments from there and write rax (status) and rdx
 * (value) back, unless the call ended the task.
 */
#include <helios/errors.h>
#include <helios/ipc.h>
#include <helios/syscall.h>
#include <kernel/ipc.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>

static int invoke(uint64_t cptr, struct invocation *inv)
{
    struct cap_slot *s;
    int err = cap_lookup(cptr, &s);

    if (err)
        return err;
    switch (s->cap.type) {
    case HL_CAP_MEMORY:
        return memory_invoke(s, inv);
    case HL_CAP_CSPACE:
        return cspace_invoke(s, inv);
    case HL_CAP_TASK:
        return task_invoke(s, inv);
    case HL_CAP_PDPT:
    case HL_CAP_PD:
    case HL_CAP_PT:
        return table_invoke(s, inv);
    case HL_CAP_PAGE:
        return page_invoke(s, inv);
    case HL_CAP_IOCONTROL:
    case HL_CAP_IOPORT:
        return ioport_invoke(s, inv);
    case HL_CAP_IRQCONTROL:
    case HL_CAP_IRQ:
        return irq_invoke(s, inv);
    default:
        return E_INVALID_LABEL; /* VSpace: nothing to invoke on it directly */
    }
}

static int debug_puts(uint64_t ptr, uint64_t len)
{
    char buf[256];

    if (len > HL_DEBUG_PUTS_MAX)
        return E_RANGE;
    /* Check the whole buffer before printing any of it. */
    for (uint64_t off = 0; off < len; off += sizeof(buf)) {
        size_t n = MIN(sizeof(buf), len - off);
        if (copy_from_user(buf, ptr + off, n))
            return E_FAULT;
    }
    for (uint64_t off = 0; off < len; off += sizeof(buf)) {
        size_t n = MIN(sizeof(buf), len - off);
        copy_from_user(buf, ptr + off, n);
        console_write(buf, n);
    }
    return E_OK;
}

/* The IPC syscalls set the caller's registers themselves (a received
 * message fills several); they return the status only for the caller's rax
 * when nothing was received. */
static int ipc_syscall(struct task *t, uint64_t nr)
{
    struct trap_frame *f = &t->frame;
    struct ipc_args a = {
        .cptr = f->rdi, .info = f->rsi, .blocking = nr != SYS_NBSEND && nr != SYS_POLL};
    struct task *woken = NULL;
    struct cap_slot *s;
    int err;

    if (nr == SYS_REPLY || nr == SYS_REPLY_RECV) {
        err = ipc_reply(t, a.info, &woken);
        if (nr == SYS_REPLY) {
            if (woken)
                sched_make_runnable(woken);
            return err;
        }
        if (err && err != E_STATE)
            return err; /* a bad reply: nothing happened, not even the receive */
    }
    if ((err = cap_lookup(a.cptr, &s)))
        goto out;
    switch (s->cap.type) {
    case HL_CAP_ENDPOINT:
        if (nr == SYS_SEND || nr == SYS_NBSEND || nr == SYS_CALL)
            err = endpoint_send(t, s, &a, nr == SYS_CALL);
        else
            err = endpoint_recv(t, s, &a);
        break;
    case HL_CAP_NOTIFICATION:
        if (nr == SYS_SEND || nr == SYS_NBSEND) {
            err = (s->cap.rights & HL_RIGHT_WRITE) ? E_OK : E_NO_RIGHTS;
            if (!err)
                notification_signal(notification_of(&s->cap), s->cap.badge);
        } else if (nr == SYS_RECV || nr == SYS_POLL || nr == SYS_REPLY_RECV) {
            err = (s->cap.rights & HL_RIGHT_READ) ? E_OK : E_NO_RIGHTS;
            if (!err)
                err = notification_wait(t, notification_of(&s->cap), a.blocking);
        } else {
            err = E_WRONG_TYPE; /* no calls to a notification */
        }
        break;
    default:
        err = E_WRONG_TYPE;
        break;
    }
out:
    if (woken) {
        /* Reply-recv: the caller runs next if the replier now waits. */
        if (t->state == HL_TASK_RUNNABLE)
            sched_make_runnable(woken);
        else
            sched_switch_to(woken);
    }
    return err;
}

void syscall_dispatch(void)
{
    struct task *t = this_cpu()->current;
    struct trap_frame *f = &t->frame;
    struct invocation inv = {.label = f->rsi, .a = {f->rdx, f->r10, f->r8, f->r9}};
    int status;

    uint64_t nr = f->rax;
    if (nr >= SYS_SEND && nr <= SYS_REPLY_RECV) {
        status = ipc_syscall(t, nr);
        /* A blocked task gets its status when woken, and a receive that
         * completed has written rax with the message; what is left is errors
         * and the sends. */
        bool receives = nr == SYS_RECV || nr == SYS_POLL || nr == SYS_REPLY_RECV || nr == SYS_CALL;
        if (t->state == HL_TASK_BLOCKED) {
            debug_event_syscall_blocked(t);
            return;
        }
        if (status != E_OK || !receives)
            f->rax = (uint64_t)(int64_t)status;
        debug_event_syscall_done(t);
        return;
    }

    switch (f->rax) {
    case SYS_DEBUG_PUTS:
        status = debug_puts(f->rdi, f->rsi);
        break;
    case SYS_INVOKE:
        status = invoke(f->rdi, &inv);
        break;
    case SYS_YIELD:
        sched_yield();
        status = E_OK;
        break;
    case SYS_EXIT:
        t->exit_code = f->rdi;
        kprintf("task %u '%s' exited with code %lu\n", t->id, t->name, f->rdi);
        if (!debug_event_exit(t))
            sched_stop(t, HL_TASK_EXITED);
        status = E_OK;
        break;
    case SYS_TICKS:
        inv.value = timer_ticks;
        status = E_OK;
        break;
    default:
        status = E_INVALID_SYSCALL;
        break;
    }
    /* The call may have deleted the caller's last capability. */
    if (this_cpu()->current == t) {
        f->rax = (uint64_t)(int64_t)status;
        f->rdx = inv.value;
        debug_event_syscall_done(t);
    }
}
