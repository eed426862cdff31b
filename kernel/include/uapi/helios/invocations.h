/*
 * Invocation labels, one range per object type, and the structures some
 * invocations read or write through a user pointer. An invocation is
 * SYS_INVOKE with rdi = cptr, rsi = label, rdx/r10/r8/r9 = a0..a3.
 * docs/abi.md gives every invocation's arguments, result and errors.
 */
#ifndef HELIOS_INVOCATIONS_H
#define HELIOS_INVOCATIONS_H

#include <stdint.h>

enum hl_label {
    /* Memory (untyped) */
    HL_MEMORY_RETYPE = 0x100, /* a0 type, a1 size_bits, a2 dest CSpace cptr,
                                 a3 dest slot | count << 32 */
    HL_MEMORY_INFO = 0x101,   /* a0 struct hl_memory_info * */

    /* CSpace: the invoked CSpace is the destination / target */
    HL_CSPACE_COPY = 0x200,     /* a0 dest slot, a1 src CSpace cptr, a2 src slot */
    HL_CSPACE_MINT = 0x201,     /* a0 dest slot, a1 src CSpace cptr, a2 src slot,
                                   a3 rights | badge << 16 */
    HL_CSPACE_MOVE = 0x202,     /* a0 dest slot, a1 src CSpace cptr, a2 src slot */
    HL_CSPACE_DELETE = 0x203,   /* a0 slot */
    HL_CSPACE_REVOKE = 0x204,   /* a0 slot */
    HL_CSPACE_IDENTIFY = 0x205, /* a0 slot, a1 struct hl_cap_info * (may be 0); rdx = type */
    HL_CSPACE_LIST = 0x206,     /* INSPECT: a0 first slot, a1 uint32_t *out, a2 max; rdx = count */
    HL_CSPACE_INSPECT = 0x207,  /* INSPECT: a0 slot, a1 struct hl_cap_inspect * */

    /* Page tables (PDPT, PD, PT) */
    HL_TABLE_MAP = 0x300, /* a0 VSpace cptr, a1 vaddr */
    HL_TABLE_UNMAP = 0x301,

    /* Page */
    HL_PAGE_MAP = 0x310, /* a0 VSpace cptr, a1 vaddr, a2 rights (READ|WRITE|EXEC) */
    HL_PAGE_UNMAP = 0x311,
    HL_PAGE_REMAP = 0x312, /* a0 rights: change the rights of the current mapping */
    HL_PAGE_INFO = 0x313,  /* a0 struct hl_page_info * */

    /* Task */
    HL_TASK_CONFIGURE = 0x400,  /* a0 const struct hl_task_config * */
    HL_TASK_WRITE_REGS = 0x401, /* a0 const struct hl_regs * */
    HL_TASK_READ_REGS = 0x402,  /* a0 struct hl_regs * */
    HL_TASK_RESUME = 0x403,
    HL_TASK_SUSPEND = 0x404,
    HL_TASK_SET_PRIORITY = 0x405,      /* a0 priority, a1 maximum controlled priority */
    HL_TASK_INFO = 0x406,              /* a0 struct hl_task_info * (may be 0); rdx = state */
    HL_TASK_SET_NAME = 0x407,          /* a0 const char *, a1 length (< HL_TASK_NAME_MAX) */
    HL_TASK_BIND_NOTIFICATION = 0x408, /* a0 Notification cptr, or HL_CPTR_NONE to unbind */

