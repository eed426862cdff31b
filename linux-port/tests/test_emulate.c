/*
 * test_emulate.c: emulate.c against the CPU it stands in for.
 *
 * A child process stops under ptrace with three shared pages at a fixed
 * address: data page A, the code page, data page B (RIP-relative operands
 * reach either data page from the code page). Each case writes one
 * instruction into the code page, random registers (those that form the
 * address aimed into a data page) and random data, single-steps the child
 * and compares its registers and data pages with what emu_decode,
 * emu_access and emu_execute make of the same start. The instructions come
 * from the encodings emulate.c lists (test_emulate_gen.c), enumerated
 * over every ModRM and SIB byte, and from random bytes emu_decode accepts,
 * aimed by capstone's reading of their operand. test_emulate_decline.c
 * has what emu_decode must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include <capstone/capstone.h>
#include <hdb/error.h>

#include "test_emulate.h"

/* The child and its pages. */
static uint8_t *area;
static pid_t child;
static struct user_regs_struct child_regs; /* its segment registers, kept as they are */
static csh cs;

/* The messages and failed cases of the running test: the first 20 messages are printed. */
static unsigned reports, failed_cases;

uint8_t *data_page(unsigned k)
{
    return area + (k ? 2 * PAGE : 0);
}

uint64_t code_addr(void)
{
    return (uint64_t)(uintptr_t)area + PAGE;
}

/* Prints the instruction (bytes, capstone's reading) and why the case failed. */
static void report(const struct tcase *c, const char *fmt, ...)
{
    if (++reports > 20)
        return;
    char hex[3 * sizeof c->code + 1] = "";
    for (unsigned i = 0; i < c->len; i++)
        snprintf(hex + 3 * i, 4, "%02x ", c->code[i]);
    cs_insn *insn;
    char text[sizeof insn->mnemonic + sizeof insn->op_str + 1] = "(capstone: invalid)";
    if (cs_disasm(cs, c->code, c->len, code_addr(), 1, &insn) == 1) {
        snprintf(text, sizeof text, "%s %s", insn->mnemonic, insn->op_str);
        cs_free(insn, 1);
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    print_message("%s[%s]: %s\n", hex, text, msg);
}

static int start_child(void **state)
{
    (void)state;
    /* Below 2 GiB, where AddressSanitizer leaves the address space to the program. */
    static const uintptr_t candidates[] = {0x40000000, 0x50000000, 0x30000000};
    area = MAP_FAILED;
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates && area == MAP_FAILED; i++)
        area = mmap((void *)candidates[i], 3 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (area == MAP_FAILED)
        return -1;
    child = fork();
    if (child < 0)
        return -1;
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0)
            raise(SIGSTOP);
        _exit(127);
    }
    int st;
    if (waitpid(child, &st, 0) != child || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP)
        return -1;
    if (ptrace(PTRACE_SETOPTIONS, child, NULL, (void *)(uintptr_t)PTRACE_O_EXITKILL) ||
        ptrace(PTRACE_GETREGS, child, NULL, &child_regs))
        return -1;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK ||
        cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON) != CS_ERR_OK)
        return -1;
    return 0;
}

static int stop_child(void **state)
{
    (void)state;
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    munmap(area, 3 * PAGE);
    cs_close(&cs);
    return 0;
}

/* The general register i (enum emu_gpr) in user_regs_struct. */
static unsigned long long *user_gpr(struct user_regs_struct *u, unsigned i)
{
    unsigned long long *const regs[16] = {&u->rax, &u->rcx, &u->rdx, &u->rbx, &u->rsp, &u->rbp,
                                          &u->rsi, &u->rdi, &u->r8,  &u->r9,  &u->r10, &u->r11,
                                          &u->r12, &u->r13, &u->r14, &u->r15};
    return regs[i];
}

static void to_user(const struct emu_regs *r, struct user_regs_struct *u)
{
    *u = child_regs;
    for (unsigned i = 0; i < 16; i++)
        *user_gpr(u, i) = r->gpr[i];
    /* Not in a system call: no restart may move rip back (arch/x86 signal.c). */
    u->orig_rax = ~0ull;
    u->rip = r->rip;
    u->eflags = r->rflags;
    u->fs_base = r->fs_base;
    u->gs_base = r->gs_base;
}

