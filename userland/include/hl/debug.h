/*
 * Debugging another task through its Task capability (helios/debug.h,
 * docs/abi.md "Debugging"), and listing and inspecting the slots of a
 * CSpace. One wrapper per invocation; each returns the kernel's status
 * (E_OK or a negative E_* code) and values the kernel returns in rdx
 * through an optional out pointer. Debug events arrive as IPC messages on
 * the task's debug endpoint: hl_debug_event_decode() turns a received
 * message into a struct hl_debug_event.
 */
#ifndef HL_DEBUG_H
#define HL_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <helios/debug.h>
#include <helios/errors.h>
#include <helios/invocations.h>
#include <hl/ipc.h>

/* Where registers live in the FXSAVE image of struct hl_debug_regs (SDM
 * Vol. 1 10.5.1, table 10-2, 64-bit format). */
#define HL_FX_FCW 0
#define HL_FX_FSW 2
#define HL_FX_FTW 4 /* abridged: one bit per x87 register, 1 = valid */
#define HL_FX_FOP 6
#define HL_FX_FIP 8
#define HL_FX_FDP 16
#define HL_FX_MXCSR 24
#define HL_FX_MXCSR_MASK 28
#define HL_FX_ST(i) (32 + 16 * (i))
#define HL_FX_XMM(i) (160 + 16 * (i))

/* Registers (HL_RIGHT_DEBUG_READ_REGS / WRITE_REGS). */
int hl_debug_read_regs(uint32_t task, struct hl_debug_regs *regs);
int hl_debug_write_regs(uint32_t task, const struct hl_debug_regs *regs);

/* Memory of the target (HL_RIGHT_DEBUG_READ_MEM / WRITE_MEM): at most
 * HL_DEBUG_MEM_MAX bytes; *done (may be NULL) gets the bytes transferred,
 * also with E_NOT_MAPPED. */
int hl_debug_read_mem(uint32_t task, uint64_t addr, void *buf, size_t len, size_t *done);
int hl_debug_write_mem(uint32_t task, uint64_t addr, const void *buf, size_t len, size_t *done);

/* Run control (HL_RIGHT_DEBUG_CONTROL). flags: HL_DEBUG_RESUME_*. */
int hl_debug_suspend(uint32_t task);
int hl_debug_resume(uint32_t task, unsigned flags);
int hl_debug_step(uint32_t task, unsigned flags);

/* Hardware breakpoints and watchpoints (HL_RIGHT_DEBUG_BREAKPOINTS):
 * slot 0-3, kind HL_DEBUG_BP_*, length 1, 2, 4 or 8 (1 for execute). */
int hl_debug_set_breakpoint(uint32_t task, unsigned slot, uint64_t addr, unsigned kind,
                            unsigned length);
int hl_debug_clear_breakpoint(uint32_t task, unsigned slot);

/* The endpoint debug events go to (HL_RIGHT_DEBUG_EVENTS): an Endpoint
 * cptr with WRITE in the caller's CSpace, or HL_CPTR_NONE. */
int hl_debug_set_endpoint(uint32_t task, uint32_t endpoint);

/* CSpace inspection (HL_RIGHT_INSPECT on the CSpace capability): the
 * numbers of up to max non-empty slots from `first` on into out, *count
 * (may be NULL) how many; one slot's description. */
int hl_cspace_list(uint32_t cspace, uint32_t first, uint32_t *out, uint32_t max, uint32_t *count);
int hl_cspace_inspect(uint32_t cspace, uint32_t slot, struct hl_cap_inspect *out);

/* A debug event as the words of its message say (helios/debug.h). */
struct hl_debug_event {
    uint64_t label;  /* HL_LABEL_DEBUG_* */
    uint64_t badge;  /* of the debug endpoint capability */
    uint64_t vector; /* exit code for HL_LABEL_DEBUG_EXIT */
    uint64_t detail; /* error code, or breakpoint slot */
    uint64_t addr;
    uint64_t rip, rsp, rflags;
};

/* Whether m (received on a debug endpoint) is a debug event; fills *ev. */
bool hl_debug_event_decode(const struct hl_msg *m, struct hl_debug_event *ev);

#endif
