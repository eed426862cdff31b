/*
 * disasm_capstone.c: hdb's disassembler on Linux, capstone's x86-64
 * decoder (Debian's libcapstone) behind struct hdb_disasm.
 *
 * Capstone 4 prints AT&T syntax in its own dialect; gdb and objdump (GNU
 * opcodes) print it in theirs, and hdb shows what gdb shows. So the text
 * is rewritten here: no space after commas, every number in hex, the scale
 * of an index register always written (`(%rax,%rax,1)`), a displacement of
 * zero written when the encoding carries one (`0x0(%rax)`), the size suffix
 * dropped where a register operand or the instruction itself implies the
 * size (`mov %rsp,%rbp`, `call`, `push`, `ret`), and the implicit count of
 * a shift by one not written (`sar %rsi` for D1 /7).
 */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/error.h>
#include <hdb-linux/disasm.h>

struct cs_state {
    csh handle;
    cs_insn *insn;
};

/* Appends to a bounded text buffer; text past the end is dropped. */
struct out {
    char *s;
    size_t len, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
    while (n-- > 0 && o->len + 1 < o->cap)
        o->s[o->len++] = *s++;
    o->s[o->len] = 0;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * Copies the number at *p (optional '-', decimal or 0x-hex) as hex and
 * advances *p past it.
 */
static void put_number_hex(struct out *o, const char **p, const char *end)
{
    const char *q = *p;
    if (q < end && *q == '-') {
        puts_(o, "-");
        q++;
    }
    if (q + 1 < end && q[0] == '0' && q[1] == 'x') {
        const char *b = q;
        q += 2;
        while (q < end && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f')))
            q++;
        put(o, b, (size_t)(q - b));
    } else {
        unsigned long long v = 0;
        while (q < end && is_digit(*q))
            v = v * 10 + (unsigned long long)(*q++ - '0');
        char buf[24];
        snprintf(buf, sizeof(buf), "0x%llx", v);
        puts_(o, buf);
    }
    *p = q;
}

/*
 * How one instruction's operands are written: what the detail of the
 * decoded instruction says that the text does not.
 */
struct operand_ctx {
    bool disp0;        /* a displacement of zero is encoded */
    unsigned imm_size; /* bytes of the immediate's operation: negative ones are written modulo */
    bool string_op;    /* movs, stos, ...: (%rdi) is %es:(%rdi), (%rsi) %ds:(%rsi) */
};

/*
 * One operand, [b, e): immediates and displacements in hex, an index's
 * scale, a zero displacement, the string instructions' segments.
 */
static void put_operand(struct out *o, const char *b, const char *e, const struct operand_ctx *k)
{
    const char *p = b;
    if (p < e && *p == '$') {
        puts_(o, "$");
        p++;
        if (p < e && *p == '-' && k->imm_size) {
            /* GNU writes a sign-extended immediate as the unsigned value of the operation's size.
             */
            unsigned long long v = strtoull(p + 1, NULL, 0);
            unsigned long long m = k->imm_size >= 8 ? ~0ull : (1ull << (k->imm_size * 8)) - 1;
            char buf[24];
            snprintf(buf, sizeof(buf), "0x%llx", (0ull - v) & m);
            puts_(o, buf);
            return;
        }
        if (p < e && (is_digit(*p) || *p == '-'))
            put_number_hex(o, &p, e);
        put(o, p, (size_t)(e - p));
        return;
    }
    if (k->string_op && (size_t)(e - p) == 6 &&
        (memcmp(p, "(%rdi)", 6) == 0 || memcmp(p, "(%rsi)", 6) == 0))
        puts_(o, p[3] == 'd' ? "%es:" : "%ds:");
    if (p < e && *p == '*')
        put(o, p++, 1);
    /* A segment override: %fs:... */
    const char *colon = memchr(p, ':', (size_t)(e - p));
    if (colon) {
        put(o, p, (size_t)(colon + 1 - p));
        p = colon + 1;
    }
    const char *paren = memchr(p, '(', (size_t)(e - p));
    bool mem = paren && paren + 1 < e && (paren[1] == '%' || paren[1] == ',');
    if (p < e && (is_digit(*p) || *p == '-'))
        put_number_hex(o, &p, e);
    else if (mem && p == paren && (k->disp0 || paren[1] == ','))
        puts_(o, "0x0");
    if (!mem) {
        put(o, p, (size_t)(e - p));
        return;
    }
    const char *close = memchr(paren, ')', (size_t)(e - paren));
    if (!close) {
        put(o, p, (size_t)(e - p));
        return;
    }
    int commas = 0;
    for (const char *q = paren; q < close; q++)
        commas += *q == ',';
    put(o, p, (size_t)(close - p));
    if (commas == 1)
        puts_(o, ",1");
    put(o, close, (size_t)(e - close));
}

/*
 * True when an operand is a general-purpose register, whose name gives the
 * operation's size (not memory addressed through one, not %xmm, %st, %k).
 */
static bool is_register(const char *b, const char *e)
{
    if (b < e && *b == '*')
        b++;
    if (e - b < 3 || *b != '%' || memchr(b, ':', (size_t)(e - b)))
        return false;
    static const char *const others[] = {"%st", "%xmm", "%ymm", "%zmm", "%mm", "%k"};
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
        if (strncmp(b, others[i], strlen(others[i])) == 0)
            return false;
    return true;
}

static bool is_string_op(const char *name)
{
    static const char *const ops[] = {"movs", "stos", "lods", "scas", "cmps", "ins", "outs"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (n == strlen(ops[i]) + 1 && strncmp(name, ops[i], n - 1) == 0 &&
            strchr("bwlq", name[n - 1]))
            return true;
    return false;
}

/*
 * The mnemonic gdb prints: capstone's without a size suffix the operands
 * already imply (name: capstone's name of the instruction, which has
 * none, except for the string instructions).
 */
static void put_mnemonic(struct out *o, const char *mn, const char *name, bool reg_operand)
{
    const char *last = strrchr(mn, ' ');
    const char *word = last ? last + 1 : mn;
    put(o, mn, (size_t)(word - mn)); /* prefixes: rep, lock, ... */
    size_t wl = strlen(word), nl = strlen(name);
    if (is_string_op(word)) {
        name = word; /* capstone names them in Intel's words (stosd) */
        nl = wl - 1;
    }
    static const char *const implied[] = {"call", "jmp", "push", "pop", "ret", "leave"};
    bool strip = false;
    if (wl == nl + 1 && strncmp(word, name, nl) == 0 && strchr("bwlq", word[nl])) {
        strip = reg_operand;
        for (size_t i = 0; i < sizeof(implied) / sizeof(implied[0]); i++)
            strip = strip ||
                    (strncmp(name, implied[i], nl) == 0 && implied[i][nl] == 0 && word[nl] == 'q');
    }
    put(o, word, strip ? nl : wl);
}

static void gdb_text(const cs_insn *in, const char *name, char *text, size_t cap)
{
    const cs_x86 *x = &in->detail->x86;
    /* 66 90 is a nop to capstone, GNU's `xchg %ax,%ax`. */
    if (in->size == 2 && in->bytes[0] == 0x66 && in->bytes[1] == 0x90) {
        snprintf(text, cap, "xchg   %%ax,%%ax");
        return;
    }
    /* Capstone separates operands with ", " and masks with " {"; GNU with "," and "{". */
    char ops[160];
    size_t n = 0;
    for (const char *p = in->op_str; *p && n + 1 < sizeof(ops); p++)
        if (!(*p == ' ' && ((p > in->op_str && p[-1] == ',') || p[1] == '{')))
            ops[n++] = *p;
    ops[n] = 0;
    const char *start = ops;
    /* D0/D1 /r: a shift or rotate by one, whose count the GNU syntax leaves out. */
    if ((x->opcode[0] == 0xd0 || x->opcode[0] == 0xd1) && strncmp(start, "$1,", 3) == 0)
        start += 3;
    /* A segment on a nop is a padding prefix to GNU: `cs nopw 0x0(%rax,%rax,1)`. */
    char seg[8] = "";
    if (strcmp(name, "nop") == 0 && start[0] == '%' && start[3] == ':') {
        snprintf(seg, sizeof(seg), "%.2s ", start + 1);
        start += 4;
    }
    const char *word = strrchr(in->mnemonic, ' ');
    struct operand_ctx k = {.string_op = is_string_op(word ? word + 1 : in->mnemonic)};
    bool has_mem = false;
    for (int i = 0; i < x->op_count; i++) {
        if (x->operands[i].type == X86_OP_MEM)
            has_mem = true;
        if (x->operands[i].type == X86_OP_IMM && !k.imm_size)
            k.imm_size = x->operands[i].size;
    }
    /* A displacement is encoded (maybe zero) when ModRM.mod is 01 or 10 (SDM Vol. 2 2.1.5). */
    unsigned mod = (unsigned)x->modrm >> 6;
    k.disp0 = has_mem && (mod == 1 || mod == 2) && x->disp == 0;

    char opbuf[160];
    struct out oo = {opbuf, 0, sizeof(opbuf)};
    opbuf[0] = 0;
    bool reg_operand = false, gpr64 = false;
    bool port_io = strcmp(name, "in") == 0 || strcmp(name, "out") == 0;
    const char *b = start;
    int depth = 0;
    for (const char *p = start;; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        if (*p == 0 || (*p == ',' && depth == 0)) {
            if (p > b) {
                if (b != start)
                    puts_(&oo, ",");
                if (port_io && p - b == 3 && memcmp(b, "%dx", 3) == 0)
                    puts_(&oo, "(%dx)"); /* GNU writes the port register as memory */
                else
                    put_operand(&oo, b, p, &k);
                reg_operand = reg_operand || is_register(b, p);
                gpr64 = gpr64 || (p - b >= 3 && b[0] == '%' && b[1] == 'r' && b[2] != 'i' &&
                                  !strchr("dwb", p[-1]));
            }
            if (*p == 0)
                break;
            b = p + 1;
        }
    }
    char mnbuf[64];
    struct out om = {mnbuf, 0, sizeof(mnbuf)};
    /* Padding nops repeat 66: GNU names each beyond the operand-size one `data16`. */
    if (strcmp(name, "nop") == 0) {
        int extra = -1;
        for (unsigned i = 0; i < in->size && (in->bytes[i] == 0x66 || in->bytes[i] == 0x2e); i++)
            extra += in->bytes[i] == 0x66;
        for (int i = 0; i < extra; i++)
            puts_(&om, "data16 ");
    }
    puts_(&om, seg);
    if (strcmp(in->mnemonic, "movd") == 0 && gpr64)
        puts_(&om, "movq"); /* REX.W 66 0F 6E/7E moves 64 bits: GNU calls it movq */
    else
        put_mnemonic(&om, in->mnemonic, name, reg_operand);
    if (oo.len)
        snprintf(text, cap, "%-6s %s", mnbuf, opbuf);
    else
        snprintf(text, cap, "%s", mnbuf);
}

static int cs_decode(void *ctx, const uint8_t *code, size_t len, uint64_t addr,
                     struct hdb_insn *out)
{
    struct cs_state *st = ctx;
    const uint8_t *p = code;
    size_t left = len;
    uint64_t a = addr;
    if (!cs_disasm_iter(st->handle, &p, &left, &a, st->insn))
        return HDB_E_FORMAT;
    const cs_insn *in = st->insn;
    memset(out, 0, sizeof(*out));
    out->addr = addr;
    out->len = in->size;
    memcpy(out->bytes, in->bytes, in->size < HDB_INSN_MAX ? in->size : HDB_INSN_MAX);
    gdb_text(in, cs_insn_name(st->handle, in->id), out->text, sizeof(out->text));
    const cs_x86 *x = &in->detail->x86;
    bool branch = false;
    for (int i = 0; i < in->detail->groups_count; i++)
        branch =
            branch || in->detail->groups[i] == CS_GRP_JUMP || in->detail->groups[i] == CS_GRP_CALL;
    for (int i = 0; i < x->op_count; i++) {
        const cs_x86_op *op = &x->operands[i];
        if (branch && op->type == X86_OP_IMM && x->op_count == 1) {
            out->has_target = true;
            out->target = (uint64_t)op->imm;
        }
        if (op->type == X86_OP_MEM && op->mem.base == X86_REG_RIP) {
            out->has_ref = true;
            out->ref = addr + in->size + (uint64_t)op->mem.disp;
        }
    }
    return 0;
}

static const struct hdb_disasm_ops cs_ops = {.decode = cs_decode};

int hdb_capstone_open(struct hdb_disasm *d)
{
    struct cs_state *st = calloc(1, sizeof(*st));
    if (!st)
        return HDB_E_NOMEM;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &st->handle) != CS_ERR_OK) {
        free(st);
        return HDB_E_NOTSUP;
    }
    cs_option(st->handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
    cs_option(st->handle, CS_OPT_DETAIL, CS_OPT_ON);
    st->insn = cs_malloc(st->handle);
    if (!st->insn) {
        cs_close(&st->handle);
        free(st);
        return HDB_E_NOMEM;
    }
    d->ops = &cs_ops;
    d->ctx = st;
    return 0;
}

void hdb_capstone_close(struct hdb_disasm *d)
{
    struct cs_state *st = d->ctx;
    if (st) {
        cs_free(st->insn, 1);
        cs_close(&st->handle);
        free(st);
    }
    d->ops = NULL;
    d->ctx = NULL;
}
