/*
 * The debug server's target program, embedded in the root task (it has no
 * other way to reach a boot module's bytes). DS_TARGET_ELF is the path of
 * dbgtarget.elf, given by userland/build.mk.
 */
    .section .rodata
    .balign 16
    .globl ds_target_elf, ds_target_elf_end
ds_target_elf:
    .incbin DS_TARGET_ELF
ds_target_elf_end:

    .section .note.GNU-stack, "", @progbits
