/*
 * Syscall numbers and the register convention (docs/abi.md, "Syscalls").
 *
 * Entry with the `syscall` instruction: rax = number, arguments in rdi, rsi,
 * rdx, r10, r8, r9. On return rax = status (E_OK or a negative E_* code) and
 * rdx = a value where the call has one. rcx and r11 are clobbered (the CPU
 * uses them); every other register is preserved.
 */
#ifndef HELIOS_SYSCALL_H
#define HELIOS_SYSCALL_H

/* Writes rsi bytes at rdi (at most HL_DEBUG_PUTS_MAX) to the kernel console.
 * Errors: E_RANGE (too long), E_FAULT (bad buffer). */
#define SYS_DEBUG_PUTS 1
/* Invokes the capability at address rdi with label rsi (invocations.h) and
 * arguments rdx, r10, r8, r9 (a0..a3). Errors: those of lookup
 * (E_INVALID_CADDR, E_SLOT_EMPTY) and those of the invocation. */
#define SYS_INVOKE 2
/* Gives up the rest of the time slice. Never fails. */
#define SYS_YIELD 3
/* Ends the calling task (state HL_TASK_EXITED) with exit code rdi; the
 * kernel prints a line saying so. Does not return. */
#define SYS_EXIT 4
/* rdx = timer ticks since boot (HL_TICK_HZ per second). Never fails. */
#define SYS_TICKS 5

/* IPC (ipc.h has the register layout). Endpoints: */
#define SYS_SEND 6        /* blocking send; needs WRITE (GRANT to carry capabilities) */
#define SYS_NBSEND 7      /* send only if a receiver waits, else E_WOULD_BLOCK */
#define SYS_CALL 8        /* send, then wait for the reply */
#define SYS_RECV 9        /* wait for a message; needs READ */
#define SYS_POLL 10       /* receive only if a sender waits, else E_WOULD_BLOCK */
#define SYS_REPLY 11      /* reply to the last call received */
#define SYS_REPLY_RECV 12 /* reply, then wait on rdi, in one syscall */
/* On a Notification: SYS_SEND signals (ORs the capability's badge in),
 * SYS_RECV waits until some bit is set and returns and clears them, SYS_POLL
 * returns them or E_WOULD_BLOCK. */

#define HL_DEBUG_PUTS_MAX 4096
#define HL_TICK_HZ 100

#endif
