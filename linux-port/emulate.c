/*
 * emulate.c: decodes and emulates the few x86-64 instructions that
 * compilers put under breakpoints, so that a thread can be stepped over a
 * breakpoint without a second stop (ptrace_emulate.c; ptrace_proc.c's
 * step_over falls back to a single step for everything declined here).
 *
 * Why these: hdb puts breakpoints at the end of a function's prologue
 * (gcc -O0: a load, store or lea relative to %rbp; a cmp of a local;
 * `mov $imm`), at a function's first instruction (-O2: push, mov, sub/add
 * to %rsp, cmp, endbr64) and at the start of lines (all of these, plus
 * addl $1 to a local, cltq, jumps). Counted over hdb's own sources built at
 * -O0 and -O2, these cover about 80% of the line-table statement
 * addresses and nearly all function entries. What they leave out: test,
 * and, or, xor, shifts (AF undefined, SDM Vol. 2B TEST/AND/XOR), call and
 * ret (a shadow stack may be enabled, SDM Vol. 1, 17.2), SSE, string and
 * locked instructions, anything else.
 *
 * The encodings, all in 64-bit mode (SDM Vol. 2A, chapter 2: prefixes,
 * REX 2.2.1, ModRM and SIB Tables 2-2 and 2-3, RIP-relative 2.2.1.6):
 *   F3 0F 1E FA             endbr64 (no other prefix)
 *   90, 66 90               nop, xchg %ax,%ax (REX allowed without REX.B)
 *   0F 1F /0                nopw/nopl r/m: never reads memory (SDM NOP)
 *   50+r, 58+r              push, pop r64 (REX.B for r8-r15); push %rsp
 *                           pushes the old %rsp, pop %rsp loads the value
 *                           read (SDM PUSH, POP)
 *   C9                      leave
 *   88, 89, 8A, 8B /r       mov r/m <-> reg, 8/16/32/64 bits
 *   C6 /0 ib, C7 /0 iw/id   mov $imm to r/m (id sign-extended under REX.W)
 *   B0+r ib, B8+r iw/id/io  mov $imm to a register (movabs under REX.W)
 *   0F B6/B7, 0F BE/BF /r   movzx, movsx from 8 or 16 bits
 *   REX.W 63 /r             movsxd (movslq)
 *   8D /r                   lea (memory forms only)
 *   98, 99                  cbw/cwde/cdqe, cwd/cdq/cqo
 *   00-03, 28-2B, 38-3B /r  add, sub, cmp between r/m and a register
 *   04/05, 2C/2D, 3C/3D     add, sub, cmp of %al/%ax/%eax/%rax with an immediate
 *   80, 81, 83 /0 /5 /7     add, sub, cmp of r/m with an immediate
 *   EB, E9, 70-7F, 0F 80-8F jmp, jcc, rel8 and rel32 (no prefix)
 * Addressing: every ModRM/SIB form (base, index*scale, disp8, disp32,
 * no base, RIP-relative), with an FS or GS segment prefix where memory
 * is accessed. Declined: the 67 (address size), F0, F2, F3 and other
 * segment prefixes, a prefix repeated or after REX, 66 together with REX.W
 * or on byte, stack and branch instructions.
 *
 * Semantics (SDM Vol. 1, 3.4.1.1): a 32-bit result is zero-extended into
 * the 64-bit register, 8- and 16-bit results leave the rest of it alone;
 * without any REX prefix 8-bit register numbers 4-7 are %ah, %ch, %dh,
 * %bh, with one they are %spl, %bpl, %sil, %dil (SDM Vol. 2A, 3.1.1.1).
 * add, sub and cmp set CF, PF, AF, ZF, SF and OF as SDM Vol. 1, 3.4.3.1
 * and Appendix A define them; nothing else here changes RFLAGS. The
 * conditions of jcc are those of SDM Vol. 1, Appendix B.
 */
#include <hdb/error.h>

#include "emulate.h"

/* REX bits (SDM Vol. 2A, 2.2.1.2). */
#define REX_W 8
#define REX_R 4
#define REX_X 2
#define REX_B 1

struct decoder {
    const uint8_t *code;
    size_t n, pos;
    uint8_t rex;   /* 0 when there is none */
    bool opsize16; /* 66 */
    uint8_t seg;   /* 64 or 65 */
};

