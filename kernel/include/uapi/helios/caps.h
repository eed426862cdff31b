/*
 * Capability types, rights and the capability-address convention.
 *
 * A capability address (cptr) is a 32-bit slot number in the caller's
 * CSpace, which is a flat power-of-two array of slots. Slot 0 of every
 * CSpace is never a capability (the kernel keeps the CSpace's header
 * there), so cptr 0 is always E_INVALID_CADDR and a CSpace of 2^n slots
 * holds 2^n - 1 capabilities. Invocations that work
 * on slots of another CSpace are made on a capability to that CSpace and take
 * slot numbers inside it: CSPACE_COPY on CSpace capability C with dest slot
 * d and source (S, s) copies slot s of the CSpace that the caller's slot S
 * names into slot d of C.
 */
#ifndef HELIOS_CAPS_H
#define HELIOS_CAPS_H

enum hl_cap_type {
    HL_CAP_NULL = 0,
    HL_CAP_MEMORY = 1,
    HL_CAP_CSPACE = 2,
    HL_CAP_TASK = 3,
    HL_CAP_VSPACE = 4,
    HL_CAP_PDPT = 5,
    HL_CAP_PD = 6,
    HL_CAP_PT = 7,
    HL_CAP_PAGE = 8,
    HL_CAP_ENDPOINT = 9,
    HL_CAP_NOTIFICATION = 10,
    HL_CAP_IOCONTROL = 11,
    HL_CAP_IOPORT = 12,
    HL_CAP_IRQCONTROL = 13,
    HL_CAP_IRQ = 14,
    HL_CAP_NTYPES
};

/* Rights. Mint can only remove rights. */
#define HL_RIGHT_READ 0x1
#define HL_RIGHT_WRITE 0x2
#define HL_RIGHT_GRANT 0x4
#define HL_RIGHT_EXEC 0x8 /* Page: may be mapped executable */
#define HL_RIGHTS_ALL 0xffff

/* "No capability" where an invocation accepts an optional cptr. */
#define HL_CPTR_NONE 0xffffffffu

/* Object sizes in bits (log2 bytes) for Memory.retype. */
#define HL_TASK_BITS 12
#define HL_VSPACE_BITS 12
#define HL_TABLE_BITS 12 /* PDPT, PD, PT */
#define HL_PAGE_BITS 12
#define HL_LARGE_PAGE_BITS 21
#define HL_SLOT_BITS 6 /* a CSpace of 2^n slots takes 2^(n + 6) bytes */
#define HL_ENDPOINT_BITS 6
#define HL_NOTIFICATION_BITS 6
#define HL_CSPACE_MIN_BITS 1
#define HL_CSPACE_MAX_BITS 16
#define HL_MEMORY_MIN_BITS 12
#define HL_RETYPE_MAX_COUNT 256

/* User virtual addresses: below this, and canonical. */
#define HL_USER_TOP 0x0000800000000000ull

#endif
