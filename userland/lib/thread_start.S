/*
 * First instruction of every task started with hl_thread_regs: the task's
 * registers hold rdi = argument, rsi = function, rsp = 16-byte aligned
 * stack top. Calling the function (instead of jumping to it) gives it the
 * ABI stack alignment and somewhere to return to: its return value becomes
 * the task's exit code.
 */
#include <helios/syscall.h>

    .text
    .globl hl_thread_start
    .type hl_thread_start, @function
hl_thread_start:
    xor %ebp, %ebp
    call *%rsi
    movslq %eax, %rdi
    mov $SYS_EXIT, %eax
    syscall
    ud2
    .size hl_thread_start, . - hl_thread_start
