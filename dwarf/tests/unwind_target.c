/*
 * The live unwinding target (built -O2 -fomit-frame-pointer, see
 * build.mk, so only CFI can unwind it). Three nested calls record what the
 * program itself knows about its frames -- each function's CFA
 * (__builtin_dwarf_cfa) and return address -- and the innermost captures
 * its registers with a few instructions of assembly and copies the stack
 * above them, for test_unwind.c to unwind offline.
 */
#include "unwind_target.h"

#include <stdint.h>

/*
 * Registers in DWARF order (psABI Figure 3.36) as they are in the caller
 * right after this returns: rsp past the return address, rip the return
 * address. Callee-saved registers are untouched, so they are the caller's.
 */
__asm__(".text\n"
        ".globl unwind_capture\n"
        ".type unwind_capture, @function\n"
        "unwind_capture:\n"
        "    .cfi_startproc\n"
        "    movq %rax, 0(%rdi)\n"
        "    movq %rdx, 8(%rdi)\n"
        "    movq %rcx, 16(%rdi)\n"
        "    movq %rbx, 24(%rdi)\n"
        "    movq %rsi, 32(%rdi)\n"
        "    movq %rdi, 40(%rdi)\n"
        "    movq %rbp, 48(%rdi)\n"
        "    leaq 8(%rsp), %rax\n"
        "    movq %rax, 56(%rdi)\n"
        "    movq %r8, 64(%rdi)\n"
        "    movq %r9, 72(%rdi)\n"
        "    movq %r10, 80(%rdi)\n"
        "    movq %r11, 88(%rdi)\n"
        "    movq %r12, 96(%rdi)\n"
        "    movq %r13, 104(%rdi)\n"
        "    movq %r14, 112(%rdi)\n"
        "    movq %r15, 120(%rdi)\n"
        "    movq (%rsp), %rax\n"
        "    movq %rax, 128(%rdi)\n"
        "    movq 0(%rdi), %rax\n"
        "    ret\n"
        "    .cfi_endproc\n"
        ".size unwind_capture, .-unwind_capture\n");

void unwind_capture(uint64_t regs[UNWIND_NREGS]);

volatile uint64_t unwind_sink;

/* ASan's redzones in the frames above are poisoned: copy around its checks. */
__attribute__((no_sanitize_address, noinline)) static void copy_stack(struct unwind_snapshot *s)
{
    const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)s->regs[7];
    uint64_t n = s->stack_top - s->regs[7];
    if (n > UNWIND_STACK_COPY)
        n = UNWIND_STACK_COPY;
    for (uint64_t i = 0; i < n; i++)
        s->stack[i] = p[i];
    s->stack_base = s->regs[7];
    s->stack_len = n;
}

__attribute__((noinline, noclone)) static void level3(struct unwind_snapshot *s, uint64_t x)
{
    s->cfa[0] = (uint64_t)(uintptr_t)__builtin_dwarf_cfa();
    s->ra[0] = (uint64_t)(uintptr_t)__builtin_return_address(0);
    unwind_capture(s->regs);
    copy_stack(s);
    if (s->after_capture)
        s->after_capture(s);
    unwind_sink += x;
}

__attribute__((noinline, noclone)) static void level2(struct unwind_snapshot *s, uint64_t x)
{
    volatile uint64_t pad[5] = {x, x + 1, x + 2, x + 3, x + 4};
    s->cfa[1] = (uint64_t)(uintptr_t)__builtin_dwarf_cfa();
    s->ra[1] = (uint64_t)(uintptr_t)__builtin_return_address(0);
    level3(s, pad[2] * 3);
    unwind_sink += pad[4];
}

__attribute__((noinline, noclone)) void unwind_level1(struct unwind_snapshot *s, uint64_t x)
{
    uint64_t a = x * 7, b = x ^ 0x55, c = x + 99;
    s->cfa[2] = (uint64_t)(uintptr_t)__builtin_dwarf_cfa();
    s->ra[2] = (uint64_t)(uintptr_t)__builtin_return_address(0);
    level2(s, a);
    /* Live across the call: the compiler keeps these in callee-saved registers. */
    unwind_sink += a * b + c;
}
