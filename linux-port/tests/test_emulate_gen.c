/*
 * test_emulate_gen.c: the instructions of emulate.c's list, built from
 * their parts (legacy prefixes, REX, opcode, ModRM, SIB, displacement,
 * immediate: SDM Vol. 2A, chapter 2), and random registers and data for
 * each, with the memory operand aimed into a data page. What a case knows
 * of its operand comes from how it was built here, not from emulate.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "test_emulate.h"

/* splitmix64 (Steele, Lea, Flood 2014) from a fixed seed: every run tests the same cases. */
static uint64_t rng_state = 0x68646220656d75ull;

uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t value(void)
{
    uint64_t r = rnd(), hi = rnd();
    if (r % 4 == 0)
        return hi;
    unsigned bits = 8u << (r >> 2) % 4;
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1, sign = 1ull << (bits - 1);
    const uint64_t lows[] = {0, 1, 2, sign - 1, sign, sign + 1, mask, mask - 1, r >> 40, hi};
    uint64_t low = lows[(r >> 8) % (sizeof lows / sizeof *lows)];
    if ((r >> 16) & 1)
        hi = (r >> 17) & 1 ? 0 : ~0ull;
    return (hi & ~mask) | (low & mask);
}

void random_bytes(uint8_t *buf, size_t n)
{
    static const uint8_t known[] = {
        0x66, 0x64, 0x65, 0x67, 0xf0, 0xf2, 0xf3, 0x2e, 0x0f, 0x40, 0x41, 0x44, 0x48, 0x4c,
        0x4f, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x38,
        0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x50, 0x54, 0x58, 0x5c, 0x63, 0x74, 0x80, 0x81, 0x83,
        0x88, 0x89, 0x8a, 0x8b, 0x8d, 0x90, 0x98, 0x99, 0xb0, 0xb4, 0xb8, 0xbc, 0xc6, 0xc7,
        0xc9, 0xe9, 0xeb, 0x1f, 0x1e, 0xfa, 0xb6, 0xb7, 0xbe, 0xbf, 0x84, 0x85, 0x24, 0x25};
    for (size_t i = 0; i < n; i++) {
        uint64_t r = rnd();
        buf[i] = r & 1 ? known[(r >> 8) % sizeof known] : (uint8_t)(r >> 16);
    }
}

/* The immediate of a form: a byte, iw/id by operand size (id under REX.W), iw/id/io, rel. */
enum imm { I_NONE, I_B, I_Z, I_V, I_REL8, I_REL32 };

#define F_NO66 0x01   /* byte, stack instructions: 66 declined */
#define F_REXW 0x02   /* movsxd: REX.W always */
#define F_PLAIN 0x04  /* jumps, leave, endbr64: no prefix at all */
#define F_NOSEG 0x08  /* lea, nop r/m: no memory accessed, no segment */
#define F_MEM 0x10    /* lea: memory operands only */
#define F_PLUSR 0x20  /* a register in the opcode's low three bits */
#define F_PLUSCC 0x40 /* a condition in the opcode's low four bits */
#define F_NOREXB 0x80 /* 90: with REX.B it is xchg */
#define F_ENDBR 0x100

#define NO_MODRM (-2)
#define ANY_REG (-1)  /* ModRM.reg names a register, else it is the opcode's /digit */
#define M_OPSIZE 0xff /* the memory operand has the operand size */

struct form {
    uint8_t esc, opc; /* esc: 0x0f for the two-byte opcodes */
    int8_t digit;
    uint8_t imm;   /* enum imm */
    uint8_t msize; /* bytes a memory operand has, M_OPSIZE, 0: not accessed */
    uint8_t kind;  /* enum emu_access_kind of a memory operand */
    uint8_t stack; /* enum stack_op */
    uint16_t flags;
};

#define R EMU_ACC_READ
#define W EMU_ACC_WRITE
#define RW EMU_ACC_READ_WRITE
/* Between r/m and a register: k, how r/m is accessed as the destination. */
#define RM_REG(op, k)                                                                              \
    {0, op, ANY_REG, I_NONE, 1, k, 0, F_NO66}, {0, op + 1, ANY_REG, I_NONE, M_OPSIZE, k, 0, 0},    \
        {0, op + 2, ANY_REG, I_NONE, 1, R, 0, F_NO66},                                             \
    {                                                                                              \
        0, op + 3, ANY_REG, I_NONE, M_OPSIZE, R, 0, 0                                              \
    }