/* Takes k little-endian bytes; false past the end of what was read. */
static bool take(struct decoder *d, unsigned k, uint64_t *v)
{
    if (d->n - d->pos < k)
        return false;
    uint64_t x = 0;
    for (unsigned i = 0; i < k; i++)
        x |= (uint64_t)d->code[d->pos + i] << (8 * i);
    d->pos += k;
    *v = x;
    return true;
}

static int64_t sext(uint64_t v, unsigned bytes)
{
    if (bytes >= 8)
        return (int64_t)v;
    unsigned shift = 64 - 8 * bytes;
    return (int64_t)(v << shift) >> shift;
}

/* A register operand of size bytes: %ah-%bh for 8-bit numbers 4-7 without REX. */
static struct emu_opnd reg_opnd(const struct decoder *d, unsigned num, unsigned size)
{
    struct emu_opnd o = {EMU_OPND_REG, (uint8_t)num, false};
    if (size == 1 && !d->rex && num >= 4 && num < 8) {
        o.reg = (uint8_t)(num - 4);
        o.high8 = true;
    }
    return o;
}

/*
 * Decodes ModRM (and SIB and displacement): *rm is the r/m operand of
 * rm_size bytes, *reg_field ModRM.reg extended by REX.R. The memory
 * address goes into in's base/index/scale/disp/rip_rel.
 */
static bool decode_modrm(struct decoder *d, struct emu_insn *in, unsigned rm_size,
                         struct emu_opnd *rm, unsigned *reg_field)
{
    uint64_t m;
    if (!take(d, 1, &m))
        return false;
    unsigned mod = (unsigned)m >> 6, regf = ((unsigned)m >> 3) & 7, rmf = (unsigned)m & 7;
    *reg_field = regf | (d->rex & REX_R ? 8 : 0);
    if (mod == 3) {
        *rm = reg_opnd(d, rmf | (d->rex & REX_B ? 8 : 0), rm_size);
        return true;
    }
    *rm = (struct emu_opnd){EMU_OPND_MEM, 0, false};
    in->base = -1;
    in->index = -1;
    in->scale = 1;
    in->rip_rel = false;
    if (rmf == 4) {
        uint64_t sib;
        if (!take(d, 1, &sib))
            return false;
        unsigned ss = (unsigned)sib >> 6, idx = ((unsigned)sib >> 3) & 7, b = (unsigned)sib & 7;
        idx |= d->rex & REX_X ? 8 : 0;
        if (idx != 4) /* 100 without REX.X: no index (Table 2-3) */
            in->index = (int8_t)idx;
        in->scale = (uint8_t)(1u << ss);
        /* Base 101 with mod 00: disp32 and no base, whatever REX.B says (Table 2-3 note). */
        if (b == 5 && mod == 0)
            mod = 2;
        else
            in->base = (int8_t)(b | (d->rex & REX_B ? 8 : 0));
    } else if (rmf == 5 && mod == 0) {
        in->rip_rel = true; /* SDM Vol. 2A, 2.2.1.6, also with REX.B */
        mod = 2;
    } else {
        in->base = (int8_t)(rmf | (d->rex & REX_B ? 8 : 0));
    }
    uint64_t disp = 0;
    if (mod == 1 && !take(d, 1, &disp))
        return false;
    if (mod == 2 && !take(d, 4, &disp))
        return false;
    in->disp = sext(disp, mod == 1 ? 1 : 4);
    return true;
}

/* The operand size of a non-byte instruction: REX.W, else 66, else 32 bits. */
static unsigned opsize(const struct decoder *d)
{
    return d->rex & REX_W ? 8 : d->opsize16 ? 2 : 4;
}

static bool take_imm(struct decoder *d, unsigned bytes, int64_t *imm)
{
    uint64_t v;
    if (!take(d, bytes, &v))
        return false;
    *imm = sext(v, bytes);
    return true;
}

/*
 * add, sub, cmp, mov between r/m and a register: 00-03, 28-2B, 38-3B, 88-8B
 * (bit 0: not bytes; bit 1: the register is the destination).
 */
static bool decode_rm_reg(struct decoder *d, struct emu_insn *in, uint8_t opc, uint8_t op)
{
    unsigned size = opc & 1 ? opsize(d) : 1, regf;
    struct emu_opnd rm;
    if (!(opc & 1) && d->opsize16)
        return false;
    if (!decode_modrm(d, in, size, &rm, &regf))
        return false;
    struct emu_opnd reg = reg_opnd(d, regf, size);
    in->op = op;
    in->size = (uint8_t)size;
    in->dst = opc & 2 ? reg : rm;
    in->src = opc & 2 ? rm : reg;
    return true;
}