static void from_user(struct user_regs_struct *u, struct emu_regs *r)
{
    for (unsigned i = 0; i < 16; i++)
        r->gpr[i] = *user_gpr(u, i);
    r->rip = u->rip;
    r->rflags = u->eflags;
    r->fs_base = u->fs_base;
    r->gs_base = u->gs_base;
}

/* Single-steps the child from r0 into *r; false if it stopped for anything but the trap. */
static bool cpu_step(const struct tcase *c, const struct emu_regs *r0, struct emu_regs *r)
{
    struct user_regs_struct u;
    to_user(r0, &u);
    if (ptrace(PTRACE_SETREGS, child, NULL, &u)) {
        report(c, "PTRACE_SETREGS: %m");
        return false;
    }
    int st;
    if (ptrace(PTRACE_SINGLESTEP, child, NULL, NULL) || waitpid(child, &st, 0) != child)
        fail_msg("single step: %m");
    if (!WIFSTOPPED(st))
        fail_msg("the child is gone (status %#x)", st);
    if (ptrace(PTRACE_GETREGS, child, NULL, &u))
        fail_msg("PTRACE_GETREGS: %m");
    from_user(&u, r);
    if (WSTOPSIG(st) != SIGTRAP) {
        report(c, "the CPU stopped with signal %d at %#llx", WSTOPSIG(st), u.rip);
        return false;
    }
    return true;
}

/* The bytes [addr, addr+len) in the copy of the data pages; NULL outside them. */
static uint8_t *copy_at(uint8_t copy[2][PAGE], uint64_t addr, unsigned len)
{
    for (unsigned k = 0; k < 2; k++) {
        uint64_t page = (uint64_t)(uintptr_t)data_page(k);
        if (addr >= page && addr - page <= PAGE - len)
            return copy[k] + (addr - page);
    }
    return NULL;
}

/*
 * Runs c through emulate.c from r (in place), on copy (the data pages);
 * false if it declines, decodes another length or names memory outside
 * the data pages. The code is in a buffer of its exact size, so that
 * AddressSanitizer sees a read past it.
 */
static bool emu_run(const struct tcase *c, struct emu_regs *r, uint8_t copy[2][PAGE],
                    struct emu_access *acc)
{
    uint8_t *code = malloc(c->len);
    assert_non_null(code);
    memcpy(code, c->code, c->len);
    struct emu_insn in;
    int rc = emu_decode(code, c->len, &in);
    free(code);
    if (rc != 0 || in.len != c->len) {
        report(c, "emu_decode: %d, length %u", rc, in.len);
        return false;
    }
    /* With the bytes that follow it in memory too. */
    uint8_t longer[15];
    struct emu_insn in2;
    for (unsigned i = 0; i < sizeof longer; i++)
        longer[i] = i < c->len ? c->code[i] : (uint8_t)rnd();
    if (emu_decode(longer, sizeof longer, &in2) != 0 || in2.len != c->len) {
        report(c, "emu_decode with bytes after it: length %u", in2.len);
        return false;
    }
    emu_access(&in, r, acc);
    if (acc->kind != c->acc_kind ||
        (c->acc_kind && (acc->len != c->acc_len || acc->addr != c->acc_addr))) {
        report(c, "emu_access: kind %u, %u bytes at %#llx, not kind %u, %u bytes at %#llx",
               acc->kind, acc->len, (unsigned long long)acc->addr, c->acc_kind, c->acc_len,
               (unsigned long long)c->acc_addr);
        return false;
    }
    uint8_t mem[8] = {0}, *p = NULL;
    if (acc->kind != EMU_ACC_NONE) {
        p = copy_at(copy, acc->addr, acc->len);
        if (!p) {
            report(c, "emu_access: %u bytes at %#llx, outside the data pages", acc->len,
                   (unsigned long long)acc->addr);
            return false;
        }
        if (acc->kind != EMU_ACC_WRITE)
            memcpy(mem, p, acc->len);
    }
    emu_execute(&in, r, mem);
    if (acc->kind == EMU_ACC_WRITE || acc->kind == EMU_ACC_READ_WRITE)
        memcpy(p, mem, acc->len);
    return true;
}

