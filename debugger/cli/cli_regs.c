/*
 * cli_regs.c: info registers [REG|GROUP ...], info all-registers, info
 * vector and info float, laid out as gdb lays them out.
 *
 * gdb prints a register as its name to column 15, then (infcmd.c,
 * default_print_one_register_info) a floating one in its natural form
 * and "(raw 0x...)" from column 35, a vector one in hex only, and any
 * other in hex and then in its natural form from column 35 (or after one
 * space when the hex runs past it). The groups are regdesc.c's.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/value.h>

/* One register's line; HDB_E_NOTSUP when the target cannot read it. */
static int register_line(struct hdb_cli *c, const struct hdb_reg_desc *d)
{
    struct hdb_value v;
    int rc = hdb_reg_value(c->s, d, &v);
    if (rc < 0)
        return rc;
    char name[16];
    hdb_reg_desc_name(d, name, sizeof(name));
    struct hdb_strbuf *b = &c->out;
    hdb_sb_reset(b);
    hdb_sb_printf(b, "%-15s", name);
    if (d->cls == HDB_RC_XMM) {
        rc = hdb_value_format(c->s, &v, 'x', false, b);
    } else if (d->cls == HDB_RC_ST) {
        uint8_t raw[10];
        rc = hdb_value_format(c->s, &v, 0, false, b);
        if (rc == 0 && hdb_session_read(c->s, v.addr, raw, 10) != 10)
            rc = HDB_E_IO;
        hdb_sb_printf(b, "%*s(raw 0x", b->len < 35 ? 35 - (int)b->len : 1, "");
        for (int i = 9; i >= 0; i--)
            hdb_sb_printf(b, "%02x", raw[i]);
        hdb_sb_putc(b, ')');
    } else {
        size_t start = b->len;
        rc = hdb_value_format(c->s, &v, 'x', false, b);
        hdb_sb_printf(b, "%*s", (int)(b->len - start) < 19 ? 19 - (int)(b->len - start) + 1 : 1,
                      "");
        if (rc == 0 && d->cls == HDB_RC_INT &&
            (v.kind == HDB_VAL_CODE_PTR || v.kind == HDB_VAL_DATA_PTR)) {
            /* gdb's natural form of $pc and $sp, without their types' prefix. */
            hdb_sb_printf(b, "0x%llx", (unsigned long long)v.scalar);
            if (v.kind == HDB_VAL_CODE_PTR)
                hdb_format_symbolic(c->s, v.scalar, b);
        } else if (rc == 0) {
            rc = hdb_value_format(c->s, &v, 0, false, b);
        }
    }
    if (rc < 0)
        return rc;
    hdb_cli_out(c, "%s\n", b->s);
    return 0;
}

static int print_group(struct hdb_cli *c, enum hdb_reg_group g, const struct hdb_fpregs *fp)
{
    struct hdb_reg_desc list[128];
    int n = hdb_reg_group(g, fp->have, list, 128);
    struct hdb_regs regs;
    int rc = hdb_session_regs(c->s, &regs);
    if (rc < 0)
        return rc;
    for (int i = 0; i < n && i < 128; i++) {
        if (list[i].cls == HDB_RC_INT && !hdb_regs_has(&regs, list[i].index))
            continue;
        if ((rc = register_line(c, &list[i])) < 0)
            return rc;
    }
    return 0;
}

/* SDM 8.1.3, 8.1.5: the status and control words as gdb's i387-tdep.c spells them out. */
static void x87_words(struct hdb_cli *c, const struct hdb_fpregs *fp)
{
    static const struct {
        unsigned bit;
        const char *name;
    } status[] = {{0x1, "IE"},  {0x2, "DE"},   {0x4, "ZE"},   {0x8, "OE"},   {0x10, "UE"},
                  {0x20, "PE"}, {0, ""},       {0x80, "ES"},  {0, ""},       {0x40, "SF"},
                  {0, ""},      {0x100, "C0"}, {0x200, "C1"}, {0x400, "C2"}, {0x4000, "C3"}};
    static const char *const pc[] = {"Single Precision (24-bits)", "Reserved",
                                     "Double Precision (53-bits)", "Extended Precision (64-bits)"};
    static const char *const rc[] = {"Round to nearest", "Round down", "Round up",
                                     "Round toward zero"};
    unsigned fstat = fp->x87[HDB_X87_FSTAT], fctrl = fp->x87[HDB_X87_FCTRL];
    struct hdb_strbuf *b = &c->out;
    hdb_sb_reset(b);
    hdb_sb_printf(b, "Status Word:         0x%04x  ", fstat);
    for (size_t i = 0; i < sizeof(status) / sizeof(status[0]); i++)
        hdb_sb_printf(b, status[i].bit ? " %s" : "  ",
                      status[i].bit ? (fstat & status[i].bit ? status[i].name : "  ") : "");
    hdb_cli_out(c, "%s\n                       TOP: %u\n", b->s, fstat >> 11 & 7);
    hdb_sb_reset(b);
    hdb_sb_printf(b, "Control Word:        0x%04x  ", fctrl);
    static const char *const masks[] = {"IM", "DM", "ZM", "OM", "UM", "PM"};
    for (unsigned i = 0; i < 6; i++)
        hdb_sb_printf(b, " %s", fctrl >> i & 1 ? masks[i] : "  ");
    hdb_cli_out(c, "%s\n                       PC: %s\n                       RC: %s\n", b->s,
                pc[fctrl >> 8 & 3], rc[fctrl >> 10 & 3]);
}