/* Group 1 (80, 81, 83): add /0, sub /5, cmp /7 of r/m with an immediate. */
static bool decode_group1(struct decoder *d, struct emu_insn *in, uint8_t opc)
{
    unsigned size = opc == 0x80 ? 1 : opsize(d), regf;
    if (opc == 0x80 && d->opsize16)
        return false;
    if (!decode_modrm(d, in, size, &in->dst, &regf))
        return false;
    switch (regf & 7) {
    case 0:
        in->op = EMU_OP_ADD;
        break;
    case 5:
        in->op = EMU_OP_SUB;
        break;
    case 7:
        in->op = EMU_OP_CMP;
        break;
    default:
        return false;
    }
    unsigned ib = opc == 0x81 ? (size == 2 ? 2 : 4) : 1;
    in->size = (uint8_t)size;
    in->src = (struct emu_opnd){EMU_OPND_IMM, 0, false};
    return take_imm(d, ib, &in->imm);
}

/* The two-byte opcodes 0F xx. */
static bool decode_0f(struct decoder *d, struct emu_insn *in)
{
    uint64_t opc;
    unsigned regf;
    if (!take(d, 1, &opc))
        return false;
    if (opc >= 0x80 && opc <= 0x8f) {
        if (d->rex || d->opsize16 || d->seg)
            return false;
        in->op = EMU_OP_JCC;
        in->cc = (uint8_t)(opc & 15);
        return take_imm(d, 4, &in->imm);
    }
    switch (opc) {
    case 0x1f: {
        struct emu_opnd rm;
        in->op = EMU_OP_NOP;
        in->size = (uint8_t)opsize(d);
        /* Only /0 is the documented NOP; its operand is never accessed. */
        return decode_modrm(d, in, in->size, &rm, &regf) && (regf & 7) == 0 && !d->seg;
    }
    case 0xb6:
    case 0xb7:
    case 0xbe:
    case 0xbf:
        in->op = opc & 8 ? EMU_OP_MOVSX : EMU_OP_MOVZX;
        in->size = (uint8_t)opsize(d);
        in->src_size = opc & 1 ? 2 : 1;
        if (!decode_modrm(d, in, in->src_size, &in->src, &regf))
            return false;
        in->dst = reg_opnd(d, regf, in->size);
        return true;
    default:
        return false;
    }
}

/* The opcodes with a register in their low three bits: push, pop 50-5F, mov $imm B0-BF. */
static bool decode_op_reg(struct decoder *d, struct emu_insn *in, uint8_t opc)
{
    unsigned reg = (opc & 7u) | (d->rex & REX_B ? 8 : 0);
    if (opc < 0x60) {
        if (d->opsize16)
            return false;
        in->op = opc < 0x58 ? EMU_OP_PUSH : EMU_OP_POP;
        in->size = 8;
        in->dst = in->src = (struct emu_opnd){EMU_OPND_REG, (uint8_t)reg, false};
        return true;
    }
    if (opc < 0xb8 && d->opsize16)
        return false;
    in->op = EMU_OP_MOV;
    in->size = (uint8_t)(opc < 0xb8 ? 1 : opsize(d));
    in->dst = reg_opnd(d, reg, in->size);
    in->src = (struct emu_opnd){EMU_OPND_IMM, 0, false};
    return take_imm(d, in->size, &in->imm); /* under REX.W an 8-byte immediate (movabs) */
}

