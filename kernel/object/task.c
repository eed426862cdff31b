/*
 * Task (TCB) invocations. A task's CSpace, VSpace and IPC buffer are
 * capability copies held in the task itself, so they stay alive while the
 * task uses them. Rights: changing a task needs WRITE on its capability,
 * reading its registers or state needs READ.
 */
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/pagetable.h>
#include <helios/errors.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/fmt.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define RFLAGS_RESERVED1 0x2ul
#define RFLAGS_IOPL (3ul << 12)
#define RFLAGS_NT (1ul << 14)
#define RFLAGS_VM (1ul << 17)
/* Flags a task may set: CF PF AF ZF SF TF IF DF OF RF AC ID. */
#define RFLAGS_USER 0x250fd5ul

static uint32_t next_task_id = 1;
static struct task *all_head, *all_tail;

struct task *task_list_first(void)
{
    return all_head;
}

struct task *task_by_id(uint32_t id)
{
    for (struct task *t = all_head; t; t = t->all_next) {
        if (t->id == id)
            return t;
    }
    return NULL;
}

void task_list_remove(struct task *t)
{
    if (t->all_prev)
        t->all_prev->all_next = t->all_next;
    else
        all_head = t->all_next;
    if (t->all_next)
        t->all_next->all_prev = t->all_prev;
    else
        all_tail = t->all_prev;
    t->all_next = t->all_prev = NULL;
}

void task_init(struct task *t)
{
    t->frame.cs = SEL_UCODE;
    t->frame.ss = SEL_UDATA;
    t->frame.rflags = RFLAGS_IF | RFLAGS_RESERVED1;
    /* FXSAVE image defaults (SDM Vol. 1 10.5.1): x87 control word 0x37f,
     * MXCSR 0x1f80 with every exception masked. */
    *(uint16_t *)&t->fpu[0] = 0x37f;
    *(uint32_t *)&t->fpu[24] = 0x1f80;
    t->state = HL_TASK_INACTIVE;
    t->id = next_task_id++;
    t->all_prev = all_tail;
    if (all_tail)
        all_tail->all_next = t;
    else
        all_head = t;
    all_tail = t;
    ksnprintf(t->name, sizeof(t->name), "task%u", t->id);
}

static int need(const struct cap *c, uint16_t rights)
{
    return (c->rights & rights) == rights ? E_OK : E_NO_RIGHTS;
}

static int configure(struct task *t, struct invocation *inv)
{
    struct hl_task_config cfg;
    struct cap_slot *src[TASK_CONFIG_SLOTS] = {0};
    int err;

    if ((err = copy_from_user(&cfg, inv->a[0], sizeof(cfg))))
        return err;
    if ((err = cap_lookup_typed(cfg.cspace, HL_CAP_CSPACE, 0, &src[TASK_SLOT_CSPACE])) ||
        (err = cap_lookup_typed(cfg.vspace, HL_CAP_VSPACE, 0, &src[TASK_SLOT_VSPACE])))
        return err;
    if (cfg.ipc_buffer != HL_CPTR_NONE) {
        if ((err = cap_lookup_typed(cfg.ipc_buffer, HL_CAP_PAGE, 0, &src[TASK_SLOT_IPC_BUFFER])))
            return err;
        if (src[TASK_SLOT_IPC_BUFFER]->cap.flags & CAP_FLAG_DEVICE)
            return E_INVALID_ARG; /* the kernel writes messages into it */
        if (cfg.ipc_buffer_vaddr >= HL_USER_TOP)
            return E_RANGE;
        if (cfg.ipc_buffer_vaddr & (PAGE_SIZE - 1))
            return E_ALIGN;
    }

    /* Park the old copies on the stack, install the new ones, then delete
     * the old: deleting first could destroy a CSpace holding a source. */
    struct cap_slot old[TASK_CONFIG_SLOTS];
    for (int i = 0; i < TASK_CONFIG_SLOTS; i++) {
        memset(&old[i], 0, sizeof(old[i]));
        if (!cap_slot_empty(&t->slots[i]))
            captree_move(&old[i], &t->slots[i]);
        if (src[i]) {
            struct cap c = src[i]->cap;
            c.flags &= (uint8_t)~CAP_FLAG_MAPPED;
            captree_insert(src[i], &t->slots[i], &c);
        }
    }
    t->ipc_buffer_vaddr = cfg.ipc_buffer == HL_CPTR_NONE ? 0 : cfg.ipc_buffer_vaddr;
    t->fault_endpoint = cfg.fault_endpoint;
    if (this_cpu()->loaded == t)
        this_cpu()->loaded = NULL; /* reload its VSpace on the way out */
    for (int i = 0; i < TASK_CONFIG_SLOTS; i++) {
        if (!cap_slot_empty(&old[i]))
            cap_delete(&old[i]);
    }
    return E_OK;
}

static bool canonical_user(uint64_t v)
{
    return v < HL_USER_TOP;
}

