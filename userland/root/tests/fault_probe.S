/*
 * Code for child tasks that must end in a particular exception, or that
 * make a syscall in a state C cannot set up. Each is started by
 * hl_thread_start like any task function and never returns normally.
 */
#include <helios/syscall.h>

    .text
    .macro probe name
    .globl \name
    .type \name, @function
\name:
    .endm

probe fault_divide          /* #DE, vector 0 */
    xor %edx, %edx
    xor %eax, %eax
    xor %ecx, %ecx
    div %ecx
    ud2

probe fault_breakpoint      /* #BP, vector 3: int3 is allowed from ring 3 */
    int3
    ud2

probe fault_invalid_opcode  /* #UD, vector 6 */
    ud2

probe fault_privileged      /* #GP, vector 13: hlt is ring 0 only */
    hlt
    ud2

probe fault_port_io         /* #GP, vector 13: IOPL 0 and no I/O bitmap entry */
    mov $0x70, %dx
    in %dx, %al
    ud2

probe fault_noncanonical    /* #GP, vector 13 */
    movabs $0x8000000000000000, %rax
    mov (%rax), %rax
    ud2

probe fault_kernel_read     /* #PF, vector 14, on a kernel-half address */
    movabs $0xffffffff80000000, %rax
    mov (%rax), %rax
    ud2

/* Syscalls with rsp = 0: the kernel must not touch the user stack. Exits
 * with code 7 if all of them came back. */
probe syscall_without_stack
    xor %esp, %esp
    mov $SYS_YIELD, %eax
    syscall
    mov $SYS_TICKS, %eax
    syscall
    mov $SYS_EXIT, %eax
    mov $7, %edi
    syscall
    ud2

/* Makes a syscall from the last two bytes of the user half: the return
 * address is the first non-canonical address (SDM SYSRET, the 2012
 * sysret bug). rdi = the address of those two bytes. */
probe syscall_at_user_top
    mov $SYS_YIELD, %eax
    jmp *%rdi

    .section .note.GNU-stack, "", @progbits