/* The one-byte opcodes this file knows (the list at the top). */
static bool decode_op(struct decoder *d, struct emu_insn *in, uint8_t opc)
{
    unsigned regf;
    bool plain = !d->rex && !d->opsize16 && !d->seg; /* no prefix at all */
    if (opc <= 0x03)
        return decode_rm_reg(d, in, opc, EMU_OP_ADD);
    if (opc >= 0x28 && opc <= 0x2b)
        return decode_rm_reg(d, in, opc, EMU_OP_SUB);
    if (opc >= 0x38 && opc <= 0x3b)
        return decode_rm_reg(d, in, opc, EMU_OP_CMP);
    if ((opc & 0xf0) == 0x50 || (opc & 0xf0) == 0xb0)
        return decode_op_reg(d, in, opc);
    if (opc >= 0x88 && opc <= 0x8b)
        return decode_rm_reg(d, in, opc, EMU_OP_MOV);
    if ((opc & 0xf0) == 0x70) {
        in->op = EMU_OP_JCC;
        in->cc = opc & 15;
        return plain && take_imm(d, 1, &in->imm);
    }
    switch (opc) {
    case 0x04:
    case 0x05:
    case 0x2c:
    case 0x2d:
    case 0x3c:
    case 0x3d:
        in->op = opc < 0x10 ? EMU_OP_ADD : opc < 0x30 ? EMU_OP_SUB : EMU_OP_CMP;
        in->size = (uint8_t)(opc & 1 ? opsize(d) : 1);
        if (!(opc & 1) && d->opsize16)
            return false;
        in->dst = (struct emu_opnd){EMU_OPND_REG, EMU_RAX, false};
        in->src = (struct emu_opnd){EMU_OPND_IMM, 0, false};
        return take_imm(d, in->size == 8 ? 4 : in->size, &in->imm);
    case 0x63:
        if (!(d->rex & REX_W))
            return false;
        in->op = EMU_OP_MOVSX;
        in->size = 8;
        in->src_size = 4;
        if (!decode_modrm(d, in, 4, &in->src, &regf))
            return false;
        in->dst = reg_opnd(d, regf, 8);
        return true;
    case 0x80:
    case 0x81:
    case 0x83:
        return decode_group1(d, in, opc);
    case 0x8d:
        in->op = EMU_OP_LEA;
        in->size = (uint8_t)opsize(d);
        if (!decode_modrm(d, in, in->size, &in->src, &regf) || in->src.kind != EMU_OPND_MEM)
            return false;
        in->dst = reg_opnd(d, regf, in->size);
        return true;
    case 0x90:
        in->op = EMU_OP_NOP;
        return !(d->rex & REX_B); /* with REX.B it is xchg %r8,%rax */
    case 0x98:
    case 0x99:
        in->op = opc == 0x98 ? EMU_OP_CBW : EMU_OP_CWD;
        in->size = (uint8_t)opsize(d);
        return true;
    case 0xc6:
    case 0xc7: {
        if (opc == 0xc6 && d->opsize16)
            return false;
        unsigned size = opc == 0xc6 ? 1 : opsize(d);
        /* Only /0 is mov (C6 F8 and C7 F8 are xabort and xbegin). */
        if (!decode_modrm(d, in, size, &in->dst, &regf) || regf & 7)
            return false;
        in->op = EMU_OP_MOV;
        in->size = (uint8_t)size;
        in->src = (struct emu_opnd){EMU_OPND_IMM, 0, false};
        return take_imm(d, size == 8 ? 4 : size, &in->imm);
    }
    case 0xc9:
        in->op = EMU_OP_LEAVE;
        in->size = 8;
        return plain;
    case 0xe9:
    case 0xeb:
        in->op = EMU_OP_JMP;
        return plain && take_imm(d, opc == 0xe9 ? 4 : 1, &in->imm);
    default:
        return false;
    }
}

int emu_decode(const uint8_t *code, size_t n, struct emu_insn *in)
{
    static const uint8_t endbr64[4] = {0xf3, 0x0f, 0x1e, 0xfa};
    struct decoder d = {code, n, 0, 0, false, 0};
    *in = (struct emu_insn){0};
    in->base = in->index = -1;
    in->scale = 1;
    if (n >= 4 && code[0] == endbr64[0] && code[1] == endbr64[1] && code[2] == endbr64[2] &&
        code[3] == endbr64[3]) {
        in->op = EMU_OP_NOP;
        in->len = 4;
        return 0;
    }
    /* Legacy prefixes, each at most once, then at most one REX right before the opcode. */
    for (; d.pos < n; d.pos++) {
        if (code[d.pos] == 0x66 && !d.opsize16)
            d.opsize16 = true;
        else if ((code[d.pos] == 0x64 || code[d.pos] == 0x65) && !d.seg)
            d.seg = code[d.pos];
        else
            break;
    }
    if (d.pos < n && (code[d.pos] & 0xf0) == 0x40)
        d.rex = code[d.pos++];
    if (d.pos >= n)
        return HDB_E_NOTSUP;
    uint8_t opc = code[d.pos++];
    /* 66 with REX.W is left to REX.W by the CPU; compilers do not emit it. */
    if (d.opsize16 && (d.rex & REX_W))
        return HDB_E_NOTSUP;
    bool ok = opc == 0x0f ? decode_0f(&d, in) : decode_op(&d, in, opc);
    if (!ok)
        return HDB_E_NOTSUP;
    /* A segment prefix only where memory is accessed through it. */
    bool mem = in->dst.kind == EMU_OPND_MEM || in->src.kind == EMU_OPND_MEM;
    if (d.seg && (!mem || in->op == EMU_OP_LEA || in->op == EMU_OP_NOP))
        return HDB_E_NOTSUP;
    in->seg = d.seg;
    in->len = (uint8_t)d.pos;
    return 0;
}