#define GROUP1(op, imm, ms, fl)                                                                    \
    {0, op, 0, imm, ms, RW, 0, fl}, {0, op, 5, imm, ms, RW, 0, fl},                                \
    {                                                                                              \
        0, op, 7, imm, ms, R, 0, fl                                                                \
    }
#define ACC_IMM(op)                                                                                \
    {0, op, NO_MODRM, I_B, 0, 0, 0, F_NO66},                                                       \
    {                                                                                              \
        0, op + 1, NO_MODRM, I_Z, 0, 0, 0, 0                                                       \
    }

/* emulate.c's list, in its order. */
static const struct form forms[] = {
    {0, 0, NO_MODRM, I_NONE, 0, 0, 0, F_ENDBR | F_PLAIN},
    {0, 0x90, NO_MODRM, I_NONE, 0, 0, 0, F_NOREXB},
    {0x0f, 0x1f, 0, I_NONE, 0, 0, 0, F_NOSEG},
    {0, 0x50, NO_MODRM, I_NONE, 0, 0, ST_PUSH, F_NO66 | F_PLUSR},
    {0, 0x58, NO_MODRM, I_NONE, 0, 0, ST_POP, F_NO66 | F_PLUSR},
    {0, 0xc9, NO_MODRM, I_NONE, 0, 0, ST_LEAVE, F_PLAIN},
    RM_REG(0x88, W),
    {0, 0xc6, 0, I_B, 1, W, 0, F_NO66},
    {0, 0xc7, 0, I_Z, M_OPSIZE, W, 0, 0},
    {0, 0xb0, NO_MODRM, I_B, 0, 0, 0, F_NO66 | F_PLUSR},
    {0, 0xb8, NO_MODRM, I_V, 0, 0, 0, F_PLUSR},
    {0x0f, 0xb6, ANY_REG, I_NONE, 1, R, 0, 0},
    {0x0f, 0xb7, ANY_REG, I_NONE, 2, R, 0, 0},
    {0x0f, 0xbe, ANY_REG, I_NONE, 1, R, 0, 0},
    {0x0f, 0xbf, ANY_REG, I_NONE, 2, R, 0, 0},
    {0, 0x63, ANY_REG, I_NONE, 4, R, 0, F_REXW},
    {0, 0x8d, ANY_REG, I_NONE, 0, 0, 0, F_MEM | F_NOSEG},
    {0, 0x98, NO_MODRM, I_NONE, 0, 0, 0, 0},
    {0, 0x99, NO_MODRM, I_NONE, 0, 0, 0, 0},
    RM_REG(0x00, RW),
    RM_REG(0x28, RW),
    RM_REG(0x38, R),
    ACC_IMM(0x04),
    ACC_IMM(0x2c),
    ACC_IMM(0x3c),
    GROUP1(0x80, I_B, 1, F_NO66),
    GROUP1(0x81, I_Z, M_OPSIZE, 0),
    GROUP1(0x83, I_B, M_OPSIZE, 0),
    {0, 0xeb, NO_MODRM, I_REL8, 0, 0, 0, F_PLAIN},
    {0, 0xe9, NO_MODRM, I_REL32, 0, 0, 0, F_PLAIN},
    {0, 0x70, NO_MODRM, I_REL8, 0, 0, 0, F_PLAIN | F_PLUSCC},
    {0x0f, 0x80, NO_MODRM, I_REL32, 0, 0, 0, F_PLAIN | F_PLUSCC},
};
#define NFORMS (sizeof forms / sizeof *forms)

static bool is_jump(const struct form *f)
{
    return f->imm == I_REL8 || f->imm == I_REL32;
}

static const struct form *find_form(uint8_t esc, uint8_t opc, int digit)
{
    for (size_t i = 0; i < NFORMS; i++)
        if (forms[i].esc == esc && forms[i].opc == opc && (digit < 0 || forms[i].digit == digit))
            return &forms[i];
    return NULL;
}

