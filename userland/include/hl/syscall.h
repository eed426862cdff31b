/*
 * Raw system calls (kernel/include/uapi/helios/syscall.h gives the
 * convention): rax = number, arguments in rdi, rsi, rdx, r10, r8, r9; the
 * kernel returns the status in rax and a value in rdx and clobbers only rcx
 * and r11 (the `syscall` instruction itself uses them). Everything else,
 * including the argument registers, comes back unchanged, so they are
 * plain inputs here. "memory" because calls read and write user buffers.
 */
#ifndef HL_SYSCALL_H
#define HL_SYSCALL_H

#include <stdint.h>
#include <helios/syscall.h>

static inline int hl_syscall6(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                              uint64_t a4, uint64_t a5, uint64_t *value)
{
    register uint64_t r10 __asm__("r10") = a3;
    register uint64_t r8 __asm__("r8") = a4;
    register uint64_t r9 __asm__("r9") = a5;
    uint64_t rax = nr;
    uint64_t rdx = a2;

    __asm__ volatile("syscall"
                     : "+a"(rax), "+d"(rdx)
                     : "D"(a0), "S"(a1), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    if (value)
        *value = rdx;
    return (int)(int64_t)rax;
}

/* SYS_INVOKE: cptr and label in rdi/rsi, a0..a3 in rdx, r10, r8, r9. */
static inline int hl_invoke(uint64_t cptr, uint64_t label, uint64_t a0, uint64_t a1, uint64_t a2,
                            uint64_t a3, uint64_t *value)
{
    return hl_syscall6(SYS_INVOKE, cptr, label, a0, a1, a2, a3, value);
}

static inline int hl_debug_puts(const char *s, uint64_t len)
{
    return hl_syscall6(SYS_DEBUG_PUTS, (uint64_t)(uintptr_t)s, len, 0, 0, 0, 0, 0);
}

static inline int hl_yield(void)
{
    return hl_syscall6(SYS_YIELD, 0, 0, 0, 0, 0, 0, 0);
}

static inline uint64_t hl_ticks(void)
{
    uint64_t ticks = 0;

    hl_syscall6(SYS_TICKS, 0, 0, 0, 0, 0, 0, &ticks);
    return ticks;
}

static inline __attribute__((noreturn)) void hl_exit(int64_t code)
{
    hl_syscall6(SYS_EXIT, (uint64_t)code, 0, 0, 0, 0, 0, 0);
    /* SYS_EXIT does not return; if it ever did, fault rather than run on. */
    for (;;)
        __builtin_trap();
}

#endif
