/*
 * Debugging a task through its Task capability: registers (with the
 * FPU/SSE state), memory through the task's own VSpace, suspend, resume,
 * single step, hardware breakpoints and the debug endpoint. Each needs its
 * own right (helios/debug.h); everything is decoded and checked before
 * anything changes.
 */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/pagetable.h>
#include <arch/paging.h>
#include <helios/debug.h>
#include <helios/errors.h>
#include <kernel/ipc.h>
#include <kernel/kprintf.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define RFLAGS_TF (1ul << 8)
#define RFLAGS_PRIV (3ul << 12 | 1ul << 14 | 1ul << 17) /* IOPL, NT, VM */
#define RFLAGS_USER 0x250fd5ul
#define MXCSR_OFFSET 24

static uint8_t bounce[HL_DEBUG_MEM_MAX];

static uint16_t label_right(uint64_t label)
{
    switch (label) {
    case HL_DEBUG_READ_REGS:
        return HL_RIGHT_DEBUG_READ_REGS;
    case HL_DEBUG_WRITE_REGS:
        return HL_RIGHT_DEBUG_WRITE_REGS;
    case HL_DEBUG_READ_MEM:
        return HL_RIGHT_DEBUG_READ_MEM;
    case HL_DEBUG_WRITE_MEM:
        return HL_RIGHT_DEBUG_WRITE_MEM;
    case HL_DEBUG_SET_BREAKPOINT:
    case HL_DEBUG_CLEAR_BREAKPOINT:
        return HL_RIGHT_DEBUG_BREAKPOINTS;
    case HL_DEBUG_SET_ENDPOINT:
        return HL_RIGHT_DEBUG_EVENTS;
    default:
        return HL_RIGHT_DEBUG_CONTROL;
    }
}

/* The FPU registers may hold t's newest state: put it in memory first. */
static void fpu_to_memory(struct task *t)
{
    struct percpu *c = this_cpu();

    if (c->fpu_owner == t) {
        __asm__ volatile("fxsave64 %0" : "=m"(t->fpu));
        c->fpu_owner = NULL; /* memory is now the copy to trust */
    }
}

static int read_regs(struct task *t, struct invocation *inv)
{
    static struct hl_debug_regs r;
    const struct trap_frame *f = &t->frame;

    fpu_to_memory(t);
    r = (struct hl_debug_regs){
        .rax = f->rax,
        .rbx = f->rbx,
        .rcx = f->rcx,
        .rdx = f->rdx,
        .rsi = f->rsi,
        .rdi = f->rdi,
        .rbp = f->rbp,
        .rsp = f->rsp,
        .r8 = f->r8,
        .r9 = f->r9,
        .r10 = f->r10,
        .r11 = f->r11,
        .r12 = f->r12,
        .r13 = f->r13,
        .r14 = f->r14,
        .r15 = f->r15,
        .rip = f->rip,
        .rflags = f->rflags,
        .fs_base = t->fs_base,
        .gs_base = t->gs_base,
        .cs = f->cs,
        .ss = f->ss,
    };
    memcpy(r.fxsave, t->fpu, sizeof(r.fxsave));
    return copy_to_user(inv->a[0], &r, sizeof(r));
}

