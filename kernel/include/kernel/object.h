/*
 * Kernel objects and what struct cap's fields mean for each type.
 *
 *   Memory   object = base (phys), badge = size, arg = watermark (bytes used)
 *   CSpace   object = slot array (kernel virtual, direct map), aux = size bits;
 *            slot 0 is never a capability: it holds the CSpace header
 *   Task     object = struct task * (kernel virtual)
 *   VSpace   object = PML4 (phys), aux = ASID
 *   PDPT/PD/PT, Page
 *            object = phys, aux = size bits (Page), and while MAPPED:
 *            badge = ASID of the VSpace, arg = vaddr
 *   IOControl, IRQControl  no fields
 *   IOPort   object = first port, arg = count
 *   IRQ      object = IRQ number
 */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include <arch/trap.h>
#include <kernel/cap.h>
#include <helios/invocations.h>

struct invocation {
    uint64_t label;
    uint64_t a[4];
    uint64_t value; /* rdx on return */
};

/* Objects waiting to be torn down after their last capability went, kept
 * in a list so that deleting deep chains of CSpaces needs no recursion. */
struct destroy_node {
    struct destroy_node *next;
    uint8_t type;
};

struct cspace_header {
    struct destroy_node node;
    uint32_t size_bits;
};

static inline struct cap_slot *cspace_slots(const struct cap *c)
{
    return (struct cap_slot *)(uintptr_t)c->object;
}

static inline uint64_t cspace_size(const struct cap *c)
{
    return 1ull << c->aux;
}

struct task;

/* A queue of tasks waiting on an endpoint or a notification. */
struct wait_queue {
    struct task *head, *tail;
};

/* Endpoint: who waits, all senders or all receivers (seL4's states). */
enum ep_state { EP_IDLE, EP_SENDERS, EP_RECEIVERS };

struct endpoint {
    struct wait_queue q;
    uint8_t state;
};

struct notification {
    uint64_t word;
    struct wait_queue q;
    struct task *bound; /* the task whose endpoint receives also wait here */
};

_Static_assert(sizeof(struct endpoint) <= (1u << HL_ENDPOINT_BITS), "endpoint object size");
_Static_assert(sizeof(struct notification) <= (1u << HL_NOTIFICATION_BITS), "notification size");

/* Why a BLOCKED task waits. */
enum block_reason { BLOCK_NONE, BLOCK_SEND, BLOCK_RECV, BLOCK_REPLY, BLOCK_NOTIFICATION };

/* Internal capability slots of a task (tree members like any other). */
enum {
    TASK_SLOT_CSPACE,
    TASK_SLOT_VSPACE,
    TASK_SLOT_IPC_BUFFER,
    TASK_CONFIG_SLOTS, /* the slots Task configure sets; the debugger's is its own */
    TASK_SLOT_DEBUG_EP = TASK_CONFIG_SLOTS,
    TASK_NSLOTS
};

struct task {
    struct trap_frame frame; /* user registers: the trap entry saves straight into it */
    uint8_t fpu[512] __attribute__((aligned(16))); /* FXSAVE image */
    uint64_t fs_base, gs_base;
    struct cap_slot slots[TASK_NSLOTS];
    struct task *rq_next, *rq_prev;   /* run queue */
    struct task *all_next, *all_prev; /* every task, for debuggers */
    struct destroy_node node;
    /* IPC */
    struct task *wq_next, *wq_prev; /* endpoint or notification queue */
    void *blocked_on;               /* struct endpoint or struct notification */
    uint8_t block_reason;           /* enum block_reason */
    bool ipc_call;                  /* the pending send wants a reply */
    bool ipc_grant;                 /* ... and may carry capabilities */
    bool ipc_fault;                 /* ... and is a fault message (fault_msg) */
    uint64_t ipc_info;              /* message info of the pending send */
    uint64_t ipc_badge;             /* badge of the capability it was sent with */
    uint64_t fault_msg[6];
    struct task *reply_to;   /* a caller waiting for our reply */
    struct task *reply_from; /* whom we wait a reply from */
    struct notification *bound;
    /* Debugging (object/debug.c, core/debug_event.c) */
    uint64_t dr[4]; /* hardware breakpoints, loaded with the task */
    uint64_t dr7;
    bool ipc_debug;      /* the pending send is a debug event (fault_msg) */
    uint8_t debug_after; /* state once the event is delivered */
    bool debug_step;     /* stop after one instruction */
    bool step_blocked;   /* ...which was a syscall that blocked */
    bool fault_pending;  /* a fault the debugger stopped, not yet passed on */
    uint64_t ipc_buffer_vaddr;
    uint64_t fault_vector, fault_addr, fault_error;
    uint64_t exit_code;
    uint32_t fault_endpoint;
    uint32_t id;
    uint8_t state; /* enum hl_task_state */
    uint8_t priority;
    uint8_t mcp;
    uint8_t queued;
    uint32_t slice; /* ticks left */
    char name[HL_TASK_NAME_MAX];
};

