/* The register dump printed by panic and by kernel exceptions. */
#include <arch/cpu.h>
#include <arch/trap.h>
#include <kernel/kprintf.h>
#include <kernel/ksym.h>

void trap_dump_regs(const struct trap_frame *f)
{
    char sym[128];

    ksym_format(sym, sizeof(sym), f->rip);
    kprintf("  rip %016lx <%s>\n", f->rip, sym);
    kprintf("  cs  %04lx  ss %04lx  rflags %016lx\n", f->cs, f->ss, f->rflags);
    kprintf("  rax %016lx  rbx %016lx  rcx %016lx\n", f->rax, f->rbx, f->rcx);
    kprintf("  rdx %016lx  rsi %016lx  rdi %016lx\n", f->rdx, f->rsi, f->rdi);
    kprintf("  rbp %016lx  rsp %016lx  r8  %016lx\n", f->rbp, f->rsp, f->r8);
    kprintf("  r9  %016lx  r10 %016lx  r11 %016lx\n", f->r9, f->r10, f->r11);
    kprintf("  r12 %016lx  r13 %016lx  r14 %016lx\n", f->r12, f->r13, f->r14);
    kprintf("  r15 %016lx\n", f->r15);
    kprintf("  cr0 %016lx  cr2 %016lx  cr3 %016lx  cr4 %016lx\n", read_cr0(), read_cr2(),
            read_cr3(), read_cr4());
}
