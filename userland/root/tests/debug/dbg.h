/*
 * Shared by the debug tests: the probes of probes.S, and helpers that
 * start a target task, attach the case to it as its debugger (a debug
 * endpoint) and wait for its debug events. The case task is the debugger;
 * targets are children at the case's priority in the shared CSpace and
 * VSpace, so the case can also check a target's memory directly.
 */
#ifndef DEBUG_DBG_H
#define DEBUG_DBG_H

#include <stdbool.h>
#include <hl/debug.h>
#include <vulcan/vulcan.h>

#define DBG_WAIT_TICKS 200
#define DBG_UNMAPPED 0x0000000050000000ull
#define DBG_KERNEL_ADDR 0xffff800000000000ull /* the direct map */
#define DBG_KERNEL_TEXT 0xffffffff80100000ull /* the kernel image */
#define DBG_NONCANONICAL 0x8000000000000000ull
#define DBG_RFLAGS_TF 0x100
#define DBG_RFLAGS_IF 0x200
#define DBG_RFLAGS_IOPL 0x3000
#define DBG_RFLAGS_NT 0x4000
#define DBG_RFLAGS_VM 0x20000
#define DBG_INT3 0xcc

/* probes.S */
int dp_loop(void *), dp_regs(void *), dp_step(void *), dp_patch(void *);
int dp_store_byte(void *), dp_load(void *), dp_ud(void *), dp_exit(void *), dp_step_syscall(void *);
int dp_step_recv(void *);
extern char dp_loop_at[], dp_regs_at[], dp_regs_after[];
extern char dp_step_0[], dp_step_1[], dp_step_2[], dp_step_3[], dp_step_4[], dp_step_5[];
extern char dp_patch_at[], dp_patch_next[];
extern char dp_store_byte_at[], dp_store_byte_after[], dp_load_at[], dp_load_after[];
extern char dp_ud_at[], dp_ud_after[], dp_exit_at[];
extern char dp_step_syscall_0[], dp_step_syscall_at[], dp_step_syscall_after[];
extern char dp_step_recv_0[], dp_step_recv_at[], dp_step_recv_after[];
extern const uint64_t dp_xmm_values[4];
extern const uint32_t dp_mxcsr_value;
extern uint64_t dp_saved[16], dp_saved_xmm[4];
extern uint32_t dp_saved_mxcsr;

static inline uint64_t dbg_addr(const volatile void *p)
{
    return (uint64_t)(uintptr_t)p;
}

/* A target running fn(arg) at the case's priority; resumed if `resume`. */
uint32_t dbg_target(struct utest_env *env, hl_thread_fn fn, void *arg, bool resume);
/* A fresh endpoint set as task's debug endpoint through a capability
 * minted with `badge`; returns the endpoint (all rights) to receive on. */
uint32_t dbg_attach(struct utest_env *env, uint32_t task, uint64_t badge);
/* A copy of capability cap with only `rights`. */
uint32_t dbg_mint(struct utest_env *env, uint32_t cap, unsigned rights);
/* Waits (polling) for the next message on ep; false after `ticks`. */
bool dbg_poll_event(uint32_t ep, struct hl_debug_event *ev, uint64_t ticks);
/* Waits for an event with this label from task (fatal if none comes);
 * checks that the task is then SUSPENDED and that the event's rip, rsp
 * and rflags are its saved registers. */
struct hl_debug_event dbg_expect(uint32_t ep, uint32_t task, uint64_t label);
/* The task's registers (fatal if they cannot be read). */
struct hl_debug_regs dbg_regs(uint32_t task);
/* Checks that the task exits with `code` within the usual wait. */
void dbg_expect_exit(uint32_t task, uint64_t code);
/* With a debugger attached: the exit event with `code` arrives on ep, and
 * the task ends EXITED with that code (resumed first if the event left it
 * stopped). */
void dbg_expect_exit_event(uint32_t ep, uint32_t task, uint64_t code);
/* Nothing arrives on ep within `ticks`. */
void dbg_expect_no_event(uint32_t ep, uint64_t ticks);
/* Writes a byte into the target's memory; returns the old one. */
uint8_t dbg_poke(uint32_t task, uint64_t addr, uint8_t byte);

#endif
