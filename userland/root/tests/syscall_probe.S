/*
 * int syscall_probe(uint64_t nr, const uint64_t in[12], uint64_t out[12])
 *
 * Loads rbx, rbp, rdi, rsi, r8, r9, r10, r12, r13, r14, r15, rdx from in[],
 * makes syscall nr, and stores the same registers to out[] as the kernel
 * left them; returns rax. Assembly because C cannot pin every register
 * across the instruction (syscall.c checks what the ABI preserves).
 */
    .text
    .globl syscall_probe
    .type syscall_probe, @function
syscall_probe:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    push %rdx                   /* out */
    mov %rdi, %rax
    mov 0(%rsi), %rbx
    mov 8(%rsi), %rbp
    mov 16(%rsi), %rdi
    mov 32(%rsi), %r8
    mov 40(%rsi), %r9
    mov 48(%rsi), %r10
    mov 56(%rsi), %r12
    mov 64(%rsi), %r13
    mov 72(%rsi), %r14
    mov 80(%rsi), %r15
    mov 88(%rsi), %rdx
    mov 24(%rsi), %rsi
    syscall
    push %rax                   /* status; out is now at 8(%rsp) */
    mov 8(%rsp), %rax
    mov %rbx, 0(%rax)
    mov %rbp, 8(%rax)
    mov %rdi, 16(%rax)
    mov %rsi, 24(%rax)
    mov %r8, 32(%rax)
    mov %r9, 40(%rax)
    mov %r10, 48(%rax)
    mov %r12, 56(%rax)
    mov %r13, 64(%rax)
    mov %r14, 72(%rax)
    mov %r15, 80(%rax)
    mov %rdx, 88(%rax)
    pop %rax
    add $8, %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret
    .size syscall_probe, . - syscall_probe
    .section .note.GNU-stack, "", @progbits