static const char *const gpr_names[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                          "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};

/* Compares the CPU's result with the emulator's: GPRs, rip, arithmetic flags, data. */
static void compare(const struct tcase *c, const struct emu_regs *r0, const struct emu_regs *cpu,
                    const struct emu_regs *emu, uint8_t copy[2][PAGE])
{
    for (unsigned i = 0; i < 16; i++)
        if (cpu->gpr[i] != emu->gpr[i])
            report(c, "%s: cpu %#llx, emulator %#llx (before %#llx)", gpr_names[i],
                   (unsigned long long)cpu->gpr[i], (unsigned long long)emu->gpr[i],
                   (unsigned long long)r0->gpr[i]);
    if (cpu->rip != emu->rip)
        report(c, "rip: cpu %#llx, emulator %#llx (before %#llx)", (unsigned long long)cpu->rip,
               (unsigned long long)emu->rip, (unsigned long long)r0->rip);
    if (cpu->fs_base != emu->fs_base || cpu->gs_base != emu->gs_base)
        report(c, "fs_base, gs_base: cpu %#llx %#llx, emulator %#llx %#llx",
               (unsigned long long)cpu->fs_base, (unsigned long long)cpu->gs_base,
               (unsigned long long)emu->fs_base, (unsigned long long)emu->gs_base);
    if ((cpu->rflags ^ emu->rflags) & EMU_ARITH_FLAGS)
        report(c, "rflags: cpu %#llx, emulator %#llx (before %#llx)",
               (unsigned long long)cpu->rflags, (unsigned long long)emu->rflags,
               (unsigned long long)r0->rflags);
    for (unsigned k = 0; k < 2; k++) {
        if (!memcmp(data_page(k), copy[k], PAGE))
            continue;
        unsigned i = 0;
        while (data_page(k)[i] == copy[k][i])
            i++;
        report(c, "memory at %#llx: cpu %02x, emulator %02x",
               (unsigned long long)(uintptr_t)(data_page(k) + i), data_page(k)[i], copy[k][i]);
    }
}

/* nop with a register operand (0F 1F /0, mod 11), which capstone 4 does not decode. */
static bool register_nop(const struct tcase *c)
{
    for (unsigned i = 0; i + 2 < c->len; i++)
        if (c->code[i] == 0x0f && c->code[i + 1] == 0x1f && c->code[i + 2] >= 0xc0)
            return true;
    return false;
}

static void cs_check_length(const struct tcase *c)
{
    cs_insn *insn;
    size_t n = cs_disasm(cs, c->code, c->len, code_addr(), 1, &insn);
    if (n == 0 && register_nop(c))
        return;
    if (n != 1 || insn->size != c->len)
        report(c, "capstone: length %u", n == 1 ? insn->size : 0);
    if (n)
        cs_free(insn, n);
}

/* Writes the instruction, then an int3, at r0's rip (in the code page). */
static void place_code(const struct tcase *c, const struct emu_regs *r0)
{
    uint8_t *at = area + PAGE + (r0->rip - code_addr());
    memcpy(at, c->code, c->len);
    at[c->len] = 0xcc;
}

/* One case from r0 and the data pages as they are: the CPU against emulate.c. */
void run_case(const struct tcase *c, const struct emu_regs *r0)
{
    static uint8_t copy[2][PAGE];
    memcpy(copy[0], data_page(0), PAGE);
    memcpy(copy[1], data_page(1), PAGE);
    place_code(c, r0);
    cs_check_length(c);
    struct emu_regs cpu, emu = *r0;
    struct emu_access acc;
    unsigned before = reports;
    if (cpu_step(c, r0, &cpu) && emu_run(c, &emu, copy, &acc))
        compare(c, r0, &cpu, &emu, copy);
    failed_cases += reports != before;
}

/* Runs the cases gen makes; the test fails if any of them did. */
static void run_cases(unsigned (*gen)(void), const char *what)
{
    reports = failed_cases = 0;
    unsigned n = gen();
    if (failed_cases)
        fail_msg("%u of %u cases of %s failed", failed_cases, n, what);
    print_message("%u cases of %s\n", n, what);
}

/* ---- the cases ----------------------------------------------------------- */

static void test_cpu_modrm_forms(void **state)
{
    (void)state;
    run_cases(gen_modrm_forms, "instructions with ModRM");
}

static void test_cpu_sib_forms(void **state)
{
    (void)state;
    run_cases(gen_sib_forms, "SIB bytes");
}

static void test_cpu_short_forms(void **state)
{
    (void)state;
    run_cases(gen_short_forms, "instructions without ModRM");
}

static void test_cpu_branches(void **state)
{
    (void)state;
    run_cases(gen_branches, "jumps");
}

static void test_cpu_random(void **state)
{
    (void)state;
    run_cases(gen_random, "random instructions");
}

/* enum emu_gpr of a capstone register; -1 for others. */
static int cs_gpr(x86_reg reg)
{
    static const x86_reg regs[16] = {X86_REG_RAX, X86_REG_RCX, X86_REG_RDX, X86_REG_RBX,
                                     X86_REG_RSP, X86_REG_RBP, X86_REG_RSI, X86_REG_RDI,
                                     X86_REG_R8,  X86_REG_R9,  X86_REG_R10, X86_REG_R11,
                                     X86_REG_R12, X86_REG_R13, X86_REG_R14, X86_REG_R15};
    for (int i = 0; i < 16; i++)
        if (regs[i] == reg)
            return i;
    return -1;
}

/* c's memory operand as capstone reads it; false if it has one this test cannot aim. */
static bool cs_memop(struct tcase *c)
{
    cs_insn *insn;
    if (cs_disasm(cs, c->code, c->len, code_addr(), 1, &insn) != 1)
        return false;
    const cs_x86 *x = &insn->detail->x86;
    bool ok = true;
    c->stack = insn->id == X86_INS_PUSH    ? ST_PUSH
               : insn->id == X86_INS_POP   ? ST_POP
               : insn->id == X86_INS_LEAVE ? ST_LEAVE
                                           : ST_NONE;
    c->m = (struct memop){.base = -1, .index = -1, .scale = 1, .disp_at = -1};
    for (unsigned i = 0; i < x->op_count; i++) {
        const cs_x86_op *op = &x->operands[i];
        if (op->type != X86_OP_MEM)
            continue;
        c->m.present = true;
        c->m.rip_rel = op->mem.base == X86_REG_RIP;
        c->m.base = (int8_t)cs_gpr(op->mem.base);
        c->m.index = (int8_t)cs_gpr(op->mem.index);
        c->m.scale = (uint8_t)op->mem.scale;
        c->m.disp = op->mem.disp;
        c->m.seg = op->mem.segment == X86_REG_FS ? 0x64 : op->mem.segment == X86_REG_GS ? 0x65 : 0;
        c->m.size = insn->id == X86_INS_LEA || insn->id == X86_INS_NOP ? 0 : op->size;
        bool read = op->access & CS_AC_READ, write = op->access & CS_AC_WRITE;
        c->m.kind = read && write ? EMU_ACC_READ_WRITE
                    : write       ? EMU_ACC_WRITE
                    : read        ? EMU_ACC_READ
                                  : EMU_ACC_NONE;
        ok = ok && (op->mem.base == X86_REG_INVALID || c->m.rip_rel || c->m.base >= 0) &&
             (op->mem.index == X86_REG_INVALID || op->mem.index == X86_REG_RIZ || c->m.index >= 0);
    }
    cs_free(insn, 1);
    return ok;
}

/*
 * Random bytes that emu_decode takes, run on the CPU: what it accepts
 * outside the encodings test_emulate_gen.c builds.
 */
static unsigned gen_accepted_random_bytes(void)
{
    unsigned n = 0, tries = 0;
    while (n < 3000 && ++tries < 2000000) {
        struct tcase c = {0};
        struct emu_insn in;
        random_bytes(c.code, sizeof c.code);
        if (emu_decode(c.code, sizeof c.code, &in) != 0)
            continue;
        c.len = in.len;
        struct emu_regs r0;
        if (!cs_memop(&c) || !prepare(&c, &r0))
            continue;
        run_case(&c, &r0);
        n++;
    }
    return n;
}

static void test_cpu_accepted_random_bytes(void **state)
{
    (void)state;
    run_cases(gen_accepted_random_bytes, "random bytes emu_decode accepts");
}

/*
 * emu_access names the bytes the CPU writes: the data pages filled with
 * 00 and then with ff, a byte the store reaches changes in one of the runs.
 */
static void test_access_names_the_bytes_written(void **state)
{
    (void)state;
    /* Stores only: what add or sub writes can be what was there. */
    static const uint8_t stores[] = {0x88, 0x89, 0xc6, 0xc7, 0x50};
    unsigned n = 0;
    for (unsigned i = 0; i < 400; i++) {
        struct tcase c;
        struct emu_regs r0, r;
        gen_store(stores[i % sizeof stores], &c);
        assert_true(prepare(&c, &r0));
        place_code(&c, &r0);
        bool written[2][PAGE] = {{false}};
        for (int fill = 0; fill <= 0xff; fill += 0xff) {
            memset(data_page(0), fill, PAGE);
            memset(data_page(1), fill, PAGE);
            if (!cpu_step(&c, &r0, &r))
                fail_msg("the store faulted");
            for (unsigned k = 0; k < 2; k++)
                for (unsigned j = 0; j < PAGE; j++)
                    written[k][j] |= data_page(k)[j] != fill;
        }
        struct emu_insn in;
        struct emu_access acc;
        assert_int_equal(emu_decode(c.code, c.len, &in), 0);
        emu_access(&in, &r0, &acc);
        assert_true(acc.kind == EMU_ACC_WRITE || acc.kind == EMU_ACC_READ_WRITE);
        for (unsigned k = 0; k < 2; k++)
            for (unsigned j = 0; j < PAGE; j++) {
                uint64_t a = (uint64_t)(uintptr_t)(data_page(k) + j);
                bool named = a >= acc.addr && a - acc.addr < acc.len;
                if (named != written[k][j]) {
                    report(&c, "%#llx: written by the CPU %d, named by emu_access %d",
                           (unsigned long long)a, written[k][j], named);
                    fail();
                }
            }
        n++;
    }
    print_message("%u stores\n", n);
}

/*
 * emu_access names the bytes the CPU reads: a 64-bit load from data
 * pages whose bytes hold the low, then the high bits of their own offset.
 */
static void test_access_names_the_bytes_read(void **state)
{
    (void)state;
    for (unsigned i = 0; i < 400; i++) {
        struct tcase c;
        struct emu_regs r0, r;
        gen_load64(&c);
        assert_true(prepare(&c, &r0));
        place_code(&c, &r0);
        uint64_t loaded[2]; /* the low bits of the offsets, then page and high bits */
        for (unsigned run = 0; run < 2; run++) {
            for (unsigned k = 0; k < 2; k++)
                for (unsigned j = 0; j < PAGE; j++)
                    data_page(k)[j] = (uint8_t)(run ? (k << 4) | (j >> 8) : j);
            if (!cpu_step(&c, &r0, &r))
                fail_msg("the load faulted");
            loaded[run] = r.gpr[c.load_reg];
        }
        uint64_t low = loaded[0], high = loaded[1];
        unsigned k = (high & 0xff) >> 4, off = (unsigned)((high & 0x0f) << 8 | (low & 0xff));
        for (unsigned b = 1; b < 8; b++)
            assert_int_equal((low >> (8 * b)) & 0xff, (off + b) & 0xff);
        struct emu_insn in;
        struct emu_access acc;
        assert_int_equal(emu_decode(c.code, c.len, &in), 0);
        emu_access(&in, &r0, &acc);
        assert_int_equal(acc.kind, EMU_ACC_READ);
        assert_int_equal(acc.len, 8);
        assert_int_equal(acc.addr, (uint64_t)(uintptr_t)(data_page(k) + off));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cpu_modrm_forms),
        cmocka_unit_test(test_cpu_sib_forms),
        cmocka_unit_test(test_cpu_short_forms),
        cmocka_unit_test(test_cpu_branches),
        cmocka_unit_test(test_cpu_random),
        cmocka_unit_test(test_cpu_accepted_random_bytes),
        cmocka_unit_test(test_access_names_the_bytes_written),
        cmocka_unit_test(test_access_names_the_bytes_read),
    };
    int cpu = cmocka_run_group_tests_name("emulate", tests, start_child, stop_child);
    int decline = run_decline_tests();
    return cpu || decline;
}