/* The free parts of an encoding; build() drops what a form does not allow. */
struct choice {
    int rex; /* -1: none */
    bool p66;
    uint8_t seg; /* used only with a memory operand */
    uint8_t modrm, sib;
    uint8_t low; /* the register or condition in the opcode */
};

static struct choice random_choice(void)
{
    uint64_t r = rnd();
    unsigned seg = (r >> 8) % 4;
    return (struct choice){
        .rex = r & 1 ? 0x40 | (int)((r >> 1) & 15) : -1,
        .p66 = (r >> 5) % 3 == 0,
        .seg = seg == 0   ? 0x64
               : seg == 1 ? 0x65
                          : 0,
        .modrm = (uint8_t)(r >> 16),
        .sib = (uint8_t)(r >> 24),
        .low = (uint8_t)(r >> 32),
    };
}

/* Appends the low `bytes` bytes of v, little-endian. */
static void put(struct tcase *c, uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++)
        c->code[c->len++] = (uint8_t)(v >> (8 * i));
}

/*
 * The memory forms of ModRM, SIB and displacement (SDM Vol. 2A, Tables
 * 2-2 and 2-3; REX.X and REX.B 2.2.1.2; RIP-relative 2.2.1.6).
 */
static void build_memop(struct tcase *c, const struct choice *ch)
{
    unsigned mod = ch->modrm >> 6, rm = ch->modrm & 7, rex = ch->rex < 0 ? 0 : (unsigned)ch->rex;
    struct memop *m = &c->m;
    m->disp_size = mod == 1 ? 1 : mod == 2 ? 4 : 0;
    if (rm == 4) {
        unsigned idx = ((ch->sib >> 3) & 7) | (rex & 2 ? 8 : 0), b = ch->sib & 7;
        put(c, ch->sib, 1);
        m->index = idx == 4 ? -1 : (int8_t)idx; /* 100 without REX.X: no index */
        m->scale = (uint8_t)(1u << (ch->sib >> 6));
        if (b == 5 && mod == 0)
            m->disp_size = 4; /* no base, whatever REX.B says */
        else
            m->base = (int8_t)(b | (rex & 1 ? 8 : 0));
    } else if (rm == 5 && mod == 0) {
        m->rip_rel = true;
        m->disp_size = 4;
    } else {
        m->base = (int8_t)(rm | (rex & 1 ? 8 : 0));
    }
    m->disp_at = (int8_t)c->len;
    m->disp = m->disp_size == 1 ? (int8_t)value() : m->disp_size == 4 ? (int32_t)value() : 0;
    put(c, (uint64_t)m->disp, m->disp_size);
}

static void build(const struct form *f, struct choice ch, struct tcase *c)
{
    *c = (struct tcase){.stack = f->stack};
    c->m = (struct memop){.base = -1, .index = -1, .scale = 1, .disp_at = -1};
    if (f->flags & F_ENDBR) {
        put(c, 0xfa1e0ff3, 4);
        return;
    }
    if (f->flags & F_PLAIN)
        ch.rex = -1;
    if (f->flags & (F_PLAIN | F_NO66))
        ch.p66 = false;
    if (f->flags & F_REXW)
        ch.rex = (ch.rex < 0 ? 0x40 : ch.rex) | 8;
    if (f->flags & F_NOREXB && ch.rex >= 0)
        ch.rex &= ~1;
    bool w = ch.rex >= 0 && ch.rex & 8;
    ch.p66 &= !w; /* 66 with REX.W is declined (test_emulate_decline.c) */
    if (f->digit >= 0)
        ch.modrm = (uint8_t)((ch.modrm & 0xc7) | f->digit << 3);
    if (f->flags & F_MEM && ch.modrm >> 6 == 3)
        ch.modrm = (uint8_t)((ch.modrm & 0x3f) | (rnd() % 3) << 6);
    bool modrm = f->digit != NO_MODRM;
    c->m.present = modrm && ch.modrm >> 6 != 3;
    if (!c->m.present || f->flags & F_NOSEG)
        ch.seg = 0;
    c->m.seg = ch.seg;
    c->m.size = f->msize == M_OPSIZE ? (w ? 8 : ch.p66 ? 2 : 4) : f->msize;
    c->m.kind = f->kind;
    /* Legacy prefixes in either order, REX right before the opcode (SDM Vol. 2A, 2.1.1, 2.2.1). */
    bool seg_first = rnd() & 1;
    if (ch.seg && seg_first)
        put(c, ch.seg, 1);
    if (ch.p66)
        put(c, 0x66, 1);
    if (ch.seg && !seg_first)
        put(c, ch.seg, 1);
    if (ch.rex >= 0)
        put(c, (uint64_t)ch.rex, 1);
    if (f->esc)
        put(c, f->esc, 1);
    put(c, f->opc + (f->flags & F_PLUSR ? ch.low & 7 : f->flags & F_PLUSCC ? ch.low & 15 : 0), 1);
    if (modrm) {
        put(c, ch.modrm, 1);
        if (c->m.present)
            build_memop(c, &ch);
    }
    switch (f->imm) {
    case I_B:
        put(c, value(), 1);
        break;
    case I_Z:
        put(c, value(), ch.p66 ? 2 : 4);
        break;
    case I_V:
        put(c, value(), w ? 8 : ch.p66 ? 2 : 4);
        break;
    case I_REL8:
        put(c, rnd(), 1);
        break;
    case I_REL32:
        put(c, rnd(), 4);
        break;
    default:
        break;
    }
}