/* The effective address (SDM Vol. 1, 3.7.5), modulo 2^64; segment bases added. */
static uint64_t effective_addr(const struct emu_insn *in, const struct emu_regs *r)
{
    uint64_t a = (uint64_t)in->disp;
    if (in->rip_rel)
        a += r->rip + in->len;
    if (in->base >= 0)
        a += r->gpr[in->base];
    if (in->index >= 0)
        a += r->gpr[in->index] * in->scale;
    return a;
}

static uint64_t seg_base(const struct emu_insn *in, const struct emu_regs *r)
{
    return in->seg == 0x64 ? r->fs_base : in->seg == 0x65 ? r->gs_base : 0;
}

void emu_access(const struct emu_insn *in, const struct emu_regs *r, struct emu_access *acc)
{
    *acc = (struct emu_access){EMU_ACC_NONE, 0, 0};
    switch (in->op) {
    case EMU_OP_PUSH:
        *acc = (struct emu_access){EMU_ACC_WRITE, 8, r->gpr[EMU_RSP] - 8};
        return;
    case EMU_OP_POP:
        *acc = (struct emu_access){EMU_ACC_READ, 8, r->gpr[EMU_RSP]};
        return;
    case EMU_OP_LEAVE:
        *acc = (struct emu_access){EMU_ACC_READ, 8, r->gpr[EMU_RBP]};
        return;
    case EMU_OP_NOP:
    case EMU_OP_LEA:
        return;
    default:
        break;
    }
    uint64_t addr = effective_addr(in, r) + seg_base(in, r);
    if (in->src.kind == EMU_OPND_MEM) {
        unsigned len = in->op == EMU_OP_MOVZX || in->op == EMU_OP_MOVSX ? in->src_size : in->size;
        *acc = (struct emu_access){EMU_ACC_READ, (uint8_t)len, addr};
    } else if (in->dst.kind == EMU_OPND_MEM) {
        uint8_t kind = in->op == EMU_OP_MOV   ? EMU_ACC_WRITE
                       : in->op == EMU_OP_CMP ? EMU_ACC_READ
                                              : EMU_ACC_READ_WRITE;
        *acc = (struct emu_access){kind, in->size, addr};
    }
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

static uint64_t load_le(const uint8_t *mem, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)mem[i] << (8 * i);
    return v;
}

