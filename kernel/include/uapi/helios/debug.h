/*
 * Per-task debugging through capabilities (docs/abi.md, "Debugging").
 *
 * Each power is a separate right on the Task capability, removable by mint
 * one by one; a Task capability without them still does everything the
 * capability core allows. Inspecting a CSpace's contents needs
 * HL_RIGHT_INSPECT on the CSpace capability.
 */
#ifndef HELIOS_DEBUG_H
#define HELIOS_DEBUG_H

#include <stdint.h>

/* Task capability rights (caps.h has READ, WRITE, GRANT, EXEC). */
#define HL_RIGHT_DEBUG_READ_REGS 0x0010
#define HL_RIGHT_DEBUG_WRITE_REGS 0x0020
#define HL_RIGHT_DEBUG_READ_MEM 0x0040
#define HL_RIGHT_DEBUG_WRITE_MEM 0x0080
#define HL_RIGHT_DEBUG_CONTROL 0x0100     /* suspend, resume, single step */
#define HL_RIGHT_DEBUG_BREAKPOINTS 0x0200 /* hardware breakpoints and watchpoints */
#define HL_RIGHT_DEBUG_EVENTS 0x0400      /* set the debug endpoint */
#define HL_RIGHTS_DEBUG 0x07f0
/* CSpace capability right: list and inspect the slots. */
#define HL_RIGHT_INSPECT 0x0800

/* Registers for debug read/write regs: the user state plus the FPU/SSE
 * state in FXSAVE format (the legacy region of the XSAVE area). */
struct hl_debug_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags, fs_base, gs_base;
    uint64_t cs, ss; /* read only: always the user selectors */
    uint8_t fxsave[512] __attribute__((aligned(16)));
};

/* At most this many bytes per memory read or write (may cross one page). */
#define HL_DEBUG_MEM_MAX 4096

/* Hardware breakpoint kinds (Set breakpoint a2 = kind | length << 8). */
#define HL_DEBUG_BP_EXEC 0
#define HL_DEBUG_BP_WRITE 1
#define HL_DEBUG_BP_ACCESS 3 /* read or write: x86 has no read-only watch */

/* Resume flags. */
#define HL_DEBUG_RESUME_PASS_FAULT 1 /* hand a stopped fault to the fault endpoint */

/*
 * Debug events: sent on the task's debug endpoint with the badge of that
 * endpoint capability. The target is stopped (SUSPENDED) once the event is
 * delivered, until the debugger resumes or steps it. Labels:
 */
#define HL_LABEL_DEBUG_BREAKPOINT 0x10 /* int3: MR3 is the rip after the int3 */
#define HL_LABEL_DEBUG_HW 0x11         /* MR1 slot 0-3, MR2 the address set in that slot */
#define HL_LABEL_DEBUG_STEP 0x12       /* one instruction done */
#define HL_LABEL_DEBUG_FAULT 0x13      /* MR0-MR5 exactly as in a fault message */
#define HL_LABEL_DEBUG_EXIT 0x14       /* MR0 the exit code; the task is gone from the run queues */
/* Every event: MR0 vector (or exit code), MR1 detail (error code, slot),
 * MR2 address, MR3 rip, MR4 rsp, MR5 rflags; length 6. */
#define HL_DEBUG_EVENT_LENGTH 6

/* CSpace inspect (one slot). Object ids are stable opaque numbers. */
struct hl_cap_inspect {
    uint32_t type;
    uint32_t rights;
    uint64_t badge;
    uint64_t object;                       /* opaque id: equal for capabilities to one object */
    uint32_t derived;                      /* 1 when it has a parent in the derivation tree */
    uint32_t parent_slot;                  /* slot of the parent in this CSpace, or HL_CPTR_NONE */
    uint64_t mem_base, mem_size, mem_free; /* Memory capabilities */
};

#endif