    /* Debugging a task (helios/debug.h): invoked on its Task capability */
    HL_DEBUG_READ_REGS = 0x700,  /* a0 struct hl_debug_regs * */
    HL_DEBUG_WRITE_REGS = 0x701, /* a0 const struct hl_debug_regs * */
    HL_DEBUG_READ_MEM = 0x702,   /* a0 target vaddr, a1 buffer, a2 length; rdx = bytes done */
    HL_DEBUG_WRITE_MEM = 0x703,  /* a0 target vaddr, a1 buffer, a2 length; rdx = bytes done */
    HL_DEBUG_SUSPEND = 0x704,
    HL_DEBUG_RESUME = 0x705,           /* a0 flags (HL_DEBUG_RESUME_*) */
    HL_DEBUG_STEP = 0x706,             /* run one instruction, then a step event */
    HL_DEBUG_SET_BREAKPOINT = 0x707,   /* a0 slot 0-3, a1 vaddr, a2 kind | length << 8 */
    HL_DEBUG_CLEAR_BREAKPOINT = 0x708, /* a0 slot */
    HL_DEBUG_SET_ENDPOINT = 0x709,     /* a0 Endpoint cptr (WRITE), or HL_CPTR_NONE */

    /* I/O ports */
    HL_IOCONTROL_ISSUE = 0x500, /* a0 first port, a1 count, a2 dest CSpace cptr, a3 dest slot */
    HL_IOPORT_IN = 0x510,       /* a0 port, a1 width 1|2|4; rdx = value */
    HL_IOPORT_OUT = 0x511,      /* a0 port, a1 width 1|2|4, a2 value */

    /* Interrupts */
    HL_IRQCONTROL_GET = 0x600,       /* a0 ISA IRQ 0-15, a1 dest CSpace cptr, a2 dest slot */
    HL_IRQ_SET_NOTIFICATION = 0x610, /* a0 Notification cptr (signalled with its badge) */
    HL_IRQ_ACK = 0x611,              /* unmask the line after handling */
    HL_IRQ_CLEAR_NOTIFICATION = 0x612,
};

struct hl_memory_info {
    uint64_t base;   /* physical address */
    uint64_t size;   /* bytes */
    uint64_t free;   /* bytes above the watermark */
    uint64_t device; /* 1 for device memory (can only become Pages) */
};

struct hl_cap_info {
    uint32_t type; /* enum hl_cap_type */
    uint32_t rights;
    uint64_t badge;
    uint64_t object;     /* an identifier of the object: equal for caps to one object */
    uint64_t has_parent; /* 1 when a copy or mint of a capability to the same object */
};

struct hl_page_info {
    uint64_t phys; /* physical address (for DMA) */
    uint64_t size;
    uint64_t mapped; /* 1 when this capability's mapping is live */
    uint64_t vaddr;
};

#define HL_TASK_NAME_MAX 16

/* Task states (HL_TASK_INFO). */
enum hl_task_state {
    HL_TASK_INACTIVE = 0,  /* created, never resumed */
    HL_TASK_RUNNABLE = 1,  /* running or ready to run */
    HL_TASK_BLOCKED = 2,   /* waiting on an object (IPC, next issue) */
    HL_TASK_SUSPENDED = 3, /* stopped by TASK_SUSPEND */
    HL_TASK_FAULTED = 4,   /* took a fault with no handler */
    HL_TASK_EXITED = 5,    /* called SYS_EXIT */
};

struct hl_task_config {
    uint32_t cspace;           /* CSpace cptr (in the caller's CSpace) */
    uint32_t vspace;           /* VSpace cptr */
    uint32_t ipc_buffer;       /* Page cptr or HL_CPTR_NONE */
    uint32_t fault_endpoint;   /* cptr in the task's own CSpace, or HL_CPTR_NONE */
    uint64_t ipc_buffer_vaddr; /* where the task sees its IPC buffer */
};

/* The registers a task's user state consists of (read/write regs). */
struct hl_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags, fs_base, gs_base;
};

struct hl_task_info {
    uint32_t state; /* enum hl_task_state */
    uint32_t priority;
    uint32_t mcp; /* maximum controlled priority */
    uint32_t id;
    uint64_t fault_vector; /* for FAULTED */
    uint64_t fault_addr;
    uint64_t exit_code; /* for EXITED */
    char name[HL_TASK_NAME_MAX];
};

#define HL_PRIORITY_MAX 255

#endif
