/*
 * Per-CPU setup for entering and leaving user mode: the GS base (swapgs
 * gives the kernel its struct percpu), the syscall MSRs, the kernel stack,
 * and the control-register bits user tasks need (FXSAVE for their SSE state,
 * SMEP so the kernel never runs user code).
 */
#include <arch/asm_offsets.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/trap.h>
#include <kernel/percpu.h>

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_SFMASK 0xc0000084
#define MSR_KERNEL_GS_BASE 0xc0000102
#define EFER_SCE (1u << 0)

#define CR0_MP (1ull << 1)
#define CR0_EM (1ull << 2)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define CR4_SMEP (1ull << 20)

_Static_assert(offsetof(struct percpu, kernel_stack_top) == PERCPU_KSTACK, "asm offset");
_Static_assert(offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "asm offset");
_Static_assert(offsetof(struct percpu, current) == PERCPU_CURRENT, "asm offset");
_Static_assert(offsetof(struct task, frame) == 0, "asm: frame first in struct task");
_Static_assert(sizeof(struct trap_frame) == TASK_FRAME_END, "asm offset");
_Static_assert(offsetof(struct trap_frame, cs) == FRAME_CS, "asm offset");

#define KERNEL_STACK_SIZE 16384

struct percpu cpu0;
static uint8_t cpu0_stack[KERNEL_STACK_SIZE] __attribute__((aligned(16)));

extern char syscall_entry[];

void percpu_init(void)
{
    struct percpu *c = &cpu0;
    uint32_t r[4];

    c->self = c;
    c->kernel_stack_top = (uint64_t)(uintptr_t)(cpu0_stack + KERNEL_STACK_SIZE);
    wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)c);
    wrmsr(MSR_KERNEL_GS_BASE, 0);

    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    /* SYSRET would take CS = base + 16 and SS = base + 8 (SDM SYSRET). */
    wrmsr(MSR_STAR, ((uint64_t)(SEL_UCODE32 & ~3) << 48) | ((uint64_t)SEL_KCODE << 32));
    wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)syscall_entry);
    /* Clear IF, TF, DF, AC and NT on entry. */
    wrmsr(MSR_SFMASK, RFLAGS_IF | (1ul << 8) | (1ul << 10) | (1ul << 18) | (1ul << 14));

    write_cr0((read_cr0() | CR0_MP) & ~CR0_EM);
    uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
    cpuid(7, 0, r);
    if (r[1] & (1u << 7))
        cr4 |= CR4_SMEP;
    write_cr4(cr4);
}

void percpu_load_user_bases(uint64_t fs_base, uint64_t gs_base)
{
    wrmsr(MSR_FS_BASE, fs_base);
    wrmsr(MSR_KERNEL_GS_BASE, gs_base); /* swapgs on the way out makes it the GS base */
}
