/*
 * IPC: endpoints (synchronous messages), notifications (asynchronous bits),
 * fault messages and the IPC buffer. docs/abi.md, "IPC", is the prose.
 *
 * A message is a message info word (label, length, capability count,
 * flags) and up to HL_MSG_MAX_WORDS words: the first HL_MSG_REG_WORDS
 * travel in registers, the rest in the IPC buffers of sender and receiver.
 *
 * IPC syscalls take rdi = cptr, rsi = message info, and the register words
 * in rdx, r10, r8, r9, r12, r13 (MR0..MR5). A call that receives returns
 * rax = status, rdi = badge, rsi = message info and the words in the same
 * registers; one that only sends returns rax = status and preserves the rest.
 */
#ifndef HELIOS_IPC_H
#define HELIOS_IPC_H

#include <stdint.h>

#define HL_MSG_REG_WORDS 6
#define HL_MSG_MAX_WORDS 64
#define HL_MSG_MAX_CAPS 3

/* Message info: label << 16 | flags << 12 | caps << 8 | length, with
 * length in bits 0-7 (at most 64), caps in bits 8-9, bits 10-11 reserved
 * and the flags (bits 12-15) set only by the kernel: a sender setting any
 * of bits 10-15 gets E_INVALID_ARG. */
#define HL_MSGINFO(label, caps, length)                                                            \
    (((uint64_t)(label) << 16) | ((uint64_t)(caps) << 8) | (uint64_t)(length))
#define HL_MSGINFO_LENGTH(m) ((unsigned)((m)&0xff))
#define HL_MSGINFO_RESERVED 0xfc00ull
#define HL_MSGINFO_CAPS(m) ((unsigned)(((m) >> 8) & 0x3))
#define HL_MSGINFO_FLAGS(m) ((unsigned)(((m) >> 12) & 0xf))
#define HL_MSGINFO_LABEL(m) ((uint64_t)(m) >> 16)

/* Flags the kernel sets in a received message info. */
#define HL_MSG_FLAG_CAPS_DROPPED 0x1 /* some capabilities could not be received */
#define HL_MSG_FLAG_NOTIFICATION 0x2 /* a bound notification, not a message: rdi = its bits */

/*
 * The IPC buffer: one page per task (Task configure). Words from
 * HL_MSG_REG_WORDS on travel here; so do the capabilities a message carries
 * (cptrs in the sender's CSpace) and where the receiver wants them (slots in
 * its own CSpace).
 */
struct hl_ipc_buffer {
    uint64_t mr[HL_MSG_MAX_WORDS]; /* mr[0..5] are not used: they travel in registers */
    uint32_t send_caps[HL_MSG_MAX_CAPS];
    uint32_t recv_slots[HL_MSG_MAX_CAPS];
    uint64_t recv_badges[HL_MSG_MAX_CAPS]; /* badges of the capabilities received */
};

/*
 * Faults. A task that faults and has a fault endpoint (Task configure) is
 * blocked and the kernel sends, as if the task had made a Call:
 *   label HL_LABEL_FAULT, length 6, badge of the fault endpoint capability,
 *   MR0 vector, MR1 error code, MR2 fault address (CR2 for #PF, else 0),
 *   MR3 rip, MR4 rsp, MR5 rflags.
 * The handler's reply resumes the task (label HL_FAULT_RESUME): with
 * length >= 1 MR0 becomes its rip, >= 2 MR1 its rsp, >= 3 MR2 its rflags
 * (checked like Task write regs). Label HL_FAULT_SUSPEND leaves it
 * suspended. Without a fault endpoint (or if sending fails) the task
 * becomes FAULTED and the kernel prints a line.
 */
#define HL_LABEL_FAULT 1
#define HL_FAULT_RESUME 0
#define HL_FAULT_SUSPEND 1
#define HL_FAULT_MSG_LENGTH 6

#endif
