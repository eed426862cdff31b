/*
 * Interrupt and exception entry. One small stub per vector pushes a zero
 * error code where the CPU pushes none (so every frame has the same shape),
 * pushes the vector and joins trap_common, which saves the general registers
 * as struct trap_frame (arch/trap.h) and calls trap_dispatch.
 */
#include <arch/asm_offsets.h>
#include <arch/gdt.h>
#include <arch/extable.h>

/* Each stub is padded to 16 bytes so the table below can be computed. The
 * CPU pushes an error code for 8, 10-14, 17, 21, 29 and 30 (SDM Vol. 3A
 * 6.13); the others get a zero. */
    .text
    .align 16
    .globl trap_stubs_start
trap_stubs_start:
    .set vec, 0
    .rept 256
    .align 16
    .if !((vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30))
    pushq $0
    .endif
    pushq $vec
    jmp trap_common
    .set vec, vec + 1
    .endr

    .section .rodata
    .align 8
    .globl trap_stub_table
trap_stub_table:
    .set vec, 0
    .rept 256
    .quad trap_stubs_start + vec * 16
    .set vec, vec + 1
    .endr

    .macro PUSH_GPRS
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    .endm

    .macro POP_GPRS
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    .endm

/*
 * From user mode the CPU switched to TSS.rsp0, which the scheduler points at
 * the end of the current task's frame: the whole user state is saved into
 * the task (seL4-style), then we move to the per-CPU kernel stack. From
 * kernel mode (the idle loop, or a kernel fault) the frame is on the stack
 * we were on.
 */
    .text
trap_common:
    testb $3, 16 + 8(%rsp)                  /* CS of the frame: past vector and error */
    jnz trap_from_user
    PUSH_GPRS
    cld
    movq %rsp, %rdi
    call trap_dispatch
    POP_GPRS
    addq $16, %rsp
    iretq

trap_from_user:
    PUSH_GPRS
    swapgs
    cld
    movq %rsp, %rdi
    movq %gs:PERCPU_KSTACK, %rsp
    xorl %ebp, %ebp
    call trap_user
    jmp return_to_user

/*
 * syscall: rcx = user rip, r11 = user rflags, interrupts off (SFMASK).
 * Build the same frame an interrupt would, directly in the task.
 */
    .globl syscall_entry
syscall_entry:
    swapgs
    movq %rsp, %gs:PERCPU_USER_RSP
    movq %gs:PERCPU_CURRENT, %rsp
    addq $TASK_FRAME_END, %rsp
    pushq $SEL_UDATA
    pushq %gs:PERCPU_USER_RSP
    pushq %r11
    pushq $SEL_UCODE
    pushq %rcx
    pushq $0
    pushq $VEC_SYSCALL
    PUSH_GPRS
    cld
    movq %gs:PERCPU_KSTACK, %rsp
    xorl %ebp, %ebp
    call syscall_dispatch
    /* fall through */

/* Leave the kernel into whichever task the scheduler chooses. */
    .globl return_to_user
return_to_user:
    call sched_return_frame                 /* rax = the frame to restore */
    movq %rax, %rsp
    POP_GPRS
    addq $16, %rsp
    swapgs
    iretq

/*
 * void arch_capture_regs(struct trap_frame *f): the caller's registers as
 * they are at the call, with rip = the return address and rsp = the
 * caller's rsp after the return. Used by panic() for its register dump.
 */
    .globl arch_capture_regs
arch_capture_regs:
    movq %r15, 0(%rdi)
    movq %r14, 8(%rdi)
    movq %r13, 16(%rdi)
    movq %r12, 24(%rdi)
    movq %r11, 32(%rdi)
    movq %r10, 40(%rdi)
    movq %r9, 48(%rdi)
    movq %r8, 56(%rdi)
    movq %rbp, 64(%rdi)
    movq %rdi, 72(%rdi)
    movq %rsi, 80(%rdi)
    movq %rdx, 88(%rdi)
    movq %rcx, 96(%rdi)
    movq %rbx, 104(%rdi)
    movq %rax, 112(%rdi)
    movq $0, 120(%rdi)                      /* vector */
    movq $0, 128(%rdi)                      /* error */
    movq (%rsp), %rax
    movq %rax, 136(%rdi)                    /* rip */
    movq %cs, %rax
    movq %rax, 144(%rdi)
    pushfq
    popq %rax
    movq %rax, 152(%rdi)
    leaq 8(%rsp), %rax
    movq %rax, 160(%rdi)                    /* rsp */
    movq %ss, %rax
    movq %rax, 168(%rdi)
    movq 112(%rdi), %rax
    ret

/*
 * size_t arch_copy_safe(void *dst, const void *src, size_t n)
 * rep movsb is restartable: when it faults, rcx holds the bytes not yet
 * copied, which is exactly what we return.
 */
    .globl arch_copy_safe
arch_copy_safe:
    movq %rdx, %rcx
1:  rep movsb
2:  movq %rcx, %rax
    ret
    .pushsection __ex_table, "a"
    .balign 8
    .quad 1b, 2b
    .popsection