static int write_regs(struct task *t, struct invocation *inv)
{
    static struct hl_debug_regs r;
    uint32_t mxcsr;
    int err;

    if ((err = copy_from_user(&r, inv->a[0], sizeof(r))))
        return err;
    memcpy(&mxcsr, r.fxsave + MXCSR_OFFSET, sizeof(mxcsr));
    if (r.rip >= HL_USER_TOP || r.rsp > HL_USER_TOP || r.fs_base >= HL_USER_TOP ||
        r.gs_base >= HL_USER_TOP || (r.rflags & RFLAGS_PRIV) || (mxcsr & 0xffff0000u))
        return E_INVALID_ARG; /* fxrstor or iretq would fault in the kernel */

    struct trap_frame *f = &t->frame;
    f->rax = r.rax, f->rbx = r.rbx, f->rcx = r.rcx, f->rdx = r.rdx;
    f->rsi = r.rsi, f->rdi = r.rdi, f->rbp = r.rbp, f->rsp = r.rsp;
    f->r8 = r.r8, f->r9 = r.r9, f->r10 = r.r10, f->r11 = r.r11;
    f->r12 = r.r12, f->r13 = r.r13, f->r14 = r.r14, f->r15 = r.r15;
    f->rip = r.rip;
    f->rflags = (r.rflags & RFLAGS_USER) | RFLAGS_IF | 0x2;
    t->fs_base = r.fs_base;
    t->gs_base = r.gs_base;
    fpu_to_memory(t);
    memcpy(t->fpu, r.fxsave, sizeof(t->fpu));
    if (this_cpu()->loaded == t)
        this_cpu()->loaded = NULL;
    return E_OK;
}

/* Copies between the target's memory and the bounce buffer, page by page
 * through its page tables; *done counts the bytes moved before a hole. */
static int target_copy(struct task *t, uint64_t addr, size_t len, bool write, size_t *done)
{
    paddr_t pml4 = t->slots[TASK_SLOT_VSPACE].cap.object;
    struct pt_walk w;

    *done = 0;
    while (*done < len) {
        uint64_t va = addr + *done;
        if (pt_lookup(&kernel_pt_ops, pml4, va, &w) != PT_OK || !w.user || w.pa >= direct_map_size)
            return E_NOT_MAPPED;
        size_t n = MIN(len - *done, (size_t)(w.size - (va & (w.size - 1))));
        uint8_t *p = phys_to_virt(w.pa);
        if (write)
            memcpy(p, bounce + *done, n);
        else
            memcpy(bounce + *done, p, n);
        *done += n;
    }
    return E_OK;
}

static int memory(struct task *t, struct invocation *inv, bool write)
{
    uint64_t addr = inv->a[0], buf = inv->a[1], len = inv->a[2];
    size_t done;
    int err;

    if (len > HL_DEBUG_MEM_MAX || addr >= HL_USER_TOP || len > HL_USER_TOP - addr)
        return E_RANGE;
    if (cap_slot_empty(&t->slots[TASK_SLOT_VSPACE]))
        return E_STATE;
    if (write) {
        if ((err = copy_from_user(bounce, buf, len)))
            return err;
        err = target_copy(t, addr, len, true, &done);
    } else {
        err = target_copy(t, addr, len, false, &done);
        if (copy_to_user(buf, bounce, done))
            return E_FAULT;
    }
    inv->value = done;
    return err;
}

static int run(struct task *t, struct invocation *inv, bool step)
{
    uint64_t flags = inv->a[0];

    if (flags & ~(uint64_t)HL_DEBUG_RESUME_PASS_FAULT)
        return E_INVALID_ARG;
    if (t->state == HL_TASK_EXITED || cap_slot_empty(&t->slots[TASK_SLOT_CSPACE]) ||
        cap_slot_empty(&t->slots[TASK_SLOT_VSPACE]))
        return E_STATE;
    if (t->state != HL_TASK_SUSPENDED && t->state != HL_TASK_INACTIVE &&
        t->state != HL_TASK_FAULTED)
        return E_OK; /* running, or blocked in IPC of its own: nothing to resume */
    t->debug_step = step;
    if (step)
        t->frame.rflags |= RFLAGS_TF;
    else
        t->frame.rflags &= ~RFLAGS_TF;
    if (t->fault_pending && (flags & HL_DEBUG_RESUME_PASS_FAULT)) {
        t->fault_pending = false;
        t->state = HL_TASK_RUNNABLE; /* as if it had just faulted */
        if (!ipc_send_fault(t)) {
            t->state = HL_TASK_FAULTED;
            kprintf("fault: task %u '%s': %s at rip %#lx, passed on by its debugger; task "
                    "stopped\n",
                    t->id, t->name, trap_name(t->fault_vector), t->frame.rip);
        }
        return E_OK;
    }
    t->fault_pending = false; /* resumed: it runs into the fault again unless fixed */
    sched_make_runnable(t);
    return E_OK;
}

