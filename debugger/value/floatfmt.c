/*
 * floatfmt.c: binary floating-point values as gdb prints them, in the
 * formats x86_64 registers and C programs hold: IEEE 754 binary16
 * ("half"), bfloat16, binary32, binary64 and the x87 80-bit extended
 * format (SDM 4.2.2, with its explicit integer bit).
 *
 * gdb (target-float.c) prints a NaN as nan(0xMANTISSA) with a '-' when
 * the sign is set, the mantissa's top (len % 32) bits in %x then each
 * further 32 bits in %08x; an infinity as inf or -inf; an x87 value
 * whose integer bit disagrees with its exponent as <invalid float
 * value>; anything else with %g to DECIMAL_DIG digits, ceil(1 + p *
 * log10(2)) for a precision of p bits: 5 for half, 4 for bfloat16, 9,
 * 17 and 21.
 */
#include <float.h>
#include <stdio.h>
#include <string.h>

#include <hdb/value.h>

static const struct layout {
    int bytes, exp_bits, man_bits; /* man_bits counts the x87's explicit integer bit */
    bool int_bit;
    int digits;
} layouts[] = {
    [HDB_FLT_HALF] = {2, 5, 10, false, 5},   [HDB_FLT_BF16] = {2, 8, 7, false, 4},
    [HDB_FLT_SINGLE] = {4, 8, 23, false, 9}, [HDB_FLT_DOUBLE] = {8, 11, 52, false, 17},
    [HDB_FLT_X87] = {10, 15, 64, true, 21},
};

/* Bits [pos, pos + n) of the little-endian bytes p, n <= 64. */
static uint64_t field(const uint8_t *p, int pos, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)(p[(pos + i) / 8] >> ((pos + i) % 8) & 1) << i;
    return v;
}

int hdb_float_bytes(enum hdb_float_kind k)
{
    return k > 0 && k < (int)(sizeof(layouts) / sizeof(layouts[0])) ? layouts[k].bytes : 0;
}

/* A value of the narrow formats (half, bfloat16) exactly as a double. */
static double narrow_to_double(const struct layout *l, uint64_t exp, uint64_t man, bool neg)
{
    int bias = (1 << (l->exp_bits - 1)) - 1;
    double v = exp ? (double)((1ull << l->man_bits) | man) : (double)man;
    int e = (exp ? (int)exp : 1) - bias - l->man_bits;
    for (; e > 0; e--)
        v *= 2;
    for (; e < 0; e++)
        v /= 2;
    return neg ? -v : v;
}

double hdb_float_to_double(enum hdb_float_kind k, const uint8_t *raw)
{
    const struct layout *l = &layouts[k];
    int total = l->exp_bits + l->man_bits + 1;
    uint64_t exp = field(raw, l->man_bits, l->exp_bits);
    uint64_t man = field(raw, 0, l->man_bits);
    bool neg = field(raw, total - 1, 1);
    switch (k) {
    case HDB_FLT_SINGLE: {
        float f;
        memcpy(&f, raw, 4);
        return f;
    }
    case HDB_FLT_DOUBLE: {
        double d;
        memcpy(&d, raw, 8);
        return d;
    }
    case HDB_FLT_X87: {
#if LDBL_MANT_DIG == 64
        long double x = 0;
        memcpy(&x, raw, 10);
        return (double)x;
#else
        return narrow_to_double(l, exp, man, neg);
#endif
    }
    default:
        if (exp == (1u << l->exp_bits) - 1)
            return man ? (neg ? -0.0 : 0.0) / 0.0 : (neg ? -1.0 : 1.0) / 0.0;
        return narrow_to_double(l, exp, man, neg);
    }
}

void hdb_float_format(enum hdb_float_kind k, const uint8_t *raw, struct hdb_strbuf *b)
{
    const struct layout *l = &layouts[k];
    int total = l->exp_bits + l->man_bits + 1;
    uint64_t exp = field(raw, l->man_bits, l->exp_bits);
    bool neg = field(raw, total - 1, 1);
    bool int_bit = l->int_bit && field(raw, l->man_bits - 1, 1);
    int frac_bits = l->man_bits - (l->int_bit ? 1 : 0);
    uint64_t frac = field(raw, 0, frac_bits);
    if (l->int_bit && (exp == 0) != !int_bit) {
        hdb_sb_printf(b, "<invalid float value>");
        return;
    }
    if (exp == (1u << l->exp_bits) - 1) {
        if (!frac) {
            hdb_sb_printf(b, "%sinf", neg ? "-" : "");
            return;
        }
        hdb_sb_printf(b, "%snan(0x", neg ? "-" : "");
        int left = l->man_bits, first = left % 32 ? left % 32 : 32;
        hdb_sb_printf(b, "%llx", (unsigned long long)field(raw, left - first, first));
        for (left -= first; left > 0; left -= 32)
            hdb_sb_printf(b, "%08llx", (unsigned long long)field(raw, left - 32, 32));
        hdb_sb_putc(b, ')');
        return;
    }
#if LDBL_MANT_DIG == 64
    if (k == HDB_FLT_X87) {
        long double x = 0;
        memcpy(&x, raw, 10);
        hdb_sb_printf(b, "%.*Lg", l->digits, x);
        return;
    }
#endif
    hdb_sb_printf(b, "%.*g", l->digits, hdb_float_to_double(k, raw));
}

void hdb_float_format_double(double d, struct hdb_strbuf *b)
{
    uint8_t raw[8];
    memcpy(raw, &d, 8);
    hdb_float_format(HDB_FLT_DOUBLE, raw, b);
}

enum hdb_float_kind hdb_float_kind_of(uint64_t unit, uint64_t type, uint64_t size)
{
    unsigned code = type & 0xff;
    if (unit == HDB_BUILTIN_UNIT && !(type >> 8) &&
        (code == HDB_BT_BFLOAT16 || code == HDB_BT_IEEE_BF16))
        return HDB_FLT_BF16;
    switch (size) {
    case 2:
        return HDB_FLT_HALF;
    case 4:
        return HDB_FLT_SINGLE;
    case 8:
        return HDB_FLT_DOUBLE;
    case 10:
    case 16: /* long double: the x87 format in 16 bytes (psABI 3.1.2) */
        return HDB_FLT_X87;
    default:
        return HDB_FLT_NONE;
    }
}
