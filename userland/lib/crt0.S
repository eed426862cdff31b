/*
 * Entry of a user program. The kernel starts it with rdi = the boot info
 * page (root task) and rsp 16-byte aligned, so `call` leaves main with the
 * alignment the SysV ABI promises; main's return value becomes the exit
 * code.
 */
#include <helios/syscall.h>

    .section .text.entry, "ax"
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp              /* end of the frame-pointer chain */
    call main
    movslq %eax, %rdi
    mov $SYS_EXIT, %eax
    syscall
    ud2                         /* SYS_EXIT does not return */
    .size _start, . - _start