/* An address in a data page with room for an 8-byte access, also when rounded down by 7. */
static uint64_t data_addr(void)
{
    return (uint64_t)(uintptr_t)data_page(rnd() & 1) + 16 + rnd() % (PAGE - 32);
}

/* The inverse of an odd k modulo 2^64 (Newton's iteration doubles the good bits). */
static uint64_t inverse(uint64_t k)
{
    uint64_t x = k;
    for (int i = 0; i < 5; i++)
        x *= 2 - k * x;
    return x;
}

/*
 * %rsp must be canonical (bits 63-47 equal, SDM Vol. 1, 3.3.7.1): Linux
 * cannot return to user mode with any other and raises SIGSEGV.
 */
static uint64_t canonical(uint64_t v)
{
    return (uint64_t)((int64_t)(v << 16) >> 16);
}

/* Sets the index so that index * scale is y or at most 7 below. */
static void set_index(const struct memop *m, struct emu_regs *r, uint64_t y)
{
    unsigned sh = m->scale == 8 ? 3 : m->scale == 4 ? 2 : m->scale == 2 ? 1 : 0;
    r->gpr[m->index] = (y >> sh) | (sh ? rnd() << (64 - sh) : 0);
}

/*
 * Makes the operand's address (SDM Vol. 1, 3.7.5, modulo 2^64, plus the
 * FS or GS base) t or at most 7 below: sets the index to a random value
 * and the base to what remains, or a register used as both to the
 * solution, or, without registers, the displacement or segment base.
 */
static bool aim(struct tcase *c, struct emu_regs *r, uint64_t t)
{
    struct memop *m = &c->m;
    uint64_t *segbase = m->seg == 0x65 ? &r->gs_base : &r->fs_base;
    uint64_t s = m->seg ? *segbase : 0;
    if (m->base < 0 && m->index < 0) {
        uint64_t a = m->rip_rel ? r->rip + c->len : 0;
        if (m->disp_at >= 0) {
            /* t and the code are below 2 GiB: the displacement fits in 32 bits. */
            if (m->seg)
                s = *segbase = rnd() & ((1u << 30) - 1);
            m->disp = (int32_t)(t - s - a);
            memcpy(c->code + m->disp_at, &(int32_t){(int32_t)m->disp}, 4);
            return true;
        }
        if (!m->seg)
            return false;
        *segbase = t - a - (uint64_t)m->disp;
        return *segbase < 1ull << 47; /* a user address (Linux's TASK_SIZE) */
    }
    uint64_t x = t - s - (uint64_t)m->disp;
    if (m->base == EMU_RSP && m->index >= 0) { /* %rsp is never an index */
        r->gpr[EMU_RSP] = canonical(value());
        set_index(m, r, x - r->gpr[EMU_RSP]);
    } else if (m->base >= 0 && m->index >= 0 && m->base != m->index) {
        r->gpr[m->index] = value();
        r->gpr[m->base] = x - r->gpr[m->index] * m->scale;
    } else if (m->base == m->index && m->scale == 1) {
        r->gpr[m->base] = (x >> 1) | rnd() << 63; /* twice it: x rounded to even */
    } else if (m->base == m->index) {
        r->gpr[m->base] = x * inverse(1u + m->scale);
    } else if (m->index >= 0) {
        set_index(m, r, x);
    } else {
        r->gpr[m->base] = x;
    }
    return true;
}