static void store_le(uint8_t *mem, unsigned size, uint64_t v)
{
    for (unsigned i = 0; i < size; i++)
        mem[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_reg(const struct emu_regs *r, unsigned reg, bool high8, unsigned size)
{
    return high8 ? (r->gpr[reg] >> 8) & 0xff : r->gpr[reg] & size_mask(size);
}

/* Writes a register as the CPU does: 32-bit results zero-extend, 8 and 16 bits merge. */
static void set_reg(struct emu_regs *r, unsigned reg, bool high8, unsigned size, uint64_t v)
{
    uint64_t *g = &r->gpr[reg];
    if (high8)
        *g = (*g & ~0xff00ull) | ((v & 0xff) << 8);
    else if (size == 4)
        *g = v & 0xffffffffull;
    else
        *g = (*g & ~size_mask(size)) | (v & size_mask(size));
}

static uint64_t read_opnd(const struct emu_insn *in, const struct emu_opnd *o,
                          const struct emu_regs *r, const uint8_t *mem, unsigned size)
{
    switch (o->kind) {
    case EMU_OPND_REG:
        return get_reg(r, o->reg, o->high8, size);
    case EMU_OPND_MEM:
        return load_le(mem, size);
    default:
        return (uint64_t)in->imm & size_mask(size);
    }
}

static void write_opnd(const struct emu_opnd *o, struct emu_regs *r, uint8_t *mem, unsigned size,
                       uint64_t v)
{
    if (o->kind == EMU_OPND_MEM)
        store_le(mem, size, v);
    else
        set_reg(r, o->reg, o->high8, size, v);
}

/* The six arithmetic flags of a + b or a - b (SDM Vol. 1, 3.4.3.1; ADD, SUB, CMP). */
static uint64_t arith_flags(uint64_t a, uint64_t b, uint64_t res, bool sub, unsigned size)
{
    uint64_t sign = 1ull << (8 * size - 1), f = 0;
    if (sub ? a < b : res < a)
        f |= EMU_CF;
    unsigned low = (unsigned)(res & 0xff);
    low ^= low >> 4;
    low ^= low >> 2;
    low ^= low >> 1;
    if (!(low & 1))
        f |= EMU_PF; /* an even number of set bits in the low byte */
    if ((a ^ b ^ res) & 0x10)
        f |= EMU_AF; /* carry or borrow out of bit 3 */
    if (res == 0)
        f |= EMU_ZF;
    if (res & sign)
        f |= EMU_SF;
    /* Signed overflow: add of same-signed operands, sub of differently signed ones, changed sign.
     */
    if ((sub ? (a ^ b) & (a ^ res) : ~(a ^ b) & (a ^ res)) & sign)
        f |= EMU_OF;
    return f;
}

/* The condition cc of jcc (SDM Vol. 1, Appendix B): pairs of a test and its negation. */
static bool condition(unsigned cc, uint64_t fl)
{
    bool cf = fl & EMU_CF, zf = fl & EMU_ZF, sf = fl & EMU_SF, of = fl & EMU_OF, pf = fl & EMU_PF;
    bool t;
    switch (cc >> 1) {
    case 0:
        t = of;
        break;
    case 1:
        t = cf;
        break;
    case 2:
        t = zf;
        break;
    case 3:
        t = cf || zf;
        break;
    case 4:
        t = sf;
        break;
    case 5:
        t = pf;
        break;
    case 6:
        t = sf != of;
        break;
    default:
        t = zf || sf != of;
        break;
    }
    return cc & 1 ? !t : t;
}

void emu_execute(const struct emu_insn *in, struct emu_regs *r, uint8_t mem[8])
{
    unsigned size = in->size;
    uint64_t *rsp = &r->gpr[EMU_RSP];
    uint64_t ea = effective_addr(in, r); /* before rip moves on: LEA's address */
    r->rip += in->len;
    switch (in->op) {
    case EMU_OP_NOP:
        break;
    case EMU_OP_MOV:
        write_opnd(&in->dst, r, mem, size, read_opnd(in, &in->src, r, mem, size));
        break;
    case EMU_OP_MOVZX:
    case EMU_OP_MOVSX: {
        uint64_t v = read_opnd(in, &in->src, r, mem, in->src_size);
        if (in->op == EMU_OP_MOVSX)
            v = (uint64_t)sext(v, in->src_size);
        write_opnd(&in->dst, r, mem, size, v);
        break;
    }
    case EMU_OP_LEA:
        write_opnd(&in->dst, r, mem, size, ea);
        break;
    case EMU_OP_ADD:
    case EMU_OP_SUB:
    case EMU_OP_CMP: {
        uint64_t a = read_opnd(in, &in->dst, r, mem, size);
        uint64_t b = read_opnd(in, &in->src, r, mem, size);
        bool sub = in->op != EMU_OP_ADD;
        uint64_t res = (sub ? a - b : a + b) & size_mask(size);
        r->rflags = (r->rflags & ~(uint64_t)EMU_ARITH_FLAGS) | arith_flags(a, b, res, sub, size);
        if (in->op != EMU_OP_CMP)
            write_opnd(&in->dst, r, mem, size, res);
        break;
    }
    case EMU_OP_PUSH:
        store_le(mem, 8, r->gpr[in->src.reg]); /* the value before the decrement */
        *rsp -= 8;
        break;
    case EMU_OP_POP: {
        uint64_t v = load_le(mem, 8);
        *rsp += 8;
        r->gpr[in->dst.reg] = v; /* pop %rsp: the value read wins */
        break;
    }
    case EMU_OP_LEAVE:
        *rsp = r->gpr[EMU_RBP] + 8;
        r->gpr[EMU_RBP] = load_le(mem, 8);
        break;
    case EMU_OP_CBW: {
        unsigned half = size / 2;
        set_reg(r, EMU_RAX, false, size, (uint64_t)sext(r->gpr[EMU_RAX] & size_mask(half), half));
        break;
    }
    case EMU_OP_CWD: {
        bool neg = r->gpr[EMU_RAX] & (1ull << (8 * size - 1));
        set_reg(r, EMU_RDX, false, size, neg ? ~0ull : 0);
        break;
    }
    case EMU_OP_JMP:
        r->rip += (uint64_t)in->imm;
        break;
    case EMU_OP_JCC:
        if (condition(in->cc, r->rflags))
            r->rip += (uint64_t)in->imm;
        break;
    }
}
