/*
 * ptrace_emulate.c: steps a stopped thread over the breakpoint under its
 * pc by emulating the instruction there instead of running it.
 *
 * The usual way over a breakpoint is to lift the int3, single-step and
 * plant it again: a second stop and four more system calls, about half
 * the cost of a conditional breakpoint whose condition is false. Here the
 * instruction (decoded once per breakpoint, emulate.c) runs on a copy of
 * the registers, its one memory access goes through process_vm_readv and
 * process_vm_writev, and the registers are written back: the thread never
 * leaves its stop and the int3 never leaves memory, which also closes the
 * window in which another thread could run past a lifted breakpoint.
 *
 * It declines, changing nothing, whenever the CPU could do something the
 * emulation would not:
 * - a signal is to be delivered: its handler runs before the instruction;
 * - a hardware watchpoint is set: the access might trigger it;
 * - the trap flag is set (the program single-steps itself): the CPU would
 *   trap after the instruction;
 * - the access would fault. process_vm_readv/writev, unlike
 *   /proc/PID/mem and PTRACE_POKEDATA, honour the page protections and
 *   never grow the stack, so a refusal there is where the CPU would fault
 *   (or grow the stack); the single step then lets it do so.
 */
#define _GNU_SOURCE
#include <sys/uio.h>
#include <sys/user.h>

#include <hdb/error.h>

#include "ptrace_int.h"

#define TRAP_FLAG 0x100 /* RFLAGS.TF, SDM Vol. 1, 3.4.3.3 */

/* Decodes the instruction under bp once; false if emulate.c declines it. */
static bool decode_once(struct ptrace_target *pt, struct pt_bp *bp)
{
    if (bp->emu == PT_EMU_UNKNOWN) {
        uint8_t code[EMU_MAX_INSN];
        int n =
            pt_mem_read(pt, bp->addr, code, sizeof(code)); /* int3s read as the bytes under them */
        bool ok = n > 0 && emu_decode(code, (size_t)n, &bp->insn) == 0;
        bp->emu = ok ? PT_EMU_OK : PT_EMU_DECLINED;
    }
    return bp->emu == PT_EMU_OK;
}

static void regs_in(const struct user_regs_struct *u, struct emu_regs *r)
{
    const uint64_t g[16] = {u->rax, u->rcx, u->rdx, u->rbx, u->rsp, u->rbp, u->rsi, u->rdi,
                            u->r8,  u->r9,  u->r10, u->r11, u->r12, u->r13, u->r14, u->r15};
    for (int i = 0; i < 16; i++)
        r->gpr[i] = g[i];
    r->rip = u->rip;
    r->rflags = u->eflags;
    r->fs_base = u->fs_base;
    r->gs_base = u->gs_base;
}

static void regs_out(const struct emu_regs *r, struct user_regs_struct *u)
{
    unsigned long long *g[16] = {&u->rax, &u->rcx, &u->rdx, &u->rbx, &u->rsp, &u->rbp,
                                 &u->rsi, &u->rdi, &u->r8,  &u->r9,  &u->r10, &u->r11,
                                 &u->r12, &u->r13, &u->r14, &u->r15};
    for (int i = 0; i < 16; i++)
        *g[i] = r->gpr[i];
    u->rip = r->rip;
    u->eflags = r->rflags;
}

/* Exactly len bytes at addr of pid's memory, as the CPU may access them. */
static bool transfer(pid_t pid, uint64_t addr, uint8_t *buf, unsigned len, bool write)
{
    struct iovec local = {buf, len}, remote = {(void *)addr, len};
    ssize_t n = write ? process_vm_writev(pid, &local, 1, &remote, 1, 0)
                      : process_vm_readv(pid, &local, 1, &remote, 1, 0);
    return n == (ssize_t)len;
}

static bool watching(const struct ptrace_target *pt)
{
    for (int i = 0; i < PT_WATCH_SLOTS; i++)
        if (pt->watch[i].len)
            return true;
    return false;
}

int pt_emulate_over(struct ptrace_target *pt, struct pt_thread *th, struct pt_bp *bp)
{
    struct user_regs_struct u;
    if (th->deliver_sig || watching(pt) || !decode_once(pt, bp))
        return HDB_E_NOTSUP;
    if (pt_get_user_regs(pt, th->tid, &u) < 0 || u.rip != bp->addr || (u.eflags & TRAP_FLAG))
        return HDB_E_NOTSUP;
    struct emu_regs r;
    struct emu_access acc;
    uint8_t mem[8] = {0};
    regs_in(&u, &r);
    emu_access(&bp->insn, &r, &acc);
    bool reads = acc.kind == EMU_ACC_READ || acc.kind == EMU_ACC_READ_WRITE;
    bool writes = acc.kind == EMU_ACC_WRITE || acc.kind == EMU_ACC_READ_WRITE;
    if (reads && !transfer(th->tid, acc.addr, mem, acc.len, false))
        return HDB_E_NOTSUP;
    /*
     * A breakpoint's byte inside what the instruction reads must read as
     * the program's own byte, as pt_mem_read gives it (code read as data).
     */
    for (int i = 0; reads && i < pt->nbps; i++)
        if (pt->bps[i].addr - acc.addr < acc.len)
            mem[pt->bps[i].addr - acc.addr] = pt->bps[i].orig;
    emu_execute(&bp->insn, &r, mem);
    for (int i = 0; writes && i < pt->nbps; i++)
        if (pt->bps[i].addr - acc.addr < acc.len)
            return HDB_E_NOTSUP; /* a store over an int3: leave it to the CPU and the step */
    if (writes && !transfer(th->tid, acc.addr, mem, acc.len, true))
        return HDB_E_NOTSUP;
    regs_out(&r, &u);
    return pt_set_user_regs(pt, th->tid, &u) < 0 ? HDB_E_IO : 0;
}