/* The address of c's memory operand with registers r (SDM Vol. 1, 3.7.5 and 3.3.7.1). */
static uint64_t operand_addr(const struct tcase *c, const struct emu_regs *r)
{
    const struct memop *m = &c->m;
    uint64_t a = (uint64_t)m->disp + (m->rip_rel ? r->rip + c->len : 0);
    a += m->base >= 0 ? r->gpr[m->base] : 0;
    a += m->index >= 0 ? r->gpr[m->index] * m->scale : 0;
    return a + (m->seg == 0x64 ? r->fs_base : m->seg == 0x65 ? r->gs_base : 0);
}

bool prepare(struct tcase *c, struct emu_regs *r0)
{
    for (unsigned i = 0; i < 16; i++)
        r0->gpr[i] = value();
    r0->gpr[EMU_RSP] = canonical(r0->gpr[EMU_RSP]);
    r0->rip = code_addr() + rnd() % (PAGE - 16); /* room for 15 bytes and an int3 */
    r0->rflags = 0x202 | (rnd() & EMU_ARITH_FLAGS);
    r0->fs_base = rnd() & ((1ull << 46) - 1);
    r0->gs_base = rnd() & ((1ull << 46) - 1);
    if (c->stack || rnd() & 1) {
        r0->gpr[EMU_RSP] = data_addr();
        r0->gpr[EMU_RBP] = data_addr();
    }
    for (unsigned k = 0; k < 2; k++)
        for (unsigned i = 0; i < PAGE; i += 8)
            memcpy(data_page(k) + i, &(uint64_t){rnd()}, 8);
    c->acc_len = c->stack ? 8 : 0;
    c->acc_kind = c->stack == ST_PUSH ? EMU_ACC_WRITE : c->stack ? EMU_ACC_READ : EMU_ACC_NONE;
    c->acc_addr = r0->gpr[c->stack == ST_LEAVE ? EMU_RBP : EMU_RSP] - (c->stack == ST_PUSH ? 8 : 0);
    if (!c->m.present)
        return true;
    uint64_t t = data_addr();
    if (rnd() & 1)
        memcpy((uint8_t *)(uintptr_t)t, &(uint64_t){value()}, 8);
    if (!aim(c, r0, t))
        return false;
    c->acc_addr = operand_addr(c, r0);
    c->acc_len = c->m.size;
    c->acc_kind = c->m.size ? c->m.kind : EMU_ACC_NONE;
    return true;
}

static unsigned run_built(const struct form *f, struct choice ch)
{
    struct tcase c;
    struct emu_regs r0;
    build(f, ch, &c);
    assert_true(prepare(&c, &r0));
    run_case(&c, &r0);
    return 1;
}

/*
 * Prefix variant v of a random choice for f: bit 0 REX (its bits at
 * random, W not with 66), bit 1 66; false if f does not take them.
 */
static bool variant(const struct form *f, unsigned v, struct choice *ch)
{
    if ((v && f->flags & F_PLAIN) || (v & 2 && f->flags & F_NO66))
        return false;
    *ch = random_choice();
    ch->p66 = v & 2;
    ch->rex = v & 1 ? 0x40 | (int)(rnd() & (v & 2 ? 7 : 15)) : -1;
    return true;
}

/*
 * Every ModRM byte of every form that has one, without and with REX (W,
 * R, X, B at random) and 66 where the form allows it.
 */