static int write_regs(struct task *t, struct invocation *inv)
{
    struct hl_regs r;
    int err;

    if ((err = copy_from_user(&r, inv->a[0], sizeof(r))))
        return err;
    /* iretq to a non-canonical rip faults in the kernel, and wrmsr with a
     * non-canonical base too: refuse them here. */
    if (!canonical_user(r.rip) || r.rsp > HL_USER_TOP || !canonical_user(r.fs_base) ||
        !canonical_user(r.gs_base))
        return E_INVALID_ARG;
    if (r.rflags & (RFLAGS_IOPL | RFLAGS_NT | RFLAGS_VM))
        return E_INVALID_ARG;

    struct trap_frame *f = &t->frame;
    f->rax = r.rax, f->rbx = r.rbx, f->rcx = r.rcx, f->rdx = r.rdx;
    f->rsi = r.rsi, f->rdi = r.rdi, f->rbp = r.rbp, f->rsp = r.rsp;
    f->r8 = r.r8, f->r9 = r.r9, f->r10 = r.r10, f->r11 = r.r11;
    f->r12 = r.r12, f->r13 = r.r13, f->r14 = r.r14, f->r15 = r.r15;
    f->rip = r.rip;
    f->rflags = (r.rflags & RFLAGS_USER) | RFLAGS_IF | RFLAGS_RESERVED1;
    t->fs_base = r.fs_base;
    t->gs_base = r.gs_base;
    if (this_cpu()->loaded == t)
        this_cpu()->loaded = NULL; /* new bases must reach the MSRs */
    return E_OK;
}

static int read_regs(const struct task *t, struct invocation *inv)
{
    const struct trap_frame *f = &t->frame;
    struct hl_regs r = {
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
    };

    return copy_to_user(inv->a[0], &r, sizeof(r));
}

static int resume(struct task *t)
{
    if (cap_slot_empty(&t->slots[TASK_SLOT_CSPACE]) || cap_slot_empty(&t->slots[TASK_SLOT_VSPACE]))
        return E_STATE; /* not configured */
    switch (t->state) {
    case HL_TASK_RUNNABLE:
        return E_OK;
    case HL_TASK_EXITED:
    case HL_TASK_BLOCKED:
        return E_STATE;
    default:
        sched_make_runnable(t);
        return E_OK;
    }
}

static int set_priority(struct task *t, struct invocation *inv)
{
    uint64_t prio = inv->a[0], mcp = inv->a[1];
    const struct task *caller = this_cpu()->current;

    if (prio > HL_PRIORITY_MAX || mcp > HL_PRIORITY_MAX)
        return E_RANGE;
    if (prio > caller->mcp || mcp > caller->mcp)
        return E_NO_RIGHTS;
    bool queued = t->queued;
    if (queued)
        sched_dequeue(t);
    t->priority = (uint8_t)prio;
    t->mcp = (uint8_t)mcp;
    if (queued)
        sched_enqueue(t);
    if (t == this_cpu()->current)
        sched_yield(); /* a lower priority may no longer be the highest */
    return E_OK;
}

static int info(const struct task *t, struct invocation *inv)
{
    struct hl_task_info i = {
        .state = t->state,
        .priority = t->priority,
        .mcp = t->mcp,
        .id = t->id,
        .fault_vector = t->fault_vector,
        .fault_addr = t->fault_addr,
        .exit_code = t->exit_code,
    };

    memcpy(i.name, t->name, sizeof(i.name));
    if (inv->a[0] && copy_to_user(inv->a[0], &i, sizeof(i)))
        return E_FAULT;
    inv->value = t->state;
    return E_OK;
}

static int set_name(struct task *t, struct invocation *inv)
{
    char name[HL_TASK_NAME_MAX];

    if (inv->a[1] >= HL_TASK_NAME_MAX)
        return E_RANGE;
    if (copy_from_user(name, inv->a[0], inv->a[1]))
        return E_FAULT;
    name[inv->a[1]] = '\0';
    memcpy(t->name, name, sizeof(name));
    return E_OK;
}

int task_invoke(struct cap_slot *s, struct invocation *inv)
{
    struct task *t = task_of(&s->cap);
    bool reads = inv->label == HL_TASK_READ_REGS || inv->label == HL_TASK_INFO;
    int err;

    if (inv->label >= HL_DEBUG_READ_REGS && inv->label <= HL_DEBUG_SET_ENDPOINT)
        return debug_invoke(s, inv);
    if (inv->label < HL_TASK_CONFIGURE || inv->label > HL_TASK_BIND_NOTIFICATION)
        return E_INVALID_LABEL;
    if ((err = need(&s->cap, reads ? HL_RIGHT_READ : HL_RIGHT_WRITE)))
        return err;
    switch (inv->label) {
    case HL_TASK_CONFIGURE:
        return configure(t, inv);
    case HL_TASK_WRITE_REGS:
        return write_regs(t, inv);
    case HL_TASK_READ_REGS:
        return read_regs(t, inv);
    case HL_TASK_RESUME:
        return resume(t);
    case HL_TASK_SUSPEND:
        if (t->state == HL_TASK_EXITED)
            return E_STATE;
        ipc_cancel(t, E_STATE); /* an interrupted IPC returns E_STATE on resume */
        sched_stop(t, HL_TASK_SUSPENDED);
        return E_OK;
    case HL_TASK_SET_PRIORITY:
        return set_priority(t, inv);
    case HL_TASK_INFO:
        return info(t, inv);
    case HL_TASK_SET_NAME:
        return set_name(t, inv);
    default:
        return task_bind_notification(t, inv->a[0]);
    }
}
