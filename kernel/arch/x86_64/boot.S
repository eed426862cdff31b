/*
 * Boot entry: multiboot1 and multiboot2 headers, the 32-bit entry point,
 * and the switch to long mode and the higher half.
 *
 * Both loaders enter _start32 in 32-bit protected mode with paging off, the
 * magic in eax and the physical address of the boot information in ebx
 * (Multiboot 0.6.96 section 3.2; Multiboot2 section 3.3). We map the first
 * GiB three times with 2 MiB pages (identity, direct map, -2 GiB kernel
 * window), enable PAE, long mode and NX, and jump to kmain in the higher
 * half. paging_init later replaces these tables with final ones.
 */
#include <arch/layout.h>

#define MB1_MAGIC 0x1badb002
/* page-align modules, memory info, a.out kludge (addresses below) */
#define MB1_FLAGS ((1 << 0) | (1 << 1) | (1 << 16))
#define MB2_MAGIC 0xe85250d6

#define PHYS(sym) ((sym) - KERNEL_VMA)

    .section .multiboot, "a"
    .align 4
mb1_header:
    .long MB1_MAGIC
    .long MB1_FLAGS
    .long -(MB1_MAGIC + MB1_FLAGS)
    .long mb1_header
    .long _kernel_phys_start
    .long _kernel_phys_load_end
    .long _kernel_phys_end
    .long _start32

    .align 8
mb2_header:
    .long MB2_MAGIC
    .long 0                                 /* i386 protected mode */
    .long mb2_header_end - mb2_header
    .long -(MB2_MAGIC + (mb2_header_end - mb2_header))
    /* information request, optional (flags 1) so GRUB boots even if it
     * lacks one: cmdline, modules, basic meminfo, mmap, framebuffer, ACPI */
    .align 8
mb2_info_req:
    .word 1, 1
    .long mb2_info_req_end - mb2_info_req
    .long 1, 3, 4, 6, 8, 14, 15
mb2_info_req_end:
    /* modules page aligned */
    .align 8
    .word 6, 0
    .long 8
    /* end tag */
    .align 8
    .word 0, 0
    .long 8
mb2_header_end:

    .section .boot.data, "aw"
    .align 8
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff                /* 0x08: 64-bit code, DPL 0 */
    .quad 0x00cf92000000ffff                /* 0x10: data, DPL 0 */
boot_gdt_end:
boot_gdtr:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

no_lm_msg:
    .asciz "Helios: this CPU has no long mode; an x86_64 CPU is required\r\n"

    .section .boot.text, "ax"
    .code32
    .globl _start32
_start32:
    cli
    cld
    movl %eax, %esi                         /* magic, kept until kmain */
    movl %ebx, %ebp                         /* boot info physical address */
    movl $PHYS(boot_stack_top), %esp

    movl $0x80000000, %eax
    cpuid
    cmpl $0x80000001, %eax
    jb no_long_mode
    movl $0x80000001, %eax
    cpuid
    btl $29, %edx
    jnc no_long_mode

    /* The tables live in .bss; zero them rather than trust the loader. */
    movl $PHYS(boot_page_tables), %edi
    xorl %eax, %eax
    movl $(4 * 4096 / 4), %ecx
    rep stosl

    /* One page directory of 2 MiB pages covering the first GiB. */
    movl $PHYS(boot_pd), %edi
    movl $0x83, %eax                        /* present, writable, 2 MiB */
    movl $512, %ecx
1:  movl %eax, (%edi)
    addl $0x200000, %eax
    addl $8, %edi
    loop 1b

    movl $(PHYS(boot_pd) + 3), PHYS(boot_pdpt_low)
    movl $(PHYS(boot_pd) + 3), PHYS(boot_pdpt_high) + 510 * 8
    movl $(PHYS(boot_pdpt_low) + 3), PHYS(boot_pml4)
    movl $(PHYS(boot_pdpt_low) + 3), PHYS(boot_pml4) + DIRECT_MAP_PML4_SLOT * 8
    movl $(PHYS(boot_pdpt_high) + 3), PHYS(boot_pml4) + KERNEL_PML4_SLOT * 8

    movl %cr4, %eax
    orl $(1 << 5), %eax                     /* PAE */
    movl %eax, %cr4
    movl $PHYS(boot_pml4), %eax
    movl %eax, %cr3

    /* EFER: long mode enable, and NX enable when CPUID says NX exists. */
    movl $0x80000001, %eax
    cpuid
    movl %edx, %ebx
    movl $0xc0000080, %ecx
    rdmsr
    orl $(1 << 8), %eax
    btl $20, %ebx
    jnc 2f
    orl $(1 << 11), %eax
2:  wrmsr

    movl %cr0, %eax
    orl $0x80010001, %eax                   /* PG, WP, PE */
    movl %eax, %cr0

    lgdt boot_gdtr
    ljmp $0x08, $start64_low

no_long_mode:
    movl $no_lm_msg, %ebx
3:  movb (%ebx), %al
    testb %al, %al
    jz 5f
    movw $0x3fd, %dx                        /* COM1 line status */
4:  inb %dx, %al
    testb $0x20, %al
    jz 4b
    movb (%ebx), %al
    movw $0x3f8, %dx
    outb %al, %dx
    incl %ebx
    jmp 3b
5:  hlt
    jmp 5b

    .code64
start64_low:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    xorl %eax, %eax
    movw %ax, %fs
    movw %ax, %gs
    movabsq $start64_high, %rax
    jmp *%rax

    .section .text.start, "ax"
    .globl start64_high
    .type start64_high, @function
start64_high:
    /* The outermost frame: tell unwinders (gdb, hdb) there is no caller. */
    .cfi_startproc
    .cfi_undefined rip
    movabsq $boot_stack_top, %rsp
    movl %esi, %edi                         /* kmain(magic, info_phys) */
    movl %ebp, %esi
    xorl %ebp, %ebp                         /* ends backtraces */
    call kmain
6:  cli
    hlt
    jmp 6b
    .cfi_endproc
    .size start64_high, . - start64_high

    .section .bss
    .align 4096
    .globl boot_page_tables
boot_page_tables:
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4096
    .align 16
    .globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
    .skip BOOT_STACK_SIZE
boot_stack_top:
