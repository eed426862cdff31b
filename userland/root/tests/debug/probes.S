/*
 * Target tasks for the debug tests, in assembly so that each instruction a
 * test stops at has a global label: NAME_at is the instruction, NAME_after
 * the one after it (where traps report). Each probe is started by
 * hl_thread_start with rdi = its argument and ends with SYS_EXIT.
 */
#include <helios/syscall.h>

    .macro probe name
    .globl \name
    .type \name, @function
\name:
    .endm

    .macro mark name
    .globl \name
\name:
    .endm

    .macro exit code
    movl \code, %edi
    movl $SYS_EXIT, %eax
    syscall
    ud2
    .endm

    .text
/* Increments the counter at rdi for ever. */
probe dp_loop
mark dp_loop_at
    incq (%rdi)
    jmp dp_loop_at

/* Loads every general register, xmm0, xmm1 and MXCSR with known values,
 * stops at an int3, then stores what the registers hold afterwards in
 * dp_saved (struct order: rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8-r15),
 * dp_saved_xmm and dp_saved_mxcsr, and exits with 0x31. */
probe dp_regs
    ldmxcsr dp_mxcsr_value(%rip)
    movdqu dp_xmm_values(%rip), %xmm0
    movdqu dp_xmm_values+16(%rip), %xmm1
    movabs $0x1010101010101010, %rax
    movabs $0x2020202020202020, %rbx
    movabs $0x3030303030303030, %rcx
    movabs $0x4040404040404040, %rdx
    movabs $0x5050505050505050, %rsi
    movabs $0x6060606060606060, %rdi
    movabs $0x7070707070707070, %rbp
    movabs $0x8080808080808080, %r8
    movabs $0x9090909090909090, %r9
    movabs $0xa0a0a0a0a0a0a0a0, %r10
    movabs $0xb0b0b0b0b0b0b0b0, %r11
    movabs $0xc0c0c0c0c0c0c0c0, %r12
    movabs $0xd0d0d0d0d0d0d0d0, %r13
    movabs $0xe0e0e0e0e0e0e0e0, %r14
    movabs $0xf0f0f0f0f0f0f0f0, %r15
mark dp_regs_at
    int3
mark dp_regs_after
    movq %rax, dp_saved+0(%rip)
    movq %rbx, dp_saved+8(%rip)
    movq %rcx, dp_saved+16(%rip)
    movq %rdx, dp_saved+24(%rip)
    movq %rsi, dp_saved+32(%rip)
    movq %rdi, dp_saved+40(%rip)
    movq %rbp, dp_saved+48(%rip)
    movq %rsp, dp_saved+56(%rip)
    movq %r8, dp_saved+64(%rip)
    movq %r9, dp_saved+72(%rip)
    movq %r10, dp_saved+80(%rip)
    movq %r11, dp_saved+88(%rip)
    movq %r12, dp_saved+96(%rip)
    movq %r13, dp_saved+104(%rip)
    movq %r14, dp_saved+112(%rip)
    movq %r15, dp_saved+120(%rip)
    movdqu %xmm0, dp_saved_xmm(%rip)
    movdqu %xmm1, dp_saved_xmm+16(%rip)
    stmxcsr dp_saved_mxcsr(%rip)
    exit $0x31

/* Stops at an int3, then runs a few instructions of known length to be
 * single-stepped; exits with eax = 3. */
probe dp_step
    int3
mark dp_step_0
    movl $1, %eax
mark dp_step_1
    addl $2, %eax
mark dp_step_2
    nop
mark dp_step_3
    jmp 1f
    ud2
1:
mark dp_step_4
    movl %eax, %edi
mark dp_step_5
    movl $SYS_EXIT, %eax
    syscall
    ud2

/* Increments the counter at rdi until it reaches 3, then exits with 0x42:
 * a loop for a software breakpoint at dp_patch_at to be stepped over. */
probe dp_patch
1:
mark dp_patch_at
    incq (%rdi)
mark dp_patch_next
    cmpq $3, (%rdi)
    jb 1b
    exit $0x42

/* Stores the byte 0x5a at rdi, then exits with 0x21. */
probe dp_store_byte
mark dp_store_byte_at
    movb $0x5a, (%rdi)
mark dp_store_byte_after
    exit $0x21

/* Loads the quadword at rdi, then exits with 0x22. */
probe dp_load
mark dp_load_at
    movq (%rdi), %rax
mark dp_load_after
    exit $0x22

/* Runs into ud2 (#UD), and exits with 0x23 if resumed past it. */
probe dp_ud
mark dp_ud_at
    ud2
mark dp_ud_after
    exit $0x23

/* Stops at an int3, then yields (a syscall to be single-stepped over)
 * and exits with 0x25. */
probe dp_step_syscall
    int3
mark dp_step_syscall_0
    movl $SYS_YIELD, %eax
mark dp_step_syscall_at
    syscall
mark dp_step_syscall_after
    nop
    exit $0x25

/* Stops at an int3, then waits on the notification whose address is in
 * rdi (a syscall that blocks, to be single-stepped over) and exits with
 * 0x26. */
probe dp_step_recv
    int3
mark dp_step_recv_0
    movl $SYS_RECV, %eax
mark dp_step_recv_at
    syscall
mark dp_step_recv_after
    nop
    exit $0x26

/* Exits with the code in rdi. */
probe dp_exit
mark dp_exit_at
    movl $SYS_EXIT, %eax
    syscall
    ud2

    .section .rodata
    .balign 16
    .globl dp_xmm_values, dp_mxcsr_value
dp_xmm_values:
    .quad 0x0123456789abcdef, 0xfedcba9876543210
    .quad 0x1111222233334444, 0x5555666677778888
dp_mxcsr_value:
    .long 0x7f80 /* all exceptions masked, round toward zero */

    .bss
    .balign 16
    .globl dp_saved, dp_saved_xmm, dp_saved_mxcsr
dp_saved:       .skip 128
dp_saved_xmm:   .skip 32
dp_saved_mxcsr: .skip 4

    .section .note.GNU-stack, "", @progbits