/* An x87 register's value and class, as gdb's print_i387_ext shows them. */
static void x87_value(const uint8_t *raw, struct hdb_strbuf *b)
{
    bool sign = raw[9] & 0x80, integer = raw[7] & 0x80;
    unsigned exp = (unsigned)(raw[9] & 0x7f) << 8 | raw[8];
    uint64_t frac = 0;
    memcpy(&frac, raw, 8);
    frac &= ~(1ull << 63);
    if (exp == 0x7fff && integer) {
        if (!frac)
            hdb_sb_printf(b, " %cInf", sign ? '-' : '+');
        else if (sign && frac == 1ull << 62)
            hdb_sb_printf(b, " Real Indefinite (QNaN)");
        else
            hdb_sb_printf(b, frac >> 62 & 1 ? " QNaN" : " SNaN");
        return;
    }
    if (exp == 0x7fff || (exp && !integer)) {
        hdb_sb_printf(b, " Unsupported");
        return;
    }
    /* gdb's " %-+27.19g": a sign always, 19 digits, left-aligned in 27 columns. */
    long double x = 0;
    memcpy(&x, raw, 10);
    hdb_sb_printf(b, " %-+27.19Lg", x);
    if (!exp && integer)
        hdb_sb_printf(b, " Pseudo-denormal");
    else if (!exp && frac)
        hdb_sb_printf(b, " Denormal");
}

static int info_float(struct hdb_cli *c, const struct hdb_fpregs *fp)
{
    if (!(fp->have & HDB_FP_X87))
        return HDB_E_NOTSUP;
    unsigned top = fp->x87[HDB_X87_FSTAT] >> 11 & 7, ftag = fp->x87[HDB_X87_FTAG];
    struct hdb_strbuf *b = &c->out;
    static const char *const tags[] = {"Valid   ", "Zero    ", "Special ", "Empty   "};
    for (int phys = 7; phys >= 0; phys--) {
        unsigned tag = ftag >> (2 * phys) & 3;
        const uint8_t *raw = fp->st[(phys + 8 - (int)top) % 8];
        hdb_sb_reset(b);
        hdb_sb_printf(b, "%sR%d: %s0x", phys == (int)top ? "=>" : "  ", phys, tags[tag]);
        for (int i = 9; i >= 0; i--)
            hdb_sb_printf(b, "%02x", raw[i]);
        if (tag != 3)
            x87_value(raw, b);
        hdb_cli_out(c, "%s\n", b->s);
    }
    hdb_cli_out(c, "\n");
    x87_words(c, fp);
    unsigned fop = fp->x87[HDB_X87_FOP];
    hdb_cli_out(c,
                "Tag Word:            0x%04x\nInstruction Pointer: 0x%02x:0x%08x\n"
                "Operand Pointer:     0x%02x:0x%08x\nOpcode:              0x%04x\n",
                ftag, fp->x87[HDB_X87_FISEG], fp->x87[HDB_X87_FIOFF], fp->x87[HDB_X87_FOSEG],
                fp->x87[HDB_X87_FOOFF], fop ? fop | 0xd800 : 0);
    return 0;
}

int hdb_cli_info_registers(struct hdb_cli *c, int id, const char *args)
{
    struct hdb_regs regs;
    struct hdb_fpregs fp;
    int rc = hdb_session_regs(c->s, &regs);
    if (rc < 0) {
        hdb_cli_err(c, "The program has no registers now.\n");
        return rc;
    }
    memset(&fp, 0, sizeof(fp));
    if (c->s->target->ops->read_fpregs)
        c->s->target->ops->read_fpregs(c->s->target, c->s->cur_tid, &fp);
    if (id == HDB_INFO_FLOAT) {
        rc = info_float(c, &fp);
        if (rc < 0)
            hdb_cli_err(c, "The target has no x87 registers hdb can read.\n");
        return rc;
    }
    if (id != HDB_INFO_REGISTERS || !*args)
        return print_group(c,
                           id == HDB_INFO_ALL_REGISTERS ? HDB_RG_ALL
                           : id == HDB_INFO_VECTOR      ? HDB_RG_VECTOR
                                                        : HDB_RG_GENERAL,
                           &fp);
    char name[32];
    while (*args) {
        size_t n = 0;
        while (*args == ' ')
            args++;
        while (*args && *args != ' ' && n + 1 < sizeof(name))
            name[n++] = *args++;
        name[n] = 0;
        if (!n)
            break;
        const char *bare = name[0] == '$' ? name + 1 : name;
        static const struct {
            const char *name;
            enum hdb_reg_group g;
        } groups[] = {{"general", HDB_RG_GENERAL},
                      {"all", HDB_RG_ALL},
                      {"vector", HDB_RG_VECTOR},
                      {"float", HDB_RG_FLOAT}};
        bool group = false;
        for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]) && !group; i++)
            if (strcmp(bare, groups[i].name) == 0) {
                group = true;
                if ((rc = print_group(c, groups[i].g, &fp)) < 0)
                    return rc;
            }
        if (group)
            continue;
        struct hdb_reg_desc d;
        if (hdb_reg_lookup(bare, &d) < 0 ||
            (d.cls == HDB_RC_INT && !hdb_regs_has(&regs, d.index)) ||
            !hdb_reg_desc_present(&d, &fp)) {
            hdb_cli_err(c, "Invalid register `%s'\n", bare);
            return HDB_E_NOT_FOUND;
        }
        if ((rc = register_line(c, &d)) < 0)
            return rc;
    }
    return 0;
}
