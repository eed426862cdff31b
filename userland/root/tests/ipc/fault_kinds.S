/*
 * Child tasks that take one particular exception at a known instruction,
 * for the fault-message tests (fault.c). Each probe is started by
 * hl_thread_start (rdi = its argument), stores its rsp and rflags in
 * fk_rsp / fk_rflags just before the faulting instruction (so the test
 * has an oracle for the message's rsp and rflags), and marks the faulting
 * instruction with a global label NAME_at (and NAME_after where the CPU
 * reports the next one, as for traps).
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

    /* Flags are not changed by push/pop to memory or mov. */
    .macro record
    pushfq
    popq fk_rflags(%rip)
    movq %rsp, fk_rsp(%rip)
    .endm

    .macro exit code
    movl \code, %edi
    movl $SYS_EXIT, %eax
    syscall
    ud2
    .endm

    .bss
    .balign 8
    .globl fk_rsp, fk_rflags, fk_seen_rsp, fk_seen_rflags
fk_rsp:         .quad 0
fk_rflags:      .quad 0
fk_seen_rsp:    .quad 0
fk_seen_rflags: .quad 0

    .text
probe fk_divide             /* #DE */
    xorl %edx, %edx
    movl $1, %eax
    xorl %ecx, %ecx
    record
mark fk_divide_at
    divl %ecx
    ud2

probe fk_single_step        /* #DB: TF set by popf traps after the next instruction */
    pushfq
    orq $0x100, (%rsp)
    movq %rsp, fk_rsp(%rip)
    addq $8, fk_rsp(%rip)
    popfq
mark fk_single_step_at
    nop
mark fk_single_step_after
    exit $0x55

/* #BP with every general register loaded; after the int3 it checks they
 * all came back and exits with 0x1234, or with 100 + the index of the
 * first that did not. */
probe fk_breakpoint
    movabs $0x1111111111111111, %rax
    movabs $0x2222222222222222, %rbx
    movabs $0x3333333333333333, %rcx
    movabs $0x4444444444444444, %rdx
    movabs $0x5555555555555555, %rsi
    movabs $0x6666666666666666, %rdi
    movabs $0x7777777777777777, %rbp
    movabs $0x8888888888888888, %r8
    movabs $0x9999999999999999, %r9
    movabs $0xaaaaaaaaaaaaaaaa, %r10
    movabs $0xbbbbbbbbbbbbbbbb, %r11
    movabs $0xcccccccccccccccc, %r12
    movabs $0xdddddddddddddddd, %r13
    movabs $0xeeeeeeeeeeeeeeee, %r14
    movabs $0x0f0f0f0f0f0f0f0f, %r15
    record
mark fk_breakpoint_at
    int3
mark fk_breakpoint_after
    .irp reg, rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15
    pushq %\reg
    .endr
    movq %rsp, %rsi
    leaq fk_expected(%rip), %rdx
    movl $14, %ecx              /* 15 registers, the last pushed first */
1:  movq (%rsi), %rax
    cmpq (%rdx,%rcx,8), %rax
    jne 2f
    addq $8, %rsi
    subl $1, %ecx
    jns 1b
    exit $0x1234
2:  leal 100(%rcx), %edi
    movl $SYS_EXIT, %eax
    syscall
    ud2

probe fk_invalid_opcode     /* #UD */
    record
mark fk_invalid_opcode_at
    ud2

probe fk_privileged         /* #GP(0): hlt at CPL 3 */
    record
mark fk_privileged_at
    hlt
    ud2

probe fk_kernel_selector    /* #GP(0x10): the kernel data segment has DPL 0 */
    movl $0x10, %eax
    record
mark fk_kernel_selector_at
    movw %ax, %ds
    ud2

probe fk_stack              /* #SS(0): a non-canonical stack pointer */
    record
    movabs $0x8000000000000000, %rsp
mark fk_stack_at
    pushq %rax
    ud2

probe fk_read               /* #PF: read from rdi */
    record
mark fk_read_at
    movq (%rdi), %rax
    exit $0x66

probe fk_write              /* #PF: write to rdi */
    record
mark fk_write_at
    movq %rax, (%rdi)
    exit $0x67

probe fk_exec               /* #PF: instruction fetch at rdi */
    record
mark fk_exec_at
    jmp *%rdi

/* Where a fault reply sends a task: records the rsp and rflags it runs
 * with, then exits with 0x78. */
probe fk_resume_target
    movq %rsp, fk_seen_rsp(%rip)
    pushfq
    popq fk_seen_rflags(%rip)
    exit $0x78

    .section .rodata
    .balign 8
fk_expected:
    .quad 0x1111111111111111, 0x2222222222222222, 0x3333333333333333, 0x4444444444444444
    .quad 0x5555555555555555, 0x6666666666666666, 0x7777777777777777, 0x8888888888888888
    .quad 0x9999999999999999, 0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb, 0xcccccccccccccccc
    .quad 0xdddddddddddddddd, 0xeeeeeeeeeeeeeeee, 0x0f0f0f0f0f0f0f0f

    .section .note.GNU-stack, "", @progbits