unsigned gen_modrm_forms(void)
{
    unsigned n = 0;
    for (const struct form *f = forms; f < forms + NFORMS; f++) {
        if (f->digit == NO_MODRM)
            continue;
        for (unsigned modrm = 0; modrm < 256; modrm++)
            for (unsigned v = 0; v < 4; v++) {
                struct choice ch;
                if (!variant(f, v, &ch))
                    continue;
                ch.modrm = (uint8_t)modrm;
                n += run_built(f, ch);
            }
    }
    return n;
}

/* Every SIB byte with mod 00, 01, 10 and each REX.X, REX.B, over four forms. */
unsigned gen_sib_forms(void)
{
    const struct form *sib_forms[4] = {find_form(0, 0x8b, -1), find_form(0, 0x01, -1),
                                       find_form(0, 0x8d, -1), find_form(0, 0x83, 7)};
    unsigned n = 0;
    for (unsigned sib = 0; sib < 256; sib++)
        for (unsigned mod = 0; mod < 3; mod++)
            for (unsigned xb = 0; xb < 4; xb++) {
                struct choice ch = random_choice();
                ch.modrm = (uint8_t)(mod << 6 | (ch.modrm & 0x38) | 4);
                ch.sib = (uint8_t)sib;
                ch.rex = xb == 0 && rnd() & 1 ? -1 : 0x40 | (int)xb | (int)(rnd() & 12);
                n += run_built(sib_forms[(sib + mod + xb) % 4], ch);
            }
    return n;
}

/* Every form without ModRM but the jumps: each register, without and with REX and 66. */
unsigned gen_short_forms(void)
{
    unsigned n = 0;
    for (const struct form *f = forms; f < forms + NFORMS; f++) {
        if (f->digit != NO_MODRM || is_jump(f))
            continue;
        for (unsigned low = 0; low < 8; low++)
            for (unsigned v = 0; v < 4; v++)
                for (unsigned rep = 0; rep < 8; rep++) {
                    struct choice ch;
                    if (!variant(f, v, &ch))
                        continue;
                    ch.low = (uint8_t)low;
                    n += run_built(f, ch);
                }
    }
    return n;
}

/* Each jump and condition with each combination of CF, PF, ZF, SF and OF (and AF at random). */
unsigned gen_branches(void)
{
    static const uint64_t flag[5] = {EMU_CF, EMU_PF, EMU_ZF, EMU_SF, EMU_OF};
    unsigned n = 0;
    for (const struct form *f = forms; f < forms + NFORMS; f++) {
        if (!is_jump(f))
            continue;
        for (unsigned cc = 0; cc < 16; cc++)
            for (unsigned set = 0; set < 32; set++) {
                struct tcase c;
                struct emu_regs r0;
                struct choice ch = random_choice();
                ch.low = (uint8_t)cc;
                build(f, ch, &c);
                assert_true(prepare(&c, &r0));
                r0.rflags = 0x202 | (rnd() & EMU_AF);
                for (unsigned i = 0; i < 5; i++)
                    r0.rflags |= set >> i & 1 ? flag[i] : 0;
                run_case(&c, &r0);
                n++;
            }
    }
    return n;
}

void gen_any(struct tcase *c)
{
    build(&forms[rnd() % NFORMS], random_choice(), c);
}

unsigned gen_random(void)
{
    unsigned n = 6000;
    for (unsigned i = 0; i < n; i++)
        run_built(&forms[rnd() % NFORMS], random_choice());
    return n;
}

/* A memory operand in a random form (mod 00, 01, 10). */
static struct choice mem_choice(void)
{
    struct choice ch = random_choice();
    ch.modrm = (uint8_t)((ch.modrm & 0x3f) | (rnd() % 3) << 6);
    return ch;
}

void gen_store(uint8_t opc, struct tcase *c)
{
    build(find_form(0, opc, opc == 0xc6 || opc == 0xc7 ? 0 : -1), mem_choice(), c);
}

void gen_load64(struct tcase *c)
{
    struct choice ch = mem_choice();
    ch.rex = 0x48 | (int)(rnd() & 7);
    build(find_form(0, 0x8b, -1), ch, c);
    c->load_reg = (uint8_t)(((ch.modrm >> 3) & 7) | (ch.rex & 4 ? 8 : 0));
}