_Static_assert(sizeof(struct task) <= (1u << HL_TASK_BITS), "struct task must fit its object");

static inline struct task *task_of(const struct cap *c)
{
    return (struct task *)(uintptr_t)c->object;
}

static inline struct endpoint *endpoint_of(const struct cap *c)
{
    return (struct endpoint *)(uintptr_t)c->object;
}

static inline struct notification *notification_of(const struct cap *c)
{
    return (struct notification *)(uintptr_t)c->object;
}

/* Capability lookup in the current task's CSpace. */
int cap_lookup(uint64_t cptr, struct cap_slot **out);
/* The same, requiring a type and rights: lookup errors, E_WRONG_TYPE,
 * E_NO_RIGHTS. */
int cap_lookup_typed(uint64_t cptr, uint8_t type, uint16_t rights, struct cap_slot **out);
/* The capability a copy (or mint, with rights mask | badge << 16 in arg)
 * of src would be: E_WRONG_TYPE for Memory, E_INVALID_ARG for a bad badge. */
int cap_derive(const struct cap_slot *src, bool mint, uint64_t arg, struct cap *out);
/* An empty slot in the CSpace that cspace_cptr names (WRITE needed). */
int cap_lookup_dest(uint64_t cspace_cptr, uint64_t slot, struct cap_slot **out);
/* Lookup in the CSpace that the capability cs names. */
int cspace_lookup_slot(const struct cap *cs, uint64_t slot, struct cap_slot **out);

/* Deletion and revocation, with object teardown (object/cap_delete.c). */
void cap_delete(struct cap_slot *s);
void cap_revoke(struct cap_slot *s);

/* Invocation handlers, one per object type: decode, then invoke. */
int memory_invoke(struct cap_slot *s, struct invocation *inv);
int cspace_invoke(struct cap_slot *s, struct invocation *inv);
int task_invoke(struct cap_slot *s, struct invocation *inv);
int debug_invoke(struct cap_slot *s, struct invocation *inv);
/* A user trap the task's debugger wants (debug endpoint set): sends the
 * event and stops the task. False if there is no debugger. */
bool debug_event_trap(struct task *t, struct trap_frame *f);
/* A single-stepped syscall has returned: the step event (see
 * core/debug_event.c). */
void debug_event_syscall_done(struct task *t);
/* The syscall t is in has blocked: a step over it ends when it returns. */
void debug_event_syscall_blocked(struct task *t);
/* t is about to return to user mode: true if it stopped instead (a step
 * over a syscall that had blocked is complete). */
bool debug_event_user_return(struct task *t);
/* SYS_EXIT with a debugger: the exit event; false if there is none. */
bool debug_event_exit(struct task *t);
/* Opaque, stable object ids for user space (never kernel addresses). */
uint64_t cap_object_id(const struct cap *c);
void cap_object_id_init(uint64_t seed);
int table_invoke(struct cap_slot *s, struct invocation *inv);
int page_invoke(struct cap_slot *s, struct invocation *inv);
int ioport_invoke(struct cap_slot *s, struct invocation *inv);
int irq_invoke(struct cap_slot *s, struct invocation *inv);

/* IPC (object/endpoint.c, object/notification.c, core/ipc.c). */
struct ipc_args {
    uint64_t cptr;
    uint64_t info;
    bool blocking;
};
int endpoint_send(struct task *t, struct cap_slot *s, const struct ipc_args *a, bool call);
int endpoint_recv(struct task *t, struct cap_slot *s, const struct ipc_args *a);
int ipc_reply(struct task *t, uint64_t info, struct task **woken);
void notification_signal(struct notification *n, uint64_t badge);
int notification_wait(struct task *t, struct notification *n, bool blocking);
int task_bind_notification(struct task *t, uint64_t cptr);
/* Teardown: wake waiters with E_DEAD, drop references. */
void endpoint_destroy(struct endpoint *ep);
void notification_destroy(struct notification *n);
void ipc_cancel(struct task *t, int64_t status);
void ipc_task_gone(struct task *t);
/* A user fault: send it to the task's fault endpoint; false if there is none. */
bool ipc_send_fault(struct task *t);
void irq_notification_gone(struct notification *n);
void irq_handle(unsigned irq);

/* Object setup used by retype and by the root-task builder. */
void task_init(struct task *t);
/* Every live task, oldest first (object/task.c). */
struct task *task_list_first(void);
struct task *task_by_id(uint32_t id);
void task_list_remove(struct task *t);
int vspace_init(paddr_t pml4, uint32_t *asid);
void object_destroy(const struct cap *c);
void mapping_remove(const struct cap *c);
void io_object_destroy(const struct cap *c);
void io_reserve_kernel_ports(void);

#endif
