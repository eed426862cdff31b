/*
 * crowd_wait: the body of each of the crowd's tasks. rdi = the cptr to
 * wait on (endpoint or notification), rsi = struct crowd_counters *.
 * It keeps everything in registers the kernel preserves (rbx, r14), so
 * a thousand tasks can share one stack they never touch.
 */
#include <helios/syscall.h>

    .text
    .globl crowd_wait
crowd_wait:
    movq %rdi, %rbx
    movq %rsi, %r14
    lock incq 8(%r14)                       /* arrived */
1:  movl $SYS_RECV, %eax
    movq %rbx, %rdi
    xorl %esi, %esi
    syscall
    lock incq (%r14)                        /* woken */
    jmp 1b
