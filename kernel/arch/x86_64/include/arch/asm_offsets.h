/*
 * Structure offsets used by assembly. arch/x86_64/percpu.c checks each one
 * against the C structure with _Static_assert, so they cannot drift.
 */
#ifndef ARCH_ASM_OFFSETS_H
#define ARCH_ASM_OFFSETS_H

#define PERCPU_KSTACK 8
#define PERCPU_USER_RSP 16
#define PERCPU_CURRENT 24
#define TASK_FRAME_END 176 /* sizeof(struct trap_frame): the frame is first in struct task */
#define FRAME_CS 144       /* offsetof(struct trap_frame, cs) */
#define VEC_SYSCALL 256    /* trap_frame.vector of a syscall entry */

#endif