static int set_breakpoint(struct task *t, struct invocation *inv)
{
    uint64_t slot = inv->a[0], addr = inv->a[1], kind = inv->a[2] & 0xff, len = inv->a[2] >> 8;
    static const int8_t len_code[9] = {-1, 0, 1, -1, 3, -1, -1, -1, 2};

    if (slot > 3 || addr >= HL_USER_TOP)
        return E_RANGE;
    if ((kind != HL_DEBUG_BP_EXEC && kind != HL_DEBUG_BP_WRITE && kind != HL_DEBUG_BP_ACCESS) ||
        len > 8 || len_code[len] < 0 || (kind == HL_DEBUG_BP_EXEC && len != 1))
        return E_INVALID_ARG;
    if (addr & (len - 1))
        return E_ALIGN;
    uint64_t shift = 16 + 4 * slot;
    t->dr[slot] = addr;
    t->dr7 &= ~((3ull << (2 * slot)) | (0xfull << shift));
    t->dr7 |= (1ull << (2 * slot)) | (kind << shift) | ((uint64_t)len_code[len] << (shift + 2));
    if (this_cpu()->loaded == t)
        this_cpu()->loaded = NULL; /* reload on the way out */
    return E_OK;
}

static int set_endpoint(struct task *t, struct invocation *inv)
{
    struct cap_slot *ep = NULL;
    int err;

    if (inv->a[0] != HL_CPTR_NONE &&
        (err = cap_lookup_typed(inv->a[0], HL_CAP_ENDPOINT, HL_RIGHT_WRITE, &ep)))
        return err;
    if (!cap_slot_empty(&t->slots[TASK_SLOT_DEBUG_EP]))
        cap_delete(&t->slots[TASK_SLOT_DEBUG_EP]);
    if (ep)
        captree_insert(ep, &t->slots[TASK_SLOT_DEBUG_EP], &ep->cap);
    return E_OK;
}

int debug_invoke(struct cap_slot *s, struct invocation *inv)
{
    struct task *t = task_of(&s->cap);

    if (inv->label < HL_DEBUG_READ_REGS || inv->label > HL_DEBUG_SET_ENDPOINT)
        return E_INVALID_LABEL;
    if (!(s->cap.rights & label_right(inv->label)))
        return E_NO_RIGHTS;
    switch (inv->label) {
    case HL_DEBUG_READ_REGS:
        return read_regs(t, inv);
    case HL_DEBUG_WRITE_REGS:
        return write_regs(t, inv);
    case HL_DEBUG_READ_MEM:
    case HL_DEBUG_WRITE_MEM:
        return memory(t, inv, inv->label == HL_DEBUG_WRITE_MEM);
    case HL_DEBUG_SUSPEND:
        if (t->state == HL_TASK_EXITED)
            return E_STATE;
        ipc_cancel(t, E_STATE);
        sched_stop(t, HL_TASK_SUSPENDED);
        return E_OK;
    case HL_DEBUG_RESUME:
    case HL_DEBUG_STEP:
        return run(t, inv, inv->label == HL_DEBUG_STEP);
    case HL_DEBUG_SET_BREAKPOINT:
        return set_breakpoint(t, inv);
    case HL_DEBUG_CLEAR_BREAKPOINT:
        if (inv->a[0] > 3)
            return E_RANGE;
        t->dr[inv->a[0]] = 0;
        t->dr7 &= ~((3ull << (2 * inv->a[0])) | (0xfull << (16 + 4 * inv->a[0])));
        if (this_cpu()->loaded == t)
            this_cpu()->loaded = NULL;
        return E_OK;
    default:
        return set_endpoint(t, inv);
    }
}
